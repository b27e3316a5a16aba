// Pure logic of the file uploader (no DOM), so it can be unit tested.

import { plural } from '@/lib/plural';

type Picked = { name: string; type: string };

export const isCaptionsFile = (f: Picked) => f.type === 'text/vtt' || /\.vtt$/i.test(f.name);

/** Upload states during which leaving the page would lose the upload. */
export const isUploadRunning = (status: string) => status === 'uploading' || status === 'checking';


/**
 * Splits the files a teacher picked into what is uploaded (other files first, then captions, which
 * wait for their video) and what is not: the files beyond the part's `remaining` count, and
 * captions beyond one per video (`captionsRemaining` videos without captions, plus videos picked
 * now). `notAdded` says, in plain words, which files were left out and why; empty when none were.
 */
export function pickFiles<F extends Picked>(files: F[], remaining: number, captionsRemaining: number): { others: F[]; captions: F[]; notAdded: string[] } {
  const room = Math.max(0, remaining);
  const allOthers = files.filter((f) => !isCaptionsFile(f));
  const others = allOthers.slice(0, room);
  // Captions picked together with their video wait for it: the server takes captions only for a
  // video the part already has.
  const videosPicked = others.filter((f) => f.type.startsWith('video/')).length;
  const captionsRoom = Math.max(0, captionsRemaining + videosPicked);
  const allCaptions = files.filter(isCaptionsFile);
  const captions = allCaptions.slice(0, captionsRoom);
  const notAdded: string[] = [];
  const skippedOthers = allOthers.slice(room);
  if (skippedOthers.length) {
    const why = room === 0 ? 'this part already has as many files as it takes. Remove a file to add another.' : `this part takes only ${plural(room, 'more file', 'more files')}.`;
    notAdded.push(`Not added: ${skippedOthers.map((f) => f.name).join(', ')} — ${why}`);
  }
  const skippedCaptions = allCaptions.slice(captionsRoom);
  if (skippedCaptions.length) {
    const why = captionsRoom === 0
      ? 'captions go with a video, and this part has no video without captions.'
      : `captions go one per video, so this part takes only ${plural(captionsRoom, 'more captions file', 'more captions files')}.`;
    notAdded.push(`Not added: ${skippedCaptions.map((f) => f.name).join(', ')} — ${why}`);
  }
  return { others, captions, notAdded };
}

/**
 * How many more files the picker takes: only files uploaded or still uploading count. The page's
 * `remaining` counts `countedFileIds`, the part's files holding a place when it was drawn (not
 * rejected ones, nor uploads that stopped). Less the uploads running here that it did not count:
 * started since, or started so long ago that the server takes them as stopped, so a slow upload is
 * not pushed out of its part by the next file chosen. Plus `releasedFileIds` it did count, files
 * removed here since (Remove, Cancel, a Retry starting over), whose places are free before the page
 * is drawn again. Captions do not count (nor are they among `releasedFileIds`).
 */
export function roomLeft(remaining: number, uploads: readonly { file: Picked; status: string; fileId?: string }[], countedFileIds: readonly string[], releasedFileIds: readonly string[] = []): number {
  const counted = new Set(countedFileIds);
  const uncounted = uploads.filter((u) => isUploadRunning(u.status) && !isCaptionsFile(u.file) && !(u.fileId && counted.has(u.fileId)));
  const freed = new Set(releasedFileIds.filter((id) => counted.has(id)));
  return remaining - uncounted.length + freed.size;
}
