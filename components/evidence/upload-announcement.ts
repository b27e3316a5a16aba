// What the file uploader reads out, one message at a time: pure, so it can be unit tested.

/**
 * The uploader's one message: in its polite region (an upload started, finished, cancelled, a file
 * removed) or, when `assertive`, its alert region (a file that was not uploaded: the teacher has
 * something to do). `n` is new for every message, so the same words again are read again: the
 * message is mounted anew under that key, which a screen reader takes as new text.
 */
export type UploadAnnouncement = { text: string; assertive: boolean; n: number };

/**
 * The message after `text` is said. It replaces the one before, so the regions never hold old lines
 * to be read again, unless the one before has not been on the page yet (`previousShown` false: both
 * came in the same render, e.g. two uploads finishing together): then both are kept, in one
 * message, in the alert region if either belongs there.
 */
export function nextAnnouncement(previous: UploadAnnouncement | null, text: string, assertive: boolean, previousShown: boolean): UploadAnnouncement {
  if (previous && !previousShown) return { text: `${previous.text} ${text}`, assertive: previous.assertive || assertive, n: previous.n };
  return { text, assertive, n: (previous?.n ?? 0) + 1 };
}
