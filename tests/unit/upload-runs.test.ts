// Cancel removes the file an upload made on the server, even when the row it was pressed on was
// drawn before the server named that file (components/evidence/upload-runs.ts).
import { describe, expect, it } from 'vitest';
import { UploadRuns } from '@/components/evidence/upload-runs';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('UploadRuns', () => {
  it('waits for an upload still being started, then names the file it started', async () => {
    const runs = new UploadRuns();
    const ticket = deferred<string>();
    let stopped = false;
    void runs.start('row', undefined, async (record) => {
      const fileId = await ticket.promise;
      record.setFileId(fileId);
      stopped = true;
    });
    // Cancel pressed on a row that has no file yet.
    const left = runs.cancel('row', undefined);
    ticket.resolve('file-new');
    await expect(left).resolves.toBe('file-new');
    expect(stopped).toBe(true);
  });

  it('names the file an upload holds when cancelled mid-transfer, not the stale one the row showed', async () => {
    const runs = new UploadRuns();
    const transfer = deferred<void>();
    void runs.start('row', 'file-old', async (record) => {
      // Starting over: the old file went, a new one was made.
      record.setFileId(undefined);
      record.setFileId('file-new');
      await transfer.promise;
    });
    const left = runs.cancel('row', 'file-old');
    transfer.resolve();
    await expect(left).resolves.toBe('file-new');
  });

  it('names nothing when the upload stopped before the server made a file', async () => {
    const runs = new UploadRuns();
    void runs.start('row', 'file-old', async (record) => {
      record.setFileId(undefined);
      throw new Error('refused');
    });
    await expect(runs.cancel('row', 'file-old')).resolves.toBeUndefined();
  });

  it('gives the row’s own file when nothing is running (Remove on a failed upload)', async () => {
    const runs = new UploadRuns();
    await runs.start('row', undefined, async (record) => record.setFileId('file-failed'));
    await expect(runs.cancel('row', 'file-failed')).resolves.toBe('file-failed');
  });

  it('never starts a row cancelled while it waited its turn', async () => {
    const runs = new UploadRuns();
    await expect(runs.cancel('captions', undefined)).resolves.toBeUndefined();
    let started = false;
    await runs.start('captions', undefined, async () => {
      started = true;
    });
    expect(started).toBe(false);
  });
});
