// Rate-limit counters are not kept forever (lib/rate-limit.ts, deleteStaleRateLimits, run by the
// periodic jobs.tidy job): one whose window started days ago has run out, and sign-in counters name
// email addresses, of accounts since deleted among them.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';
import { deleteStaleRateLimits, hitRateLimit, KEEP_RATE_LIMITS_DAYS } from '@/lib/rate-limit';
import { ensurePeriodicJob, runDueJobs } from '@/lib/jobs/queue';

beforeEach(resetDatabase);

const day = 24 * 60 * 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const keys = async () => (await db.rateLimit.findMany({ orderBy: { key: 'asc' }, select: { key: true } })).map((r) => r.key);

describe('tidying the rate limits', () => {
  it('the periodic tidy deletes a counter whose window started 3 days ago and keeps a fresh one', async () => {
    await db.rateLimit.createMany({
      data: [
        { key: 'signin:email:gone@school.test', count: 3, windowStart: ago(3 * day) },
        { key: 'feedback-question:user:u1', count: 2, windowStart: ago(day + 60_000) },
        { key: 'signin:email:here@school.test', count: 1, windowStart: new Date() },
      ],
    });
    expect(periodicJobs.map((p) => p.type)).toContain('jobs.tidy');
    await ensurePeriodicJob('jobs.tidy', 60);
    expect(await runDueJobs(jobHandlers)).toBe(1);
    expect(await db.job.findFirstOrThrow({ where: { type: 'jobs.tidy' }, select: { completedAt: true, lastError: true } })).toEqual({ completedAt: expect.any(Date), lastError: null });
    // A day-long window that ran out a minute ago is kept: only counters older than any window go.
    expect(await keys()).toEqual(['feedback-question:user:u1', 'signin:email:here@school.test']);
  });

  it('is older than the longest window any limit uses, and counting starts afresh for a key it deleted', async () => {
    // The longest window in use is a day (feedback questions, district requests, invitations).
    expect(KEEP_RATE_LIMITS_DAYS * day).toBeGreaterThan(day);
    await db.rateLimit.create({ data: { key: 'upload:u2', count: 120, windowStart: ago(KEEP_RATE_LIMITS_DAYS * day + 60_000) } });
    expect(await deleteStaleRateLimits()).toBe(1);
    expect(await hitRateLimit('upload:u2', 120, 60 * 60)).toMatchObject({ allowed: true, remaining: 119 });
  });

  it('walks the table a batch of keys at a time, deleting only the stale ones of each', async () => {
    // More keys than one batch (5,000), stale and fresh interleaved by key.
    await db.$executeRaw`
      INSERT INTO "RateLimit" ("key", "count", "windowStart")
      SELECT 'k' || lpad(g::text, 5, '0'), 1, CASE WHEN g % 3 = 0 THEN now() ELSE now() - interval '3 days' END
      FROM generate_series(1, 12001) AS g`;
    expect(await deleteStaleRateLimits()).toBe(8001);
    expect(await db.rateLimit.count()).toBe(4000);
    expect(await db.rateLimit.count({ where: { windowStart: { lt: ago(day) } } })).toBe(0);
  });
});
