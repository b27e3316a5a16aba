// A pass always ends with an award: the 'award.issue' job is written with the decision, the award is
// dated at the decision however late it is issued, and a periodic safety net finds earned
// submissions left without one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '@/tests/setup/db';
import { clearInsertFault, injectInsertFault, type InsertFault } from '@/tests/setup/insert-fault';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '@/tests/factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { enqueueJob, ensurePeriodicJob, runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';
import { queueMissingAwards } from '@/lib/jobs/award-issue';

// Faults injected in the real database: the award insert fails (the database blinked while issuing),
// and a job can be queued only by the transaction that decided the submission (what the queue sees
// when the server dies, or the database fails, right after the decision commits).
const AWARD_FAULT: InsertFault = { name: 'award_fault', table: 'Award', message: 'award insert failed (injected)' };
const LATE_QUEUE_FAULT: InsertFault = {
  name: 'late_queue_fault', table: 'Job', message: 'job queue unavailable after the decision (injected)',
  when: `NEW."type" = 'award.issue' AND NOT EXISTS (
    SELECT 1 FROM "Submission" s WHERE s."id" = NEW."payload"->>'submissionId' AND s.xmin = xid(pg_current_xact_id()))`,
};
async function clearFaults() {
  await clearInsertFault(AWARD_FAULT);
  await clearInsertFault(LATE_QUEUE_FAULT);
}

beforeEach(async () => {
  await clearFaults();
  await resetDatabase();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await clearFaults();
});

async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { doubleScoreRate: 0 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const reviewer = await createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  return { mc, version, reviewer };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** A teacher applies and a reviewer passes the attempt. */
async function pass(w: World, teacher?: Actor) {
  teacher ??= await createActor();
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  const { reviewId } = await claimReview({ actor: w.reviewer, attemptId: attempt.id });
  const { version: attemptVersion } = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { version: true } });
  const top = w.version.levels.reduce((a, b) => (a.rank > b.rank ? a : b)).id;
  const result = await submitReview({
    actor: w.reviewer, reviewId, version: 0, attemptVersion, overallComment: 'Thanks.',
    scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: top, feedback: 'Good.' })),
  });
  expect(result.outcome).toBe('PASSED');
  const { decidedAt } = await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { decidedAt: true } });
  return { submissionId, decidedAt: decidedAt!, result };
}

const awardJobsFor = (submissionId: string) => db.job.findMany({ where: { type: 'award.issue', payload: { path: ['submissionId'], equals: submissionId } } });

async function drainQueue() {
  await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });
  while ((await runDueJobs(jobHandlers, 50)) > 0) {
    // until nothing is due
  }
}

describe('awards after a pass', () => {
  it('issued right away: one award dated at the decision, and no job left behind', async () => {
    const w = await makeWorld();
    const { submissionId, decidedAt, result } = await pass(w);
    expect(result.awardQueued).toBe(false);
    const award = await db.award.findUniqueOrThrow({ where: { submissionId }, select: { id: true, issuedAt: true } });
    expect(award.issuedAt).toEqual(decidedAt);
    expect(await awardJobsFor(submissionId)).toEqual([]);
    // A stray retry finds the award already issued and just completes.
    await enqueueJob({ type: 'award.issue', payload: { submissionId } });
    await drainQueue();
    expect(await db.award.count({ where: { submissionId } })).toBe(1);
    expect(await db.job.count({ where: { type: 'award.issue', completedAt: null } })).toBe(0);
  });

  it('issuing fails and nothing can be queued after the decision: the job written with the decision issues it later, dated at the decision', async () => {
    const w = await makeWorld();
    await injectInsertFault(AWARD_FAULT);
    await injectInsertFault(LATE_QUEUE_FAULT);
    const { submissionId, decidedAt, result } = await pass(w);
    await clearFaults();
    expect(result.awardQueued).toBe(true);
    expect((await db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status).toBe('EARNED');
    expect(await db.award.count({ where: { submissionId } })).toBe(0);
    const [job] = await awardJobsFor(submissionId);
    expect(job).toMatchObject({ completedAt: null, attempts: 0 });
    expect(job.maxAttempts).toBeGreaterThanOrEqual(30);

    await drainQueue();
    const award = await db.award.findUniqueOrThrow({ where: { submissionId }, select: { issuedAt: true } });
    expect(award.issuedAt).toEqual(decidedAt);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { completedAt: true } })).toEqual({ completedAt: expect.any(Date) });
    expect(await db.notification.count({ where: { kind: 'award.issued' } })).toBe(1);
  });

  it('the periodic safety net issues awards for earned submissions left without one (e.g. their job was given up)', async () => {
    const w = await makeWorld();
    const recovery = periodicJobs.find((p) => p.type === 'award.recover-missing');
    expect(recovery).toBeDefined();
    await injectInsertFault(AWARD_FAULT);
    const stuck = await pass(w);
    const fresh = await pass(w);
    await clearFaults();
    // The stuck one's job was given up during a long outage; the fresh one's job was lost, but it
    // was decided only a moment ago (its own issuance may still be under way).
    await db.job.updateMany({ where: { type: 'award.issue', payload: { path: ['submissionId'], equals: stuck.submissionId } }, data: { attempts: 30, maxAttempts: 30 } });
    await db.job.deleteMany({ where: { type: 'award.issue', payload: { path: ['submissionId'], equals: fresh.submissionId } } });
    await db.$executeRaw`UPDATE "Submission" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${stuck.submissionId}`;

    expect(await ensurePeriodicJob(recovery!.type, recovery!.everySeconds)).toBe(true);
    await drainQueue();
    const award = await db.award.findUniqueOrThrow({ where: { submissionId: stuck.submissionId }, select: { issuedAt: true } });
    expect(award.issuedAt).toEqual(stuck.decidedAt);
    expect(await db.award.count({ where: { submissionId: fresh.submissionId } })).toBe(0);

    // Later, the fresh one is picked up too; one with a live job is left to that job.
    await db.$executeRaw`UPDATE "Submission" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${fresh.submissionId}`;
    expect(await queueMissingAwards()).toBe(1);
    expect(await queueMissingAwards()).toBe(0);
    await drainQueue();
    expect(await db.award.count({ where: { submissionId: fresh.submissionId } })).toBe(1);
    expect(await queueMissingAwards()).toBe(0);
  });
});
