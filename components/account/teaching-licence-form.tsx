'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/** Said when saving got no answer (offline, a deploy since the page loaded): the details stay, to save again. */
export const LICENCE_UNREACHABLE = couldNotReach('your licence details may not have been saved', 'What you typed is still here: check your connection and press Save licence details again.');
const unreachable: ActionResult = { ok: false, formError: LICENCE_UNREACHABLE };

/**
 * "Teaching licence" on the account page: when the person's licence is next due for renewal (My
 * badges counts their PD hours toward it, where their district sets the hours renewal needs) and
 * its number. Both are theirs alone: no other page shows them. `renewsOn` is YYYY-MM-DD or ''.
 * `toward`: what My badges will count, in a sentence (the district's hours and cycle), or null.
 * Its own button, named for what it saves: the profile form's "Save" is on the same page. A real
 * POST form: works without scripts.
 */
export function TeachingLicenceForm({ action, renewsOn, number, toward }: { action: Action; renewsOn: string; number: string; toward: string | null }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate>
      <h2 id="licence" className="mb-1 scroll-mt-4 font-semibold">Teaching licence</h2>
      <p className="mb-4 text-sm text-slate-700">
        Only you see these details: they are not on your portfolio or your badges, and reviewers and your district do not see them.{toward ? ` ${toward}` : ''}
      </p>
      <ActionAlerts state={state} />
      {/* Keyed by the saved values, so the fields show them as stored once saved. */}
      <TextField
        key={`date-${renewsOn}`}
        label="Date your licence is next due for renewal (optional)"
        name="licenceRenewsOn"
        type="date"
        defaultValue={renewsOn}
        min="2000-01-01"
        max="2099-12-31"
        hint="As year-month-day, like 2028-06-30. Leave empty if you do not want it kept."
        errors={errors?.licenceRenewsOn}
      />
      <TextField
        key={`number-${number}`}
        label="Licence number (optional)"
        name="licenceNumber"
        defaultValue={number}
        maxLength={40}
        autoComplete="off"
        spellCheck={false}
        hint="Up to 40 characters, for your own reference."
        errors={errors?.licenceNumber}
      />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save licence details'}
      </button>
    </form>
  );
}
