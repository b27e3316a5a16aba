'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-result';
import { claimReviewAction } from '@/app/review/actions';
import type { ReviewKind } from '@/lib/generated/prisma/enums';

/** One claim form per queue row; a lost race shows its message right next to the button. */
export function ClaimButton({ attemptId, kind, label, describedBy }: { attemptId: string; kind: ReviewKind; label: string; describedBy?: string }) {
  const [state, action, pending] = useActionState(claimReviewAction, initialActionState);
  const errorId = `claim-error-${attemptId}-${kind}`;
  return (
    <form action={action}>
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
