// The hourly sweep of live claims ('review.release-disallowed-claims', releaseClaimsNoLongerAllowed)
// reads each batch's attempts, reviewers and their standing in bulk. Whatever it reads, it must give
// back exactly the claims whose reviewer may no longer score the work (reviewDenial's answer for each
// one, on its own credential and issuer) and leave every other claim alone.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedAward, createOrg, qualify } from '../factories';
import { makeReviewWorld, submitTextAttempt, type ReviewWorld } from '../factories/review-world';
import { claimReview } from '@/lib/review/mutations';
import { releaseClaimsNoLongerAllowed } from '@/lib/review/claims';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';

beforeEach(async () => {
  await resetDatabase();
});

const NOT_QUALIFIED = 'you are no longer qualified to review this micro-credential';
const SAME_SCHOOL = 'you and the teacher are now at the same school, and colleagues never review each other’s work';
const SAME_DISTRICT = 'you and the teacher are now in the same district, which this issuer does not allow';
const ALREADY_SCORED = 'you have already scored this submission, and it needs an independent reviewer';
const HOUR = 60 * 60 * 1000;

const statusOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status;
const releaseReason = async (reviewId: string) => {
  const e = await db.auditLog.findFirst({ where: { action: 'review.release', entityType: 'Review', entityId: reviewId }, select: { data: true } });
  return e ? (e.data as { reason?: string }).reason ?? null : null;
};
const submissionStatusOf = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submission: { select: { status: true } } } })).submission.status;

/** A reviewer at both issuers; an admin's grant for the credentials in `granted`. */
async function reviewerOf(worlds: ReviewWorld[], granted: ReviewWorld[]): Promise<Actor> {
  const r = await createActor({ roles: worlds.map((w) => ({ role: 'REVIEWER' as const, organizationId: w.issuer.id })) });
  for (const w of granted) await qualify(r.id, w.mc.id, w.admin.id);
  return r;
}

