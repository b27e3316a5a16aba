'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { Alert } from '@/components/ui/card';
import { OutcomeRegions } from '@/components/ui/outcome-regions';

/** Whether a result names fields to correct (a message per field, not only a form-level one). */
export function hasFieldErrors(state: ActionResult<unknown>): boolean {
  return !state.ok && Object.values(state.fieldErrors ?? {}).some((messages) => messages?.length);
}

/**
 * Whether this render's `state` should take focus to the errors. `previous` is the state of the
 * last render, or `undefined` on the first one; `focusInForm`: whether focus is in the alerts' form.
 */
export function shouldFocusErrors(previous: ActionResult<unknown> | undefined, state: ActionResult<unknown>, focusInForm: boolean): boolean {
  if (!hasFieldErrors(state)) return false;
  if (previous === undefined) return focusInForm;
  return previous !== state;
}

/**
 * Where focus goes after a failed submit with field errors: the first field marked aria-invalid in
 * the alerts' own form (it can be corrected at once, and its error is read out through
 * aria-describedby), else the alerts themselves when they have something to read.
 */
export function focusAfterFailure(alerts: HTMLElement): HTMLElement | null {
  const field = alerts.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (field) return field;
  return alerts.hasChildNodes() ? alerts : null;
}

/**
 * The outcome of a form action: its success message, or the form-level error. Its live regions are
 * always on the page (empty until there is something to say), so screen readers announce a message
 * when it appears: a success politely, an error assertively, each once (OutcomeRegions).
 *
 * After a new failed result with field errors, focus goes to the first invalid field of the same
 * form (WCAG 3.3.1), instead of staying on the submit button far below the errors. Only for a
 * result that arrived while the page was in use: not on the first render (a page loaded with an
 * error, e.g. after a submit without JavaScript, keeps the browser's own focus), unless the alerts
 * appeared together with that result while focus was in their form (a form that mounts them only
 * on failure).
 *
 * `children`: more to say in the same alert, under the message (which lines of a file are wrong, a
 * link to what was made); shown only with a message.
 */
export function ActionAlerts({ state, className = 'mb-4', children }: { state: ActionResult<unknown>; className?: string; children?: ReactNode }) {
  // The region a failure is said in: the fallback focus target when no field is marked invalid.
  const ref = useRef<HTMLDivElement>(null);
  const seen = useRef<ActionResult<unknown> | undefined>(undefined);
  useEffect(() => {
    const el = ref.current;
    const previous = seen.current;
    seen.current = state;
    if (el && shouldFocusErrors(previous, state, Boolean(el.closest('form')?.contains(document.activeElement)))) focusAfterFailure(el)?.focus();
  }, [state]);

  const content = state.ok
    ? state.message ? <Alert tone="success" live={false}>{state.message}{children}</Alert> : null
    : state.formError ? <Alert tone="danger" live={false}>{state.formError}{children}</Alert> : null;
  return (
    <OutcomeRegions assertive={!state.ok} focusRef={ref} className={className}>
      {content}
    </OutcomeRegions>
  );
}
