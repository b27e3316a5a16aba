'use client';

import { issuerProfileAction, issuerReviewSettingsAction } from '@/app/admin/settings/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { CheckboxField, SelectField, TextArea, TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { CLAIM_MINUTES } from '@/lib/organizations/schemas';

// Said when saving got no answer (offline, a deploy since the page loaded): the form stays, with what
// was typed and chosen, to save again (useReachableActionState).
export const ISSUER_PROFILE_UNREACHABLE = couldNotReach('the profile may not have been saved', 'What you typed is still here: check your connection and press Save profile again.');
export const REVIEW_SETTINGS_UNREACHABLE = couldNotReach('the review settings may not have been saved', 'What you chose is still here: check your connection and press Save review settings again.');
const profileUnreachable: ActionResult = { ok: false, formError: ISSUER_PROFILE_UNREACHABLE };
const settingsUnreachable: ActionResult = { ok: false, formError: REVIEW_SETTINGS_UNREACHABLE };

const buttonClass = 'rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60';

type Profile = { id: string; name: string; description: string; url: string | null; email: string | null; linkedinOrganizationId: string | null; updatedAt: Date };

export function IssuerProfileForm({ issuer }: { issuer: Profile }) {
  const { state, pending, formProps } = useReachableActionState(issuerProfileAction, initialActionState, profileUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate aria-labelledby="profile-heading">
      <input type="hidden" name="organizationId" value={issuer.id} />
      <input type="hidden" name="seenAt" value={issuer.updatedAt.toISOString()} />
      <ActionAlerts state={state} />
      <TextField label="Name" name="name" defaultValue={issuer.name} required maxLength={120} errors={errors?.name} />
      <TextArea label="About" name="description" defaultValue={issuer.description} maxLength={2000} hint="A few sentences for teachers and for anyone checking a badge." errors={errors?.description} />
      <TextField label="Website" name="url" type="url" inputMode="url" defaultValue={issuer.url ?? ''} placeholder="https://" hint="Optional. Without one, badges link to your page on Microcred." errors={errors?.url} />
      <TextField label="Contact email" name="email" type="email" defaultValue={issuer.email ?? ''} hint="Optional. Shown in your badges’ issuer profile." errors={errors?.email} />
      <TextField
        label="LinkedIn page number"
        name="linkedinOrganizationId"
        inputMode="numeric"
        defaultValue={issuer.linkedinOrganizationId ?? ''}
        hint="Optional. The number in your LinkedIn page’s admin address (linkedin.com/company/1234567/admin/). Teachers who add a badge to their LinkedIn profile then show it under your page, with your logo."
        errors={errors?.linkedinOrganizationId}
      />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save profile'}</button>
    </form>
  );
}

type ReviewSettings = {
  id: string; updatedAt: Date; slaBusinessDays: number; doubleScorePercent: number; claimMinutes: number;
  blockSameDistrict: boolean; blindReview: boolean; calibrationRequired: boolean;
};

const claimLabel = (m: number) => (m < 60 ? `${m} minutes` : m === 60 ? '1 hour' : m === 1440 ? '24 hours' : `${m / 60} hours`);

export function IssuerReviewSettingsForm({ settings }: { settings: ReviewSettings }) {
  const { state, pending, formProps } = useReachableActionState(issuerReviewSettingsAction, initialActionState, settingsUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const claimOptions = CLAIM_MINUTES.includes(settings.claimMinutes) ? CLAIM_MINUTES : [...CLAIM_MINUTES, settings.claimMinutes].sort((a, b) => a - b);
  return (
    <form {...formProps} noValidate aria-labelledby="review-heading">
      <input type="hidden" name="organizationId" value={settings.id} />
      <input type="hidden" name="seenAt" value={settings.updatedAt.toISOString()} />
      <ActionAlerts state={state} />
      <div className="grid gap-x-4 sm:grid-cols-3">
        <TextField label="Decision within (working days)" name="slaBusinessDays" type="number" min={1} max={60} step={1} defaultValue={settings.slaBusinessDays} required errors={errors?.slaBusinessDays} hint="Each submission’s due date; the dashboard reports how much is decided on time." />
        <TextField label="Second scoring (% of submissions)" name="doubleScorePercent" type="number" min={0} max={100} step={1} defaultValue={settings.doubleScorePercent} required errors={errors?.doubleScorePercent} hint="A random share is scored twice, independently; disagreements go to adjudication." />
        <SelectField label="A claim lasts" name="claimMinutes" defaultValue={String(settings.claimMinutes)} errors={errors?.claimMinutes} hint="After this, unfinished work returns to the queue.">
          {claimOptions.map((m) => <option key={m} value={m}>{claimLabel(m)}</option>)}
        </SelectField>
      </div>
      <fieldset className="mb-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Fairness checks</legend>
        <CheckboxField name="calibrationRequired" label="Reviewers calibrate before scoring" defaultChecked={settings.calibrationRequired} hint="Where a credential has scored exemplars, each reviewer scores them and passes before scoring teachers’ work." />
        <CheckboxField name="blindReview" label="Blind review" defaultChecked={settings.blindReview} hint="Reviewers do not see the teacher’s name, school or district while scoring." />
        <CheckboxField name="blockSameDistrict" label="No reviewing teachers of the same district" defaultChecked={settings.blockSameDistrict} hint="Also applies to reviewers whose email address is on the teacher’s district domain. People at the same school never review each other’s work, whether this is on or off." />
      </fieldset>
      <p className="mb-4 text-sm text-slate-700">Nobody ever reviews their own work or the work of someone at their own school, and a second score always comes from a different reviewer, whatever these settings say.</p>
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save review settings'}</button>
    </form>
  );
}
