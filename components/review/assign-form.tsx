'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { assignReviewAction } from '@/app/admin/review-quality/actions';
import { FieldError, filterSelectClass } from '@/components/ui/field';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import type { ReviewKind } from '@/lib/generated/prisma/enums';

type Candidate = { id: string; name: string; email: string; kinds: ReviewKind[] };
/** Someone holding a live claim on this work: assigning it to anyone else ends their claim. */
type Holder = { reviewId: string; kind: ReviewKind; reviewerName: string; until: string };

const unreachable: ActionResult = { ok: false, formError: couldNotReach('the work may not have been assigned', 'Your choices are still here: check your connection and press Assign again.') };

const kindLabel: Record<ReviewKind, string> = { PRIMARY: 'Review', SECOND: 'Second score', ADJUDICATION: 'Adjudication', SECOND_LOOK: 'Second look' };

export function AssignForm({ attemptId, kinds, reviewers, holders = [] }: { attemptId: string; kinds: ReviewKind[]; reviewers: Candidate[]; holders?: Holder[] }) {
  const { state, pending, formProps } = useReachableActionState(assignReviewAction, initialActionState, unreachable);
  const releaseError = !state.ok ? state.fieldErrors?.releaseReviewId?.[0] : undefined;
  const reviewerError = !state.ok ? state.fieldErrors?.reviewerId?.join(' ') : undefined;
  return (
    // Submitted by onSubmit, as keepInputForm does: a plain action would reset the form, losing the chosen reviewer when the server refuses.
    <form {...formProps} noValidate className="space-y-4">
      <input type="hidden" name="attemptId" value={attemptId} />
      <ActionAlerts state={state} className="" />
      <div className="max-w-full">
        <label htmlFor="kind" className="block text-sm font-semibold">Kind of work</label>
        <select id="kind" name="kind" defaultValue={kinds[0]} className={filterSelectClass}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="reviewerId" className="block text-sm font-semibold">Reviewer</label>
        <p id="reviewerId-hint" className="text-sm text-slate-700">Only qualified, calibrated reviewers without a conflict of interest are listed, with the kinds of work each can take.</p>
        <select
          id="reviewerId" name="reviewerId" required
          aria-invalid={reviewerError ? true : undefined} aria-describedby={reviewerError ? 'reviewerId-hint reviewerId-error' : 'reviewerId-hint'}
          className="mt-1 block w-full max-w-lg rounded-md border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-600"
        >
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.email}) — can take: {r.kinds.map((k) => kindLabel[k]).join(', ')}
            </option>
          ))}
        </select>
        <FieldError id="reviewerId-error" errors={reviewerError} />
      </div>
      {holders.map((h) => (
        <div key={h.reviewId} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
          <p className="text-sm">
            <span className="font-semibold">{h.reviewerName}</span> is working on this submission ({kindLabel[h.kind].toLowerCase()}, claimed until {h.until}). Assigning it to someone else ends their claim, and they will be told.
          </p>
          <div className="mt-2 flex items-start gap-2">
            <input id={`release-${h.reviewId}`} name="releaseReviewId" value={h.reviewId} type="checkbox" className="mt-1 h-4 w-4" aria-invalid={releaseError ? true : undefined} aria-describedby={releaseError ? 'releaseReviewId-error' : undefined} />
            <label htmlFor={`release-${h.reviewId}`} className="text-sm font-semibold">
              Release {h.reviewerName}’s claim (their unsaved scores will be discarded)
            </label>
          </div>
        </div>
      ))}
      <FieldError id="releaseReviewId-error" errors={releaseError} className="" />
      <button type="submit" disabled={pending || reviewers.length === 0} className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Assigning…' : 'Assign'}
      </button>
    </form>
  );
}
