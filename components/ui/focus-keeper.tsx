'use client';

import { useEffect } from 'react';

const CONTROLS = 'button, input, select, textarea, fieldset';

/**
 * Gives focus back to a control that was disabled while it had focus, once it is enabled again.
 *
 * Forms disable their submit button while the server works (so a second press sends nothing). A
 * browser moves focus off a control the moment it is disabled, to the page itself, so after the save
 * the next Tab started again at "Skip to main content". Here the control that had focus is
 * remembered when it is disabled and focused again when it is enabled, unless focus has gone
 * somewhere else meanwhile (the person moved on, or the page moved it, e.g. to an error).
 * Mutation callbacks run before React's effects, so an outcome that takes focus still gets it.
 */
export function FocusKeeper() {
  useEffect(() => {
    let lastFocused: Element | null = document.activeElement;
    let held: HTMLElement | null = null;
    const onFocusIn = (e: FocusEvent) => {
      lastFocused = e.target as Element;
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target;
        if (!(el instanceof HTMLElement) || !el.matches(CONTROLS)) continue;
        if (el.hasAttribute('disabled')) {
          if (el === lastFocused) held = el;
        } else if (el === held) {
          held = null;
          const nowhere = document.activeElement === null || document.activeElement === document.body;
          if (nowhere && el.isConnected) el.focus({ preventScroll: true });
        }
      }
    });
    document.addEventListener('focusin', onFocusIn);
    observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['disabled'] });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, []);
  return null;
}
