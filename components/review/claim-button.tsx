'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { claimReviewAction } from '@/app/review/actions';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import type { ReviewKind } from '@/lib/generated/prisma/enums';

/** Said when a claim got no answer. Pressing again is safe: a claim the reviewer already holds opens as it is. */
export const CLAIM_UNREACHABLE = couldNotReach('this submission may not have been claimed for you', 'Check your connection and press the button again.');
const unreachable: ActionResult = { ok: false, formError: CLAIM_UNREACHABLE };

/** One claim form per queue row; a lost race, or a press that got no answer, shows its message right next to the button. */
export function ClaimButton({ attemptId, kind, label, describedBy }: { attemptId: string; kind: ReviewKind; label: string; describedBy?: string }) {
  const { state, pending, formProps } = useReachableActionState(claimReviewAction, initialActionState, unreachable);
  const errorId = `claim-error-${attemptId}-${kind}`;
  return (
    <form {...formProps}>
      <input type="hidden" name="attemptId" value={attemptId} />
      <input type="hidden" name="kind" value={kind} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby={[describedBy, !state.ok ? errorId : null].filter(Boolean).join(' ') || undefined}
        className="min-h-10 rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? 'Claiming…' : label}
      </button>
      {!state.ok ? (
        <p id={errorId} role="alert" className="mt-1 max-w-xs text-sm text-red-700">
          {state.formError}
        </p>
      ) : null}
    </form>
  );
}
