import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  PNG_KEYWORD,
  bakePng,
  bakeSvg,
  crc32,
  extractCredential,
  extractFromPng,
  extractFromSvg,
} from '@/lib/credentials/bake';
import { generateBadgeSvg, renderPng } from '@/lib/credentials/badge-image';

// Deliberately awkward content: CDATA terminator, a closing tag, XML specials and non-ASCII.
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:1b2c3d4e-0000-4000-8000-000000000001',
  name: 'Évaluation formative ]]> <b>&</b> </openbadges:credential> 教学 ✓',
  proof: [{ type: 'DataIntegrityProof', proofValue: 'z5abc' }],
};
const json = JSON.stringify(credential);

const svg = generateBadgeSvg({ title: 'Formative Assessment', issuerName: 'Riverside USD', level: 2 });
const png = renderPng(svg, 96);

interface Chunk {
  type: string;
  data: Buffer;
  crc: number;
}

/** Independent PNG chunk reader for assertions (uses node's zlib.crc32, not ours). */
function chunks(bytes: Uint8Array): Chunk[] {
  const buf = Buffer.from(bytes);
  const out: Chunk[] = [];
  let offset = 8;
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    expect(zlib.crc32(buf.subarray(offset + 4, offset + 8 + length))).toBe(crc);
    out.push({ type, data, crc });
    offset += 12 + length;
  }
  return out;
}

describe('crc32', () => {
  it('matches the standard check value and node:zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(png)).toBe(zlib.crc32(Buffer.from(png)));
  });
});

describe('PNG baking', () => {
  it('round-trips the credential exactly', () => {
    const baked = bakePng(png, json);
    expect(extractFromPng(baked)).toBe(json);
    expect(extractFromPng(bakePng(png, credential))).toBe(json);
  });

  it('inserts one uncompressed iTXt chunk right before IEND and keeps every other byte', () => {
    const baked = bakePng(png, credential);
    const before = chunks(png);
    const after = chunks(baked);
    expect(after.map((c) => c.type)).toEqual([
      ...before.slice(0, -1).map((c) => c.type),
      'iTXt',
      'IEND',
    ]);
    const itxt = after[after.length - 2]!.data;
    const header = Buffer.from(`${PNG_KEYWORD}\0\0\0\0\0`, 'latin1');
    expect(itxt.subarray(0, header.length)).toEqual(header);
    expect(itxt.subarray(header.length).toString('utf8')).toBe(json);
    // Everything before IEND in the original is untouched.
    const iendStart = png.length - 12;
    expect(Buffer.from(baked.subarray(0, iendStart))).toEqual(Buffer.from(png.subarray(0, iendStart)));
  });

  it('replaces an existing baked credential instead of adding a second one', () => {
    const rebaked = bakePng(bakePng(png, { id: 'urn:uuid:old' }), credential);
    expect(chunks(rebaked).filter((c) => c.type === 'iTXt')).toHaveLength(1);
    expect(extractFromPng(rebaked)).toBe(json);
  });

  it('returns null for an unbaked PNG and rejects corrupt data', () => {
    expect(extractFromPng(png)).toBeNull();
    const corrupt = bakePng(png, credential);
    corrupt[corrupt.length - 20] = corrupt[corrupt.length - 20]! ^ 0xff;
    expect(() => extractFromPng(corrupt)).toThrow(/CRC/);
    expect(() => extractFromPng(new TextEncoder().encode('GIF89a'))).toThrow(/Not a PNG/);
  });

  it('refuses a compressed credential chunk that would inflate past any credential, quickly', () => {
    // 20 KB of deflated zeros inflate to 20 MB: a small upload must not cost the server that.
    const bomb = zlib.deflateSync(Buffer.alloc(20 * 1024 * 1024));
    const keyword = Buffer.from(PNG_KEYWORD, 'latin1');
    const data = Buffer.concat([keyword, Buffer.from([0, 1, 0, 0, 0]), bomb]);
    const type = Buffer.from('iTXt', 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, data])));
    const bytes = Buffer.from(png);
    const iend = bytes.length - 12;
    const baked = Buffer.concat([bytes.subarray(0, iend), length, type, data, crc, bytes.subarray(iend)]);
    const started = performance.now();
    expect(() => extractFromPng(new Uint8Array(baked))).toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('SVG baking', () => {
  it('round-trips the credential exactly, even with "]]>" inside', () => {
    const baked = bakeSvg(svg, credential);
    expect(extractFromSvg(baked)).toBe(json);
    expect(baked).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(baked).toMatch(/<svg[^>]*><openbadges:credential><!\[CDATA\[/);
  });

  it('keeps the SVG renderable and replaces an earlier credential', () => {
    const baked = bakeSvg(bakeSvg(svg, { id: 'urn:uuid:old' }), credential);
    expect(baked.match(/<openbadges:credential>/g)).toHaveLength(1);
    expect(baked.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(extractFromSvg(baked)).toBe(json);
    // resvg parses XML strictly: a broken document would throw here.
    expect(renderPng(baked, 32).subarray(1, 4)).toEqual(new TextEncoder().encode('PNG'));
  });

  it('reads hand-baked files with whitespace and escaped text', () => {
    const handBaked = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 10 10">
  <openbadges:credential>
    {"id":"urn:uuid:x","name":"a &amp; b &lt;c&gt;"}
  </openbadges:credential>
  <rect width="10" height="10"/>
</svg>`;
    expect(extractFromSvg(handBaked)).toBe('{"id":"urn:uuid:x","name":"a & b <c>"}');
    expect(extractFromSvg(svg)).toBeNull();
  });

  it('handles a self-closing root element', () => {
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', credential);
    expect(baked).toMatch(/<\/svg>$/);
    expect(extractFromSvg(baked)).toBe(json);
  });
});

describe('extractCredential', () => {
  it('detects PNG and SVG input and parses the JSON', () => {
    const fromPng = extractCredential(bakePng(png, credential));
    expect(fromPng).toMatchObject({ format: 'png', kind: 'json', raw: json, credential });
    const fromSvg = extractCredential(bakeSvg(svg, credential));
    expect(fromSvg).toMatchObject({ format: 'svg', kind: 'json', raw: json, credential });
    const fromSvgBytes = extractCredential(new TextEncoder().encode(bakeSvg(svg, credential)));
    expect(fromSvgBytes).toMatchObject({ format: 'svg', credential });
  });

  it('passes a baked VC-JWT through as text, and returns null when nothing is baked', () => {
    expect(extractCredential(bakePng(png, 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln'))).toEqual({
      format: 'png',
      kind: 'jwt',
      raw: 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2ln',
    });
    expect(extractCredential(png)).toBeNull();
    expect(() => extractCredential('plain text')).toThrow(/PNG or SVG/);
  });
});
