'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { PORTFOLIO_HEADLINE_MAX } from '@/lib/teaching/schemas';

type Action = (prev: ActionResult, fd: FormData) => Promise<ActionResult>;

/** Said when saving got no answer (offline, a deploy since the page loaded): the headline stays, to save again. */
export const HEADLINE_UNREACHABLE = couldNotReach('your headline may not have been saved', 'What you typed is still here: check your connection and press Save headline again.');
const unreachable: ActionResult = { ok: false, formError: HEADLINE_UNREACHABLE };

/**
 * "Headline" in the account page's portfolio settings: one line under the teacher's name at the top
 * of their public portfolio ("Grade 5 teacher, assessment lead"). Optional; empty clears it. Its own
 * button, named for what it saves. A real POST form: works without scripts.
 */
export function PortfolioHeadlineForm({ action, headline }: { action: Action; headline: string }) {
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...formProps} noValidate className="mt-4">
      <ActionAlerts state={state} />
      {/* Keyed by the saved headline, so the field shows it as stored (trimmed) once saved. */}
      <TextField
        key={headline}
        label="Headline (optional)"
        name="portfolioHeadline"
        defaultValue={headline}
        maxLength={PORTFOLIO_HEADLINE_MAX}
        autoComplete="off"
        hint={`One line under your name at the top of your portfolio, like “Grade 5 teacher, assessment lead”. Up to ${PORTFOLIO_HEADLINE_MAX} characters; leave it empty for none.`}
        errors={errors?.portfolioHeadline}
      />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save headline'}
      </button>
    </form>
  );
}
