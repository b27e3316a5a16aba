'use client';

import { useActionState } from 'react';
import { enrollAction } from './actions';
import { initialActionState } from '@/lib/action-result';

export function EnrollButton({ microCredentialId, slug }: { microCredentialId: string; slug: string }) {
  const [state, action, pending] = useActionState(enrollAction, initialActionState);
  return (
    <form action={action}>
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Enrolling…' : 'Enrol in this micro-credential'}
      </button>
      {!state.ok && state.formError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.formError}
        </p>
      ) : null}
    </form>
  );
}
