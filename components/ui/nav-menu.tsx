'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
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
 * The header's mobile menu: a <details> (it opens and closes without JavaScript, as on the plain-HTML
 * pages anonymous visitors get), its summary styled as the menu button, closed again when the page
 * changes: a link followed inside the app does not reload the page, so the browser would otherwise
 * leave the menu open over the new page. With JavaScript it also closes on Escape or a click
 * elsewhere, and the button carries aria-expanded. Without it, browsers expose a summary's open state
 * themselves, so no aria-expanded is written into the server's HTML, where it could go stale.
 */
export function NavMenu({ summary, className, summaryClassName, children }: { summary: ReactNode; className?: string; summaryClassName?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  const [open, setOpen] = useState<boolean | null>(null);
  useEffect(() => {
    if (ref.current) closeMenu(ref.current, document.activeElement);
  }, [pathname]);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    setOpen(details.open);
    const onToggle = () => setOpen(details.open);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && details.open) closeMenu(details, document.activeElement);
    };
    // Tabbing out of the open panel closes it: it covers the top of the page, where focus would
    // otherwise land hidden under it (WCAG 2.4.11).
    const onFocusOut = (e: FocusEvent) => {
      if (details.open && e.relatedTarget instanceof Node && !details.contains(e.relatedTarget)) details.open = false;
    };
    const onClick = (e: MouseEvent) => {
      if (details.open && e.target instanceof Node && !details.contains(e.target)) details.open = false;
    };
    details.addEventListener('toggle', onToggle);
    details.addEventListener('focusout', onFocusOut);
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      details.removeEventListener('toggle', onToggle);
      details.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return (
    <details ref={ref} className={`group ${className ?? ''}`}>
      <summary className={summaryClassName} aria-expanded={open ?? undefined}>{summary}</summary>
      {children}
    </details>
  );
}
