'use client';

// The files this tab's uploaders are handling: sending, checking, finished, or failed (Retry
// offered, or rejected by the app and waiting for Remove). The page's file list (rendered on the server, refreshed whenever an upload finishes)
// leaves these to the uploader, which shows their progress and their own Cancel or Remove: shown
// twice, a file still on its way would read as stopped, with a Remove that ends the live upload.
// An entry goes when the uploader lets the file go while it is still pending on the server (its
// uploader is gone and the upload failed), so the list then offers to remove it.
// The files it let go are remembered as stopped: their upload here has failed or was cancelled, so
// the file list says it stopped, even one started too lately for the server to count it as stopped
// (where the list would otherwise allow that it may be uploading in another window or tab).
const handled = new Set<string>();
const stoppedHere = new Set<string>();
const listeners = new Set<() => void>();

const notify = () => listeners.forEach((l) => l());

/** This tab is now handling the upload of `fileId`. */
export function trackUpload(fileId: string) {
  if (handled.has(fileId)) return;
  handled.add(fileId);
  stoppedHere.delete(fileId);
  notify();
}

/** This tab no longer handles `fileId`, whose upload here stopped: the file list speaks for it again. */
export function releaseUpload(fileId: string) {
  const known = stoppedHere.has(fileId);
  stoppedHere.add(fileId);
  if (handled.delete(fileId) || !known) notify();
}

export function isUploadingHere(fileId: string): boolean {
  return handled.has(fileId);
}

/**
 * Where the upload of a pending file stands as this tab knows it: this tab is handling it ('here'),
 * it was uploading here and stopped ('stopped-here'), or this tab knows nothing of it ('unknown':
 * another window or tab may be uploading it, or a page since closed or reloaded was).
 */
export function uploadHere(fileId: string): 'here' | 'stopped-here' | 'unknown' {
  if (handled.has(fileId)) return 'here';
  return stoppedHere.has(fileId) ? 'stopped-here' : 'unknown';
}

/** For useSyncExternalStore: called whenever a file is tracked or released. */
export function subscribeUploadsHere(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
