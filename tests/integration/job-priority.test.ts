// The queue serves the jobs someone is waiting for first (lib/jobs/queue.ts, priorityFor): a
// district's thousands of notification emails do not hold up a password reset. And a worker kept
// busy by a backlog still schedules the periodic jobs (lib/jobs/worker.ts).
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { claimJobs, enqueueJob, type JobHandler } from '@/lib/jobs/queue';
import { startJobWorker, stopJobWorker } from '@/lib/jobs/worker';
import { notify } from '@/lib/notifications/notify';
import { requestPasswordReset } from '@/lib/auth/password-reset';
import { queueVerificationEmail } from '@/lib/auth/email-verification';
import { INVITATION_EMAIL_JOB } from '@/lib/people/schemas';
import { PASSWORD_RESET_JOB, VERIFY_EMAIL_JOB } from '@/lib/jobs/link-emails';
import { until } from '../setup/until';

beforeEach(resetDatabase);
afterEach(async () => {
  await stopJobWorker({ graceMs: 5_000 });
  vi.restoreAllMocks();
});

const ago = (ms: number) => new Date(Date.now() - ms);


describe('the order jobs are claimed in', () => {
  it('a password reset asked for after 25 notification emails is in the first claim of 10, ahead of them', async () => {
    const user = await db.user.create({ data: { email: 'nia@school.test', name: 'Nia' } });
    for (let i = 0; i < 25; i++) await notify({ userId: user.id, kind: 'district.recommendation', title: `Your district recommends badge ${i}` });
    await requestPasswordReset({ email: 'nia@school.test' });

    const first = await claimJobs(10);
    expect(first).toHaveLength(10);
    expect(first[0].type).toBe(PASSWORD_RESET_JOB);
    expect(first.filter((j) => j.type === PASSWORD_RESET_JOB)).toHaveLength(1);
    // The rest of the batch: the oldest notification emails, oldest first.
    const notices = await db.job.findMany({ where: { type: 'email.notification' }, orderBy: [{ runAt: 'asc' }, { id: 'asc' }], select: { id: true } });
    expect(first.slice(1).map((j) => j.id)).toEqual(notices.slice(0, 9).map((j) => j.id));
  });

  it('links someone is waiting for come first, then awards and invitations, then periodic upkeep, then the rest, each oldest first', async () => {
    const user = await db.user.create({ data: { email: 'ola@school.test', name: 'Ola' } });
    await enqueueJob({ type: 'email.notification', payload: {}, runAt: ago(50_000) });
    await enqueueJob({ type: 'award.issue', payload: { submissionId: 'x' }, runAt: ago(40_000) });
    await enqueueJob({ type: INVITATION_EMAIL_JOB, payload: {}, runAt: ago(45_000) });
    await db.job.create({ data: { type: 'review.expire-claims', payload: {}, priority: 5, runAt: ago(60_000) } });
    await queueVerificationEmail(user.id);
    await requestPasswordReset({ email: 'ola@school.test' });
    // An award not due yet (its job waits out the issuing tried right after the decision): not claimed, whatever its priority.
    await enqueueJob({ type: 'award.issue', payload: { submissionId: 'later' }, runAt: new Date(Date.now() + 60_000) });

    // One at a time, so each claim's own choice is seen (not only how a batch is listed).
    const order: string[] = [];
    for (let next = await claimJobs(1); next.length; next = await claimJobs(1)) order.push(next[0].type);
    expect(order).toEqual([VERIFY_EMAIL_JOB, PASSWORD_RESET_JOB, INVITATION_EMAIL_JOB, 'award.issue', 'review.expire-claims', 'email.notification']);
  });

  it('the claim walks the partial index in its own order: no sort of every due job, however many there are', async () => {
    // A district's backlog: 20,000 notification emails due, a few links among them, and jobs
    // finished or given up that the index leaves out.
    await db.$executeRaw`
      INSERT INTO "Job" ("id", "type", "payload", "runAt", "priority", "attempts", "maxAttempts", "completedAt")
      SELECT 'bulk-' || g, CASE WHEN link THEN 'auth.password-reset' ELSE 'email.notification' END, '{}'::jsonb,
        now() - make_interval(secs => g), CASE WHEN link THEN 20 ELSE 0 END,
        CASE WHEN g % 7 = 0 AND NOT link THEN 30 ELSE 0 END, 30, CASE WHEN g % 5 = 0 AND NOT link THEN now() END
      FROM generate_series(1, 25000) AS g, LATERAL (SELECT g % 2000 = 1 AS link) AS l`;
    await db.$executeRawUnsafe('ANALYZE "Job"');

    // The claim's statement, as sent to Postgres.
    const sent: { text: string; values: unknown[] }[] = [];
    const original = pg.Client.prototype.query;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (pg.Client.prototype as any).query = function recording(this: pg.Client, config: unknown, ...rest: unknown[]) {
      if (config && typeof config === 'object' && 'text' in config) sent.push({ text: String((config as { text: unknown }).text), values: ((config as { values?: unknown[] }).values ?? []) });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (original as any).call(this, config, ...rest);
    };
    let claimed;
    try {
      claimed = await claimJobs(10);
    } finally {
      pg.Client.prototype.query = original;
    }
    expect(claimed.slice(0, 2).map((j) => j.type)).toEqual(['auth.password-reset', 'auth.password-reset']);
    const claim = sent.find((s) => s.text.includes('FOR UPDATE SKIP LOCKED'));
    expect(claim).toBeDefined();

    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    type Node = { 'Node Type': string; 'Index Name'?: string; Plans?: Node[] };
    let plan: Node;
    try {
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: Node }] }>(`EXPLAIN (FORMAT JSON) ${claim!.text}`, claim!.values);
      plan = rows[0]['QUERY PLAN'][0].Plan;
    } finally {
      await client.end();
    }
    const nodes: Node[] = [];
    const walk = (n: Node) => { nodes.push(n); n.Plans?.forEach(walk); };
    walk(plan);
    // The node types from the LIMIT down to the index read: the due jobs are read from
    // "Job_due_idx" in claim order and the LIMIT stops the walk after ten, with no Sort of every due
    // job in between. (An ORDER BY above the LIMIT only orders the ten claimed.)
    const pathTo = (n: Node, name: string): Node[] | null => {
      if (n['Index Name'] === name) return [n];
      for (const child of n.Plans ?? []) {
        const below = pathTo(child, name);
        if (below) return [n, ...below];
      }
      return null;
    };
    const path = pathTo(plan, 'Job_due_idx');
    expect(path).not.toBeNull();
    const fromLimit = path!.slice(path!.map((n) => n['Node Type']).lastIndexOf('Limit'));
    expect(fromLimit.map((n) => n['Node Type'])).toEqual(['Limit', 'LockRows', 'Index Scan']);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
  });
});

describe('a worker kept busy', () => {
  it('still schedules a periodic job every interval while it keeps working through a backlog', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    let busyRuns = 0;
    let ticks = 0;
    // Each run queues the next: the queue is never empty, so the worker's poll never ends.
    const busy: JobHandler = async () => {
      busyRuns++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      await enqueueJob({ type: 'busy', payload: {} });
    };
    await enqueueJob({ type: 'busy', payload: {} });
    startJobWorker({ intervalMs: 50, batchSize: 3, periodic: [{ type: 'tick', everySeconds: 1 }], handlers: { busy, tick: async () => { ticks++; } } });

    // A run each second or so, each run after the one before completed.
    await until(async () => ticks, (n) => n >= 3, 'three runs of the periodic job');
    const runs = await db.job.findMany({ where: { type: 'tick' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true, completedAt: true } });
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs[2].createdAt.getTime() - runs[0].createdAt.getTime()).toBeGreaterThanOrEqual(1_900);
    // The worker was busy all along: it kept running the backlog between the periodic runs.
    expect(busyRuns).toBeGreaterThan(20);
    expect(await db.job.count({ where: { type: 'busy', completedAt: null } })).toBeGreaterThanOrEqual(1);
  });
});
