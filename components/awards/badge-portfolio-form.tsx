'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { OutcomeRegions } from '@/components/ui/outcome-regions';
import { STILL_VERIFIABLE } from '@/components/awards/portfolio-words';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/**
 * On a My badges card: where the badge stands with the portfolio (`status`), and one button that
 * hides it from the portfolio or shows it again. The button's name says what it does and names
 * the badge (cards share a page); that the badge still verifies for anyone with its link is said
 * beside it and read with it. The form sends the state asked for, so a double press changes nothing
 * twice. A real POST form: works before scripts load or without them.
 */
export function BadgePortfolioForm({ action, awardId, title, hidden, status }: { action: Action; awardId: string; title: string; hidden: boolean; status: string }) {
  const [state, dispatch, pending] = useActionState(action, initialActionState);
  const statusId = `portfolio-status-${awardId}`;
  const noteId = `portfolio-note-${awardId}`;
  const message = state.ok ? state.message : state.formError;
  return (
    <form {...keepInputForm(dispatch)} className="mt-3 border-t border-slate-200 pt-2">
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
