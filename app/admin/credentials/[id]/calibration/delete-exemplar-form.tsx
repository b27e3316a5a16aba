'use client';

import { deleteExemplarAction } from './actions';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';

/**
 * A sample's Delete (or Remove) button. Deleting cannot be undone (the sample goes with its agreed
 * levels and the reviewers' scores on it), so the first click only opens what will go and the real
 * button (WCAG 3.3.4). A refusal (one already deleted, say) is said beside the button. Once deleted,
 * the sample's item goes from the list with the button and its message: the page's announcer says
 * so instead, and focus goes to what is nearest (InlineActionForm's `removedMessage`).
 */
export function DeleteExemplarForm({ microCredentialId, exemplar, label }: { microCredentialId: string; exemplar: { id: string; title: string }; label: string }) {
  return (
    <div className="max-w-xs text-right">
      <ConfirmDisclosure
        summary={
          <>
            {label}…<span className="sr-only"> {exemplar.title}</span>
          </>
        }
      >
        <p className="text-left">Delete “{exemplar.title}” for good? Its agreed levels and the scores reviewers gave it go too; reviewers already calibrated stay calibrated. This cannot be undone.</p>
        <InlineActionForm
          action={deleteExemplarAction}
          hidden={{ exemplarId: exemplar.id, microCredentialId }}
          removedMessage={`The sample “${exemplar.title}” was deleted.`}
          className="text-left"
        >
          <button type="submit" className="mt-1 inline-flex min-h-6 items-center rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-800 disabled:opacity-60">
            Yes, delete the sample
          </button>
        </InlineActionForm>
      </ConfirmDisclosure>
    </div>
  );
}
