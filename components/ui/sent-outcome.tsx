'use client';

import { useEffect, useRef } from 'react';
import { Alert } from '@/components/ui/card';
import type { ActionResult } from '@/lib/action-result';

/**
 * The success message of a form that goes away once it has worked (the page then shows what was
 * sent). Always mounted above that form: the message is announced, and it takes focus, so keyboard
 * and screen-reader users are not left on a button that has disappeared. The container is the one
 * live region (role status; only successes are said here), so the Alert in it has no role of its own.
 */
export function SentOutcome({ state, className = '' }: { state: ActionResult<unknown>; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const sent = state.ok && state.message ? state.message : null;
  useEffect(() => {
    if (sent) ref.current?.focus();
  }, [state, sent]);
  return (
    <div ref={ref} tabIndex={-1} role="status" aria-live="polite" className={`${className} focus:outline-2 focus:outline-offset-2 focus:outline-green-700`.trim()}>
      {sent ? <Alert tone="success" live={false}>{sent}</Alert> : null}
    </div>
  );
}
