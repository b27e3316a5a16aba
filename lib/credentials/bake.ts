// Open Badges 3.0 "baking": embedding the signed credential in the badge image so the image file
// alone is a verifiable badge (OB 3.0 §5.3, Badge Baking).
//  - PNG: an uncompressed iTXt chunk with keyword "openbadgecredential" before IEND.
//  - SVG: an <openbadges:credential> element (namespace https://purl.imsglobal.org/ob/v3p0)
//    holding the credential in CDATA, right after the opening <svg> tag.
import { inflateSync } from 'node:zlib';

export const PNG_KEYWORD = 'openbadgecredential';
export const SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type BakeableCredential = string | object;

/** Compact JSON (or a VC-JWT string, which OB 3.0 also allows) exactly as it will be embedded. */
function serialize(credential: BakeableCredential): string {
  return typeof credential === 'string' ? credential : JSON.stringify(credential);
}

// --- CRC-32 (ISO-HDLC, as PNG uses) -------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// --- PNG ------------------------------------------------------------------------------------------

interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past the chunk's CRC. */
  end: number;
  data: Uint8Array;
}

function readPngChunks(png: Uint8Array): PngChunk[] {
  if (png.length < PNG_SIGNATURE.length || !PNG_SIGNATURE.every((b, i) => png[i] === b)) {
    throw new Error('Not a PNG image.');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error('Truncated PNG chunk.');
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    const expectedCrc = view.getUint32(offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== expectedCrc) {
      throw new Error(`Corrupt PNG: bad CRC in ${type} chunk.`);
    }
    chunks.push({ type, start: offset, end, data });
    offset = end;
    if (type === 'IEND') return chunks;
  }
  throw new Error('PNG has no IEND chunk.');
}

function encodePngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(new TextEncoder().encode(type), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

interface ITxt {
  keyword: string;
  text: string;
}

/** The most a baked credential's text may take once inflated (a credential is far smaller). */
export const MAX_BAKED_TEXT_BYTES = 1_000_000;

function parseITxt(data: Uint8Array): ITxt | null {
  // keyword \0 compressionFlag compressionMethod languageTag \0 translatedKeyword \0 text
  const keywordEnd = data.indexOf(0);
  if (keywordEnd < 1) return null;
  const keyword = new TextDecoder('latin1').decode(data.subarray(0, keywordEnd));
  const compressed = data[keywordEnd + 1] === 1;
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  if (languageEnd < 0) return null;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  let textBytes = data.subarray(translatedEnd + 1);
  // The spec says bake uncompressed, but compressed text is read too, up to what a credential can
  // be: an upload to the public /verify page must not inflate a few hundred kilobytes into a gigabyte.
  if (compressed) textBytes = inflateSync(textBytes, { maxOutputLength: MAX_BAKED_TEXT_BYTES });
  return { keyword, text: new TextDecoder('utf-8', { fatal: true }).decode(textBytes) };
}

function isCredentialChunk(chunk: PngChunk): boolean {
  if (chunk.type !== 'iTXt') return false;
  const keywordEnd = chunk.data.indexOf(0);
  return new TextDecoder('latin1').decode(chunk.data.subarray(0, keywordEnd)) === PNG_KEYWORD;
}

/** Embed the credential; an existing baked credential is replaced (a badge carries one). */
export function bakePng(png: Uint8Array, credential: BakeableCredential): Uint8Array {
  const chunks = readPngChunks(png);
  const encoder = new TextEncoder();
  const header = encoder.encode(`${PNG_KEYWORD}\0`);
  // compression flag 0, method 0, empty language tag and translated keyword.
  const body = encoder.encode(serialize(credential));
  const data = new Uint8Array(header.length + 4 + body.length);
  data.set(header, 0);
  data.set([0, 0, 0, 0], header.length);
  data.set(body, header.length + 4);
  const credentialChunk = encodePngChunk('iTXt', data);

  const parts: Uint8Array[] = [png.subarray(0, PNG_SIGNATURE.length)];
  for (const chunk of chunks) {
    if (isCredentialChunk(chunk)) continue;
    if (chunk.type === 'IEND') parts.push(credentialChunk);
    parts.push(png.subarray(chunk.start, chunk.end));
  }
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The embedded credential text, exactly as baked, or null when the PNG carries none. */
export function extractFromPng(png: Uint8Array): string | null {
  for (const chunk of readPngChunks(png)) {
    if (!isCredentialChunk(chunk)) continue;
    const itxt = parseITxt(chunk.data);
    if (itxt) return itxt.text;
  }
  return null;
}

// --- SVG --------------------------------------------------------------------------------------------

const SVG_OPEN_TAG = /<svg\b[^>]*>/;
const CREDENTIAL_OPEN_TAG = /<openbadges:credential\b[^>]*>/g;
const CREDENTIAL_CLOSE_TAG = '</openbadges:credential>';

/** CDATA cannot contain "]]>", so split any occurrence across two CDATA sections. */
function toCdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    switch (entity) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default:
        return String.fromCodePoint(
          entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
        );
    }
  });
}

