import 'server-only';
import { db } from '@/lib/db';

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Fixed-window counter kept in Postgres, so every app server behind the load balancer shares it.
 * One upsert per call: the window resets atomically when it has passed.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
  const { count, windowStart } = rows[0];
  const resetAt = windowStart.getTime() + windowSeconds * 1000;
  return {
    allowed: count <= limit,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)),
  };
}

/** Gives back one hit taken by hitRateLimit (an attempt that turned out not to count). */
export async function releaseRateLimit(key: string): Promise<void> {
  await db.$executeRaw`UPDATE "RateLimit" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

export async function clearRateLimit(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/**
 * How long a counter is kept after its window started. Longer than the longest window any caller of
 * hitRateLimit uses (a day: feedback questions, district requests, email changes, invitations), so
 * a counter deleted had run out anyway: its next hit would have started a new window at 1, as a
 * fresh row does.
 */
export const KEEP_RATE_LIMITS_DAYS = 2;
const SWEEP_BATCH = 5_000;

/**
 * Deletes the counters whose window started more than KEEP_RATE_LIMITS_DAYS ago (run by the periodic
 * `jobs.tidy` job). Without it every key stays forever, sign-in keys holding the email addresses of
 * accounts long deleted among them.
 *
 * Served by the primary key, with no index on "windowStart": each run walks the table once in key
 * order, SWEEP_BATCH keys per statement (a range of "RateLimit_pkey"), and deletes the stale ones of
 * each batch by key (about 25 ms per 5,000 keys on a 300,000-row table: never a scan of the whole
 * table in one statement). Swept every few hours, the table holds only the keys hit in the last two
 * days or so, so a run is a few batches; and the counter's upsert, run on every sign-in, upload and
 * verification, keeps updating its row in place, with no second index to maintain. A counter hit
 * while it is being swept is re-checked by the DELETE and kept (its window restarted).
 */
export async function deleteStaleRateLimits(): Promise<number> {
  let deleted = 0;
  let after = '';
  for (;;) {
    const [batch] = await db.$queryRaw<{ last: string | null; read: number; deleted: number }[]>`
      WITH batch AS (
        SELECT "key" FROM "RateLimit" WHERE "key" > ${after} ORDER BY "key" LIMIT ${SWEEP_BATCH}
      ), gone AS (
        -- By primary key (= ANY(ARRAY(...))): a join with the batch is planned as a hash join over
        -- a scan of the whole table.
        DELETE FROM "RateLimit"
        WHERE "key" = ANY(ARRAY(SELECT "key" FROM batch)) AND "windowStart" < now() - make_interval(days => ${KEEP_RATE_LIMITS_DAYS})
        RETURNING 1
      )
      SELECT (SELECT max("key") FROM batch) AS "last", (SELECT count(*)::int FROM batch) AS "read", (SELECT count(*)::int FROM gone) AS "deleted"`;
    deleted += batch.deleted;
    if (batch.read < SWEEP_BATCH || batch.last === null) return deleted;
    after = batch.last;
  }
}
