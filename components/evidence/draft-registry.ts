'use client';

// Every autosaving editor on the page registers here, so submitting can first wait until each
// unsaved change has reached the server, and is held back (naming the box) when one has not.

/** An autosaving box on the page. */
export type DraftFlusher = {
  /** The id of the box the text is typed in, so a message can link to it. */
  id: string;
  /** What the box is called, as its label says ("Answer for Reflection"). */
  label: string;
  /** Saves what is unsaved now; true only once the server has all of it. */
  flush: () => Promise<boolean>;
};

/** A box whose text the server does not have (yet). */
export type UnsavedDraft = { id: string; label: string };

/** `ok`: the server has every box's text; `unsaved`: the boxes it lacks, in the order they registered. */
export type FlushResult = { ok: boolean; unsaved: UnsavedDraft[] };

const flushers = new Set<DraftFlusher>();

export function registerDraftFlusher(flusher: DraftFlusher) {
  flushers.add(flusher);
  return () => {
    flushers.delete(flusher);
  };
}

/**
 * Saves every box's unsaved text. A save that failed (offline, a server error, a conflict, a
 * refusal) is reported, not passed over: submitting must not go ahead on the older saved text.
 */
export async function flushAllDrafts(): Promise<FlushResult> {
  const all = [...flushers];
  const saved = await Promise.all(all.map((f) => f.flush().catch(() => false)));
  const unsaved = all.filter((_, i) => saved[i] !== true).map(({ id, label }) => ({ id, label }));
  return { ok: unsaved.length === 0, unsaved };
}
