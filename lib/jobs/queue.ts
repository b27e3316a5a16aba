import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { LINK_EMAIL_JOB_TYPES, LINK_EMAIL_MAX_ATTEMPTS } from '@/lib/jobs/link-emails';
import { INVITATION_EMAIL_JOB } from '@/lib/people/schemas';

export type JobInput = { type: string; payload: Prisma.InputJsonValue; runAt?: Date; maxAttempts?: number; priority?: number };
/** The job being run: which one, and when it was queued (a link email compares it with later requests). */
export type JobContext = { id: string; createdAt: Date };
export type JobHandler = (payload: Prisma.JsonValue, job?: JobContext) => Promise<void>;
export type ClaimedJob = { id: string; type: string; payload: Prisma.JsonValue; attempts: number; maxAttempts: number; lockedBy: string; createdAt: Date };

const DEFAULT_MAX_ATTEMPTS = 5;
/** With the capped backoff below, about a day of retries (30 s, 2 min, 8 min, 32 min, then hourly). */
export const DURABLE_MAX_ATTEMPTS = 30;
// Work that must happen eventually, whatever the outage: an earned badge issued, a deleted
// account's evidence removed from storage, a stack awarded to the teachers who hold its parts (or
// given back, once a part is reinstated: award.part-restored), and a notification's email
// (essential ones tell people their account was disabled, their password changed, a badge
// suspended or revoked: lost quietly, nobody would know to ask again). The handler
// reads the person when it sends, so a late email goes to their current address, and to nobody
// once the account is deleted, or for a non-essential one, disabled or opted out.
//
// A password reset or an address confirmation is tried three times within about three minutes
// (LINK_EMAIL_MAX_ATTEMPTS): someone is waiting at the screen for it, sees when it does not come,
// and asks again. Each makes a new link that retires the one before, so a late retry would break
// the link of an email sent since; the job also sends nothing once a newer request has been made or
// a link used (lib/jobs/link-emails.ts). A district's file invitations keep the default, about 40
// minutes: nobody is waiting at a screen for those, the job sends nothing once the invitation was
// resent, accepted, cancelled or ran out (lib/people/bulk-invite.ts), and the People page asks for
// Resend once the queue gives up.
const DURABLE_JOB_TYPES = new Set(['award.issue', 'award.part-restored', 'storage.delete-objects', 'stack.award-holders', 'email.notification']);
const MAX_RETRY_DELAY_MS = 60 * 60_000;

export function maxAttemptsFor(type: string): number {
  if (DURABLE_JOB_TYPES.has(type)) return DURABLE_MAX_ATTEMPTS;
  if (LINK_EMAIL_JOB_TYPES.has(type)) return LINK_EMAIL_MAX_ATTEMPTS;
  return DEFAULT_MAX_ATTEMPTS;
}

// Claim order (highest first, then oldest first). One district recommendation queues up to 20,000
// notification emails at once: a job that someone is waiting for must not queue behind them.
// - A password reset or an address confirmation: the person is at the screen, and each new request
//   supersedes the one before (lib/jobs/link-emails.ts), so nothing would go out until the newest
//   reached the front.
// - A badge being issued (or a stack badge given back once its part is reinstated), and a district's
//   file invitations: people expect them within minutes. Below the links, as a file of thousands of
//   invitations must not hold up a reset either.
//   An essential notification's email (a password changed, an account disabled, a badge revoked or
//   suspended: notify() in lib/notifications/notify.ts queues it so) is at this level too: a
//   few per decision about one person, and it must not wait behind a district's thousands.
// - Periodic upkeep (claims running out, awards recovered, uploads swept): at most one pending run
//   per type, so it costs the others nothing, and it is not delayed by a backlog of emails.
// Everything else (the other notification emails included) keeps 0. Higher ones are few and bounded
// (rate limits, one per decision), so they cannot starve the rest for long.
export const JOB_PRIORITY = { link: 20, prompt: 10, periodic: 5, normal: 0 } as const;
const PROMPT_JOB_TYPES: ReadonlySet<string> = new Set(['award.issue', 'award.part-restored', INVITATION_EMAIL_JOB]);

