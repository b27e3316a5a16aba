'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';

/** The enrol button of a micro-credential or a track: one server action, its ids as hidden fields. */
export function EnrollForm({ action: serverAction, hidden, label }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; hidden: Record<string, string>; label: string }) {
  const [state, action, pending] = useActionState(serverAction, initialActionState);
  return (
    <form action={action}>
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Enrolling…' : label}
      </button>
      {!state.ok && state.formError ? <p role="alert" className="mt-2 text-sm text-red-700">{state.formError}</p> : null}
    </form>
  );
}
