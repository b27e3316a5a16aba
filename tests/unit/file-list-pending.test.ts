// A file still pending in the application's file list (components/evidence/file-list.tsx): one
// whose upload started too lately to count as stopped (STOPPED_UPLOAD_MINUTES) and that this tab is
// not uploading may still be uploading in another window or tab. Its row says so, not that the
// upload stopped, and its Remove says that removing it stops that upload.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { STOPPED_UPLOAD_HINT, STOPPED_UPLOAD_MINUTES, UNFINISHED_UPLOAD_HINT } from '@/lib/evidence/file-types';
import { releaseUpload, trackUpload, uploadHere } from '@/components/evidence/upload-registry';
import { recentPendingRow } from '@/components/evidence/unless-uploading-here';

vi.mock('@/app/apply/[slug]/actions', () => ({ removeFileAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { FileList } = await import('@/components/evidence/file-list');
const { RemovePrompt } = await import('@/components/evidence/remove-file-button');

const now = new Date('2026-03-02T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const pending = (id: string, createdAt: Date, over: { carriedOver?: boolean } = {}) => ({
  id, fileName: `${id}.pdf`, sizeBytes: BigInt(2048), status: 'PENDING' as const, detectedType: null, declaredType: 'application/pdf', rejectedReason: null, carriedOver: false, createdAt, ...over,
});
const list = (files: ReturnType<typeof pending>[], editable = true) => renderToStaticMarkup(createElement(FileList, { files, editable, headingId: 'files-p1', now }));

describe('a pending file in the file list', () => {
  it('started a moment ago: may still be uploading elsewhere, so it does not say the upload stopped', () => {
    const html = list([pending('fresh', minutesAgo(0.1))]);
    expect(html).toContain(UNFINISHED_UPLOAD_HINT);
    expect(html).toContain('2.0 KB · not finished uploading');
    expect(html).not.toContain(STOPPED_UPLOAD_HINT);
    expect(html).not.toContain('upload stopped');
    expect(UNFINISHED_UPLOAD_HINT).toBe(
      'Not finished uploading. It may still be uploading in another window or tab: keep that open, and refresh this page in a few minutes. If you closed or reloaded the page that was uploading it, remove this file and choose it again.',
    );
  });

  it('keeps Remove, described by what the row says', () => {
    const html = list([pending('fresh', minutesAgo(1))]);
    expect(html).toMatch(/<p id="pending-fresh" class="mt-1 text-sm text-amber-900">Not finished uploading\./);
    expect(html).toMatch(/<button type="button" data-remove-file="" aria-describedby="pending-fresh"[^>]*>Remove<span class="sr-only"> fresh\.pdf<\/span><\/button>/);
  });

  it('started longer ago than an upload takes to count as stopped: says it stopped, as before', () => {
    const html = list([pending('old', minutesAgo(STOPPED_UPLOAD_MINUTES + 1))]);
    expect(html).toContain(STOPPED_UPLOAD_HINT);
    expect(html).toContain('2.0 KB · upload stopped');
    expect(html).not.toContain(UNFINISHED_UPLOAD_HINT);
    // Just under the limit, it still may be uploading.
    expect(list([pending('almost', minutesAgo(STOPPED_UPLOAD_MINUTES - 1))])).toContain(UNFINISHED_UPLOAD_HINT);
  });

  it('in an application that can no longer change, or carried over: as before', () => {
    expect(list([pending('sent', minutesAgo(1))], false)).toContain('This upload did not finish, so the file is not part of this application.');
    expect(list([pending('kept', minutesAgo(1), { carriedOver: true })])).toContain('This upload did not finish, so the file is not part of this application.');
  });
});

describe('what this tab knows of a recent pending file', () => {
  it('uploading here: left to the uploader; stopped here: says it stopped; else: may be uploading elsewhere', () => {
    expect(uploadHere('t1')).toBe('unknown');
    trackUpload('t1');
    expect(uploadHere('t1')).toBe('here');
    // Failed or cancelled here, and let go by the uploader.
    releaseUpload('t1');
    expect(uploadHere('t1')).toBe('stopped-here');
    // Started again here (a Retry that resumes it).
    trackUpload('t1');
    expect(uploadHere('t1')).toBe('here');
    releaseUpload('t1');
    const rows = { stopped: 'stopped row', unknown: 'maybe elsewhere row' };
    expect(recentPendingRow('here', rows)).toBeNull();
    expect(recentPendingRow('stopped-here', rows)).toBe('stopped row');
    expect(recentPendingRow('unknown', rows)).toBe('maybe elsewhere row');
  });
});

describe('removing a file that may still be uploading elsewhere', () => {
  it('asks, saying that upload stops, with the question describing both answers', () => {
    const html = renderToStaticMarkup(createElement(RemovePrompt, { fileName: 'fresh.pdf', stopsUpload: true, busy: false, error: null }));
    const id = /<span id="([^"]+)">Remove “fresh\.pdf”\? If it is still uploading in another window or tab, that upload stops\. This cannot be undone\.<\/span>/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html.match(new RegExp(`aria-describedby="${id}"`, 'g'))).toHaveLength(2);
  });

  it('any other file: the question as before', () => {
    const html = renderToStaticMarkup(createElement(RemovePrompt, { fileName: 'plan.pdf', busy: false, error: null }));
    expect(html).toContain('<span>Remove “plan.pdf”? This cannot be undone.</span>');
    expect(html).not.toContain('aria-describedby');
  });
});