export function priorityFor(type: string): number {
  if (LINK_EMAIL_JOB_TYPES.has(type)) return JOB_PRIORITY.link;
  if (PROMPT_JOB_TYPES.has(type)) return JOB_PRIORITY.prompt;
  return JOB_PRIORITY.normal;
}

/** Exponential backoff (30 s, 2 min, 8 min, 32 min), capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 4 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}

export async function enqueueJob(job: JobInput, tx?: Tx): Promise<string> {
  const row = await (tx ?? db).job.create({
    data: { type: job.type, payload: job.payload, runAt: job.runAt ?? new Date(), maxAttempts: job.maxAttempts ?? maxAttemptsFor(job.type), priority: job.priority ?? priorityFor(job.type) },
    select: { id: true },
  });
  return row.id;
}

const WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;
// A job locked longer than this is assumed abandoned by a crashed worker and may be taken again. A
// live worker keeps its lock fresh (before each job of a batch and every HEARTBEAT_MS while one
// runs), so only a dead worker's lock runs out.
const LOCK_TIMEOUT_SECONDS = 300;
const HEARTBEAT_MS = (LOCK_TIMEOUT_SECONDS * 1000) / 5;
// A handler still running after this is taken as hung: its lock is left to run out, so another
// server retries the job.
const MAX_HOLD_MS = 20 * 60_000;

/**
 * Claims up to `limit` due jobs, highest priority first, then oldest first. FOR UPDATE SKIP LOCKED
 * lets any number of app servers poll the same table without taking the same job twice. Each claim
 * gets its own lock token (`lockedBy`): completing or failing a job is conditional on still holding
 * it. The inner SELECT walks the partial index "Job_due_idx" on ("priority" DESC, "runAt") in order
 * (migration job_priority): keep its WHERE and ORDER BY in step with that index.
 */
export async function claimJobs(limit = 10): Promise<ClaimedJob[]> {
  const token = `${WORKER_ID}:${randomUUID().slice(0, 8)}`;
  // In claim order: RETURNING alone gives the rows in no particular order.
  return db.$queryRaw`
    WITH claimed AS (
      UPDATE "Job" SET "lockedAt" = now(), "lockedBy" = ${token}, "attempts" = "attempts" + 1
      WHERE "id" IN (
        SELECT "id" FROM "Job"
        WHERE "completedAt" IS NULL AND "runAt" <= now() AND "attempts" < "maxAttempts"
          AND ("lockedAt" IS NULL OR "lockedAt" < now() - make_interval(secs => ${LOCK_TIMEOUT_SECONDS}))
        ORDER BY "priority" DESC, "runAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "type", "payload", "attempts", "maxAttempts", "lockedBy", "priority", "runAt", "createdAt"
    )
    SELECT "id", "type", "payload", "attempts", "maxAttempts", "lockedBy", "createdAt" FROM claimed ORDER BY "priority" DESC, "runAt", "id"`;
}

/** Renews the lock if this claim still holds it; false when another worker has taken the job since. */
async function refreshLock(job: ClaimedJob): Promise<boolean> {
  const n = await db.$executeRaw`UPDATE "Job" SET "lockedAt" = now() WHERE "id" = ${job.id} AND "lockedBy" = ${job.lockedBy} AND "completedAt" IS NULL`;
  return n === 1;
}

const errorText = (e: unknown) => String(e instanceof Error ? e.message : e).slice(0, 2000);

export async function runDueJobs(handlers: Record<string, JobHandler>, limit = 10): Promise<number> {
  const jobs = await claimJobs(limit);
  for (const job of jobs) await runClaimedJob(handlers, job);
  return jobs.length;
}

/**
 * Runs one job of a claimed batch, then records it done, or failed and when to retry. Batches run
 * one job after another: this job's lock is renewed first, and it is skipped if the lock ran out
 * while earlier ones ran and another server has taken it since (it must not run twice).
 */
