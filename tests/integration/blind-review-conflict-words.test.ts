// Under blind review a reviewer does not learn who the teacher is. A conflict of interest that
// appears while they hold a claim (the teacher moved to their school, or they to the teacher's) ends
// the claim; saying "you and the teacher are now at the same school" would tell them that a colleague
// applied. So under blind review the page, the refusal, the notice and the audit entry they read say
// only that a conflict-of-interest rule applies; an issuer that shows names keeps the exact words.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview, saveReviewDraft } from '@/lib/review/mutations';
import { releaseClaimsNoLongerAllowed } from '@/lib/review/claims';
import { getReviewWorkspace } from '@/lib/review/queries';
import { loadActor } from '@/lib/auth/load-actor';

beforeEach(resetDatabase);

const SAME_SCHOOL = /same school/i;
const NEUTRAL = /conflict-of-interest rule/i;

/** An issuer (blind or not), Tess at school S, and Rae, a reviewer at no school, holding Tess's work. */
async function world(blindReview: boolean) {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, blindReview });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Hillside Primary' });
  const tess = await createActor({ name: 'Tess Teacher', schoolId: school.id, roles: [{ role: 'TEACHER', organizationId: school.id }] });
  const rae = await w.reviewer({ name: 'Rae Reviewer' });
  const attemptId = await submitTextAttempt(w, tess);
  const { reviewId } = await claimReview({ actor: rae, attemptId });
  // Rae is placed at Tess's school by hand (an import, a fix in the database): nothing told the claims.
  await db.user.update({ where: { id: rae.id }, data: { schoolId: school.id } });
  const raeNow = (await loadActor(rae.id)) as Actor;
  return { w, rae: raeNow, reviewId };
}

const releaseEntry = async (reviewId: string) => (await db.auditLog.findFirstOrThrow({ where: { action: 'review.release', entityType: 'Review', entityId: reviewId }, select: { data: true } })).data as { reason?: string; denial?: string };
const releaseReason = async (reviewId: string) => (await releaseEntry(reviewId)).reason ?? '';
const version = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true } })).version;

describe('a conflict that appears during a blind review', () => {
  it('the review page says a conflict rule applies, not that the teacher is at their school', async () => {
    const { rae, reviewId } = await world(true);
    const ws = await getReviewWorkspace({ actor: rae, reviewId });
    expect(ws?.cannotScoreBecause).toMatch(NEUTRAL);
    expect(ws?.cannotScoreBecause).not.toMatch(SAME_SCHOOL);
  });

  it('saving refuses with the neutral words, and the claim ends with them on record', async () => {
    const { rae, reviewId } = await world(true);
    const err = await saveReviewDraft({ actor: rae, reviewId, version: await version(reviewId), scores: [], overallComment: 'Notes' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(NEUTRAL);
    expect((err as Error).message).not.toMatch(SAME_SCHOOL);
    expect(await releaseReason(reviewId)).toMatch(NEUTRAL);
    expect(await releaseReason(reviewId)).not.toMatch(SAME_SCHOOL);
    // Admins reading the audit log still see which rule it was.
    expect((await releaseEntry(reviewId)).denial).toBe('SAME_SCHOOL');
  });

  it('the hourly sweep gives the claim back with a notice that names no school', async () => {
    const { rae, reviewId } = await world(true);
    expect(await releaseClaimsNoLongerAllowed()).toBe(1);
    const told = await db.notification.findMany({ where: { userId: rae.id, kind: 'review.released' }, select: { title: true, body: true } });
    expect(told).toHaveLength(1);
    expect(told[0].body).toMatch(NEUTRAL);
    expect(`${told[0].title} ${told[0].body}`).not.toMatch(SAME_SCHOOL);
    expect(await releaseReason(reviewId)).not.toMatch(SAME_SCHOOL);
    expect((await releaseEntry(reviewId)).denial).toBe('SAME_SCHOOL');
  });
});

describe('the same conflict at an issuer that shows teachers’ names', () => {
  it('names the shared school on the page, in the refusal and in the notice', async () => {
    const a = await world(false);
    expect((await getReviewWorkspace({ actor: a.rae, reviewId: a.reviewId }))?.cannotScoreBecause).toMatch(SAME_SCHOOL);
    const err = await saveReviewDraft({ actor: a.rae, reviewId: a.reviewId, version: await version(a.reviewId), scores: [], overallComment: 'Notes' }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(SAME_SCHOOL);

    const b = await world(false);
    await releaseClaimsNoLongerAllowed();
    const told = await db.notification.findFirstOrThrow({ where: { userId: b.rae.id, kind: 'review.released' }, select: { body: true } });
    expect(told.body).toMatch(SAME_SCHOOL);
  });
});
