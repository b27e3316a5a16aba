'use client';

import { useSyncExternalStore, type ReactNode } from 'react';
import { isUploadingHere, subscribeUploadsHere, uploadHere } from '@/components/evidence/upload-registry';

/**
 * A pending file's row in the file list, left out while this tab's uploader handles that file (it
 * shows the progress, and its own Cancel). Drawn on the server as for any other tab.
 */
export function UnlessUploadingHere({ fileId, children }: { fileId: string; children: ReactNode }) {
  const here = useSyncExternalStore(subscribeUploadsHere, () => isUploadingHere(fileId), () => false);
  return here ? null : children;
}

/**
 * The row of a pending file too recent for the server to take its upload as stopped: left out while
 * this tab's uploader handles it; `stopped` when its upload here stopped (failed or cancelled, and
 * let go); else `unknown`, which allows that another window or tab may still be uploading it. Drawn
 * on the server as `unknown`.
 */
export function RecentPendingFile({ fileId, stopped, unknown }: { fileId: string; stopped: ReactNode; unknown: ReactNode }) {
  const where = useSyncExternalStore(subscribeUploadsHere, () => uploadHere(fileId), () => 'unknown' as const);
  return recentPendingRow(where, { stopped, unknown });
}

/** Which row RecentPendingFile shows, by what this tab knows of the upload (uploadHere). */
export function recentPendingRow<T>(where: ReturnType<typeof uploadHere>, rows: { stopped: T; unknown: T }): T | null {
  if (where === 'here') return null;
  return where === 'stopped-here' ? rows.stopped : rows.unknown;
}
