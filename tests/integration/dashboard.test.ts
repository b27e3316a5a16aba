// The teacher dashboard's data (getTeacherDashboard) against Postgres: every enrolment and every
// badge counts, only the teacher's own.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';
import { getStandings, getTeacherDashboard } from '@/lib/enrollment/queries';
import { enrollInMicroCredential, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { columnFor, groupIntoColumns } from '@/lib/enrollment/dashboard';

beforeEach(resetDatabase);

describe('teacher dashboard data', () => {
  it('counts every badge and PD hour held, excluding revoked ones, and shows only the teacher’s own work', async () => {
    const first = await createPublishedCredential({ def: { pdHours: 5 } });
    const others = [];
    for (let i = 0; i < 7; i++) others.push(await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { pdHours: 2.5 } }));
    const all = [first, ...others];
    const teacher = await createActor({ name: 'Maya Teacher' });
    const colleague = await createActor();
    for (const { mc } of all) await db.enrollment.create({ data: { userId: teacher.id, microCredentialId: mc.id } });
    await db.enrollment.create({ data: { userId: colleague.id, microCredentialId: first.mc.id } });

    const list = await db.statusList.create({ data: { issuerId: first.issuer.id, purpose: 'revocation', bits: new Uint8Array(16) } });
    let index = 0;
    const earn = async (userId: string, mc: { id: string; currentVersionId: string | null }, hours: number, revoked = false) => {
      const submission = await db.submission.create({ data: { userId, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'EARNED' } });
      await db.award.create({
        data: {
          userId, issuerId: first.issuer.id, microCredentialId: mc.id, submissionId: submission.id, title: 'Badge', pdHours: new Prisma.Decimal(hours),
          recipientName: 'R', credential: {}, statusListId: list.id, statusListIndex: index++, revokedAt: revoked ? new Date() : null,
        },
      });
    };
    await earn(teacher.id, first.mc, 5);
    await earn(teacher.id, others[0].mc, 2.5);
    await earn(teacher.id, others[1].mc, 2.5, true);
    await earn(colleague.id, first.mc, 5);

    const data = await getTeacherDashboard(teacher);
    expect(data.truncated).toBe(false);
    expect(data.enrollments).toHaveLength(8);
    expect(data.awards).toEqual({ count: 2, pdHours: 7.5 });
    expect(data.submissions.every((s) => all.some(({ mc }) => mc.id === s.microCredentialId))).toBe(true);
    expect(data.submissions).toHaveLength(3);

    const status = new Map(data.submissions.map((s) => [s.microCredentialId, s.status]));
    const rows = data.enrollments.map((e) => ({ column: columnFor(status.get(e.microCredential!.id)) }));
    const columns = groupIntoColumns(rows);
    // The revoked one's submission is still EARNED: it stays in the earned column, but not in the totals.
    expect(columns.map((c) => [c.key, c.total, c.rows.length])).toEqual([['in-progress', 5, 5], ['earned', 3, 3]]);

    // Totals are over every badge, however many (the dashboard once summed a page of 50).
    await db.award.createMany({
      data: Array.from({ length: 60 }, () => ({
        userId: teacher.id, issuerId: first.issuer.id, microCredentialId: first.mc.id, title: 'Re-issued', pdHours: new Prisma.Decimal(1),
        recipientName: 'R', credential: {}, statusListId: list.id, statusListIndex: index++,
      })),
    });
    // Hours count every badge; the badge count is of credentials held, and these 60 re-issue one
    // the teacher already holds (as a renewal does), so it stays at 2.
    expect((await getTeacherDashboard(teacher)).awards).toEqual({ count: 2, pdHours: 67.5 });

    const colleagueData = await getTeacherDashboard(colleague);
    expect(colleagueData.enrollments).toHaveLength(1);
    expect(colleagueData.awards).toEqual({ count: 1, pdHours: 5 });
  });

  it('a teacher can stop working on a credential: off the dashboard, the draft kept for when they enrol again', async () => {
    const { mc } = await createPublishedCredential();
    const { mc: other } = await createPublishedCredential();
    const teacher = await createActor();
    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    await enrollInMicroCredential({ actor: teacher, microCredentialId: other.id });
    const draft = await startApplication({ actor: teacher, microCredentialId: mc.id });
    expect((await getStandings(teacher, [mc.id])).get(mc.id)?.state).toBe('DRAFT');

    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
    expect((await getTeacherDashboard(teacher)).enrollments.map((e) => e.microCredential?.id)).toEqual([other.id]);
    expect((await getStandings(teacher, [mc.id])).get(mc.id)).toEqual({ state: 'not-enrolled' });
    expect(await db.submission.count({ where: { id: draft.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'enrollment.withdraw', entityId: mc.id, actorId: teacher.id } })).toBe(1);
    // Stopping twice is an error, not a silent no-op.
    await expect(withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    expect((await getStandings(teacher, [mc.id])).get(mc.id)).toMatchObject({ state: 'DRAFT', submissionId: draft.id });

    // Stopped, then sent from a tab left open: the teacher is enrolled again, so the dashboard
    // shows the work and its decision.
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: draft.id } });
    await db.partResponse.deleteMany({ where: { attemptId: attempt.id } });
    const { versionId } = await db.submission.findUniqueOrThrow({ where: { id: draft.id }, select: { versionId: true } });
    await db.submissionPart.updateMany({ where: { versionId }, data: { required: false } });
    await submitAttempt({ actor: teacher, attemptId: attempt.id });
    expect((await getTeacherDashboard(teacher)).enrollments.map((e) => e.microCredential?.id).sort()).toEqual([mc.id, other.id].sort());

    // Work with reviewers, or earned, cannot be dropped.
    await expect(withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await db.submission.update({ where: { id: draft.id }, data: { status: 'EARNED' } });
    await expect(withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await getTeacherDashboard(teacher)).enrollments).toHaveLength(2);
  });
});
