// Kinds of evidence a credential can ask for, with the MIME types and extensions each allows.
// Safe to import on the client: the upload widget uses it to filter the file picker.
export const FILE_KINDS = ['pdf', 'image', 'video', 'audio', 'document', 'slides', 'spreadsheet'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_INFO: Record<FileKind, { label: string; mimeTypes: string[]; extensions: string[] }> = {
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
};

/** The MIME type each allowed extension stands for, when the browser gives none. */
export const MIME_FOR_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', wav: 'audio/wav', ogg: 'audio/ogg', oga: 'audio/ogg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', odt: 'application/vnd.oasis.opendocument.text', txt: 'text/plain',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', odp: 'application/vnd.oasis.opendocument.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ods: 'application/vnd.oasis.opendocument.spreadsheet', csv: 'text/csv',
};

export function kindForMime(mime: string): FileKind | null {
  const m = mime.toLowerCase().split(';')[0].trim();
  for (const kind of FILE_KINDS) if (FILE_KIND_INFO[kind].mimeTypes.includes(m)) return kind;
  return null;
}

export function acceptAttribute(kinds: readonly FileKind[]): string {
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
