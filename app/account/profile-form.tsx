'use client';

import { changeEmailAction, updateProfileAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { CONFIRMED_EMAIL_FIXED, ROLE_EMAIL_FIXED } from '@/lib/auth/schemas';

// Said when saving got no answer (offline, a deploy since the page loaded): the form stays, with what
// was typed, to send again (useReachableActionState).
export const PROFILE_UNREACHABLE = couldNotReach('your profile may not have been saved', 'What you typed is still here: check your connection and press Save again.');
export const EMAIL_UNREACHABLE = couldNotReach('your email address may not have been changed', 'What you typed is still here: check your connection and press Change address again.');
const profileUnreachable: ActionResult = { ok: false, formError: PROFILE_UNREACHABLE };
const emailUnreachable: ActionResult = { ok: false, formError: EMAIL_UNREACHABLE };

type Account = { name: string; email: string; publicName: string | null; handle: string | null; portfolioPublic: boolean; emailNotifications: boolean };

/** Where the portfolio is (or will be): the teacher's own address once they have chosen one. */
function portfolioHint({ handle, portfolioPublic }: Pick<Account, 'handle' | 'portfolioPublic'>): string {
  if (!handle) return 'Your public portfolio will be at /u/ followed by the address you choose here.';
  return portfolioPublic ? `Your public portfolio is at /u/${handle}.` : `Your portfolio will be at /u/${handle} once you make it public.`;
}

export function ProfileForm({ account }: { account: Account }) {
  const { state, pending, formProps } = useReachableActionState(updateProfileAction, initialActionState, profileUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate>
      <ActionAlerts state={state} />
      <TextField label="Name" name="name" autoComplete="name" defaultValue={account.name} required errors={errors?.name} />
      <TextField label="Name on public credentials" name="publicName" defaultValue={account.publicName ?? ''} hint="How your name appears on badges issued from now on. Leave empty to use your name." errors={errors?.publicName} />
      <TextField label="Portfolio address" name="handle" defaultValue={account.handle ?? ''} hint={portfolioHint(account)} errors={errors?.handle} />
      <div className="mb-4 flex items-start gap-2">
        <input id="portfolioPublic" name="portfolioPublic" type="checkbox" defaultChecked={account.portfolioPublic} className="mt-1 h-4 w-4" />
        <label htmlFor="portfolioPublic">
          <span className="font-semibold">Make my portfolio public</span>
          <span className="block text-sm text-slate-700">Lists your badges and stacks. Off by default; your evidence files are never public.</span>
        </label>
      </div>
      <div className="mb-4 flex items-start gap-2">
        <input id="emailNotifications" name="emailNotifications" type="checkbox" defaultChecked={account.emailNotifications} className="mt-1 h-4 w-4" />
        <label htmlFor="emailNotifications">
          <span className="font-semibold">Email me about my work</span>
          <span className="block text-sm text-slate-700">Decisions, reminders and news from your district or issuer, as well as in the app. Notices about your account’s security, and about a badge of yours being suspended, revoked or reinstated, are always emailed.</span>
        </label>
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}

/**
 * "Email address" (the confirmation notice links here, to #email). Until the address is confirmed
 * a mistyped one can be corrected; once confirmed it is shown, not changed.
 */
export function EmailForm({ email, confirmed, fixedByRole = false }: { email: string; confirmed: boolean; fixedByRole?: boolean }) {
  const { state, pending, formProps } = useReachableActionState(changeEmailAction, initialActionState, emailUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  if (confirmed) {
    return <TextField label="Email address" name="email" type="email" value={email} readOnly hint={`Confirmed. ${CONFIRMED_EMAIL_FIXED}`} />;
  }
  if (fixedByRole) {
    return <TextField label="Email address" name="email" type="email" value={email} readOnly hint={`Not confirmed yet. ${ROLE_EMAIL_FIXED}`} />;
  }
  return (
    <form {...formProps} noValidate>
      <ActionAlerts state={state} />
      {/* Keyed by the saved address, so the field shows it as stored (lowercased) once saved. */}
      <TextField
        key={email}
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={email}
        required
        hint="Not confirmed yet. If it is mistyped, correct it here: the confirmation link goes to the new address, and links sent before stop working."
        errors={errors?.email}
      />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Saving…' : 'Change address'}
      </button>
    </form>
  );
}
