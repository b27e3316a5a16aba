import { kindForMime, type EvidenceKind } from '@/lib/evidence/file-types';

export type Sniffed = { mime: string; kind: EvidenceKind } | null;

const startsWith = (b: Uint8Array, sig: number[], offset = 0) => sig.every((v, i) => b[offset + i] === v);
const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));

/**
 * Identifies a file from its first bytes, ignoring its name and declared type, so a renamed
 * executable cannot pass as a PDF. Returns null for anything not on the evidence list.
 */
export function sniffFileType(b: Uint8Array): Sniffed {
  if (b.length < 4) return null;
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', kind: 'pdf' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', kind: 'image' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', kind: 'image' };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { mime: 'image/gif', kind: 'image' };
  if (ascii(b, 0, 4) === 'RIFF' && b.length >= 12) {
    const type = ascii(b, 8, 12);
    if (type === 'WEBP') return { mime: 'image/webp', kind: 'image' };
    if (type === 'WAVE') return { mime: 'audio/wav', kind: 'audio' };
  }
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand === 'qt  ') return { mime: 'video/quicktime', kind: 'video' };
    if (brand.startsWith('M4A') || brand === 'M4B ') return { mime: 'audio/mp4', kind: 'audio' };
    return { mime: 'video/mp4', kind: 'video' };
  }
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return { mime: 'video/webm', kind: 'video' };
  if (ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0)) return { mime: 'audio/mpeg', kind: 'audio' };
  if (ascii(b, 0, 4) === 'OggS') return { mime: 'audio/ogg', kind: 'audio' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return sniffZipContainer(b);
  if (looksLikeText(b)) {
    // WebVTT captions: text whose first line is WEBVTT (after an optional byte-order mark).
    const start = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
    if (ascii(b, start, start + 6) === 'WEBVTT' && (b.length === start + 6 || [0x20, 0x09, 0x0a, 0x0d].includes(b[start + 6]))) return { mime: 'text/vtt', kind: 'captions' };
    return { mime: 'text/plain', kind: 'document' };
  }
  return null;
}

// WebM and MP4 hold sound as well as picture, and their first bytes do not say which: a recording
// declared as audio in the same container (a phone's .m4a, a browser's audio/webm) is audio.
const AUDIO_IN_CONTAINER: Record<string, { container: string; audio: string }> = {
  'audio/webm': { container: 'video/webm', audio: 'audio/webm' },
  'audio/mp4': { container: 'video/mp4', audio: 'audio/mp4' },
  'audio/x-m4a': { container: 'video/mp4', audio: 'audio/mp4' },
};

/**
 * The type an upload is recorded as, from what its bytes look like and what the browser declared,
 * or null when the two disagree (a renamed or damaged file) or the part does not take the kind.
 */
export function recordedTypeFor(sniffed: Sniffed, declaredType: string, allowed: readonly EvidenceKind[]): string | null {
  const declaredKind = kindForMime(declaredType);
  if (!sniffed || !declaredKind || !allowed.includes(declaredKind)) return null;
  const declared = declaredType.toLowerCase().split(';')[0].trim();
  if (sniffed.mime === 'application/x-ooxml') return declared.includes('openxmlformats') ? sniffed.mime : null;
  // Captions are text, and a text file may happen to start like captions: each is what it says.
  if (sniffed.mime === 'text/vtt') return declared === 'text/vtt' ? 'text/vtt' : declared === 'text/plain' || declared === 'text/csv' ? 'text/plain' : null;
  if (sniffed.mime === 'text/plain') return declared === 'text/plain' || declared === 'text/csv' ? sniffed.mime : null;
  if (sniffed.kind === declaredKind) return sniffed.mime;
  const audio = AUDIO_IN_CONTAINER[declared];
  return audio && audio.container === sniffed.mime ? audio.audio : null;
}

// Office Open XML and OpenDocument files are zip archives; the first entry names give them away.
function sniffZipContainer(b: Uint8Array): Sniffed {
  const head = ascii(b, 0, Math.min(b.length, 4100));
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return { mime: 'application/vnd.oasis.opendocument.text', kind: 'document' };
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.presentation')) return { mime: 'application/vnd.oasis.opendocument.presentation', kind: 'slides' };
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return { mime: 'application/vnd.oasis.opendocument.spreadsheet', kind: 'spreadsheet' };
  if (head.includes('word/')) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', kind: 'document' };
  if (head.includes('ppt/')) return { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', kind: 'slides' };
  if (head.includes('xl/')) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'spreadsheet' };
  // [Content_Types].xml first: the part folder may come later than the bytes we read; fall back on the declared type.
  if (head.includes('[Content_Types].xml')) return { mime: 'application/x-ooxml', kind: 'document' };
  return null;
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 9 || (c > 13 && c < 32)) return false;
  }
  return true;
}
