'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when enrolling got no answer. Pressing again is safe: an enrolment is one per teacher and
 * micro-credential (or track), found again rather than made twice (enrollInMicroCredential,
 * enrollInTrack).
 */
export function enrollUnreachable(label: string): string {
  return couldNotReach('you may not have been enrolled', `Check your connection and press ${label} again: you are not enrolled twice.`);
}

/** The enrol button of a micro-credential or a track: one server action, its ids as hidden fields. */
export function EnrollForm({ action: serverAction, hidden, label }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; hidden: Record<string, string>; label: string }) {
  const unreachable: ActionResult = { ok: false, formError: enrollUnreachable(label) };
  const { state, pending, formProps } = useReachableActionState(serverAction, initialActionState, unreachable);
  return (
    <form {...formProps}>
      {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Enrolling…' : label}
      </button>
      {!state.ok && state.formError ? <p role="alert" className="mt-2 text-sm text-red-700">{state.formError}</p> : null}
    </form>
  );
}
