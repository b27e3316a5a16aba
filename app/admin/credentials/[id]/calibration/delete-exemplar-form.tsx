'use client';

import { useActionState } from 'react';
import { deleteExemplarAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';

/**
 * A sample's Delete (or Remove) button, with what came of it said beside it (one already deleted,
 * say). Deleting cannot be undone (the sample goes with its agreed levels and the reviewers' scores
 * on it), so the first click only opens what will go and the real button (WCAG 3.3.4).
 */
export function DeleteExemplarForm({ microCredentialId, exemplar, label }: { microCredentialId: string; exemplar: { id: string; title: string }; label: string }) {
  const [state, action, pending] = useActionState(deleteExemplarAction, initialActionState);
  return (
    <div className="max-w-xs text-right">
      <ConfirmDisclosure
        summary={
          <>
            {label}…<span className="sr-only"> {exemplar.title}</span>
          </>
        }
      >
        <form action={action} className="text-left">
          <input type="hidden" name="exemplarId" value={exemplar.id} />
          <input type="hidden" name="microCredentialId" value={microCredentialId} />
          <p>Delete “{exemplar.title}” for good? Its agreed levels and the scores reviewers gave it go too; reviewers already calibrated stay calibrated. This cannot be undone.</p>
          <button type="submit" disabled={pending} className="mt-1 inline-flex min-h-6 items-center rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-800 disabled:opacity-60">
            {pending ? 'Deleting…' : 'Yes, delete the sample'}
          </button>
        </form>
      </ConfirmDisclosure>
      {/* Always on the page, so the outcome is read out when it appears, outside the disclosure so it shows with it closed. */}
      <ActionAlerts state={state} className="mt-2 text-left" />
    </div>
  );
}
