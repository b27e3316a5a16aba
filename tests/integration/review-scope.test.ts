// A reviewer reviews for the issuers that made them one. Holding a badge of another issuer's
// credential (or a stray qualification row) must not open that issuer's queue, its teachers'
// evidence or its scoring to them.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { outcomeOf } from '../setup/outcome';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, createWaitingAttempt, qualify } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import { claimReview, grantQualification } from '@/lib/review/mutations';
import { getCalibration } from '@/lib/review/calibration';
import { isDomainError } from '@/lib/errors';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { changeRole, setReviewerQualification } from '@/lib/people/mutations';
import { keepClaim } from '@/lib/review/claims';
import { saveReviewDraft } from '@/lib/review/mutations';
import { getReviewWorkspace } from '@/lib/review/queries';
import { canViewAttemptEvidence } from '@/lib/evidence/access';
import { loadActor } from '@/lib/auth/load-actor';

beforeEach(resetDatabase);

const waitingAttempt = async (mcId: string) => createWaitingAttempt(await createActor(), mcId);

async function world() {
  const issuerA = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false } });
  const issuerB = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false } });
  const { mc: mcA } = await createPublishedCredential({ issuerId: issuerA.id });
  const { mc: mcB } = await createPublishedCredential({ issuerId: issuerB.id });
  const adminB = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuerB.id }] });
  // Reviews for A only, and holds B's badge as a teacher (the "earned" route to qualification).
  const reviewerA = await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuerA.id }] });
  await db.reviewerQualification.create({ data: { userId: reviewerA.id, microCredentialId: mcA.id, grantedById: reviewerA.id } });
  const earned = await startApplication({ actor: reviewerA, microCredentialId: mcB.id });
  await db.submission.update({ where: { id: earned.id }, data: { status: 'EARNED' } });
  await issueAwardForSubmission(earned.id);
  const attemptA = await waitingAttempt(mcA.id);
  const attemptB = await waitingAttempt(mcB.id);
  return { issuerA, issuerB, mcA, mcB, adminB, reviewerA, attemptA, attemptB };
}

