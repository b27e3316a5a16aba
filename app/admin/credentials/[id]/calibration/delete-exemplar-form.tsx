'use client';

import { useActionState } from 'react';
import { deleteExemplarAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { ActionAlerts } from '@/components/ui/action-alerts';

/** A sample's Delete (or Remove) button, with what came of it said beside it (one already deleted, say). */
export function DeleteExemplarForm({ microCredentialId, exemplar, label }: { microCredentialId: string; exemplar: { id: string; title: string }; label: string }) {
  const [state, action, pending] = useActionState(deleteExemplarAction, initialActionState);
  return (
    <form action={action} className="max-w-xs text-right">
      <input type="hidden" name="exemplarId" value={exemplar.id} />
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <button type="submit" disabled={pending} className="text-sm font-semibold text-red-700 underline disabled:opacity-60">
        {pending ? 'Deleting…' : label}<span className="sr-only"> {exemplar.title}</span>
      </button>
      {/* Always on the page, so the outcome is read out when it appears. */}
      <ActionAlerts state={state} className="mt-2 text-left" />
    </form>
  );
}
