// "You can add N more" (components/evidence/file-uploader.tsx, pick-files.ts): only files uploaded
// or still uploading count, so a teacher who picked a wrong file sees every place they really have.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { countPartFiles, filesTakingRoom, STOPPED_UPLOAD_MINUTES } from '@/lib/evidence/file-types';
import { roomLeft } from '@/components/evidence/pick-files';

vi.mock('@/app/apply/[slug]/actions', () => ({ completeUploadAction: vi.fn(), presignPartsAction: vi.fn(), removeFileAction: vi.fn(), requestUploadAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { FileUploader } = await import('@/components/evidence/file-uploader');

const now = new Date();
const file = (id: string, status: string) => ({ id, status, createdAt: now, declaredType: 'application/pdf', detectedType: null });
const pdf = { name: 'a.pdf', type: 'application/pdf' };

/** The uploader as the application page draws it for a part taking `maxFiles` files. */
function hint(maxFiles: number, files: ReturnType<typeof file>[]) {
  const counted = filesTakingRoom(files, now);
  const html = renderToStaticMarkup(
    createElement(FileUploader, { attemptId: 'a1', partId: 'p1', partTitle: 'Work', allowedTypes: ['pdf'], maxFileBytes: 1024 ** 2, remaining: maxFiles - countPartFiles(counted).files, countedFileIds: counted.map((f) => f.id), rejectedFileIds: files.filter((f) => f.status === 'REJECTED').map((f) => f.id) }),
  );
  return /You can add \d+ more\.|You have reached the limit for this part\./.exec(html)?.[0];
}

describe('a rejected file holds no place in its part', () => {
  it('on the page: the hint counts the uploaded file, not the rejected one', () => {
    expect(hint(3, [file('good', 'UPLOADED'), file('wrong', 'REJECTED')])).toBe('You can add 2 more.');
    // A one-file part whose only file was rejected takes a file again.
    expect(hint(1, [file('wrong', 'REJECTED')])).toBe('You can add 1 more.');
    expect(hint(1, [file('good', 'UPLOADED'), file('wrong', 'REJECTED')])).toBe('You have reached the limit for this part.');
  });

  it('in the uploader: a refused upload gives its place back as soon as it fails', () => {
    expect(roomLeft(2, [{ file: pdf, status: 'uploading' }], [])).toBe(1);
    // Refused before it started (its type, its size): no file on the server.
    expect(roomLeft(2, [{ file: pdf, status: 'failed' }], [])).toBe(2);
    // Rejected once uploaded (its content): on the server as rejected, which the page does not count.
    expect(roomLeft(2, [{ file: pdf, status: 'failed', fileId: 'wrong', stop: { at: 'file' }, startedAt: Date.now() }], [], [], { rejectedFileIds: ['wrong'] })).toBe(2);
  });
});

describe('a file removed from the uploader before the page is drawn again', () => {
  it('gives back the place the page counted for it, at once', () => {
    // The page was drawn while f1 was on its way (counted); Remove, Cancel or a Retry starting over
    // took it off the server since.
    expect(roomLeft(0, [], ['f1'], ['f1'])).toBe(1);
    // A Retry starting over: the new upload takes the place the old file left, not a second one.
    expect(roomLeft(0, [{ file: pdf, status: 'uploading', fileId: 'f2' }], ['f1'], ['f1'])).toBe(0);
    expect(roomLeft(0, [{ file: pdf, status: 'uploading', fileId: 'f2' }], ['f1'])).toBe(-1);
  });

  it('gives back nothing the page did not count, and each place once', () => {
    // Removed before the page ever counted it, or counted no more once the page was drawn again.
    expect(roomLeft(2, [], [], ['f1'])).toBe(2);
    expect(roomLeft(1, [], ['f1'], ['f1', 'f1'])).toBe(2);
  });
});

describe('a failed upload whose file is still on the server (Retry offered)', () => {
  // The server (lib/evidence/uploads.ts, placesTaken) counts a pending file as holding its place
  // until STOPPED_UPLOAD_MINUTES after it started, whether or not its bytes arrived.
  const t0 = new Date('2026-03-02T12:00:00Z').getTime();
  const minutes = (m: number) => t0 + m * 60_000;
  const dropped = (fileId: string, startedAt = t0) => ({ file: pdf, status: 'failed', fileId, stop: { at: 'transfer' as const }, startedAt });

  it('holds its place while the server counts it, so the hint offers no slot the server would refuse', () => {
    // A two-file part with nothing in it when the page was drawn; the upload failed during the transfer.
    expect(roomLeft(2, [dropped('f1')], [], [], { now: minutes(5) })).toBe(1);
    // A one-file part: full, as the server says ("This part takes at most 1 file").
    expect(roomLeft(1, [dropped('f1')], [], [], { now: minutes(5) })).toBe(0);
    // Counted by the page already (drawn after it started): not counted twice.
    expect(roomLeft(1, [dropped('f1')], ['f1'], [], { now: minutes(5) })).toBe(1);
    // The app stopped it once uploaded, but kept it pending (storage unreachable, parts missing).
    expect(roomLeft(2, [{ ...dropped('f1'), stop: { at: 'file' as const } }], [], [], { now: minutes(5) })).toBe(1);
  });

  it('a file the server rejected holds no place, nor one refused before the server made a file', () => {
    const rejected = { ...dropped('bad'), stop: { at: 'file' as const } };
    expect(roomLeft(2, [rejected], [], [], { rejectedFileIds: ['bad'], now: minutes(1) })).toBe(2);
    // Counted by the page while it was on its way, rejected since: its place is free before the page is drawn again.
    expect(roomLeft(1, [rejected], ['bad'], [], { rejectedFileIds: ['bad'], now: minutes(1) })).toBe(2);
    // Not an accepted type, too big: refused at the start, no file on the server.
    expect(roomLeft(2, [{ file: pdf, status: 'failed', stop: { at: 'start' as const } }], [], [], { now: minutes(1) })).toBe(2);
  });

  it('gives its place back when the server does: STOPPED_UPLOAD_MINUTES after it started, exactly as the page counts', () => {
    expect(STOPPED_UPLOAD_MINUTES).toBe(30);
    expect(roomLeft(2, [dropped('f1')], [], [], { now: minutes(31) })).toBe(2);
    // Counted by the page while it held a place, and its time is up since.
    expect(roomLeft(1, [dropped('f1')], ['f1'], [], { now: minutes(31) })).toBe(2);
    // Around the boundary, the uploader agrees with the server's rule (filesTakingRoom) to the millisecond.
    for (const at of [minutes(0), minutes(29), minutes(30), minutes(30) + 1, minutes(45)]) {
      const server = filesTakingRoom([{ id: 'f1', status: 'PENDING', createdAt: new Date(t0), declaredType: 'application/pdf', detectedType: null }], new Date(at));
      expect(roomLeft(2, [dropped('f1')], [], [], { now: at }), `${(at - t0) / 60_000} minutes`).toBe(2 - countPartFiles(server).files);
    }
  });

  it('gives its place back once removed, and a Retry takes only that one place', () => {
    // Before: the page (drawn before the upload) left 2; the failed upload holds one.
    expect(roomLeft(2, [dropped('f1')], [], [], { now: minutes(2) })).toBe(1);
    // Remove: the row goes and its file is off the server.
    expect(roomLeft(2, [], [], ['f1'], { now: minutes(2) })).toBe(2);
    // The same when the page had counted it.
    expect(roomLeft(1, [dropped('f1')], ['f1'], [], { now: minutes(2) })).toBe(1);
    expect(roomLeft(1, [], ['f1'], ['f1'], { now: minutes(2) })).toBe(2);
    // Retry starting over: the old file is removed, the row runs again with no file yet, then a new one.
    expect(roomLeft(1, [{ file: pdf, status: 'uploading' }], ['f1'], ['f1'], { now: minutes(2) })).toBe(1);
    expect(roomLeft(1, [{ file: pdf, status: 'uploading', fileId: 'f2', startedAt: minutes(2) }], ['f1'], ['f1'], { now: minutes(2) })).toBe(1);
  });
});
