'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The outcome of a form that redirected here (?enrolled=1): the button that was pressed is gone, so
 * the notice takes keyboard focus instead of focus falling to the page. Give it an Alert, whose own
 * role (status or alert) announces it: this wrapper adds none, so nothing is read twice (nor put it
 * inside a live region). It takes focus when it mounts: for an outcome shown in place on the page,
 * mount it with the outcome (a new `key` for each one).
 */
export function ArrivalNotice({ children, className = '' }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className={`${className} focus:outline-2 focus:outline-offset-2 focus:outline-green-700`.trim()}>
      {children}
    </div>
  );
}