describe('the sweep of live claims', () => {
  it('gives back exactly the claims whose reviewer may no longer score them, across reviewers and credentials, and leaves the rest', async () => {
    // Two credentials at two issuers: the first does not let a reviewer score work from their own
    // district, the second does; neither lets them score work from their own school (no issuer does).
    const w1 = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30, blockSameDistrict: true });
    const w2 = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30, blockSameDistrict: false });
    const both = [w1, w2];
    const district = await createOrg({ kind: 'DISTRICT' });
    const school = await createOrg({ kind: 'SCHOOL', parentId: district.id });
    const neighbouring = await createOrg({ kind: 'SCHOOL', parentId: district.id });
    const attempt = async (w: ReviewWorld, teacher?: Actor) => submitTextAttempt(w, teacher ?? (await createActor()));
    const atSchool = () => createActor({ schoolId: school.id, districtId: district.id });
    const inDistrict = () => createActor({ schoolId: neighbouring.id, districtId: district.id });

    // Qualified for the first credential by its badge only, for the second by a grant.
    const lapsed = await reviewerOf(both, [w2]);
    const badge = await createEarnedAward(lapsed, w1.mc, { level: 1, issuedAt: '2026-01-10T10:00:00Z' });
    const mover = await reviewerOf(both, both);
    const fine = await reviewerOf(both, both);
    const gone = await reviewerOf(both, both);

    const claim = async (actor: Actor, attemptId: string) => ({ attemptId, reviewId: (await claimReview({ actor, attemptId })).reviewId });
    const lapsedOn1 = await claim(lapsed, await attempt(w1));
    const lapsedOn2 = await claim(lapsed, await attempt(w2));
    // Ran out already: the 'review.expire-claims' job's, not this one's.
    const lapsedRanOut = await claim(lapsed, await attempt(w1));
    await db.review.update({ where: { id: lapsedRanOut.reviewId }, data: { claimExpiresAt: new Date(Date.now() - 60_000) } });
    const moverSameSchool1 = await claim(mover, await attempt(w1, await atSchool()));
    const moverOther1 = await claim(mover, await attempt(w1));
    const moverSameSchool2 = await claim(mover, await attempt(w2, await atSchool()));
    const moverSameDistrict1 = await claim(mover, await attempt(w1, await inDistrict()));
    const moverSameDistrict2 = await claim(mover, await attempt(w2, await inDistrict()));
    const fineOn1 = await claim(fine, await attempt(w1));
    const fineOn2 = await claim(fine, await attempt(w2));
    const goneOn2 = await claim(gone, await attempt(w2));

    // Nothing that would give the claims back: an import, a fix by hand.
    await db.award.update({ where: { id: badge.id }, data: { revokedAt: new Date() } });
    await db.user.update({ where: { id: mover.id }, data: { schoolId: school.id, districtId: district.id } });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });

    expect(await releaseClaimsNoLongerAllowed()).toBe(5);

    const released = [
      [lapsedOn1, NOT_QUALIFIED],
      [moverSameSchool1, SAME_SCHOOL],
      [moverSameSchool2, SAME_SCHOOL],
      [moverSameDistrict1, SAME_DISTRICT],
      [goneOn2, 'account disabled'],
    ] as const;
    for (const [c, reason] of released) {
      expect(await statusOf(c.reviewId)).toBe('RELEASED');
      expect(await releaseReason(c.reviewId)).toBe(reason);
      expect(await submissionStatusOf(c.attemptId)).toBe('SUBMITTED');
    }
    for (const c of [lapsedOn2, lapsedRanOut, moverOther1, moverSameDistrict2, fineOn1, fineOn2]) {
      expect(await statusOf(c.reviewId)).toBe('CLAIMED');
      expect(await releaseReason(c.reviewId)).toBeNull();
    }
    expect(await db.auditLog.count({ where: { action: 'review.release' } })).toBe(5);
    // Each reviewer still able to sign in is told; nobody else is.
    const told = await db.notification.findMany({ where: { kind: 'review.released' }, select: { userId: true, body: true } });
    expect([...new Set(told.map((n) => n.userId))].sort()).toEqual([lapsed.id, mover.id].sort());
    expect(told.find((n) => n.userId === lapsed.id)?.body).toMatch(`returned to the queue (${NOT_QUALIFIED})`);

    // Nothing more to do on the next run.
    expect(await releaseClaimsNoLongerAllowed()).toBe(0);
  });

  it('judges a reviewer’s second claim on the same submission on what is left once the first was given back', async () => {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor());
    // Both scores of a double-scored submission held by one reviewer (not possible through the
    // queue): each is refused while the other is held, so the first is given back and the second,
    // then independent, stays.
    const until = new Date(Date.now() + HOUR);
    const rows = await Promise.all((['PRIMARY', 'SECOND'] as const).map((kind) => db.review.create({ data: { attemptId, kind, reviewerId: reviewer.id, claimExpiresAt: until }, select: { id: true } })));
    const [first, second] = rows.map((r) => r.id).sort();

    expect(await releaseClaimsNoLongerAllowed()).toBe(1);
    expect(await statusOf(first)).toBe('RELEASED');
    expect(await releaseReason(first)).toBe(ALREADY_SCORED);
    expect(await statusOf(second)).toBe('CLAIMED');
    expect(await releaseClaimsNoLongerAllowed()).toBe(0);
  });

  it('reads every live claim, past the first batch, and judges a reviewer seen in an earlier batch again', async () => {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
    const fine = await w.reviewer();
    const lapsed = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    const badge = await createEarnedAward(lapsed, w.mc, { level: 1, issuedAt: '2026-01-10T10:00:00Z' });
    // 202 submitted attempts by as many teachers, written directly: the sweep reads 200 at a time.
    const n = 202;
    const teachers = await db.user.createManyAndReturn({ data: Array.from({ length: n }, (_, i) => ({ email: `sweep-teacher-${i}@example.test`, name: `Teacher ${i}` })), select: { id: true } });
    const subs = await db.submission.createManyAndReturn({ data: teachers.map((t) => ({ userId: t.id, microCredentialId: w.mc.id, versionId: w.mc.currentVersionId!, status: 'IN_REVIEW' as const })), select: { id: true } });
    const attempts = await db.attempt.createManyAndReturn({ data: subs.map((s) => ({ submissionId: s.id, number: 1, status: 'SUBMITTED' as const, submittedAt: new Date(), dueAt: new Date(Date.now() + 20 * 24 * HOUR), microCredentialId: w.mc.id })), select: { id: true } });
    // Ids in sweep order: the lapsed reviewer holds the first claim (first batch) and the last (second batch).
    const id = (i: number) => `sweep-${String(i).padStart(4, '0')}`;
    const claimExpiresAt = new Date(Date.now() + HOUR);
    await db.review.createMany({ data: attempts.map((a, i) => ({ id: id(i), attemptId: a.id, reviewerId: i === 0 || i === n - 1 ? lapsed.id : fine.id, claimExpiresAt })) });
    await db.award.update({ where: { id: badge.id }, data: { revokedAt: new Date() } });

    expect(await releaseClaimsNoLongerAllowed()).toBe(2);
    expect(await statusOf(id(0))).toBe('RELEASED');
    expect(await statusOf(id(n - 1))).toBe('RELEASED');
    expect(await releaseReason(id(n - 1))).toBe(NOT_QUALIFIED);
    expect(await db.review.count({ where: { status: 'CLAIMED', reviewerId: fine.id } })).toBe(n - 2);
  });
});

describe('the job', () => {
  it('runs hourly, apart from the 15-minute sweep of claims that ran out', async () => {
    expect(periodicJobs).toContainEqual({ type: 'review.release-disallowed-claims', everySeconds: 60 * 60 });
    expect(periodicJobs).toContainEqual({ type: 'review.expire-claims', everySeconds: 15 * 60 });

    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
    const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    const badge = await createEarnedAward(reviewer, w.mc, { level: 1, issuedAt: '2026-01-10T10:00:00Z' });
    const { reviewId } = await claimReview({ actor: reviewer, attemptId: await submitTextAttempt(w, await createActor()) });
    await db.award.update({ where: { id: badge.id }, data: { revokedAt: new Date() } });

    // The 15-minute job only ends claims that ran out.
    await jobHandlers['review.expire-claims'](null);
    expect(await statusOf(reviewId)).toBe('CLAIMED');
    await jobHandlers['review.release-disallowed-claims'](null);
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await releaseReason(reviewId)).toBe(NOT_QUALIFIED);
  });
});
