import 'server-only';
import { db, type Tx } from '@/lib/db';
import { issueCompletedStacks } from '@/lib/awards/issue';
import { releaseStackHolds } from '@/lib/awards/stack-holds';
import { enqueueJob } from '@/lib/jobs/queue';

/** A part badge stands again (reinstated): the holder's stacks built on it are brought up to date. */
export const PART_RESTORED_JOB = 'award.part-restored';

export type PartRestored = { userId: string; microCredentialId: string };

// As award.issue (lib/jobs/award-issue.ts): the job waits this long so that it does not race the
// follow-up tried right after the reinstatement commits; it runs only when that did not happen.
const INLINE_GRACE_MS = 60_000;

/**
 * Inside the transaction that makes the part badge stand again: the follow-up cannot be lost once
 * the change commits, whatever happens after (the server dies, a step fails).
 */
export function queuePartRestored(tx: Tx, part: PartRestored): Promise<string> {
  return enqueueJob({ type: PART_RESTORED_JOB, payload: part, runAt: new Date(Date.now() + INLINE_GRACE_MS) }, tx);
}

/**
 * The follow-up itself: a stack left incomplete while the part was withdrawn is issued, and a stack
 * badge put on hold because of it is valid again. Both steps are safe to repeat: a stack badge is
 * issued once per holder (the partial unique index "Award_one_standing_stack_badge"), and a hold is
 * lifted only while it is still on.
 */
export async function restoreStacksOnPart(part: PartRestored): Promise<void> {
  await issueCompletedStacks(part.userId, part.microCredentialId);
  await releaseStackHolds(part.userId, part.microCredentialId);
}

/**
 * Runs the follow-up right after the reinstatement commits. On success the queued job has nothing
 * left to do and is removed (a worker that took it already finds nothing to do); on failure it is
 * logged, not thrown (the reinstatement itself is done), and the job retries. Returns whether the
 * follow-up was left to the queue.
 */
export async function followUpRestoredPart(part: PartRestored, jobId: string): Promise<boolean> {
  try {
    await restoreStacksOnPart(part);
  } catch (e) {
    console.warn('[awards] stack follow-up of a reinstated badge deferred to the job queue:', e instanceof Error ? e.message : e);
    return true;
  }
  await db.job.deleteMany({ where: { id: jobId, lockedBy: null, completedAt: null } }).catch(() => {
    // Left in place, the job finds nothing left to do and completes.
  });
  return false;
}
