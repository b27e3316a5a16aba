import type { MouseEvent } from 'react';

/**
 * The click handler of an in-page link to something to fix (an error summary's): moves focus, not
 * only the scroll position, to the first of `ids` on the page, so the person can act there at once.
 * Following the link alone would leave focus on it when its target cannot take focus (a fieldset).
 * With none of them on the page, the link does what links do.
 */
export function focusOnFollow(...ids: string[]) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    const el = ids.map((id) => document.getElementById(id)).find((found) => found !== null);
    if (!el) return;
    e.preventDefault();
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  };
}
