'use client';

import { useActionState } from 'react';
import { decideProposalAction } from '@/app/district/proposals/actions';
import { initialActionState } from '@/lib/action-result';
import { inputClass } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { keepInputForm } from '@/components/ui/keep-input';

/** `teacherName` names the buttons for screen readers: a page lists many proposals. */
export function ProposalDecisionForm({ proposalId, version, teacherName }: { proposalId: string; version: number; teacherName: string }) {
  const [state, action, pending] = useActionState(decideProposalAction, initialActionState);
  const errors = state.ok ? undefined : state.fieldErrors;
  if (state.ok && state.message) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form {...keepInputForm(action)}>
      <input type="hidden" name="proposalId" value={proposalId} />
      <input type="hidden" name="version" value={version} />
      {!state.ok && state.formError ? <div className="mb-3"><Alert tone="danger">{state.formError}</Alert></div> : null}
      <div className="mb-3">
        <label htmlFor={`comment-${proposalId}`} className="block text-sm font-semibold">Comment to {teacherName}</label>
        <p id={`comment-${proposalId}-hint`} className="text-sm text-slate-600">Required when you return a proposal: say what to change.</p>
        <textarea id={`comment-${proposalId}`} name="comment" rows={3} className={inputClass} aria-describedby={`comment-${proposalId}-hint${errors?.comment ? ` comment-${proposalId}-error` : ''}`} aria-invalid={errors?.comment ? true : undefined} />
        {errors?.comment ? <p id={`comment-${proposalId}-error`} className="mt-1 text-sm font-medium text-red-700">{errors.comment.join(' ')}</p> : null}
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
