// A refused or failed upload (components/evidence/file-uploader.tsx): a screen reader hears the file
// and the reason itself, once, as an error from the uploader's alert region, not "the reason is in
// the list"; the row shows the reason.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { textJoined } from '../setup/html';

vi.mock('@/app/apply/[slug]/actions', () => ({ completeUploadAction: vi.fn(), presignPartsAction: vi.fn(), removeFileAction: vi.fn(), requestUploadAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { FileUploader, UploadAnnouncements, UploadRowStatus, failureReason, failureText } = await import('@/components/evidence/file-uploader');
const { liveRegionsAround, nestedLiveRegions } = await import('../setup/live-regions');

/** The contents of each aria-live element in `html`, up to its own closing tag. */
function liveRegions(html: string): string[] {
  const found: string[] = [];
  const open = /<(span|div|p)\b[^>]*aria-live="polite"[^>]*>/g;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const tags = new RegExp(`<(/?)${m[1]}\\b[^>]*>`, 'g');
    tags.lastIndex = open.lastIndex;
    let depth = 1;
    for (let t = tags.exec(html); t; t = tags.exec(html)) {
      depth += t[1] ? -1 : 1;
      if (depth === 0) {
        found.push(html.slice(open.lastIndex, t.index));
        break;
      }
    }
  }
  return found;
}

describe('the reason under a refused file’s name', () => {
  it('says “That file …” rather than repeating the name the row already shows', () => {
    expect(failureReason('lesson.exe', '“lesson.exe” is not an accepted type for this part. Accepted: PDF; Image (JPEG, PNG, WebP, GIF).')).toBe(
      'That file is not an accepted type for this part. Accepted: PDF; Image (JPEG, PNG, WebP, GIF).',
    );
    expect(failureReason('big.mov', '“big.mov” is 2.0 GB; this part accepts files up to 100 MB.')).toBe('That file is 2.0 GB; this part accepts files up to 100 MB.');
    expect(failureReason('fake.pdf', '“fake.pdf” does not look like a pdf file inside. It may be damaged or renamed.')).toBe('That file does not look like a pdf file inside. It may be damaged or renamed.');
  });

  it('drops a “was not added:” the row would otherwise say twice', () => {
    expect(failureReason('a.pdf', '“a.pdf” was not added: this part already has the 3 files it takes.')).toBe('This part already has the 3 files it takes.');
  });

  it('keeps a reason that does not start with the file’s name as it is', () => {
    expect(failureReason('a.pdf', 'This part takes at most 3 files. Remove one first.')).toBe('This part takes at most 3 files. Remove one first.');
    // Another file’s name is not this one’s.
    expect(failureReason('a.pdf', '“b.pdf” is not an accepted type for this part.')).toBe('“b.pdf” is not an accepted type for this part.');
  });
});

describe('a failed upload’s row', () => {
  const row = (props: Partial<Parameters<typeof UploadRowStatus>[0]>) =>
    renderToStaticMarkup(createElement(UploadRowStatus, { id: 'e1', fileName: 'lesson.exe', status: 'uploading', waiting: false, percent: 0, ...props }));

  it('reads out the file and the actual reason, in one sentence, as an error', () => {
    const error = '“lesson.exe” is not an accepted type for this part. Accepted: PDF.';
    const said = failureText('lesson.exe', error);
    expect(said).toBe('lesson.exe was not uploaded: That file is not an accepted type for this part. Accepted: PDF.');
    expect(said).not.toMatch(/reason is in the list/);
    // In the uploader's alert region (there all along), and in no other live region.
    const html = renderToStaticMarkup(createElement(UploadAnnouncements, { said: { text: said, assertive: true, n: 3 } }));
    expect(liveRegionsAround(html, said)).toEqual(['<div tabindex="-1" role="alert" class="sr-only">']);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('shows the reason in the row without reading it out a second time from there', () => {
    const uploading = row({});
    // The row's own live region, mounted (empty) while the upload runs, is for pauses only.
    expect(liveRegions(uploading)).toEqual(['']);
    const failed = row({ status: 'failed', error: '“lesson.exe” is not an accepted type for this part. Accepted: PDF.' });
    expect(liveRegions(failed)).toEqual(['']);
    expect(liveRegionsAround(failed, 'That file is not an accepted type')).toEqual([]);
    // Shown once, with the file's name for whoever reads the row (Retry and Remove point to it).
    expect(textJoined(failed)).toBe('lesson.exe was not uploaded: That file is not an accepted type for this part. Accepted: PDF.');
  });

  it('reads out a dropped connection the same way, with what to do', () => {
    expect(failureText('lesson.mp4', 'The connection dropped during the upload. Your answers are saved; press Retry when you are back online.')).toBe(
      'lesson.mp4 was not uploaded: The connection dropped during the upload. Your answers are saved; press Retry when you are back online.',
    );
    expect(failureText('lesson.mp4', undefined)).toBe('lesson.mp4 was not uploaded: The upload failed.');
  });

  it('shows the reason on screen without the words meant for screen readers', () => {
    const failed = row({ status: 'failed', error: '“lesson.exe” is not an accepted type for this part.' });
    expect(failed).toMatch(/<span class="sr-only">lesson\.exe was not uploaded: <\/span>That file is not an accepted type for this part\./);
  });

  it('still says when an upload is paused for the connection', () => {
    const paused = row({ waiting: true, percent: 40 });
    expect(liveRegions(paused).map(textJoined)).toEqual(['Waiting for the connection…']);
    expect(textJoined(paused)).toContain('Paused at 40%');
  });
});

describe('the uploader as a whole', () => {
  it('has one polite and one alert region of its own, always there, empty until something is said (none inside another)', () => {
    const html = renderToStaticMarkup(createElement(FileUploader, { attemptId: 'a1', partId: 'p1', partTitle: 'Student work', allowedTypes: ['pdf'], maxFileBytes: 1024 ** 2, remaining: 2 }));
    expect(html.match(/role="status"/g)).toHaveLength(1);
    expect(html.match(/role="alert"/g)).toHaveLength(1);
    expect(html).toContain('<div><div tabindex="-1" role="status" aria-live="polite" class="sr-only"></div><div tabindex="-1" role="alert" class="sr-only"></div></div>');
    expect(nestedLiveRegions(html)).toEqual([]);
  });
});
