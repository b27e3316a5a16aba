'use client';

// Every autosaving editor on the page registers a flush function here, so submitting can first
// wait until each unsaved change has reached the server.
const flushers = new Set<() => Promise<void>>();

export function registerDraftFlusher(flush: () => Promise<void>) {
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
  };
}

export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...flushers].map((f) => f().catch(() => undefined)));
}
