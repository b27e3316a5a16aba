// One row of the file uploader once Cancel (an upload under way) or Remove (a failed one) was
// pressed: pure, so it can be unit tested. The row stays until its upload has stopped and the file it
// held is removed (UploadRuns), which can take a moment (the server may be copying the file): it
// says so meanwhile, and keeps its place in the part (roomLeft counts it as before), so a file
// picked meanwhile is not refused by the server as one too many.

/** What was pressed on a row that is going: Cancel on an upload under way, Remove on a failed one. */
export type Leaving = 'cancel' | 'remove';

/** The row's state as pressing Cancel or Remove on it leaves it (`failed`: Remove on a failed upload). */
export const leavingAfter = (failed: boolean): Leaving => (failed ? 'remove' : 'cancel');

/**
 * The rows once Cancel or Remove was pressed on row `key`: that row is marked as going and no longer
 * waits for the connection; everything else about it (its status, its file) stays as it was, so it
 * holds its place in the part until it is gone.
 */
export function startLeaving<R extends { key: string; leaving?: Leaving; waiting?: boolean }>(rows: readonly R[], key: string, leaving: Leaving): R[] {
  return rows.map((r) => (r.key === key ? { ...r, leaving, waiting: false } : r));
}

/** What a going row says, in its status and its progress bar. */
export const leavingWords = (leaving: Leaving) => (leaving === 'cancel' ? 'Cancelling…' : 'Removing…');

/** The progress bar's value in words (aria-valuetext). */
export function progressValueText(u: { status: string; waiting: boolean; percent: number; leaving?: Leaving }): string {
  if (u.leaving) return leavingWords(u.leaving);
  if (u.waiting) return `Paused at ${u.percent}%, waiting for the connection`;
  if (u.status === 'checking') return 'Uploaded; checking the file';
  if (u.status === 'failed') return `Stopped at ${u.percent}%`;
  return `${u.percent}%`;
}
