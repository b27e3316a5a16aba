'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/** Said when saving got no answer. Saving again is safe: it sets the same choice. */
export const PORTFOLIO_SCHOOL_UNREACHABLE = couldNotReach('your portfolio setting may not have been saved', 'Your choice is still here: check your connection and press Save portfolio setting again.');
const unreachable: ActionResult = { ok: false, formError: PORTFOLIO_SCHOOL_UNREACHABLE };

/**
 * "Show my school on my portfolio" on the account page, under the preview of the portfolio's top
 * (which shows the saved choice). Its own button, named for what it saves: the profile form's
 * "Save" is on the same page. A real POST form: works without scripts.
 */
export function PortfolioSchoolForm({ action, showsSchool, schoolName }: { action: Action; showsSchool: boolean; schoolName: string | null }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  return (
    <form {...formProps} noValidate className="mt-4">
      <ActionAlerts state={state} />
      <div className="mb-4 flex items-start gap-2">
        {/* Keyed by the saved choice, so the box shows it as stored once saved. */}
        <input key={String(showsSchool)} id="showSchool" name="showSchool" type="checkbox" defaultChecked={showsSchool} aria-describedby="showSchool-hint" className="mt-1 h-4 w-4" />
        <div>
          <label htmlFor="showSchool" className="font-semibold">Show my school on my portfolio</label>
          <p id="showSchool-hint" className="text-sm text-slate-700">
            {schoolName ? `Your school on this site is ${schoolName}.` : 'You have no school on this site yet; this decides whether your portfolio shows one once you do.'} This changes only your public portfolio.
          </p>
        </div>
      </div>
      <button type="submit" disabled={pending} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save portfolio setting'}
      </button>
    </form>
  );
}
