'use client';

// What a form that saves itself says to screen readers. The visible status ("Saved at 10:42")
// changes with every save, a few seconds after each pause in typing; read out each time, it
// interrupts the person typing. The live region says a problem once when it starts (offline, an
// error), and that it was saved at most once a minute, or at once when a problem is over.

import { useCallback, useRef, useState } from 'react';

/** What happened to a save: it landed, it ran into `text` (said as it is), or nothing worth saying. */
export type SaveEvent = { kind: 'saved' } | { kind: 'problem'; text: string } | { kind: 'quiet' };

export type SaveAnnouncerMemory = { lastSavedAt: number | null; lastProblem: string | null };

export const SAVED_ANNOUNCEMENT_EVERY_MS = 60_000;

/** The next thing to say (`say`, or null for nothing) and what to remember for the next event. */
export function nextSaveAnnouncement(memory: SaveAnnouncerMemory, event: SaveEvent, now: number, savedText: string): { memory: SaveAnnouncerMemory; say: string | null } {
  if (event.kind === 'quiet') return { memory, say: null };
  if (event.kind === 'problem') {
    // The same problem again (a retry that failed the same way) is not news.
    if (memory.lastProblem === event.text) return { memory, say: null };
    return { memory: { ...memory, lastProblem: event.text }, say: event.text };
  }
  const recovered = memory.lastProblem !== null;
  const due = memory.lastSavedAt === null || now - memory.lastSavedAt >= SAVED_ANNOUNCEMENT_EVERY_MS;
  if (!recovered && !due) return { memory, say: null };
  return { memory: { lastSavedAt: now, lastProblem: null }, say: savedText };
}

/**
 * `announcement`: the text of an always-mounted live region; `report`: called with each change of
 * the save's status (from event handlers and callbacks, not while rendering).
 */
export function useSaveAnnouncer(savedText: string) {
  const [announcement, setAnnouncement] = useState('');
  const memory = useRef<SaveAnnouncerMemory>({ lastSavedAt: null, lastProblem: null });
  const report = useCallback(
    (event: SaveEvent) => {
      const next = nextSaveAnnouncement(memory.current, event, Date.now(), savedText);
      memory.current = next.memory;
      const say = next.say;
      // The same words twice in a row are read out again only if the text changes.
      if (say) setAnnouncement((prev) => (prev === say ? `${say}\u00a0` : say));
    },
    [savedText],
  );
  return { announcement, report };
}