export async function runClaimedJob(handlers: Record<string, JobHandler>, job: ClaimedJob): Promise<void> {
  if (!(await refreshLock(job))) {
    console.warn(`[jobs] skipped ${job.type} job ${job.id}: another worker took it over`);
    return;
  }
  const started = Date.now();
  const heartbeat = setInterval(() => {
    if (Date.now() - started > MAX_HOLD_MS) {
      clearInterval(heartbeat);
      console.warn(`[jobs] ${job.type} job ${job.id} has run for ${Math.round(MAX_HOLD_MS / 60_000)} minutes; letting its lock run out`);
      return;
    }
    refreshLock(job).then(
      (held) => { if (!held) console.warn(`[jobs] lost the lock on ${job.type} job ${job.id} while running it`); },
      () => { /* the database blinked; the next beat tries again */ },
    );
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const handler = handlers[job.type];
  try {
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      await handler(job.payload, { id: job.id, createdAt: job.createdAt });
    } catch (e) {
      await recordFailure(job, e);
      return;
    }
    const done = await db.job.updateMany({ where: { id: job.id, lockedBy: job.lockedBy }, data: { completedAt: new Date(), lockedAt: null, lockedBy: null, lastError: null } });
    if (done.count !== 1) console.warn(`[jobs] ${job.type} job ${job.id} finished after another worker took it over; left to that worker`);
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Hands claimed jobs back without running them, as if never claimed: unlocked, due as they were,
 * and with the attempt their claim counted given back. Only where the claim still holds the job (its
 * lock token) and it is unfinished. For a server shutting down with part of a batch not started:
 * otherwise those jobs would wait out LOCK_TIMEOUT_SECONDS with an attempt spent, and one on its
 * last attempt would be given up without ever having run. Returns how many were handed back.
 */
export async function releaseJobs(jobs: ClaimedJob[]): Promise<number> {
  if (!jobs.length) return 0;
  return db.$executeRaw`
    UPDATE "Job" AS j SET "lockedAt" = NULL, "lockedBy" = NULL, "attempts" = GREATEST(j."attempts" - 1, 0)
    FROM unnest(${jobs.map((j) => j.id)}::text[], ${jobs.map((j) => j.lockedBy)}::text[]) AS c("id", "lockedBy")
    WHERE j."id" = c."id" AND j."lockedBy" = c."lockedBy" AND j."completedAt" IS NULL`;
}

async function recordFailure(job: ClaimedJob, e: unknown) {
  const lastError = errorText(e);
  const givenUp = job.attempts >= job.maxAttempts;
  // A given-up job stays (completedAt null, attempts = maxAttempts, lastError kept) as the record
  // of the failure; its runAt then says when it was given up.
  const failed = await db.job.updateMany({
    where: { id: job.id, lockedBy: job.lockedBy },
    data: { lockedAt: null, lockedBy: null, lastError, runAt: new Date(givenUp ? Date.now() : Date.now() + retryDelayMs(job.attempts)) },
  });
  if (failed.count !== 1) console.warn(`[jobs] ${job.type} job ${job.id} failed after another worker took it over: ${lastError}`);
  else if (givenUp) console.error(`[jobs] gave up on ${job.type} job ${job.id} after ${job.attempts} attempts: ${lastError}`);
}

/**
 * Keeps one pending run of a periodic job, whatever the number of app servers: an advisory lock
 * serialises the check, and nothing is added while a run is pending or running, or when one
 * completed (or was given up after its last attempt) within the interval. A given-up run no longer
 * blocks the next one: a periodic job that failed for a while resumes once the cause is gone.
 */
export async function ensurePeriodicJob(type: string, everySeconds: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`periodic:${type}`}))`;
    const recent = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Job"
      WHERE "type" = ${type} AND (
        ("completedAt" IS NULL AND ("attempts" < "maxAttempts" OR "lockedAt" > now() - make_interval(secs => ${LOCK_TIMEOUT_SECONDS})))
        OR "completedAt" > now() - make_interval(secs => ${everySeconds})
        OR ("completedAt" IS NULL AND "attempts" >= "maxAttempts" AND "runAt" > now() - make_interval(secs => ${everySeconds}))
      )
      LIMIT 1`;
    if (recent.length) return false;
    await tx.job.create({ data: { type, payload: {}, maxAttempts: 3, priority: JOB_PRIORITY.periodic } });
    return true;
  });
}

