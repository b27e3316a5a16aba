// Pure logic of the file uploader (no DOM), so it can be unit tested.

import { declaredKind, FILE_KIND_INFO, formatBytes, isStoppedUpload, maxBytesForKind, type EvidenceKind } from '@/lib/evidence/file-types';
import { plural } from '@/lib/plural';

type Picked = { name: string; type: string };

/** What a part takes, as the uploader is told: its kinds (captions included where video is) and its size limit. */
export type PartRules = { allowedTypes: readonly EvidenceKind[]; maxFileBytes: number };

/**
 * The kind of file the server will take this for (declaredKind, as requestUpload in
 * lib/evidence/uploads.ts): the uploader sends `application/octet-stream` when the browser gives no
 * type, which names no kind, so the extension decides then.
 */
const kindOfPicked = (f: Picked): EvidenceKind | null => declaredKind(f.name, f.type)?.kind ?? null;

/**
 * Why the part will not take a file, before anything is sent: the checks requestUpload makes on its
 * own (an empty file, a type the part does not take, a file over its size limit, a smaller one for
 * captions), so a file the server would refuse at once is never started. The server still checks.
 */
export function refusalOf(f: Picked & { size: number }, rules: PartRules): 'empty' | 'type' | 'size' | null {
  const kind = kindOfPicked(f);
  if (!kind || !rules.allowedTypes.includes(kind)) return 'type';
  if (f.size <= 0) return 'empty';
  if (f.size > maxBytesForKind(kind, rules.maxFileBytes)) return 'size';
  return null;
}

export const isCaptionsFile = (f: Picked) => f.type === 'text/vtt' || /\.vtt$/i.test(f.name);

/** Upload states during which leaving the page would lose the upload. */
export const isUploadRunning = (status: string) => status === 'uploading' || status === 'checking';


/**
 * Splits the files a teacher picked into what is uploaded (other files first, then captions, which
 * wait for their video) and what is not: files the part refuses outright (refusalOf: empty, a type
 * it does not take, too large), which take no place; then the files beyond the part's `remaining`
 * count, and captions beyond one per video (`captionsRemaining` videos without captions, plus
 * videos picked now). `notAdded` says, in plain words, which files were left out and why; empty
 * when none were. None of those is started, so none is said to be uploading.
 */