describe('reviewers work for their own issuers only', () => {
  it('a reviewer of issuer A does not see, claim or calibrate issuer B’s work, even holding B’s badge or a B qualification', async () => {
    const w = await world();
    // Make sure both routes to a qualification for B exist.
    await db.reviewerQualification.upsert({
      where: { userId_microCredentialId: { userId: w.reviewerA.id, microCredentialId: w.mcB.id } },
      create: { userId: w.reviewerA.id, microCredentialId: w.mcB.id, grantedById: w.adminB.id },
      update: {},
    });
    const queue = await listReviewQueue({ actor: w.reviewerA });
    expect(queue.items.map((i) => i.attemptId)).toEqual([w.attemptA]);
    expect(await outcomeOf(claimReview({ actor: w.reviewerA, attemptId: w.attemptB, kind: 'PRIMARY' }))).not.toBe('allowed');
    expect(await db.review.count({ where: { attemptId: w.attemptB } })).toBe(0);
    expect(await db.award.count({ where: { userId: w.reviewerA.id, microCredentialId: w.mcB.id } })).toBe(1);
    expect(await getCalibration({ actor: w.reviewerA, microCredentialId: w.mcB.id })).toBeNull();
    // Their own issuer's work is unaffected.
    expect(await outcomeOf(claimReview({ actor: w.reviewerA, attemptId: w.attemptA, kind: 'PRIMARY' }))).toBe('allowed');
  });

  it('an admin of B can qualify only B’s own reviewers, with one answer for any other address', async () => {
    const w = await world();
    const outsider = await createActor({ email: `outsider-${Date.now()}@example.test` });
    const answers = [] as string[];
    for (const email of [w.reviewerA.email, outsider.email, 'nobody-here@example.test']) {
      try {
        await grantQualification({ actor: w.adminB, microCredentialId: w.mcB.id, email });
        answers.push('granted');
      } catch (e) {
        if (!isDomainError(e)) throw e;
        answers.push(e.message);
      }
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).not.toBe('granted');
    const reviewerB = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuerB.id }] });
    await grantQualification({ actor: w.adminB, microCredentialId: w.mcB.id, email: reviewerB.email });
    expect(await db.reviewerQualification.count({ where: { userId: reviewerB.id, microCredentialId: w.mcB.id, grantedById: w.adminB.id } })).toBe(1);
  });

  it('removing someone’s reviewer role gives back their claims there, and what they held is closed to them', async () => {
    const w = await world();
    const adminA = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuerA.id }] });
    const { reviewId } = await claimReview({ actor: w.reviewerA, attemptId: w.attemptA, kind: 'PRIMARY' });
    // Someone who is also an admin there gives back scoring they no longer qualify for when the
    // reviewer role (and with it their grant) goes: being an admin is not a qualification to score.
    const both = await createQualifiedReviewer({ issuerId: w.issuerA.id, otherRoles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuerA.id }], microCredentialIds: w.mcA.id, grantedById: adminA.id });
    const second = await waitingAttempt(w.mcA.id);
    const kept = await claimReview({ actor: both, attemptId: second, kind: 'PRIMARY' });

    // While they review there, they see the evidence of what they hold.
    expect(await canViewAttemptEvidence(w.reviewerA, { id: w.attemptA, ownerId: 'someone-else', issuerId: w.issuerA.id, status: 'SUBMITTED' })).toBe(true);
    await changeRole({ actor: adminA, organizationId: w.issuerA.id, userId: w.reviewerA.id, role: 'REVIEWER', op: 'remove' });
    await changeRole({ actor: adminA, organizationId: w.issuerA.id, userId: both.id, role: 'REVIEWER', op: 'remove' });

    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('RELEASED');
    expect((await db.review.findUniqueOrThrow({ where: { id: kept.reviewId } })).status).toBe('RELEASED');
    expect(await db.auditLog.count({ where: { action: 'review.release', entityId: reviewId, actorId: adminA.id } })).toBe(1);
    // The work is back in the queue (of another reviewer qualified for it).
    const colleague = await createQualifiedReviewer({ issuerId: w.issuerA.id, microCredentialIds: w.mcA.id, grantedById: adminA.id });
    expect((await listReviewQueue({ actor: colleague })).items.map((i) => i.attemptId)).toContain(w.attemptA);

    // Their next request (a fresh session read) finds nothing to keep, save or read.
    const former = (await loadActor(w.reviewerA.id))!;
    expect(await outcomeOf(keepClaim({ actor: former, reviewId }))).toBe('NOT_FOUND');
    expect(await outcomeOf(saveReviewDraft({ actor: former, reviewId, version: 0, scores: [], overallComment: 'still here' }))).toBe('NOT_FOUND');
    expect(await getReviewWorkspace({ actor: former, reviewId })).toBeNull();
    expect(await canViewAttemptEvidence(former, { id: w.attemptA, ownerId: 'someone-else', issuerId: w.issuerA.id, status: 'SUBMITTED' })).toBe(false);
  });

  it('withdrawing a reviewer’s qualification gives back their claims for that credential, unless they still qualify by holding its badge', async () => {
    const w = await world();
    const adminA = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuerA.id }] });
    const { mc: otherA } = await createPublishedCredential({ issuerId: w.issuerA.id });
    await qualify(w.reviewerA.id, otherA.id, adminA.id);
    const held = await claimReview({ actor: w.reviewerA, attemptId: w.attemptA, kind: 'PRIMARY' });
    const elsewhere = await claimReview({ actor: w.reviewerA, attemptId: await waitingAttempt(otherA.id), kind: 'PRIMARY' });

    await setReviewerQualification({ actor: adminA, userId: w.reviewerA.id, microCredentialId: w.mcA.id, op: 'remove' });
    expect((await db.review.findUniqueOrThrow({ where: { id: held.reviewId } })).status).toBe('RELEASED');
    expect((await db.submission.findFirstOrThrow({ where: { attempts: { some: { id: w.attemptA } } } })).status).toBe('SUBMITTED');
    expect(await db.auditLog.count({ where: { action: 'review.release', entityId: held.reviewId, actorId: adminA.id } })).toBe(1);
    // Their claim on another credential stays, and "Keep my claim" on the released one finds nothing.
    expect((await db.review.findUniqueOrThrow({ where: { id: elsewhere.reviewId } })).status).toBe('CLAIMED');
    expect(await outcomeOf(keepClaim({ actor: w.reviewerA, reviewId: held.reviewId }))).not.toBe('allowed');

    // A reviewer who holds the badge is still qualified without the grant: their claim stays.
    const earner = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuerA.id }] });
    const own = await startApplication({ actor: earner, microCredentialId: w.mcA.id });
    await db.submission.update({ where: { id: own.id }, data: { status: 'EARNED' } });
    await issueAwardForSubmission(own.id);
    await qualify(earner.id, w.mcA.id, adminA.id);
    const kept = await claimReview({ actor: earner, attemptId: await waitingAttempt(w.mcA.id), kind: 'PRIMARY' });
    await setReviewerQualification({ actor: adminA, userId: earner.id, microCredentialId: w.mcA.id, op: 'remove' });
    // Only the grant went: the row (and any calibration on it) stays with the badge.
    expect(await db.reviewerQualification.findFirstOrThrow({ where: { userId: earner.id, microCredentialId: w.mcA.id } })).toMatchObject({ grantedById: null });
    expect((await db.review.findUniqueOrThrow({ where: { id: kept.reviewId } })).status).toBe('CLAIMED');
  });

  it('a claim made as the account is being disabled is refused, not left on a disabled account', async () => {
    const w = await world();
    // The session was read just before the disable committed.
    const stale = w.reviewerA;
    await db.user.update({ where: { id: w.reviewerA.id }, data: { disabledAt: new Date() } });
    expect(await outcomeOf(claimReview({ actor: stale, attemptId: w.attemptA, kind: 'PRIMARY' }))).toBe('FORBIDDEN');
    expect(await db.review.count({ where: { attemptId: w.attemptA } })).toBe(0);
    // Enabled again, the same claim goes through.
    await db.user.update({ where: { id: w.reviewerA.id }, data: { disabledAt: null } });
    expect(await outcomeOf(claimReview({ actor: stale, attemptId: w.attemptA, kind: 'PRIMARY' }))).toBe('allowed');
  });
});
