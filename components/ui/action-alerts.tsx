import type { ActionResult } from '@/lib/action-result';
import { Alert } from '@/components/ui/card';

/** The outcome of a form action: its success message, or the form-level error. */
export function ActionAlerts({ state, className = 'mb-4' }: { state: ActionResult<unknown>; className?: string }) {
  if (state.ok) return state.message ? <div className={className}><Alert tone="success">{state.message}</Alert></div> : null;
  return state.formError ? <div className={className}><Alert tone="danger">{state.formError}</Alert></div> : null;
}