export function pickFiles<F extends Picked & { size: number }>(files: F[], remaining: number, captionsRemaining: number, rules: PartRules): { others: F[]; captions: F[]; notAdded: string[] } {
  const notAdded = refusedWords(files, rules);
  const fitting = files.filter((f) => !refusalOf(f, rules));
  const room = Math.max(0, remaining);
  const allOthers = fitting.filter((f) => !isCaptionsFile(f));
  const others = allOthers.slice(0, room);
  // Captions picked together with their video wait for it: the server takes captions only for a
  // video the part already has. A video is known as the server knows it (kindOfPicked): by its
  // extension when the browser gives no type (some .mov files).
  const videosPicked = others.filter((f) => kindOfPicked(f) === 'video').length;
  const captionsRoom = Math.max(0, captionsRemaining + videosPicked);
  const allCaptions = fitting.filter(isCaptionsFile);
  const captions = allCaptions.slice(0, captionsRoom);
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

/** "Not added: …" for the files the part refuses outright (refusalOf), one line per reason, as the hint words the rules. */
function refusedWords(files: readonly (Picked & { size: number })[], rules: PartRules): string[] {
  const by = (why: ReturnType<typeof refusalOf>) => files.filter((f) => refusalOf(f, rules) === why);
  const names = (list: readonly Picked[]) => list.map((f) => f.name).join(', ');
  const lines: string[] = [];
  const wrongType = by('type');
  if (wrongType.length) {
    const accepted = rules.allowedTypes.map((k) => FILE_KIND_INFO[k].label).join('; ');
    lines.push(`Not added: ${names(wrongType)} — this part does not take ${wrongType.length === 1 ? 'that type' : 'those types'} of file. Accepted: ${accepted}.`);
  }
  const empty = by('empty');
  if (empty.length) lines.push(`Not added: ${names(empty)} — ${empty.length === 1 ? 'the file is' : 'the files are'} empty.`);
  const tooLarge = by('size');
  if (tooLarge.length) {
    const sized = tooLarge.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ');
    const isCaptions = (f: Picked) => kindOfPicked(f) === 'captions';
    const captionsOnly = tooLarge.every(isCaptions);
    const captionsLimit = formatBytes(maxBytesForKind('captions', rules.maxFileBytes));
    const limit = captionsOnly ? captionsLimit : formatBytes(rules.maxFileBytes);
    const mixed = !captionsOnly && tooLarge.some(isCaptions) ? ` (captions files up to ${captionsLimit})` : '';
    lines.push(`Not added: ${sized} — this part takes ${captionsOnly ? 'captions files' : 'files'} up to ${limit}${mixed}.`);
  }
  return lines;
}

/** A row of the uploader, as far as the part's places go. */
export type UploadPlace = {
  file: Picked;
  status: string;
  /** The file the server made for it (requestUpload), while it still has one. */
  fileId?: string;
  /** Where a failed upload stopped: at 'start' the server made no file. */
  stop?: { at: 'start' | 'transfer' | 'file' };
  /** When the server made its file (Date.now() as its answer came back), for the stopped-upload rule. */
  startedAt?: number;
};

/**
 * Whether a failed upload still holds its place on the server. Its file stays pending there (a
 * dropped connection, storage unreachable, parts missing), and a pending file holds a place until
 * it counts as stopped (isStoppedUpload: STOPPED_UPLOAD_MINUTES after it started), as
 * placesTaken counts in lib/evidence/uploads.ts. Not when the server made no file (refused at the
 * start), rejected it (its content, its size: `rejectedFileIds`, from the page), or it was
 * removed. `startedAt` is taken as the server's answer came back, a moment after the server's own
 * record, so the place is given back here no sooner than the server gives it back.
 */
export function failedUploadHoldsPlace(u: UploadPlace, rejectedFileIds: readonly string[], releasedFileIds: readonly string[], now: number): boolean {
  if (u.status !== 'failed' || !u.fileId || u.startedAt === undefined || !u.stop || u.stop.at === 'start') return false;
  if (rejectedFileIds.includes(u.fileId) || releasedFileIds.includes(u.fileId)) return false;
  return !isStoppedUpload({ status: 'PENDING', createdAt: new Date(u.startedAt) }, new Date(now));
}

/**
 * How many more files the picker takes: the files uploaded, uploads still on their way, and failed
 * uploads whose file still holds its place on the server (failedUploadHoldsPlace) count. The page's
 * `remaining` counts `countedFileIds`, the part's files holding a place when it was drawn (not
 * rejected ones, nor uploads that stopped). Less the uploads here that it did not count: running
 * ones started since, or started so long ago that the server takes them as stopped, so a slow
 * upload is not pushed out of its part by the next file chosen; and failed ones started since. Plus
 * the places it counted that are free since: files removed here (`releasedFileIds`: Remove,
 * Cancel, a Retry starting over), and failed uploads here that the server no longer counts (their
 * time is up, or it rejected them), before the page is drawn again. Captions do not count (nor
 * are they among `releasedFileIds`). `now`: Date.now(), for failed uploads' time.
 */
export function roomLeft(
  remaining: number,
  uploads: readonly UploadPlace[],
  countedFileIds: readonly string[],
  releasedFileIds: readonly string[] = [],
  { rejectedFileIds = [], now = Date.now() }: { rejectedFileIds?: readonly string[]; now?: number } = {},
): number {
  const counted = new Set(countedFileIds);
  const files = uploads.filter((u) => !isCaptionsFile(u.file));
  const holding = files.filter((u) => isUploadRunning(u.status) || failedUploadHoldsPlace(u, rejectedFileIds, releasedFileIds, now));
  const uncounted = holding.filter((u) => !(u.fileId && counted.has(u.fileId)));
  const gaveUp = files.filter((u) => u.status === 'failed' && u.fileId && !holding.includes(u)).map((u) => u.fileId!);
  const freed = new Set([...releasedFileIds, ...gaveUp].filter((id) => counted.has(id)));
  return remaining - uncounted.length + freed.size;
}
