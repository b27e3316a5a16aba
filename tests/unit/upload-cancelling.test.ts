// Cancel (an upload under way) and Remove (a failed one) in the file uploader: the row waits for its
// upload to stop and its file to go (components/evidence/upload-runs.ts). Meanwhile it says so, its
// button does nothing more but keeps focus, and it keeps its place in the part
// (components/evidence/upload-row.ts, file-uploader.tsx).
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { roomLeft } from '@/components/evidence/pick-files';
import { leavingAfter, progressValueText, startLeaving } from '@/components/evidence/upload-row';
import { UploadRuns } from '@/components/evidence/upload-runs';
import { TransferError } from '@/components/evidence/upload-retry';

vi.mock('@/app/apply/[slug]/actions', () => ({ completeUploadAction: vi.fn(), presignPartsAction: vi.fn(), removeFileAction: vi.fn(), requestUploadAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { putWithProgress, RowEndButton, UploadRowStatus } = await import('@/components/evidence/file-uploader');

const pdf = { name: 'plan.pdf', type: 'application/pdf' };

describe('a row being cancelled', () => {
  it('keeps its place in the part until it is gone, so a file picked meanwhile is not one too many', () => {
    // Started since the page was drawn (the page did not count it), its file maybe not named yet.
    const rows = [{ key: 'a', file: pdf, status: 'uploading' }, { key: 'b', file: pdf, status: 'checking', fileId: 'f2' }];
    expect(roomLeft(2, rows, [])).toBe(0);
    const cancelling = startLeaving(rows, 'a', leavingAfter(false));
    expect(cancelling[0]).toMatchObject({ key: 'a', status: 'uploading', leaving: 'cancel' });
    expect(roomLeft(2, cancelling, [])).toBe(0);
    expect(roomLeft(2, startLeaving(cancelling, 'b', 'cancel'), [])).toBe(0);
  });

  it('a failed row being removed keeps the place its file holds on the server, and stays a Remove', () => {
    const startedAt = Date.now();
    const rows: { key: string; file: typeof pdf; status: string; fileId: string; startedAt: number; stop: { at: 'transfer' }; leaving?: 'cancel' | 'remove' }[] = [
      { key: 'a', file: pdf, status: 'failed', fileId: 'f1', startedAt, stop: { at: 'transfer' } },
    ];
    expect(roomLeft(1, rows, [], [], { now: startedAt })).toBe(0);
    const removing = startLeaving(rows, 'a', leavingAfter(true));
    expect(removing[0].leaving).toBe('remove');
    expect(roomLeft(1, removing, [], [], { now: startedAt })).toBe(0);
  });

  it('no longer shows a pause for the connection, and leaves the other rows alone', () => {
    const rows = [{ key: 'a', waiting: true }, { key: 'b', waiting: true }];
    expect(startLeaving(rows, 'a', 'cancel')).toEqual([{ key: 'a', waiting: false, leaving: 'cancel' }, { key: 'b', waiting: true }]);
  });

  it('says “Cancelling…” in its status, read out once from the row’s live region, instead of its progress', () => {
    const html = renderToStaticMarkup(createElement(UploadRowStatus, { id: 's1', fileName: 'plan.pdf', status: 'uploading', waiting: false, percent: 40, leaving: 'cancel' }));
    expect(html).toBe('<span id="s1" class="font-medium text-slate-700"><span aria-live="polite" aria-atomic="true"><span class="sr-only">plan.pdf: </span>Cancelling…</span></span>');
    expect(html).not.toContain('Uploading');
  });

  it('a failed row being removed says “Removing…”, not its failure again', () => {
    const html = renderToStaticMarkup(createElement(UploadRowStatus, { id: 's1', fileName: 'plan.pdf', status: 'failed', waiting: false, percent: 40, error: 'The upload failed.', leaving: 'remove' }));
    expect(html).toContain('Removing…');
    expect(html).not.toContain('was not uploaded');
  });

  it('says it in the progress bar’s value too', () => {
    expect(progressValueText({ status: 'uploading', waiting: false, percent: 40, leaving: 'cancel' })).toBe('Cancelling…');
    expect(progressValueText({ status: 'failed', waiting: false, percent: 40, leaving: 'remove' })).toBe('Removing…');
    expect(progressValueText({ status: 'uploading', waiting: true, percent: 40, leaving: 'cancel' })).toBe('Cancelling…');
    // Otherwise as before.
    expect(progressValueText({ status: 'uploading', waiting: false, percent: 40 })).toBe('40%');
    expect(progressValueText({ status: 'uploading', waiting: true, percent: 40 })).toBe('Paused at 40%, waiting for the connection');
    expect(progressValueText({ status: 'checking', waiting: false, percent: 100 })).toBe('Uploaded; checking the file');
    expect(progressValueText({ status: 'failed', waiting: false, percent: 40 })).toBe('Stopped at 40%');
  });
});

describe('the row’s Cancel or Remove', () => {
  const button = (props: { failed: boolean; leaving?: 'cancel' | 'remove' }) =>
    renderToStaticMarkup(createElement(RowEndButton, { id: 'c1', fileName: 'plan.pdf', statusId: 's1', onPress: () => undefined, ...props }));

  it('once pressed, is aria-disabled but not disabled (focus stays on it), described by “Cancelling…”', () => {
    const html = button({ failed: false, leaving: 'cancel' });
    expect(html).toMatch(/^<button id="c1" type="button" aria-disabled="true" aria-describedby="s1"/);
    expect(html).not.toMatch(/ disabled=""/);
    expect(html).toContain('>Cancel<span class="sr-only"> the upload of plan.pdf</span></button>');
  });

  it('on a failed row, stays “Remove” while it removes (it does not turn into Cancel)', () => {
    expect(button({ failed: true })).toContain('>Remove<span class="sr-only"> plan.pdf</span></button>');
    const html = button({ failed: false, leaving: 'remove' });
    expect(html).toContain('>Remove<span class="sr-only"> plan.pdf</span></button>');
    expect(html).toContain('aria-disabled="true"');
  });

  it('before it is pressed, is an ordinary button', () => {
    const html = button({ failed: false });
    expect(html).not.toContain('aria-disabled="');
    expect(html).not.toContain('aria-describedby="');
  });

  it('does nothing when pressed again: the row is already being cancelled', async () => {
    const runs = new UploadRuns();
    expect(runs.isCancelled('row')).toBe(false);
    await runs.cancel('row', 'f1');
    expect(runs.isCancelled('row')).toBe(true);
    expect(runs.isCancelled('other')).toBe(false);
  });
});

describe('a part signed while Cancel was pressed', () => {
  it('is not sent: the upload stops there, so Cancel does not wait for the rest of the file', async () => {
    const opened = vi.fn();
    vi.stubGlobal('XMLHttpRequest', class {
      upload = {};
      open = opened;
      setRequestHeader() {}
      send() {}
    });
    try {
      const controller = new AbortController();
      controller.abort();
      const register = vi.fn(() => () => undefined);
      const sent = putWithProgress('https://storage.example/part1', new Blob(['x']), null, () => undefined, { signal: controller.signal, register });
      await expect(sent).rejects.toBeInstanceOf(TransferError);
      await expect(sent).rejects.toMatchObject({ failure: { kind: 'cancelled' } });
      expect(opened).not.toHaveBeenCalled();
      expect(register).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
