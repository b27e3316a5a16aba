'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { releaseReviewAction } from '@/app/review/[reviewId]/actions';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/** Said when "Release" got no answer: the claim may still be the reviewer's. */
export const RELEASE_UNREACHABLE = couldNotReach('your claim may not have been released', 'Check your connection and press the button again.');
const unreachable: ActionResult = { ok: false, formError: RELEASE_UNREACHABLE };

/**
 * "Release and discard my draft" on the scoring page (`label`: other words for the same action, as
 * on a claim its reviewer may no longer score). Released, the reviewer lands on the queue; a
 * refusal (the claim is no longer theirs, the server failed) is said right under the button, which
 * it describes, instead of an error page; so is a press that got no answer (useReachableActionState).
 */
export function ReleaseClaimForm({ reviewId, label = 'Release and discard my draft' }: { reviewId: string; label?: string }) {
  const { state, pending, formProps } = useReachableActionState(releaseReviewAction, initialActionState, unreachable);
  const errorId = `release-error-${reviewId}`;
  return (
    <form {...formProps} className="mt-2">
      <input type="hidden" name="reviewId" value={reviewId} />
      <p className="mb-2 text-sm text-slate-700">Another reviewer can then take it. Your draft scores and comments stay on this page for reference, but are not carried into a later claim, yours or anyone’s.</p>
      <button
        type="submit"
        disabled={pending}
        aria-describedby={!state.ok ? errorId : undefined}
        className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60"
      >
        {pending ? 'Releasing…' : label}
      </button>
      {!state.ok ? (
        <p id={errorId} role="alert" className="mt-2 text-sm font-medium text-red-700">
          {state.formError ?? 'Your claim was not released. Try again.'}
        </p>
      ) : null}
    </form>
  );
}
