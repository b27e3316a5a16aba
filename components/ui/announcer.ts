// One live region for the whole page, in the root layout (so it outlives any page's own markup),
// for outcomes whose own message would disappear with the element that showed it: an inline action
// that removed its own row ("Role removed") leaves nothing on the page to read out.

export const ANNOUNCER_ID = 'page-announcer';

/** Reads `text` out to screen readers through the page's live region. */
export function announce(text: string) {
  const el = typeof document === 'undefined' ? null : document.getElementById(ANNOUNCER_ID);
  if (!el) return;
  // Emptied first: the same message twice in a row is read out again.
  el.textContent = '';
  setTimeout(() => {
    el.textContent = text;
  }, 50);
}
