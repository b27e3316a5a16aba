// When a failed upload offers Retry (components/evidence/upload-retry.ts, file-uploader.tsx): only
// where sending the same file again can succeed.
import { describe, expect, it, vi } from 'vitest';
import { canRetryUpload } from '@/components/evidence/upload-retry';

vi.mock('@/app/apply/[slug]/actions', () => ({ completeUploadAction: vi.fn(), presignPartsAction: vi.fn(), removeFileAction: vi.fn(), requestUploadAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { offersRetry, refusalText } = await import('@/components/evidence/file-uploader');

describe('whether Retry can help', () => {
  it('does after a dropped connection or a storage error', () => {
    expect(canRetryUpload({ at: 'transfer', failure: { kind: 'network' } })).toBe(true);
    for (const status of [403, 500, 503]) expect(canRetryUpload({ at: 'transfer', failure: { kind: 'status', status } })).toBe(true);
    expect(canRetryUpload({ at: 'transfer', failure: { kind: 'other' } })).toBe(true);
  });

  it('does not after a refusal of the file’s type or size, which comes out the same every time', () => {
    // “setup.exe” is not an accepted type…; “big.mov” is 2 GB; this part accepts files up to 100 MB.
    expect(canRetryUpload({ at: 'start', code: 'VALIDATION' })).toBe(false);
    expect(canRetryUpload({ at: 'start', code: 'NOT_FOUND' })).toBe(false);
    expect(canRetryUpload({ at: 'start', code: 'FORBIDDEN' })).toBe(false);
  });

  it('does when starting failed for a passing reason: a rate limit, storage out of reach, an error on the app’s side', () => {
    expect(canRetryUpload({ at: 'start', code: 'RATE_LIMITED' })).toBe(true);
    expect(canRetryUpload({ at: 'start', code: 'UNAVAILABLE' })).toBe(true);
    expect(canRetryUpload({ at: 'start', code: null })).toBe(true);
  });

  it('does not when the application was sent from another tab meanwhile: Retry would only repeat the refusal', () => {
    // “This attempt has been submitted; files can no longer be added.”
    expect(canRetryUpload({ at: 'start', code: 'INVALID_STATE' })).toBe(false);
    expect(offersRetry({ status: 'failed', stop: { at: 'start', code: 'INVALID_STATE' } }, [], false)).toBe(false);
  });

  it('does not for a file the app rejected once uploaded (its content), but does for one it left on its way', () => {
    expect(canRetryUpload({ at: 'file', rejected: true })).toBe(false);
    expect(canRetryUpload({ at: 'file', rejected: false })).toBe(true);
  });

  it('never for a cancelled upload or a request the app refused outright', () => {
    expect(canRetryUpload({ at: 'transfer', failure: { kind: 'cancelled' } })).toBe(false);
    expect(canRetryUpload({ at: 'transfer', failure: { kind: 'refused' } })).toBe(false);
  });
});

describe('the Retry button on an upload’s row', () => {
  const failed = { status: 'failed' as const, fileId: 'f1' };

  it('shows for a dropped connection, not for a refused type', () => {
    expect(offersRetry({ ...failed, stop: { at: 'transfer', failure: { kind: 'network' } } }, [], false)).toBe(true);
    expect(offersRetry({ status: 'failed', stop: { at: 'start', code: 'VALIDATION' } }, [], false)).toBe(false);
  });

  it('for a file the app stopped, waits for the page to say whether it rejected it', () => {
    const stopped = { ...failed, stop: { at: 'file' as const } };
    expect(offersRetry(stopped, [], true)).toBe(false);
    expect(offersRetry(stopped, ['f1'], false)).toBe(false);
    expect(offersRetry(stopped, ['other'], false)).toBe(true);
  });

  it('is not on a row still uploading', () => {
    expect(offersRetry({ status: 'uploading', fileId: 'f1' }, [], false)).toBe(false);
  });
});

describe('the reason shown on a refused upload’s row', () => {
  it('is the field’s own message, not the form’s general one', () => {
    expect(refusalText({ formError: 'Some fields need attention.', fieldErrors: { size: ['That file is empty.'] } })).toBe('That file is empty.');
    expect(refusalText({ formError: 'File storage is not reachable right now.' })).toBe('File storage is not reachable right now.');
    expect(refusalText({})).toBe('The upload could not start.');
  });
});
