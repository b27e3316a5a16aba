import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

export type JobInput = { type: string; payload: Prisma.InputJsonValue; runAt?: Date; maxAttempts?: number };
export type JobHandler = (payload: Prisma.JsonValue) => Promise<void>;

export async function enqueueJob(job: JobInput, tx?: Tx) {
  await (tx ?? db).job.create({ data: { type: job.type, payload: job.payload, runAt: job.runAt ?? new Date(), maxAttempts: job.maxAttempts ?? 5 } });
}

const WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;
// A job locked longer than this is assumed abandoned by a crashed worker and may be taken again.
const LOCK_TIMEOUT_SECONDS = 300;

/**
 * Claims up to `limit` due jobs. FOR UPDATE SKIP LOCKED lets any number of app servers poll the
 * same table without taking the same job twice.
 */
export async function claimJobs(limit = 10): Promise<{ id: string; type: string; payload: Prisma.JsonValue; attempts: number; maxAttempts: number }[]> {
  return db.$queryRaw`
    UPDATE "Job" SET "lockedAt" = now(), "lockedBy" = ${WORKER_ID}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE "completedAt" IS NULL AND "runAt" <= now() AND "attempts" < "maxAttempts"
        AND ("lockedAt" IS NULL OR "lockedAt" < now() - make_interval(secs => ${LOCK_TIMEOUT_SECONDS}))
      ORDER BY "runAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "type", "payload", "attempts", "maxAttempts"`;
}

export async function runDueJobs(handlers: Record<string, JobHandler>, limit = 10): Promise<number> {
  const jobs = await claimJobs(limit);
  for (const job of jobs) {
    const handler = handlers[job.type];
    try {
      if (!handler) throw new Error(`No handler for job type ${job.type}`);
      await handler(job.payload);
      await db.job.update({ where: { id: job.id }, data: { completedAt: new Date(), lockedAt: null, lockedBy: null, lastError: null } });
    } catch (e) {
      // Exponential backoff: 30 s, 2 min, 8 min, ...
      const delay = 30_000 * 4 ** (job.attempts - 1);
      await db.job.update({
        where: { id: job.id },
        data: { lockedAt: null, lockedBy: null, lastError: String(e instanceof Error ? e.message : e).slice(0, 2000), runAt: new Date(Date.now() + delay) },
      });
    }
  }
  return jobs.length;
}

/**
 * Keeps one pending run of a periodic job, whatever the number of app servers: an advisory lock
 * serialises the check, and nothing is added while a run is pending or ran within the interval.
 */
export async function ensurePeriodicJob(type: string, everySeconds: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`periodic:${type}`}))`;
    const recent = await tx.job.findFirst({
      where: { type, OR: [{ completedAt: null }, { completedAt: { gt: new Date(Date.now() - everySeconds * 1000) } }] },
      select: { id: true },
    });
    if (recent) return false;
    await tx.job.create({ data: { type, payload: {}, maxAttempts: 3 } });
    return true;
  });
}
