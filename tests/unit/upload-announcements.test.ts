// What the file uploader reads out (components/evidence/upload-announcement.ts, UploadAnnouncements
// in file-uploader.tsx): one message at a time, replacing the one before; a file that was not
// uploaded as an error (role alert), progress and success politely (role status), each once.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';
import { nextAnnouncement, type UploadAnnouncement } from '@/components/evidence/upload-announcement';

vi.mock('@/app/apply/[slug]/actions', () => ({ completeUploadAction: vi.fn(), presignPartsAction: vi.fn(), removeFileAction: vi.fn(), requestUploadAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { UploadAnnouncements } = await import('@/components/evidence/file-uploader');

/** Says each message after the one before has been on the page; returns each message as shown. */
function sayInTurn(messages: [string, boolean][]): UploadAnnouncement[] {
  const shown: UploadAnnouncement[] = [];
  let current: UploadAnnouncement | null = null;
  for (const [text, assertive] of messages) {
    current = nextAnnouncement(current, text, assertive, true);
    shown.push(current);
  }
  return shown;
}

const render = (said: UploadAnnouncement | null) => renderToStaticMarkup(createElement(UploadAnnouncements, { said }));

describe('the uploader’s messages', () => {
  it('replace each other: the regions never hold old lines to be read again', () => {
    const [first, second, third] = sayInTurn([
      ['Uploading plan.pdf.', false],
      ['plan.pdf uploaded.', false],
      ['Uploading photo.png.', false],
    ]);
    expect(first.text).toBe('Uploading plan.pdf.');
    expect(second.text).toBe('plan.pdf uploaded.');
    expect(third.text).toBe('Uploading photo.png.');
    const html = render(third);
    expect(html).not.toContain('plan.pdf');
    expect(html.match(/<p>/g)).toHaveLength(1);
  });

  it('are new each time, so the same words said again are read again', () => {
    const [first, again] = sayInTurn([
      ['Upload of a.pdf cancelled.', false],
      ['Upload of a.pdf cancelled.', false],
    ]);
    expect(again.text).toBe(first.text);
    // A new key: the message is put on the page anew, which a screen reader takes as new text.
    expect(again.n).not.toBe(first.n);
  });

  it('keep both of two said in the same render (two uploads finishing together)', () => {
    const first = nextAnnouncement(null, 'a.pdf uploaded.', false, true);
    const both = nextAnnouncement(first, 'b.pdf was not uploaded: The upload failed. Your answers are saved; press Retry.', true, false);
    expect(both).toEqual({ text: 'a.pdf uploaded. b.pdf was not uploaded: The upload failed. Your answers are saved; press Retry.', assertive: true, n: first.n });
    // Once on the page, the next one replaces it.
    expect(nextAnnouncement(both, 'Uploading c.pdf.', false, true)).toEqual({ text: 'Uploading c.pdf.', assertive: false, n: first.n + 1 });
  });

  it('say progress and success politely and a file that was not uploaded as an alert, each in one region only', () => {
    const [uploading, refused] = sayInTurn([
      ['Uploading plan.pdf.', false],
      ['Not added: lesson.exe — this part does not take that type of file. Accepted: PDF.', true],
    ]);
    const polite = render(uploading);
    expect(liveRegionsAround(polite, 'Uploading plan.pdf.')).toEqual(['<div tabindex="-1" role="status" aria-live="polite" class="sr-only">']);
    const alert = render(refused);
    expect(liveRegionsAround(alert, 'Not added: lesson.exe')).toEqual(['<div tabindex="-1" role="alert" class="sr-only">']);
    // The polite message is gone from its region: the refusal replaced it.
    expect(alert).not.toContain('Uploading plan.pdf.');
    expect(nestedLiveRegions(polite)).toEqual([]);
    expect(nestedLiveRegions(alert)).toEqual([]);
  });

  it('keeps both regions on the page before anything is said', () => {
    expect(render(null)).toBe('<div><div tabindex="-1" role="status" aria-live="polite" class="sr-only"></div><div tabindex="-1" role="alert" class="sr-only"></div></div>');
  });
});
