import 'server-only';
import { db, type Tx } from '@/lib/db';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { isDomainError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/queue';

// The queued job waits this long, so that it does not race the issuance tried right after the
// decision commits; it runs only when that did not happen (it failed, or the server died).
const INLINE_GRACE_MS = 60_000;
/** An earned submission this long without an award, and without a live job issuing it, is picked up by the safety net. */
export const UNAWARDED_AFTER_SECONDS = 5 * 60;
const RECOVER_PER_RUN = 100;
const RECOVER_WINDOW_DAYS = 60;

/**
 * Queues the award for a pass, inside the decision's transaction: the submission cannot become
 * EARNED without a job that will issue its award. Carries the decision time, so however late the
 * award is issued it is dated at the decision.
 */
export async function queueAwardIssue(tx: Tx, submissionId: string, decidedAt: Date): Promise<string> {
  return enqueueJob({ type: 'award.issue', payload: { submissionId, decidedAt: decidedAt.toISOString() }, runAt: new Date(Date.now() + INLINE_GRACE_MS) }, tx);
}

/**
 * Issues the award right after the decision commits. On success the queued job has nothing left to
 * do and is removed (a worker that took it already finds the award and completes); on failure it
 * stays queued and retries. Returns whether the award was left to the queue.
 */
export async function issueQueuedAward(submissionId: string, jobId: string, decidedAt: Date): Promise<boolean> {
  try {
    await issueAwardForSubmission(submissionId, { now: decidedAt });
  } catch (e) {
    console.warn('[awards] award issue deferred to the job queue:', e instanceof Error ? e.message : e);
    return true;
  }
  await db.job.deleteMany({ where: { id: jobId, lockedBy: null, completedAt: null } }).catch(() => {
    // Left in place, the job finds the award already issued and completes.
  });
  return false;
}

/** When the submission's passing decision was made (null when it has none on record). */
async function decisionTime(submissionId: string): Promise<Date | null> {
  const passed = await db.attempt.findFirst({ where: { submissionId, status: 'PASSED', decidedAt: { not: null } }, orderBy: { decidedAt: 'desc' }, select: { decidedAt: true } });
  return passed?.decidedAt ?? null;
}

/**
 * The 'award.issue' job. Idempotent: the award is unique per submission, so a run finding it
 * already issued just completes. A submission that is gone (the account was deleted) or no longer
 * earned has nothing to issue; anything else throws so the queue retries.
 */
export async function issueAwardJob(opts: { submissionId: string; decidedAt?: string | null }) {
  const now = opts.decidedAt ? new Date(opts.decidedAt) : ((await decisionTime(opts.submissionId)) ?? undefined);
  try {
    await issueAwardForSubmission(opts.submissionId, { now });
  } catch (e) {
    if (isDomainError(e) && (e.code === 'NOT_FOUND' || e.code === 'INVALID_STATE')) {
      console.warn(`[awards] nothing to issue for submission ${opts.submissionId}: ${e.message}`);
      return;
    }
    throw e;
  }
}

/**
 * Safety net (the periodic 'award.recover-missing' job): queues an 'award.issue' job for each earned
 * submission that has no award and no live job issuing it, e.g. because its job was given up during
 * a long outage. A batch per run, oldest first; queueing twice is harmless (issuing is idempotent).
 */
export async function queueMissingAwards(opts: { limit?: number } = {}): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; decidedAt: Date | null }[]>`
    SELECT s."id",
      (SELECT max(a."decidedAt") FROM "Attempt" a WHERE a."submissionId" = s."id" AND a."status" = 'PASSED') AS "decidedAt"
    FROM "Submission" s
    WHERE s."status" = 'EARNED'
      -- Work sent in the last 60 days (the index on status, lastSubmittedAt): an award job retries
      -- for about a day, so anything it gave up on is well inside the window, and a run stays cheap
      -- however many badges the platform has issued.
      AND s."lastSubmittedAt" > now() - make_interval(days => ${RECOVER_WINDOW_DAYS})
      AND s."updatedAt" < now() - make_interval(secs => ${UNAWARDED_AFTER_SECONDS})
      AND NOT EXISTS (SELECT 1 FROM "Award" w WHERE w."submissionId" = s."id")
      AND NOT EXISTS (
        SELECT 1 FROM "Job" j
        WHERE j."type" = 'award.issue' AND j."completedAt" IS NULL AND j."attempts" < j."maxAttempts"
          AND j."payload"->>'submissionId' = s."id"
      )
    ORDER BY s."updatedAt"
    LIMIT ${opts.limit ?? RECOVER_PER_RUN}`;
  for (const r of rows) {
    console.warn(`[awards] submission ${r.id} is earned but has no award; queueing it`);
    await enqueueJob({ type: 'award.issue', payload: { submissionId: r.id, decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null } });
  }
  return rows.length;
}