interface CredentialElement {
  start: number;
  end: number;
  text: string;
}

/**
 * Find each <openbadges:credential> element. Scans CDATA sections explicitly (rather than a
 * non-greedy regex) because the credential text may itself contain "</openbadges:credential>".
 */
function findCredentialElements(svg: string): CredentialElement[] {
  const found: CredentialElement[] = [];
  for (const open of svg.matchAll(CREDENTIAL_OPEN_TAG)) {
    if (found.length && open.index! < found[found.length - 1]!.end) continue;
    let cursor = open.index! + open[0].length;
    let text = '';
    for (;;) {
      const cdataAt = svg.indexOf('<![CDATA[', cursor);
      const closeAt = svg.indexOf(CREDENTIAL_CLOSE_TAG, cursor);
      if (closeAt < 0) throw new Error('Unterminated <openbadges:credential> element.');
      if (cdataAt >= 0 && cdataAt < closeAt) {
        const cdataEnd = svg.indexOf(']]>', cdataAt + 9);
        if (cdataEnd < 0) throw new Error('Unterminated CDATA section.');
        text += decodeXmlText(svg.slice(cursor, cdataAt)) + svg.slice(cdataAt + 9, cdataEnd);
        cursor = cdataEnd + 3;
        continue;
      }
      text += decodeXmlText(svg.slice(cursor, closeAt));
      found.push({ start: open.index!, end: closeAt + CREDENTIAL_CLOSE_TAG.length, text });
      break;
    }
  }
  return found;
}

/** Embed the credential; an existing baked credential is replaced (a badge carries one). */
export function bakeSvg(svg: string, credential: BakeableCredential): string {
  let clean = svg;
  for (const element of findCredentialElements(svg).reverse()) {
    clean = clean.slice(0, element.start) + clean.slice(element.end);
  }
  const match = SVG_OPEN_TAG.exec(clean);
  if (!match) throw new Error('Not an SVG image.');
  const selfClosing = match[0].endsWith('/>');
  let openTag = selfClosing ? `${match[0].slice(0, -2).trimEnd()}>` : match[0];
  if (!/\sxmlns:openbadges\s*=/.test(openTag)) {
    openTag = `${openTag.slice(0, -1)} xmlns:openbadges="${SVG_NAMESPACE}">`;
  }
  const element = `<openbadges:credential>${toCdata(serialize(credential))}</openbadges:credential>`;
  const before = clean.slice(0, match.index);
  const after = clean.slice(match.index + match[0].length);
  // A self-closing <svg/> has no content; expand it so the element can go inside.
  return `${before}${openTag}${element}${selfClosing ? '</svg>' : ''}${after}`;
}

/** The embedded credential text, exactly as baked, or null when the SVG carries none. */
export function extractFromSvg(svg: string): string | null {
  const [element] = findCredentialElements(svg);
  // Whitespace around the JSON (common in hand-baked files) is not part of the credential.
  return element ? element.text.trim() : null;
}

// --- format detection ------------------------------------------------------------------------------

export type ExtractedCredential =
  | { format: 'png' | 'svg'; kind: 'json'; raw: string; credential: Record<string, unknown> }
  | { format: 'png' | 'svg'; kind: 'jwt'; raw: string };

function looksLikeSvg(text: string): boolean {
  return /<svg\b/.test(text);
}

/** Detect PNG or SVG input and return the baked credential, or null if there is none. */
export function extractCredential(input: Uint8Array | string): ExtractedCredential | null {
  let format: 'png' | 'svg';
  let raw: string | null;
  if (typeof input !== 'string' && PNG_SIGNATURE.every((b, i) => input[i] === b)) {
    format = 'png';
    raw = extractFromPng(input);
  } else {
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
    if (!looksLikeSvg(text)) throw new Error('Unsupported badge image: expected PNG or SVG.');
    format = 'svg';
    raw = extractFromSvg(text);
  }
  if (raw === null) return null;
  const trimmed = raw.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new Error('The badge image carries a credential that is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return { format, kind: 'json', raw, credential: parsed as Record<string, unknown> };
  }
  return { format, kind: 'jwt', raw: trimmed };
}
