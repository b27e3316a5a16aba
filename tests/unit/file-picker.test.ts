import { describe, expect, it } from 'vitest';
import { isUploadRunning, pickFiles } from '@/components/evidence/pick-files';

const f = (name: string, type: string) => ({ name, type });

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
});

describe('leaving the page during an upload', () => {
  it('warns while a file is uploading or being checked, not once it is done, failed or cancelled', () => {
    expect(['uploading', 'checking', 'done', 'failed', 'cancelled'].filter(isUploadRunning)).toEqual(['uploading', 'checking']);
  });
});
