// The file uploader's rows (components/evidence/file-uploader.tsx): Cancel and Remove take their
// row away, so focus must go somewhere that stays, and the change is read out.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('@/app/apply/[slug]/actions', () => ({ completeUploadAction: vi.fn(), presignPartsAction: vi.fn(), removeFileAction: vi.fn(), requestUploadAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { FileUploader, focusAfterRowGone, focusWentWithRow, rowGoneText } = await import('@/components/evidence/file-uploader');

describe('after Cancel or Remove', () => {
  it('focuses the file picker', () => {
    const picker = { focus: vi.fn(), disabled: false };
    const uploader = { focus: vi.fn() };
    expect(focusAfterRowGone(picker, uploader)).toBe(picker);
  });

  it('focuses the part’s uploader when the picker is disabled (the part still counts as full)', () => {
    const uploader = { focus: vi.fn() };
    expect(focusAfterRowGone({ focus: vi.fn(), disabled: true }, uploader)).toBe(uploader);
    expect(focusAfterRowGone(null, uploader)).toBe(uploader);
  });

  it('moves focus only if it went with the row (the row waits, focus on its Cancel, until its file is gone)', () => {
    const body = { isConnected: true };
    // The focused Cancel went with the row: the browser puts focus on the page.
    expect(focusWentWithRow(body, body)).toBe(true);
    expect(focusWentWithRow(null, body)).toBe(true);
    expect(focusWentWithRow({ isConnected: false }, body)).toBe(true);
    // The teacher moved on meanwhile (to the picker, to another row): focus is left there.
    expect(focusWentWithRow({ isConnected: true }, body)).toBe(false);
  });

  it('reads out what became of the file', () => {
    expect(rowGoneText('lesson.mp4', false)).toBe('Upload of lesson.mp4 cancelled.');
    expect(rowGoneText('lesson.mp4', true)).toBe('lesson.mp4 removed.');
  });

  it('has an uploader that can take focus from script, named apart from its file picker', () => {
    const html = renderToStaticMarkup(createElement(FileUploader, { attemptId: 'a1', partId: 'p1', partTitle: 'Student work', allowedTypes: ['pdf'], maxFileBytes: 1024 ** 2, remaining: 0 }));
    // Its own name: the picker's label would give two controls the same name ("Add files to …").
    expect(html).toMatch(/<div tabindex="-1" role="group" aria-label="Uploads for “Student work”"/);
    expect(html).toMatch(/<label id="file-p1-label" for="file-p1"[^>]*>Add files to “Student work”<\/label>/);
    // Full part: the picker is disabled, which is why the uploader is the fallback.
    expect(html).toMatch(/<input[^>]*id="file-p1"[^>]*disabled=""/);
  });
});
