// Removing a file from a part, in pure pieces (no DOM) so they can be unit tested: what is read out,
// which key closes the "Remove …?" prompt, and where keyboard focus goes once the file's row has gone.

/** Read out once a file's row has gone after Remove. */
export const removedText = (fileName: string) => `${fileName} removed.`;

/**
 * Whether a key pressed in the open "Remove …?" prompt keeps the file, as "Keep it" does: Escape,
 * unless the removal is already on its way (it cannot be called back).
 */
export function keepsFileOnKey(key: string, busy: boolean): boolean {
  return key === 'Escape' && !busy;
}

/**
 * The prompt's key handler: on Escape (keepsFileOnKey) it calls `keep`, and the key goes no further,
 * so it closes this question only, not whatever the page has around it.
 */
export function promptKeyHandler(busy: boolean, keep: () => void) {
  return (e: { key: string; preventDefault: () => void; stopPropagation: () => void }) => {
    if (!keepsFileOnKey(e.key, busy)) return;
    e.preventDefault();
    e.stopPropagation();
    keep();
  };
}

type Focusable = { focus: () => void };

/**
 * Where focus goes once a removed file's row has gone (it held the focused button): the next file's
 * Remove button; with no file after it, the part's files heading; with no file left at all, the
 * control that adds files, unless it is disabled (the part is still full, e.g. uploads under way
 * here), then the heading.
 */
export function focusAfterRemove<T extends Focusable>(t: { nextRemove: T | null; filesLeft: boolean; picker: (T & { disabled: boolean }) | null; heading: T | null }): T | null {
  if (t.nextRemove) return t.nextRemove;
  const picker = t.picker && !t.picker.disabled ? t.picker : null;
  if (!t.filesLeft && picker) return picker;
  return t.heading ?? picker;
}
