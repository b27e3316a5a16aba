// The uploads one uploader has under way, by row. Cancel must remove the file the upload made on
// the server, but the row it was pressed on may not know that file yet: the server's answer that
// started it can arrive after the row was drawn, or while Cancel is being pressed. So a cancel waits
// for its row's upload to stop, then removes whichever file that upload ended up holding.

/** What an upload tells its row's record while it runs. */
export type RunRecord = {
  /** The file this upload now holds on the server (undefined when it holds none). */
  setFileId: (fileId: string | undefined) => void;
};

export class UploadRuns {
  private readonly runs = new Map<string, { fileId: string | undefined; ended: Promise<void> }>();
  private readonly cancelled = new Set<string>();

  /**
   * Runs `body` as row `key`'s upload, starting from the file the row already holds. A row
   * cancelled before its upload began (a captions file waits for the others) is never started.
   */
  start(key: string, fileId: string | undefined, body: (record: RunRecord) => Promise<void>): Promise<void> {
    if (this.cancelled.has(key)) return Promise.resolve();
    const run = { fileId, ended: Promise.resolve() };
    run.ended = body({ setFileId: (id) => void (run.fileId = id) })
      .catch(() => undefined)
      .finally(() => {
        if (this.runs.get(key) === run) this.runs.delete(key);
      });
    this.runs.set(key, run);
    return run.ended;
  }

  /** Whether row `key` was cancelled already: a second Cancel on it does nothing. */
  isCancelled(key: string): boolean {
    return this.cancelled.has(key);
  }

  /**
   * Row `key` was cancelled (its requests already told to stop): once its upload has stopped,
   * the file it left on the server, if any, for the caller to remove. With no upload under way,
   * that is the row's own file (a failed upload's).
   */
  async cancel(key: string, rowFileId: string | undefined): Promise<string | undefined> {
    this.cancelled.add(key);
    const run = this.runs.get(key);
    if (!run) return rowFileId;
    await run.ended;
    return run.fileId;
  }
}
