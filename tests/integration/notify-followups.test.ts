// Who is told, and when: the issuer's admins about a concern or a question (not the teacher, not an
// admin with a conflict of interest, not the one who acted); a district's leaders once per request,
// however many clicks; a reviewer whose claim was taken away; a proposal's leaders and teacher in
// the transaction that sends or decides it; a reviewer assigned work, with what and by when.
// Against Postgres, through the real mutations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, createWaitingAttempt, qualify } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { askAboutFeedback } from '@/lib/feedback-questions/mutations';
import { reportEvidenceConcern } from '@/lib/evidence/concerns';
import { assignReview, claimReview, releaseAllClaimsOf } from '@/lib/review/mutations';
import { requestDistrict } from '@/lib/district/requests';
import { createExemplar, ExemplarInput } from '@/lib/review/exemplars';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';

beforeEach(resetDatabase);

const noticesOf = (kind: string) => db.notification.findMany({ where: { kind }, orderBy: { id: 'asc' }, select: { userId: true, title: true, body: true, href: true } });
/** Who an email job is for, of those whose title matches `title`. */
const emailedTo = async (title: RegExp) =>
  (await db.job.findMany({ where: { type: 'email.notification' }, select: { payload: true } })).map((j) => j.payload as { userId: string; title: string }).filter((p) => title.test(p.title)).map((p) => p.userId);

describe('the issuer’s admins told of a concern or a question', () => {
  /** Ada applies for the issuer's credential while being one of its admins; Cal, an admin at her school, is kept apart from her work. */
  async function world() {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
    const school = await createOrg({ kind: 'SCHOOL' });
    const rae = await w.reviewer({ name: 'Rae Reviewer' });
    const ada = await createActor({ name: 'Ada Admin-Teacher', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: school.id });
    const cal = await createActor({ name: 'Cal Colleague', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: school.id });
    const attemptId = await submitTextAttempt(w, ada);
    return { ...w, rae, ada, cal, attemptId };
  }

  it('a question about feedback goes to the admins who may answer it: not the asking admin, not a conflicted colleague', async () => {
    const w = await world();
    await scoreAttempt(w, w.rae, w.attemptId, 'PRIMARY', [0, 0]);
    await askAboutFeedback({ actor: w.ada, attemptId: w.attemptId, body: 'Why was criterion 1 low?' });
    expect((await noticesOf('feedback.question')).map((n) => n.userId)).toEqual([w.admin.id]);
    expect(await emailedTo(/asks about the feedback/)).toEqual([w.admin.id]);
  });

  it('a concern about evidence goes to the admins who may rule on it: not the teacher whose work it is, not a conflicted colleague, not the reporter', async () => {
    const w = await world();
    // A second reviewer who is also an admin of the issuer reports: they are not told of their own report.
    const ana = await w.reviewer({ name: 'Ana Admin-Reviewer', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const { reviewId } = await claimReview({ actor: ana, attemptId: w.attemptId });
    await reportEvidenceConcern({ actor: ana, reviewId, fileId: null, reason: 'NOT_OWN_WORK', note: 'Looks copied from a website.' });
    const told = await noticesOf('evidence.concern');
    expect(told.map((n) => n.userId)).toEqual([w.admin.id]);
    expect(told[0].body).toBe('Not the teacher’s own work: all of attempt 1. Read it on the application record, where you can remove the file or close the concern.');
    expect(await emailedTo(/reported a concern/)).toEqual([w.admin.id]);
  });
});

describe('asking to join a district', () => {
  it('two clicks at once tell each leader once', async () => {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const t = await createActor({ name: 'Di Dawson' });
    const results = await Promise.allSettled([requestDistrict({ actor: t, districtId: district.id }), requestDistrict({ actor: t, districtId: district.id })]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await db.notification.count({ where: { userId: leader.id, kind: 'district.join_request' } })).toBe(1);
    expect(await db.job.count({ where: { type: 'email.notification' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'people.request_district' } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: t.id }, select: { requestedDistrictId: true } })).requestedDistrictId).toBe(district.id);
  });
});

describe('a reviewer whose claims are taken away', () => {
  async function world() {
    const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: true, doubleScoreRate: 0, blindReview: true } });
    const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id, def: { title: 'Feedback that moves learning' } });
    const una = await createQualifiedReviewer({ name: 'Una Uncalibrated', issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
    const claimOne = async (teacherName: string) => {
      const attemptId = await createWaitingAttempt(await createActor({ name: teacherName }), mc.id);
      return (await claimReview({ actor: una, attemptId })).reviewId;
    };
    return { issuer, mc, admin, una, claimOne };
  }

  it('is told once, with the reason and without the teacher’s name, when a calibration sample added sends their work back', async () => {
    const w = await world();
    const claims = [await w.claimOne('Tess Teacher'), await w.claimOne('Tom Teacher')];
    const versionId = (await db.microCredential.findUniqueOrThrow({ where: { id: w.mc.id }, select: { currentVersionId: true } })).currentVersionId!;
    await createExemplar({ actor: w.admin, input: ExemplarInput.parse({ microCredentialId: w.mc.id, versionId, title: 'Sample A', responses: [{ partTitle: 'Context', text: 'Anonymised sample.' }], expectedRanks: [1, 1, 2] }) });
    expect(await db.review.count({ where: { id: { in: claims }, status: 'RELEASED' } })).toBe(2);
    const told = await db.notification.findMany({ where: { userId: w.una.id, kind: 'review.released' }, select: { title: true, body: true, href: true } });
    expect(told).toEqual([{
      title: 'Work you were reviewing for “Feedback that moves learning” went back to the queue',
      body: 'Your claim on 2 submissions has ended: they were returned to the queue (a calibration sample was added, so you need to pass the calibration exercise first), so they can no longer be scored by you. Your scores and feedback so far are still on their review pages.',
      href: '/review',
    }]);
    expect(await emailedTo(/went back to the queue/)).toEqual([w.una.id]);
    expect(JSON.stringify(told)).not.toMatch(/Tess|Tom/);
  });

  it('is not told when their account was disabled (they cannot sign in to read it)', async () => {
    const w = await world();
    await w.claimOne('Tess Teacher');
    await db.$transaction((tx) => releaseAllClaimsOf(tx, w.una.id, w.admin.id, new Date()));
    expect(await db.review.count({ where: { reviewerId: w.una.id, status: 'RELEASED' } })).toBe(1);
    expect(await db.notification.count({ where: { userId: w.una.id } })).toBe(0);
  });
});

