import type { ReactNode, Ref } from 'react';

/**
 * Where the outcome of a form is said, when it can be a success or an error: two live regions that
 * are always on the page (a live region created together with its text is often not read), a polite
 * one (role status) for a success or a notice and an assertive one (role alert) for an error, which
 * interrupts as an alert should. The message goes in one of them and carries no role of its own
 * (Alert with live={false}), so it is read out once.
 *
 * Two fixed regions rather than one that switches between polite and assertive: screen readers do
 * not reliably follow a change of aria-live or role made together with the new text.
 *
 * `focusRef` is given the region the message goes in (the assertive one when `assertive`), for a
 * caller that moves focus to what happened: both can take focus from script only (tabIndex -1).
 * `className` is on the pair while there is a message; `focusClassName` on each region.
 */
export function OutcomeRegions({ children, assertive = false, focusRef, className, focusClassName }: { children?: ReactNode; assertive?: boolean; focusRef?: Ref<HTMLDivElement>; className?: string; focusClassName?: string }) {
  const shown = children !== null && children !== undefined && children !== false;
  return (
    <div className={shown ? className : undefined}>
      <div ref={assertive ? undefined : focusRef} tabIndex={-1} role="status" aria-live="polite" className={focusClassName}>
        {assertive ? null : children}
      </div>
      <div ref={assertive ? focusRef : undefined} tabIndex={-1} role="alert" className={focusClassName}>
        {assertive ? children : null}
      </div>
    </div>
  );
}
