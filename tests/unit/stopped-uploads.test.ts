import { describe, expect, it } from 'vitest';
import { countPartFiles, filesTakingRoom, isStoppedUpload, STOPPED_UPLOAD_MINUTES } from '@/lib/evidence/file-types';
import { findIncompleteParts, type PartSpec } from '@/lib/submissions/completeness';
import { roomLeft } from '@/components/evidence/pick-files';

const now = new Date('2026-03-02T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const file = (id: string, status: string, startedMinutesAgo: number, declaredType = 'application/pdf') => ({ id, status, createdAt: minutesAgo(startedMinutesAgo), declaredType, detectedType: null });

describe('an upload that stopped holds no place in its part', () => {
  it('counts uploaded files and uploads still on their way, not stopped or rejected ones', () => {
    expect(STOPPED_UPLOAD_MINUTES).toBe(30);
    const files = [file('up', 'UPLOADED', 300), file('going', 'PENDING', 29), file('stopped', 'PENDING', 31), file('bad', 'REJECTED', 1)];
    expect(filesTakingRoom(files, now).map((f) => f.id)).toEqual(['up', 'going']);
    expect(countPartFiles(filesTakingRoom(files, now)).files).toBe(2);
    expect(isStoppedUpload(files[1], now)).toBe(false);
    expect(isStoppedUpload(files[2], now)).toBe(true);
    // Only a pending upload can have stopped.
    expect(isStoppedUpload(files[0], now)).toBe(false);
  });

  it('so a one-file part whose only upload stopped takes a file again', () => {
    const files = [file('stopped', 'PENDING', 45)];
    expect(1 - countPartFiles(filesTakingRoom(files, now)).files).toBe(1);
  });
});

describe('the picker while files upload in this tab', () => {
  const pdf = { name: 'a.pdf', type: 'application/pdf' };
  it('keeps a place for each upload running here that the page did not count', () => {
    // Counted by the page (still on its way when drawn): already out of `remaining`.
    expect(roomLeft(1, [{ file: pdf, status: 'uploading', fileId: 'f1' }], ['f1'])).toBe(1);
    // Started since the page was drawn, or so long ago that the server takes it as stopped.
    expect(roomLeft(1, [{ file: pdf, status: 'uploading' }], [])).toBe(0);
    expect(roomLeft(1, [{ file: pdf, status: 'checking', fileId: 'slow' }], [])).toBe(0);
    // Failed, done or cancelled ones hold nothing here; captions never count.
    expect(roomLeft(2, [{ file: pdf, status: 'failed', fileId: 'x' }, { file: pdf, status: 'done', fileId: 'y' }, { file: pdf, status: 'cancelled' }], [])).toBe(2);
    expect(roomLeft(1, [{ file: { name: 'a.vtt', type: 'text/vtt' }, status: 'uploading' }], [])).toBe(1);
  });
});

describe('submitting with an upload that stopped', () => {
  const parts: PartSpec[] = [{ id: 'w', title: 'Work', responseType: 'FILES', required: true, wordLimit: null, maxFiles: 1 }];
  const answer = (pendingFiles: number, stoppedFiles?: number) => new Map([['w', { text: '', links: [], uploadedFiles: 1, pendingFiles, stoppedFiles }]]);

  it('tells the teacher to remove it and choose the file again, not to wait', () => {
    expect(findIncompleteParts(parts, answer(1, 1)).get('w.files')).toEqual([
      'An upload in “Work” stopped before it finished (the page was closed or the connection dropped). Remove it and choose the file again.',
    ]);
    expect(findIncompleteParts(parts, answer(2, 2)).get('w.files')).toEqual([
      '2 uploads in “Work” stopped before they finished (the page was closed or the connection dropped). Remove them and choose the files again.',
    ]);
  });

  it('tells a stopped upload from one still going', () => {
    expect(findIncompleteParts(parts, answer(2, 1)).get('w.files')).toEqual([
      'An upload in “Work” stopped before it finished (the page was closed or the connection dropped). Remove it and choose the file again.',
      'A file in “Work” is still uploading. Wait for it to finish, or remove it.',
    ]);
    expect(findIncompleteParts(parts, answer(1, 0)).get('w.files')).toEqual(['A file in “Work” is still uploading. Wait for it to finish, or remove it.']);
  });

  it('says both ways out when it is not known which it is', () => {
    expect(findIncompleteParts(parts, answer(1)).get('w.files')).toEqual([
      'A file in “Work” has not finished uploading. If it is still uploading, wait for it to finish; if its upload stopped (the page was closed or the connection dropped), remove it and choose the file again.',
    ]);
  });
});

describe('submitting with a file the checks refused', () => {
  const parts: PartSpec[] = [{ id: 'w', title: 'Work', responseType: 'FILES', required: true, wordLimit: null, maxFiles: 3 }];
  const answer = (rejectedFiles: string[]) => new Map([['w', { text: '', links: [], uploadedFiles: 1, pendingFiles: 0, rejectedFiles }]]);

  it('names it and asks to remove it (or upload a corrected copy), even when the part has a good file', () => {
    expect(findIncompleteParts(parts, answer(['fake.pdf'])).get('w.files')).toEqual([
      'The file “fake.pdf” in “Work” was refused and would not be sent. Remove it, and upload a corrected copy if you meant to include it.',
    ]);
    expect(findIncompleteParts(parts, answer(['a.pdf', 'b.mp4'])).get('w.files')).toEqual([
      'The files “a.pdf”, “b.mp4” in “Work” were refused and would not be sent. Remove them, and upload a corrected copy if you meant to include them.',
    ]);
    expect(findIncompleteParts(parts, answer([])).size).toBe(0);
  });
});
