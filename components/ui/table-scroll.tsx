import type { ReactNode } from 'react';

/** The report tables' white, bordered box: the look when a caller gives no className. */
const BOXED = 'rounded-lg border border-slate-200 bg-white';

/**
 * The box a table wider than the screen scrolls sideways in. Focusable and named, so a keyboard user
 * can reach it and scroll it with the arrow keys even when the table holds no link or button
 * (WCAG 2.1.1), and a screen reader says what it holds. The focus ring is the site-wide
 * `:focus-visible` outline (app/globals.css).
 *
 * A shadow at the left or right edge says there is more of the table that way, and shows only
 * then: none when the table fits. It is CSS alone (app/globals.css), so this stays a Server
 * Component with no script; keep the table its direct child, as that CSS selects
 * `.overflow-x-auto:has(> table)`. `className` replaces the boxed look (pass '' for none).
 */
export function TableScroll({ label, className = BOXED, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`relative overflow-x-auto ${className}`.trim()} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