// How long finished jobs are kept: long enough to look into a problem, short enough that the table
// (read by every poll) stays small. A given-up job is kept longer: it is the record of a failure.
export const KEEP_COMPLETED_DAYS = 14;
export const KEEP_GIVEN_UP_DAYS = 90;
/**
 * How long the copy of each email (EmailMessage: the outbox) is kept. The texts name teachers'
 * files and quote issuers' reasons; once sent, or given up on (an email job retries for about a
 * day), the copy only answers "was it sent?" for a while.
 */
export const KEEP_EMAILS_DAYS = 30;
const TIDY_BATCH = 5_000;

export const CRASHED_LAST_ATTEMPT =
  'Given up: the worker running its last attempt stopped without finishing (it crashed, or the server was shut down).';

/**
 * Periodic upkeep of the queue (the `jobs.tidy` job):
 * - a job whose last attempt's worker died stays locked with no error: it is marked given up, with
 *   a message saying so, so it is not mistaken for one still running;
 * - completed jobs older than KEEP_COMPLETED_DAYS and given-up ones older than KEEP_GIVEN_UP_DAYS
 *   are deleted, a batch at a time, so no single statement holds many row locks;
 * - the emails' copies older than KEEP_EMAILS_DAYS are deleted the same way.
 */
export async function tidyJobs(): Promise<{ markedCrashed: number; deleted: number; emailsDeleted: number }> {
  const markedCrashed = await db.$executeRaw`
    UPDATE "Job" SET "lockedAt" = NULL, "lockedBy" = NULL, "runAt" = now(),
      "lastError" = ${CRASHED_LAST_ATTEMPT} || coalesce(E'\nThe attempt before: ' || "lastError", '')
    WHERE "completedAt" IS NULL AND "attempts" >= "maxAttempts"
      AND "lockedAt" < now() - make_interval(secs => ${LOCK_TIMEOUT_SECONDS})`;
  if (markedCrashed > 0) console.error(`[jobs] gave up on ${markedCrashed} job(s) whose last attempt never finished`);
  // Two statements, each one range of the (completedAt, runAt) index: with both conditions OR-ed
  // in one, the planner could read the whole table to find a batch. The ids of a batch are then
  // deleted by primary key (= ANY(ARRAY(...)), which IN (...) let the planner turn into a scan).
  let deleted = 0;
  // Each batch is read in the order of the index on ("completedAt", "runAt"), so the LIMIT walks it
  // rather than letting the planner bet on a scan finding enough rows early.
  for (const [old, order] of [
    [Prisma.sql`"completedAt" < now() - make_interval(days => ${KEEP_COMPLETED_DAYS})`, Prisma.sql`"completedAt"`],
    [Prisma.sql`"completedAt" IS NULL AND "runAt" < now() - make_interval(days => ${KEEP_GIVEN_UP_DAYS})
               AND "attempts" >= "maxAttempts" AND "lockedAt" IS NULL`, Prisma.sql`"runAt"`],
  ]) {
    for (;;) {
      const n = await db.$executeRaw`
        DELETE FROM "Job" WHERE "id" = ANY(ARRAY(SELECT "id" FROM "Job" WHERE ${old} ORDER BY ${order} LIMIT ${TIDY_BATCH}))`;
      deleted += n;
      if (n < TIDY_BATCH) break;
    }
  }
  // Whether sent, kept (no SMTP: the demo outbox) or failed: by then nobody retries it. Walks the
  // index on "createdAt" from the oldest.
  let emailsDeleted = 0;
  for (;;) {
    const n = await db.$executeRaw`
      DELETE FROM "EmailMessage" WHERE "id" = ANY(ARRAY(
        SELECT "id" FROM "EmailMessage" WHERE "createdAt" < now() - make_interval(days => ${KEEP_EMAILS_DAYS}) ORDER BY "createdAt" LIMIT ${TIDY_BATCH}))`;
    emailsDeleted += n;
    if (n < TIDY_BATCH) break;
  }
  return { markedCrashed, deleted, emailsDeleted };
}
