import { describe, expect, it } from 'vitest';
import { recordedTypeFor, sniffFileType } from '@/lib/evidence/sniff';
import { acceptAttribute, acceptedKinds, FILE_KIND_INFO, formatBytes, kindForMime, MIME_FOR_EXTENSION, pairCaptions } from '@/lib/evidence/file-types';

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

describe('matching the bytes with the declared type', () => {
  const webm = bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81);
  const mp42 = bytes(0, 0, 0, 0x1c, 'ftypmp42');
  const isom = bytes(0, 0, 0, 0x20, 'ftypisom');
  it('takes audio recorded in a WebM or MP4 container as the audio it was declared as', () => {
    expect(recordedTypeFor(sniffFileType(webm), 'audio/webm', ['audio'])).toBe('audio/webm');
    expect(recordedTypeFor(sniffFileType(webm), 'audio/webm;codecs=opus', ['audio'])).toBe('audio/webm');
    expect(recordedTypeFor(sniffFileType(mp42), 'audio/x-m4a', ['audio'])).toBe('audio/mp4');
    expect(recordedTypeFor(sniffFileType(isom), 'audio/mp4', ['audio'])).toBe('audio/mp4');
  });
  it('keeps video as video and refuses what does not match', () => {
    expect(recordedTypeFor(sniffFileType(webm), 'video/webm', ['video'])).toBe('video/webm');
    expect(recordedTypeFor(sniffFileType(isom), 'video/mp4', ['video', 'audio'])).toBe('video/mp4');
    // Another container, another format, or a kind the part does not take.
    expect(recordedTypeFor(sniffFileType(webm), 'audio/mp4', ['audio'])).toBeNull();
    expect(recordedTypeFor(sniffFileType(isom), 'audio/mpeg', ['audio'])).toBeNull();
    expect(recordedTypeFor(sniffFileType(bytes('%PDF-1.7\n')), 'audio/webm', ['audio'])).toBeNull();
    expect(recordedTypeFor(sniffFileType(webm), 'audio/webm', ['video'])).toBeNull();
    expect(recordedTypeFor(null, 'audio/webm', ['audio'])).toBeNull();
  });
  it('keeps the earlier rules for documents', () => {
    expect(recordedTypeFor(sniffFileType(bytes('%PDF-1.7\n')), 'application/pdf', ['pdf'])).toBe('application/pdf');
    expect(recordedTypeFor(sniffFileType(bytes('a,b\n1,2\n')), 'text/csv', ['spreadsheet'])).toBe('text/plain');
    expect(recordedTypeFor(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04, '[Content_Types].xml')), 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ['slides'])).toBe('application/x-ooxml');
    expect(recordedTypeFor(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04, '[Content_Types].xml')), 'application/vnd.oasis.opendocument.text', ['document'])).toBeNull();
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

describe('a file the browser gives no type for', () => {
  it('is typed by its extension, and every allowed extension maps to a type of its own kind', () => {
    expect(MIME_FOR_EXTENSION.wav).toBe('audio/wav');
    expect(MIME_FOR_EXTENSION.mov).toBe('video/quicktime');
    expect(MIME_FOR_EXTENSION.m4a).toBe('audio/mp4');
    for (const [kind, info] of Object.entries(FILE_KIND_INFO)) {
      for (const ext of info.extensions) {
        expect(MIME_FOR_EXTENSION[ext], ext).toBeDefined();
        expect(kindForMime(MIME_FOR_EXTENSION[ext]), ext).toBe(kind);
      }
    }
  });
});

describe('captions for video', () => {
  const vtt = (s: string) => new TextEncoder().encode(s);
  it('recognises WebVTT, with or without a byte-order mark, and nothing merely starting with the word', () => {
    expect(sniffFileType(vtt('WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n'))?.mime).toBe('text/vtt');
    expect(sniffFileType(vtt('\uFEFFWEBVTT - Lesson 3\n'))?.mime).toBe('text/vtt');
    expect(sniffFileType(vtt('WEBVTTX\n'))?.mime).toBe('text/plain');
    expect(sniffFileType(vtt('Notes about WEBVTT\n'))?.mime).toBe('text/plain');
  });

  it('records captions only where video is allowed, and a text file that starts like captions stays text', () => {
    const captions = sniffFileType(vtt('WEBVTT\n'));
    expect(recordedTypeFor(captions, 'text/vtt', acceptedKinds(['video']))).toBe('text/vtt');
    expect(recordedTypeFor(captions, 'text/vtt', acceptedKinds(['pdf']))).toBeNull();
    expect(recordedTypeFor(captions, 'text/plain', acceptedKinds(['document']))).toBe('text/plain');
    expect(recordedTypeFor(sniffFileType(vtt('just notes\n')), 'text/vtt', acceptedKinds(['video']))).toBeNull();
    expect(acceptedKinds(['video', 'pdf'])).toEqual(['video', 'pdf', 'captions']);
    expect(acceptAttribute(acceptedKinds(['video']))).toContain('.vtt');
    expect(MIME_FOR_EXTENSION.vtt).toBe('text/vtt');
  });

  it('pairs each video with the captions named like it, then the rest in upload order', () => {
    const f = (id: string, fileName: string, type: string, status = 'UPLOADED') => ({ id, fileName, detectedType: type, declaredType: type, status });
    const files = [
      f('v1', 'Lesson one.mp4', 'video/mp4'),
      f('v2', 'group-work.MOV', 'video/quicktime'),
      f('v3', 'closing.webm', 'video/webm'),
      f('c-other', 'captions.vtt', 'text/vtt'),
      f('c2', 'Group-Work.vtt', 'text/vtt'),
      f('c-pending', 'closing.vtt', 'text/vtt', 'PENDING'),
      f('p', 'plan.pdf', 'application/pdf'),
    ];
    const pairs = pairCaptions(files);
    expect(pairs.get('v2')?.id).toBe('c2');
    expect(pairs.get('v1')?.id).toBe('c-other');
    expect(pairs.has('v3')).toBe(false);
    expect(pairs.size).toBe(2);
  });
});
