// Reinstating a part badge brings the holder's stack badges up to date (a hold lifted, a stack
// issued). That follow-up is queued with the reinstatement (lib/jobs/part-restored.ts): if it fails
// right after the commit, the administrator is not told the reinstatement failed (it did not), and
// the queue finishes the follow-up once the cause is gone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { clearInsertFault, injectInsertFault, type InsertFault } from '../setup/insert-fault';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, suspendAward } from '@/lib/awards/revoke';
import { createStack } from '@/lib/authoring/mutations';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { PART_RESTORED_JOB } from '@/lib/jobs/part-restored';
import type { Actor } from '@/lib/auth/actor';

// The automatic 'award.reinstate' entry written when a stack badge's hold is lifted (releaseStackHolds,
// no acting person): failing it fails the lift, as the database blinking at that moment would. The
// administrator's own entry for the part (with an actor) still goes in.
const HOLD_LIFT_FAULT: InsertFault = {
  name: 'hold_lift_fault', table: 'AuditLog', message: 'audit insert failed (injected)',
  when: `NEW."action" = 'award.reinstate' AND NEW."actorId" IS NULL`,
};

beforeEach(async () => {
  await clearInsertFault(HOLD_LIFT_FAULT);
  await resetDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await clearInsertFault(HOLD_LIFT_FAULT);
});

async function earn(teacher: Actor, microCredentialId: string) {
  return (await issueAwardForSubmission(await createEarnedSubmission(teacher, microCredentialId))).awardId!;
}

/** A teacher holds both parts of a stack and its stack badge; the first part is then suspended, which puts the stack badge on hold. */
async function heldStackOnHold() {
  const first = await createPublishedCredential();
  const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin });
  const teacher = await createActor();
  await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: `stack-${Date.now()}`, title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
  const part = await earn(teacher, first.mc.id);
  await earn(teacher, second.mc.id);
  const stackAward = await db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: { not: null } }, select: { id: true } });
  await suspendAward({ actor: first.admin, awardId: part, reason: 'A complaint is being looked into.' });
  expect((await standing(stackAward.id)).suspendedAt).not.toBeNull();
  return { admin: first.admin, teacher, mcId: first.mc.id, part, stackAward: stackAward.id };
}

/** Every unfinished job made due now (not waiting out the grace or a backoff), then run, once each. */
async function runAllDue() {
  await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });
  const due = await db.job.count({ where: { completedAt: null, attempts: { lt: db.job.fields.maxAttempts } } });
  expect(await runDueJobs(jobHandlers, 100)).toBe(due);
}

const standing = (id: string) => db.award.findUniqueOrThrow({ where: { id }, select: { suspendedAt: true, revokedAt: true } });
const followUpJobs = () => db.job.findMany({ where: { type: PART_RESTORED_JOB }, select: { payload: true, completedAt: true, attempts: true, maxAttempts: true, priority: true } });

describe('reinstating a part badge', () => {
  it('when lifting the stack badge’s hold fails after the commit: no error for the administrator, and the queued job lifts it once the fault is gone', async () => {
    const s = await heldStackOnHold();
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await injectInsertFault(HOLD_LIFT_FAULT);

    await expect(reinstateAward({ actor: s.admin, awardId: s.part, note: 'Looked into: all fine.' })).resolves.toBeUndefined();
    expect(warned).toHaveBeenCalledWith(expect.stringMatching(/deferred to the job queue/), expect.stringMatching(/audit insert failed/));
    // The reinstatement committed (trying again would be refused as "not suspended"), the stack
    // badge is still on hold, and the follow-up waits in the queue, retried for about a day.
    expect((await standing(s.part)).suspendedAt).toBeNull();
    expect(await db.auditLog.count({ where: { action: 'award.reinstate', entityId: s.part } })).toBe(1);
    expect((await standing(s.stackAward)).suspendedAt).not.toBeNull();
    expect(await followUpJobs()).toEqual([{ payload: { userId: s.teacher.id, microCredentialId: s.mcId }, completedAt: null, attempts: 0, maxAttempts: 30, priority: 10 }]);

    // Still failing: the job fails and stays queued for a retry.
    await runAllDue();
    expect((await standing(s.stackAward)).suspendedAt).not.toBeNull();
    expect(await followUpJobs()).toEqual([expect.objectContaining({ completedAt: null, attempts: 1 })]);

    await clearInsertFault(HOLD_LIFT_FAULT);
    await runAllDue();
    expect(await standing(s.stackAward)).toEqual({ suspendedAt: null, revokedAt: null });
    expect(await followUpJobs()).toEqual([expect.objectContaining({ completedAt: expect.any(Date) })]);
    expect(await db.auditLog.count({ where: { action: 'award.reinstate', entityId: s.stackAward, actorId: null } })).toBe(1);
  });

  it('when the follow-up succeeds right away, the stack badge is valid again and no job is left behind', async () => {
    const s = await heldStackOnHold();
    await reinstateAward({ actor: s.admin, awardId: s.part, note: '' });
    expect(await standing(s.stackAward)).toEqual({ suspendedAt: null, revokedAt: null });
    expect(await followUpJobs()).toEqual([]);
  });

  it('the queued job is harmless when it runs after the follow-up was done (e.g. the inline try finished after a worker took the job)', async () => {
    const s = await heldStackOnHold();
    await reinstateAward({ actor: s.admin, awardId: s.part, note: '' });
    await db.job.create({ data: { type: PART_RESTORED_JOB, payload: { userId: s.teacher.id, microCredentialId: s.mcId } } });
    await runAllDue();
    expect(await followUpJobs()).toEqual([expect.objectContaining({ completedAt: expect.any(Date) })]);
    expect(await db.award.count({ where: { userId: s.teacher.id, stackId: { not: null } } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'award.reinstate', entityId: s.stackAward, actorId: null } })).toBe(1);
  });
});