describe('proposals: the notices are part of sending and deciding', () => {
  async function world() {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
    const { mc } = await createPublishedCredential({ def: { title: 'Feedback that moves learning' } });
    const leaders = [
      await createActor({ name: 'Lee Leads', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] }),
      await createActor({ name: 'Cy Colleague', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] }),
    ];
    const teacher = await createActor({ name: 'Tia Teacher', districtId: district.id });
    return { district, mc, leaders, teacher };
  }
  const send = (teacher: Actor, mcId: string) => saveProposal({ actor: teacher, microCredentialId: mcId, studentGoals: 'My grade 7 students will explain their reasoning in labs.', plan: '', submit: true, version: null });

  /** Makes every notification of `kind` fail to insert, as a database failure in the middle would. */
  async function failNotices(kind: string) {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION test_fail_notice() RETURNS trigger AS $$ BEGIN IF NEW."kind" = '${kind}' THEN RAISE EXCEPTION 'notice refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe('CREATE TRIGGER test_fail_notice BEFORE INSERT ON "Notification" FOR EACH ROW EXECUTE FUNCTION test_fail_notice()');
  }
  afterEach(async () => {
    await db.$executeRawUnsafe('DROP TRIGGER IF EXISTS test_fail_notice ON "Notification"');
    await db.$executeRawUnsafe('DROP FUNCTION IF EXISTS test_fail_notice()');
  });

  it('sent: every leader is told; when telling them fails, the proposal is not sent and can be sent again', async () => {
    const w = await world();
    await failNotices('proposal.submitted');
    await expect(send(w.teacher, w.mc.id)).rejects.toThrow(/notice refused/);
    const p = await db.proposal.findFirst({ where: { userId: w.teacher.id }, select: { status: true } });
    expect(p?.status ?? null).toBeNull();
    await db.$executeRawUnsafe('DROP TRIGGER test_fail_notice ON "Notification"');
    await send(w.teacher, w.mc.id);
    expect((await noticesOf('proposal.submitted')).map((n) => n.userId).sort()).toEqual(w.leaders.map((l) => l.id).sort());
  });

  it('decided: the teacher is told; when telling them fails, the decision is not recorded and can be made again', async () => {
    const w = await world();
    const p = await send(w.teacher, w.mc.id);
    await failNotices('proposal.approved');
    await expect(decideProposal({ actor: w.leaders[0], proposalId: p.id, decision: 'APPROVED', comment: 'Go ahead.', version: p.version })).rejects.toThrow(/notice refused/);
    expect((await db.proposal.findUniqueOrThrow({ where: { id: p.id }, select: { status: true } })).status).toBe('SUBMITTED');
    await db.$executeRawUnsafe('DROP TRIGGER test_fail_notice ON "Notification"');
    await decideProposal({ actor: w.leaders[0], proposalId: p.id, decision: 'APPROVED', comment: 'Go ahead.', version: p.version });
    expect(await noticesOf('proposal.approved')).toEqual([
      { userId: w.teacher.id, title: 'Your proposal for “Feedback that moves learning” was approved', body: 'Go ahead.\n\nYou can submit your evidence when it is ready.', href: `/micro-credentials/${(await db.microCredential.findUniqueOrThrow({ where: { id: w.mc.id } })).slug}/proposal` },
    ]);
  });
});

describe('an assignment', () => {
  const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

  it('tells the reviewer the credential and when the decision is due, never the teacher; an admin assigning to themselves is not told', async () => {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, blindReview: true });
    const rae = await w.reviewer({ name: 'Rae Reviewer' });
    const attemptId = await submitTextAttempt(w, await createActor({ name: 'Tess Teacher' }));
    const { dueAt, submission } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { dueAt: true, submission: { select: { version: { select: { title: true } } } } } });
    const { reviewId } = await assignReview({ actor: w.admin, attemptId, reviewerId: rae.id });
    expect(await noticesOf('review.assigned')).toEqual([{
      userId: rae.id, title: 'A submission was assigned to you for review',
      body: `An admin of the issuer assigned you a submission for “${submission.version.title}”. The decision is due by ${dayFmt.format(dueAt!)}.`,
      href: `/review/${reviewId}`,
    }]);

    // The admin takes the next one on themselves: nothing to tell them.
    await qualify(w.admin.id, w.mc.id, w.admin.id);
    const next = await submitTextAttempt(w, await createActor({ name: 'Tom Teacher' }));
    await assignReview({ actor: w.admin, attemptId: next, reviewerId: w.admin.id });
    expect(await db.notification.count({ where: { userId: w.admin.id, kind: 'review.assigned' } })).toBe(0);
    expect(JSON.stringify(await noticesOf('review.assigned'))).not.toMatch(/Tess|Tom/);
  });
});
