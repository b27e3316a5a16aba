'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { grantQualificationAction } from '@/app/admin/review-quality/actions';
import { filterSelectClass } from '@/components/ui/field';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';

const unreachable: ActionResult = { ok: false, formError: couldNotReach('the qualification may not have been granted', 'The email is still here: check your connection and press Grant qualification again.') };

export function GrantQualificationForm({ credentials }: { credentials: { id: string; title: string }[] }) {
  const { state, pending, formProps } = useReachableActionState(grantQualificationAction, initialActionState, unreachable);
  const emailError = !state.ok ? state.fieldErrors?.email : undefined;
  return (
    <form {...formProps} noValidate className="flex flex-wrap items-end gap-4">
      <div>
        <label htmlFor="q-email" className="block text-sm font-semibold">Reviewer’s email</label>
        <input id="q-email" name="email" type="email" required autoComplete="off" aria-invalid={emailError ? true : undefined} aria-describedby={emailError ? 'q-email-error' : undefined} className="mt-1 rounded-md border border-slate-500 px-3 py-2" />
        {emailError ? <p id="q-email-error" className="mt-1 text-sm text-red-700">{emailError.join(' ')}</p> : null}
      </div>
      <div className="max-w-full">
        <label htmlFor="q-mc" className="block text-sm font-semibold">Micro-credential</label>
        <select id="q-mc" name="microCredentialId" className={filterSelectClass}>
          {credentials.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={pending} className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
        Grant qualification
      </button>
      {/* Always on the page, so the outcome is read out; a refused email takes focus back to its field. */}
      <ActionAlerts state={state} className="w-full" />
    </form>
  );
}
