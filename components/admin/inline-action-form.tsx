'use client';

import { useActionState, type ReactNode } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';

/** A small form (a button or a select and a button) whose errors show right next to it. */
export function InlineActionForm({ action, hidden, children, className = '' }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; hidden: Record<string, string>; children: ReactNode; className?: string }) {
  const [state, dispatch, pending] = useActionState(action, initialActionState);
  return (
    <form {...keepInputForm(dispatch)} className={`inline-flex flex-wrap items-center gap-1 ${className}`} aria-busy={pending}>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {children}
      {!state.ok && state.formError ? <span role="alert" className="text-xs font-medium text-red-700">{state.formError}</span> : null}
      {/* Always mounted, so screen readers announce the message when it appears. */}
      <span role="status" className="text-xs font-medium text-green-800">{state.ok && state.message ? state.message : ''}</span>
    </form>
  );
}
