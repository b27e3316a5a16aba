// "You can add N more" (components/evidence/file-uploader.tsx, pick-files.ts): only files uploaded
// or still uploading count, so a teacher who picked a wrong file sees every place they really have.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { countPartFiles, filesTakingRoom } from '@/lib/evidence/file-types';
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
    expect(roomLeft(2, [{ file: pdf, status: 'failed', fileId: 'wrong' }], [])).toBe(2);
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
