import { describe, expect, it } from 'vitest';
import { sniffFileType } from '@/lib/evidence/sniff';
import { acceptAttribute, formatBytes, kindForMime } from '@/lib/evidence/file-types';

const bytes = (...b: (number | string)[]) => Uint8Array.from(b.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('content sniffing', () => {
  it('recognises evidence formats from their first bytes', () => {
    expect(sniffFileType(bytes('%PDF-1.7\n'))?.mime).toBe('application/pdf');
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0))?.kind).toBe('image');
    expect(sniffFileType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a))?.mime).toBe('image/png');
    expect(sniffFileType(bytes(0, 0, 0, 0x20, 'ftypisom'))?.mime).toBe('video/mp4');
    expect(sniffFileType(bytes(0, 0, 0, 0x20, 'ftypqt  '))?.mime).toBe('video/quicktime');
    expect(sniffFileType(bytes(0, 0, 0, 0x20, 'ftypM4A '))?.kind).toBe('audio');
    expect(sniffFileType(bytes('ID3', 4, 0))?.mime).toBe('audio/mpeg');
    expect(sniffFileType(bytes('RIFF', 0, 0, 0, 0, 'WEBP'))?.mime).toBe('image/webp');
    expect(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04, 'word/document.xml'))?.kind).toBe('document');
    expect(sniffFileType(bytes('Plain notes from class\n'))?.mime).toBe('text/plain');
  });
  it('rejects executables and unknown binaries', () => {
    expect(sniffFileType(bytes('MZ', 0x90, 0, 3, 0))).toBeNull();
    expect(sniffFileType(bytes(0x7f, 'ELF', 2, 1, 1))).toBeNull();
    expect(sniffFileType(bytes(1, 2))).toBeNull();
  });
});

describe('file types', () => {
  it('maps MIME types to evidence kinds and builds accept attributes', () => {
    expect(kindForMime('application/pdf; charset=binary')).toBe('pdf');
    expect(kindForMime('application/x-msdownload')).toBeNull();
    expect(acceptAttribute(['pdf'])).toBe('application/pdf,.pdf');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
