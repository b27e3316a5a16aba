'use client';

import { createContext, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { decideProposalAction } from '@/app/district/proposals/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { FieldError, inputClass } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when a decision got no answer. Pressing again is safe: a proposal decided already is refused
 * as no longer waiting for a decision.
 */
export const DECISION_UNREACHABLE = couldNotReach('your decision may not have been saved', 'Your comment is still here: check your connection and press Approve or Return with comment again.');
const unreachable: ActionResult = { ok: false, formError: DECISION_UNREACHABLE };

type Decision = 'APPROVED' | 'RETURNED';
type Deciding = { decision: Decision; teacherName: string; credentialTitle: string };
type Decisions = { deciding: (proposalId: string, d: Deciding) => void; failed: (proposalId: string) => void };

const DecisionsContext = createContext<Decisions | null>(null);

function outcomeText(d: Deciding) {
  const what = `${d.teacherName}’s proposal for ${d.credentialTitle}`;
  return d.decision === 'APPROVED' ? `Approved: ${what}. The teacher has been notified.` : `Returned with your comment: ${what}. The teacher has been notified.`;
}

/**
 * Wraps the waiting list. A decided proposal leaves the list when the page revalidates, taking its
 * form (and the keyboard focus) with it, so the outcome can't be shown there: this region stays
 * mounted above the list, says what was decided, and focus moves to the next proposal's comment
 * (or to this region when none is left). `proposalIds` are the proposals listed, in order.
 */
export function ProposalDecisions({ proposalIds, children }: { proposalIds: string[]; children: ReactNode }) {
  const [listed, setListed] = useState(proposalIds);
  const [deciding, setDeciding] = useState<Record<string, Deciding>>({});
  const [outcome, setOutcome] = useState<{ text: string; focusId: string | null } | null>(null);
  const regionRef = useRef<HTMLDivElement>(null);

  // The list changed (after a decision revalidated the page): proposals decided here that are gone
  // are announced. Adjusted while rendering, as React recommends for state derived from props.
  if (listed.join() !== proposalIds.join()) {
    setListed(proposalIds);
    const gone = listed.filter((id) => !proposalIds.includes(id) && deciding[id]);
    if (gone.length) {
      const last = listed.indexOf(gone[gone.length - 1]);
      const next = listed.slice(last + 1).find((id) => proposalIds.includes(id)) ?? listed.slice(0, last).reverse().find((id) => proposalIds.includes(id)) ?? null;
      setOutcome({ text: gone.map((id) => outcomeText(deciding[id])).join(' '), focusId: next });
      setDeciding((d) => Object.fromEntries(Object.entries(d).filter(([id]) => !gone.includes(id))));
    }
  }

  useEffect(() => {
    if (!outcome) return;
    const next = outcome.focusId ? document.getElementById(`comment-${outcome.focusId}`) : null;
    (next ?? regionRef.current)?.focus();
  }, [outcome]);

  const [decisions] = useState<Decisions>(() => ({
    deciding: (proposalId, d) => setDeciding((all) => ({ ...all, [proposalId]: d })),
    failed: (proposalId) => setDeciding((all) => Object.fromEntries(Object.entries(all).filter(([id]) => id !== proposalId))),
  }));

  return (
    <DecisionsContext.Provider value={decisions}>
      <div ref={regionRef} tabIndex={-1} role="status" aria-live="polite" className="focus:outline-2 focus:outline-offset-2 focus:outline-green-700">
        {outcome ? <p className="mb-4 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-950">{outcome.text}</p> : null}
      </div>
      {children}
    </DecisionsContext.Provider>
  );
}

/**
 * `teacherName` names the buttons for screen readers: a page lists many proposals. A decision that
 * got no answer (offline, a deploy since the page loaded) is said here like a refusal, the comment
 * kept, instead of the error page (useReachableActionState).
 */
export function ProposalDecisionForm({ proposalId, version, teacherName, credentialTitle }: { proposalId: string; version: number; teacherName: string; credentialTitle: string }) {
  const { state, pending, formProps } = useReachableActionState(decideProposalAction, initialActionState, unreachable);
  const decisions = useContext(DecisionsContext);
  const errors = state.ok ? undefined : state.fieldErrors;
  // Not decided after all (a missing comment, a stale version): nothing to announce for it later.
  useEffect(() => {
    if (state.ok) return;
    decisions?.failed(proposalId);
    // The buttons were disabled while it was sent, which drops keyboard focus: put it where the fix is.
    if (state.fieldErrors?.comment) document.getElementById(`comment-${proposalId}`)?.focus();
  }, [state, decisions, proposalId]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const decision = submitter?.value === 'RETURNED' ? 'RETURNED' : 'APPROVED';
    decisions?.deciding(proposalId, { decision, teacherName, credentialTitle });
    formProps.onSubmit(e);
  };
  // Without the list around it (or before the list has caught up), the outcome shows here.
  if (state.ok && state.message) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={formProps.action} onSubmit={onSubmit}>
      <input type="hidden" name="proposalId" value={proposalId} />
      <input type="hidden" name="version" value={version} />
      {!state.ok && state.formError ? <div className="mb-3"><Alert tone="danger">{state.formError}</Alert></div> : null}
      <div className="mb-3">
        <label htmlFor={`comment-${proposalId}`} className="block text-sm font-semibold">Comment to {teacherName}</label>
        <p id={`comment-${proposalId}-hint`} className="text-sm text-slate-600">Required when you return a proposal: say what to change.</p>
        <textarea id={`comment-${proposalId}`} name="comment" rows={3} className={inputClass} aria-describedby={`comment-${proposalId}-hint${errors?.comment ? ` comment-${proposalId}-error` : ''}`} aria-invalid={errors?.comment ? true : undefined} />
        <FieldError id={`comment-${proposalId}-error`} errors={errors?.comment} />
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="APPROVED" disabled={pending} className="rounded-md bg-green-700 px-4 py-2 text-sm font-semibold text-white hover:bg-green-800 disabled:opacity-60">
          Approve<span className="sr-only"> {teacherName}’s proposal</span>
        </button>
        <button type="submit" name="decision" value="RETURNED" disabled={pending} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
          Return with comment<span className="sr-only"> to {teacherName}</span>
        </button>
        {pending ? <span role="status" className="self-center text-sm">Saving…</span> : null}
      </div>
    </form>
  );
}
