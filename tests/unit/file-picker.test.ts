import { describe, expect, it } from 'vitest';
import { isUploadRunning, pickFiles as pick, refusalOf, type PartRules } from '@/components/evidence/pick-files';

const f = (name: string, type: string, size = 1000) => ({ name, type, size });
const MB = 1024 ** 2;
/** A part that takes PDFs, images and video (so captions too), up to 100 MB each. */
const rules: PartRules = { allowedTypes: ['pdf', 'image', 'video', 'captions'], maxFileBytes: 100 * MB };
const pickFiles = (files: ReturnType<typeof f>[], remaining: number, captionsRemaining: number) => pick(files, remaining, captionsRemaining, rules);

describe('picking more files than a part takes', () => {
  it('uploads what fits and names every file left out, with the reason', () => {
    const picked = [f('a.pdf', 'application/pdf'), f('b.pdf', 'application/pdf'), f('c.pdf', 'application/pdf'), f('d.png', 'image/png')];
    const r = pickFiles(picked, 2, 0);
    expect(r.others.map((x) => x.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(r.notAdded).toEqual(['Not added: c.pdf, d.png — this part takes only 2 more files.']);
    expect(pickFiles(picked.slice(0, 2), 1, 0).notAdded).toEqual(['Not added: b.pdf — this part takes only 1 more file.']);
  });

  it('says so when the part is already full', () => {
    expect(pickFiles([f('a.pdf', 'application/pdf')], 0, 0)).toEqual({ others: [], captions: [], notAdded: ['Not added: a.pdf — this part already has as many files as it takes. Remove a file to add another.'] });
  });

  it('adds nothing to say when everything fits', () => {
    expect(pickFiles([f('a.pdf', 'application/pdf')], 3, 0).notAdded).toEqual([]);
  });

  it('takes one captions file per video, counting videos picked with them, and names the extra ones', () => {
    const picked = [f('lesson.mp4', 'video/mp4'), f('lesson.vtt', 'text/vtt'), f('again.vtt', ''), f('old.vtt', 'text/vtt')];
    const r = pickFiles(picked, 1, 1);
    expect(r.others.map((x) => x.name)).toEqual(['lesson.mp4']);
    expect(r.captions.map((x) => x.name)).toEqual(['lesson.vtt', 'again.vtt']);
    expect(r.notAdded).toEqual(['Not added: old.vtt — captions go one per video, so this part takes only 2 more captions files.']);
    // A video left out does not make room for its captions.
    const noRoom = pickFiles([f('lesson.mp4', 'video/mp4'), f('lesson.vtt', 'text/vtt')], 0, 0);
    expect(noRoom.captions).toEqual([]);
    expect(noRoom.notAdded).toEqual([
      'Not added: lesson.mp4 — this part already has as many files as it takes. Remove a file to add another.',
      'Not added: lesson.vtt — captions go with a video, and this part has no video without captions.',
    ]);
  });

  it('counts a video the browser gives no type for (some .mov files) as the server does, by its extension', () => {
    const r = pickFiles([f('lesson.mov', ''), f('lesson.vtt', 'text/vtt')], 1, 0);
    expect(r.others.map((x) => x.name)).toEqual(['lesson.mov']);
    expect(r.captions.map((x) => x.name)).toEqual(['lesson.vtt']);
    expect(r.notAdded).toEqual([]);
    // A file with no type that is not a video makes no room for captions.
    expect(pickFiles([f('plan.pdf', ''), f('plan.vtt', 'text/vtt')], 1, 0).captions).toEqual([]);
  });
});

describe('picking files the part would refuse', () => {
  it('starts none of them, names each with the reason, and lets them take no place', () => {
    const picked = [f('lesson.exe', 'application/x-msdownload'), f('plan.pdf', 'application/pdf'), f('blank.pdf', 'application/pdf', 0), f('big.mov', 'video/quicktime', 2 * 1024 ** 3), f('photo.png', 'image/png')];
    const r = pickFiles(picked, 2, 0);
    // The two that fit are started, however many were refused before them.
    expect(r.others.map((x) => x.name)).toEqual(['plan.pdf', 'photo.png']);
    expect(r.captions).toEqual([]);
    expect(r.notAdded).toEqual([
      'Not added: lesson.exe — this part does not take that type of file. Accepted: PDF; Image (JPEG, PNG, WebP, GIF); Video (MP4, MOV, WebM); Captions for a video (WebVTT, .vtt).',
      'Not added: blank.pdf — the file is empty.',
      'Not added: big.mov (2.0 GB) — this part takes files up to 100 MB.',
    ]);
  });

  it('names several files refused for the same reason together', () => {
    const r = pickFiles([f('a.exe', ''), f('b.zip', 'application/zip'), f('c.pdf', 'application/pdf', 101 * MB), f('d.png', 'image/png', 200 * MB)], 5, 0);
    expect(r.others).toEqual([]);
    expect(r.notAdded).toEqual([
      'Not added: a.exe, b.zip — this part does not take those types of file. Accepted: PDF; Image (JPEG, PNG, WebP, GIF); Video (MP4, MOV, WebM); Captions for a video (WebVTT, .vtt).',
      'Not added: c.pdf (101 MB), d.png (200 MB) — this part takes files up to 100 MB.',
    ]);
  });

  it('judges a file as the server does: by the type the browser gives, else by its name', () => {
    expect(refusalOf(f('scan.PDF', ''), rules)).toBeNull();
    expect(refusalOf(f('scan', 'application/pdf'), rules)).toBeNull();
    expect(refusalOf(f('notes.docx', ''), rules)).toBe('type');
    expect(refusalOf(f('notes.docx', ''), { ...rules, allowedTypes: ['document'] })).toBeNull();
    // Captions are small text: a captions file over 1 MB is too large even where videos may be 100 MB.
    expect(refusalOf(f('lesson.vtt', 'text/vtt', 2 * MB), rules)).toBe('size');
    expect(refusalOf(f('lesson.vtt', 'text/vtt', 2 * MB), { ...rules, allowedTypes: ['pdf'] })).toBe('type');
    expect(pickFiles([f('lesson.vtt', 'text/vtt', 2 * MB)], 1, 1).notAdded).toEqual(['Not added: lesson.vtt (2.0 MB) — this part takes captions files up to 1.0 MB.']);
  });

  it('still counts the part’s places among the files it would take', () => {
    const r = pickFiles([f('a.pdf', 'application/pdf'), f('b.exe', ''), f('c.pdf', 'application/pdf')], 1, 0);
    expect(r.others.map((x) => x.name)).toEqual(['a.pdf']);
    expect(r.notAdded).toEqual([
      'Not added: b.exe — this part does not take that type of file. Accepted: PDF; Image (JPEG, PNG, WebP, GIF); Video (MP4, MOV, WebM); Captions for a video (WebVTT, .vtt).',
      'Not added: c.pdf — this part takes only 1 more file.',
    ]);
  });
});

describe('leaving the page during an upload', () => {
  it('warns while a file is uploading or being checked, not once it is done, failed or cancelled', () => {
    expect(['uploading', 'checking', 'done', 'failed', 'cancelled'].filter(isUploadRunning)).toEqual(['uploading', 'checking']);
  });
});
