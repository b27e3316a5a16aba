'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { usePathname } from 'next/navigation';

/**
 * Closes an open menu, after a link in it led to another page. Focus, if it was in the menu (on the
 * link just followed, now hidden), goes to the menu's summary rather than being lost.
 */
export function closeMenu(details: Pick<HTMLDetailsElement, 'open' | 'contains' | 'querySelector'>, active: Element | null) {
  if (!details.open) return;
  const hadFocus = active !== null && details.contains(active);
  details.open = false;
  if (hadFocus) details.querySelector<HTMLElement>('summary')?.focus();
}

/**
 * The header's mobile menu: a <details> (it opens and closes without JavaScript), closed again
 * when the page changes. A link followed inside the app does not reload the page, so the browser
 * would otherwise leave the menu open over the new page.
 */
export function NavMenu({ label, className, summaryClassName, children }: { label: string; className?: string; summaryClassName?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) closeMenu(ref.current, document.activeElement);
  }, [pathname]);
  return (
    <details ref={ref} className={className}>
      <summary className={summaryClassName}>{label}</summary>
      {children}
    </details>
  );
}
