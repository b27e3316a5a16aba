import type { ActionResult } from '@/lib/action-result';
import { Alert } from '@/components/ui/card';

/**
 * The outcome of a form action: its success message, or the form-level error. The container is
 * always on the page (empty until there is something to say), so screen readers announce a
 * message when it appears; a live region created together with its text is often not read.
 */
export function ActionAlerts({ state, className = 'mb-4' }: { state: ActionResult<unknown>; className?: string }) {
  const content = state.ok
    ? state.message ? <Alert tone="success">{state.message}</Alert> : null
    : state.formError ? <Alert tone="danger">{state.formError}</Alert> : null;
  return <div aria-live="polite" className={content ? className : undefined}>{content}</div>;
}
