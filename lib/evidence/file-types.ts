// Kinds of evidence a credential can ask for, with the MIME types and extensions each allows.
// Safe to import on the client: the upload widget uses it to filter the file picker.
export const FILE_KINDS = ['pdf', 'image', 'video', 'audio', 'document', 'slides', 'spreadsheet'] as const;
export type FileKind = (typeof FILE_KINDS)[number];
/**
 * What a part takes: the kinds its author chose, plus captions wherever video is allowed. Captions
 * (WebVTT) are never chosen by an author: a part that takes video takes its captions too.
 */
export type EvidenceKind = FileKind | 'captions';

/** Captions files are small text: no part needs more than this. */
export const MAX_CAPTIONS_BYTES = 1024 * 1024;

/** The largest file of this kind a part takes: its limit, or the smaller captions one for captions. */
export const maxBytesForKind = (kind: EvidenceKind, partMaxBytes: number): number => (kind === 'captions' ? Math.min(MAX_CAPTIONS_BYTES, partMaxBytes) : partMaxBytes);

export const FILE_KIND_INFO: Record<EvidenceKind, { label: string; mimeTypes: string[]; extensions: string[] }> = {
  pdf: { label: 'PDF', mimeTypes: ['application/pdf'], extensions: ['pdf'] },
  image: { label: 'Image (JPEG, PNG, WebP, GIF)', mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif'] },
  video: { label: 'Video (MP4, MOV, WebM)', mimeTypes: ['video/mp4', 'video/quicktime', 'video/webm'], extensions: ['mp4', 'm4v', 'mov', 'webm'] },
  audio: { label: 'Audio (MP3, M4A, WAV, OGG)', mimeTypes: ['audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'audio/webm'], extensions: ['mp3', 'm4a', 'wav', 'ogg', 'oga'] },
  document: {
    label: 'Document (Word, ODT, text)',
    mimeTypes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.oasis.opendocument.text', 'text/plain'],
    extensions: ['docx', 'odt', 'txt'],
  },
  slides: {
    label: 'Slides (PowerPoint, ODP)',
    mimeTypes: ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'application/vnd.oasis.opendocument.presentation'],
    extensions: ['pptx', 'odp'],
  },
  spreadsheet: {
    label: 'Spreadsheet (Excel, ODS, CSV)',
    mimeTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.oasis.opendocument.spreadsheet', 'text/csv'],
    extensions: ['xlsx', 'ods', 'csv'],
  },
  captions: { label: 'Captions for a video (WebVTT, .vtt)', mimeTypes: ['text/vtt'], extensions: ['vtt'] },
};

/** The kinds a part with these author-chosen kinds accepts: video brings its captions. */
export function acceptedKinds(allowed: readonly FileKind[]): EvidenceKind[] {
  return allowed.includes('video') ? [...allowed, 'captions'] : [...allowed];
}

/** The MIME type each allowed extension stands for, when the browser gives none. */
export const MIME_FOR_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', ogg: 'audio/ogg', oga: 'audio/ogg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', odt: 'application/vnd.oasis.opendocument.text', txt: 'text/plain',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', odp: 'application/vnd.oasis.opendocument.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ods: 'application/vnd.oasis.opendocument.spreadsheet', csv: 'text/csv',
  vtt: 'text/vtt',
};

export function kindForMime(mime: string): EvidenceKind | null {
  const m = mime.toLowerCase().split(';')[0].trim();
  for (const kind of [...FILE_KINDS, 'captions'] as const) if (FILE_KIND_INFO[kind].mimeTypes.includes(m)) return kind;
  return null;
}

/** A file name's extension, lower case, without the dot ('' when it has none). */
export function extensionOf(name: string) {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/**
 * A file's name without control characters (a line break would start a line of its own where the
 * name is shown) or format characters (a right-to-left override would show "cod.pdf" for
 * "fdp.doc"). What the upload schemas store, for evidence and certificates alike.
 */
export const withoutHiddenCharacters = (name: string) => name.replace(/[\p{Cc}\p{Cf}]/gu, '');

/**
 * Extensions a type comes with besides those MIME_FOR_EXTENSION gives it: other names browsers give
 * such files (a JPEG saved from the web as .jfif) and the types browsers and recorders declare for
 * our extensions (.m4a as audio/x-m4a, a recorded .webm as audio/webm).
 */
const MORE_EXTENSIONS: Record<string, readonly string[]> = {
  'image/jpeg': ['jfif', 'jpe', 'pjpeg', 'pjp'],
  'video/quicktime': ['qt'],
  'audio/mp4': ['mp4'],
  'audio/x-m4a': ['m4a'],
  'audio/x-wav': ['wav'],
  'audio/webm': ['webm', 'weba'],
  'audio/ogg': ['opus'],
  'text/plain': ['text'],
};

/** The extensions a file of this type may be named with, its usual one first; none for a type not on the evidence list. */
export function extensionsOfType(mime: string): string[] {
  const type = mime.toLowerCase().split(';')[0].trim();
  const own = Object.keys(MIME_FOR_EXTENSION).filter((ext) => MIME_FOR_EXTENSION[ext] === type);
  return [...own, ...(Object.hasOwn(MORE_EXTENSIONS, type) ? MORE_EXTENSIONS[type] : [])];
}

/**
 * Whether a file's name may go with the kind it is declared as: it has no extension, or one of that
 * kind's. "plan.js" declared as text, or "notes.txt.bat", is not a document, whatever type is sent.
 */
export function nameFitsKind(fileName: string, kind: EvidenceKind): boolean {
  const ext = extensionOf(fileName);
  return !ext || FILE_KIND_INFO[kind].mimeTypes.some((mime) => extensionsOfType(mime).includes(ext));
}

/**
 * The name a stored file is served under (its Content-Disposition), from the name it came with:
 * without format characters, and with an extension of the type it is served as (`servedType`). A
 * name whose extension is not one of that type's, nor of `declaredType`'s (the type an upload was
 * declared as, which its bytes were found to match: a CSV is served as plain text), gets the served
 * type's usual one added. Text named "plan.js" is saved as "plan.js.txt", a PNG named "x.html" as
 * "x.html.png": a saved copy opens as what it was checked to be, never as a script or a web page.
 * Neutral names (lib/evidence/neutral-names.ts) already end in such an extension, and stay as they are.
 */
export function servedFileName(fileName: string, servedType: string, declaredType?: string): string {
  // Control characters are left: the name is one encoded parameter, and browsers replace them on saving.
  const name = fileName.replace(/\p{Cf}/gu, '') || 'file';
  const served = extensionsOfType(servedType);
  const fitting = declaredType ? [...served, ...extensionsOfType(declaredType)] : served;
  return fitting.includes(extensionOf(name)) ? name : `${name}.${served[0] ?? 'bin'}`;
}

/**
 * The kind a file is taken for before its bytes are read: by the MIME type the browser gives, else
 * by the name's extension; null when neither names a kind, or the name's extension is not one of
 * the kind the type names (nameFitsKind). The server (requestUpload) and the uploader (pickFiles)
 * both use it, so the browser refuses exactly what the server would.
 */
export function declaredKind(fileName: string, contentType: string): { kind: EvidenceKind; mime: string } | null {
  const byMime = kindForMime(contentType);
  if (byMime) return nameFitsKind(fileName, byMime) ? { kind: byMime, mime: contentType.toLowerCase() } : null;
  const mime = MIME_FOR_EXTENSION[extensionOf(fileName)];
  const kind = mime ? kindForMime(mime) : null;
  return kind && mime ? { kind, mime } : null;
}

/** What kind of evidence a stored file is: from the type its bytes showed, else the type declared. */
export const fileKind = (f: { detectedType: string | null; declaredType: string }) => kindForMime(f.detectedType ?? f.declaredType);

/**
 * A part's files as its limits count them: `files` towards the part's number of files, and
 * captions apart (one per video).
 */
export function countPartFiles(list: readonly { detectedType: string | null; declaredType: string }[]): { files: number; videos: number; captions: number } {
  const kinds = list.map(fileKind);
  const captions = kinds.filter((k) => k === 'captions').length;
  return { files: kinds.length - captions, videos: kinds.filter((k) => k === 'video').length, captions };
}

/**
 * An upload that has not finished this long after it started is taken as stopped (the page was
 * closed, the connection dropped): it no longer holds a place in its part, so the teacher can
 * upload the file again straight away. The row only records when the upload started, so a very
 * slow upload still running past this is treated the same; finishing it is checked against the
 * part's limit again (completeUpload).
 */
export const STOPPED_UPLOAD_MINUTES = 30;

/** What the teacher reads beside a pending file whose upload stopped (isStoppedUpload, or stopped in this tab). */
export const STOPPED_UPLOAD_HINT = 'This upload stopped before it finished (the page was closed or the connection dropped). Remove it and choose the file again.';

/**
 * What the teacher reads beside a pending file too recent to count as stopped that this tab is not
 * uploading: another window or tab may be uploading it, or the page that was has been closed or
 * reloaded. Nothing here tells which, so it says what to do in each case.
 */
export const UNFINISHED_UPLOAD_HINT =
  'Not finished uploading. It may still be uploading in another window or tab: keep that open, and refresh this page in a few minutes. If you closed or reloaded the page that was uploading it, remove this file and choose it again.';

/** Said when removing such a file is asked for: removing it ends that upload, wherever it runs. */
export const REMOVE_STOPS_UPLOAD = 'If it is still uploading in another window or tab, that upload stops.';

type Placed = { status: string; createdAt: Date };

/** When an upload started before this moment and is still pending, it counts as stopped. */
export const stoppedUploadCutoff = (now: Date) => new Date(now.getTime() - STOPPED_UPLOAD_MINUTES * 60_000);

/** A pending upload that started too long ago to be still on its way. */
export const isStoppedUpload = (f: Placed, now: Date) => f.status === 'PENDING' && f.createdAt < stoppedUploadCutoff(now);

/**
 * The files that take up a place in their part (for countPartFiles): those uploaded and those
 * still on their way, not rejected ones nor uploads that stopped.
 */
export function filesTakingRoom<F extends Placed>(list: readonly F[], now: Date): F[] {
  return list.filter((f) => f.status === 'UPLOADED' || (f.status === 'PENDING' && !isStoppedUpload(f, now)));
}

/**
 * The files a list shows as files: not those the issuer removed, whose tombstones are listed apart
 * ("Removed by the issuer on …", lib/evidence/concerns.ts).
 */
export function liveFiles<F extends { status: string }>(list: readonly F[]): (F & { status: Exclude<F['status'], 'REMOVED'> })[] {
  return list.filter((f): f is F & { status: Exclude<F['status'], 'REMOVED'> } => f.status !== 'REMOVED');
}

export function acceptAttribute(kinds: readonly EvidenceKind[]): string {
  return kinds.flatMap((k) => [...FILE_KIND_INFO[k].mimeTypes, ...FILE_KIND_INFO[k].extensions.map((e) => `.${e}`)]).join(',');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

type Pairable = { id: string; fileName: string; detectedType: string | null; declaredType: string; status?: string };
const typeOf = (f: Pairable) => f.detectedType ?? f.declaredType;
const baseName = (name: string) => name.replace(/\.[^.]*$/, '').trim().toLowerCase();

/**
 * Which captions file belongs to which video, among one part's files (in upload order): one named
 * like the video (lesson.mp4 and lesson.vtt), else the captions files left over, in order, for the
 * videos left over. Only files that finished uploading are paired.
 */
export function pairCaptions<F extends Pairable>(files: readonly F[]): Map<string, F> {
  const ready = files.filter((f) => !f.status || f.status === 'UPLOADED');
  const videos = ready.filter((f) => typeOf(f).startsWith('video/'));
  const captions = ready.filter((f) => typeOf(f) === 'text/vtt');
  const pairs = new Map<string, F>();
  const used = new Set<string>();
  for (const v of videos) {
    const named = captions.find((c) => !used.has(c.id) && baseName(c.fileName) === baseName(v.fileName));
    if (named) {
      pairs.set(v.id, named);
      used.add(named.id);
    }
  }
  const leftover = captions.filter((c) => !used.has(c.id));
  for (const v of videos) {
    if (pairs.has(v.id)) continue;
    const next = leftover.shift();
    if (!next) break;
    pairs.set(v.id, next);
  }
  return pairs;
}
