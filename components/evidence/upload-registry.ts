'use client';

// The files this tab's uploaders are handling: sending, checking, finished, or failed (Retry
// offered, or rejected by the app and waiting for Remove). The page's file list (rendered on the server, refreshed whenever an upload finishes)
// leaves these to the uploader, which shows their progress and their own Cancel or Remove: shown
// twice, a file still on its way would read as stopped, with a Remove that ends the live upload.
// An entry goes when the uploader lets the file go while it is still pending on the server (its
// uploader is gone and the upload failed), so the list then offers to remove it.
const handled = new Set<string>();
const listeners = new Set<() => void>();

const notify = () => listeners.forEach((l) => l());

/** This tab is now handling the upload of `fileId`. */
export function trackUpload(fileId: string) {
  if (handled.has(fileId)) return;
  handled.add(fileId);
  notify();
}

/** This tab no longer handles `fileId`: the file list speaks for it again. */
export function releaseUpload(fileId: string) {
  if (handled.delete(fileId)) notify();
}

export function isUploadingHere(fileId: string): boolean {
  return handled.has(fileId);
}

/** For useSyncExternalStore: called whenever a file is tracked or released. */
export function subscribeUploadsHere(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
