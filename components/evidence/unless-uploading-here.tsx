'use client';

import { useSyncExternalStore, type ReactNode } from 'react';
import { isUploadingHere, subscribeUploadsHere } from '@/components/evidence/upload-registry';

/**
 * A pending file's row in the file list, left out while this tab's uploader handles that file (it
 * shows the progress, and its own Cancel). Drawn on the server as for any other tab.
 */
export function UnlessUploadingHere({ fileId, children }: { fileId: string; children: ReactNode }) {
  const here = useSyncExternalStore(subscribeUploadsHere, () => isUploadingHere(fileId), () => false);
  return here ? null : children;
}
