'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { OutcomeRegions } from '@/components/ui/outcome-regions';
import { STILL_VERIFIABLE } from '@/components/awards/portfolio-words';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/** Said when the request got no answer. Pressing again is safe: the form asks for a state, not a toggle. */
export function badgePortfolioUnreachable(hidden: boolean): string {
  return hidden
    ? couldNotReach('the badge may not have been put back on your portfolio', 'Check your connection and press Show on my portfolio again.')
    : couldNotReach('the badge may not have been hidden from your portfolio', 'Check your connection and press Hide from my portfolio again.');
}

/**
 * On a My badges card: where the badge stands with the portfolio (`status`), and one button that
 * hides it from the portfolio or shows it again. The button's name says what it does and names
 * the badge (cards share a page); that the badge still verifies for anyone with its link is said
 * beside it and read with it. The form sends the state asked for, so a double press changes nothing
 * twice. A real POST form: works before scripts load or without them.
 */
export function BadgePortfolioForm({ action, awardId, title, hidden, status }: { action: Action; awardId: string; title: string; hidden: boolean; status: string }) {
  const unreachable: ActionResult = { ok: false, formError: badgePortfolioUnreachable(hidden) };
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  const statusId = `portfolio-status-${awardId}`;
  const noteId = `portfolio-note-${awardId}`;
  const message = state.ok ? state.message : state.formError;
  return (
    <form {...formProps} className="mt-3 border-t border-slate-200 pt-2">
      <input type="hidden" name="awardId" value={awardId} />
      <input type="hidden" name="show" value={hidden ? 'yes' : 'no'} />
      <p id={statusId} className="text-sm text-slate-800">{status}</p>
      <button
        type="submit"
        disabled={pending}
        aria-describedby={`${statusId} ${noteId}`}
        className="mt-1 min-h-6 rounded-md border border-slate-400 bg-white px-3 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60"
      >
        {hidden ? 'Show on my portfolio' : 'Hide from my portfolio'}
        <span className="sr-only">: “{title}”</span>
      </button>
      <p id={noteId} className="mt-1 text-xs text-slate-700">{STILL_VERIFIABLE}</p>
      <OutcomeRegions assertive={!state.ok}>
        {message ? <p className={`mt-1 text-sm ${state.ok ? 'text-green-800' : 'text-red-700'}`}>{message}</p> : null}
      </OutcomeRegions>
    </form>
  );
}
