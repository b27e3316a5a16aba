// Review notices go only to people who can still open what they link to: a second look asked for or
// withdrawn (lib/review/second-look.ts) and a concern resolved (lib/evidence/concerns.ts) tell those
// who scored or reported only while they still review for the issuer (their review page opens for
// nobody else); a claim given back because the reviewer role was removed (lib/review/claims.ts)
// points to no review queue they could not open. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { requestSecondLook, withdrawSecondLook } from '@/lib/review/second-look';
import { closeEvidenceConcern, reportEvidenceConcern } from '@/lib/evidence/concerns';
import { changeRole, setReviewerQualification } from '@/lib/people/mutations';

beforeEach(resetDatabase);

/**
 * An issuer; a teacher's attempt waiting for review. `first` and `fresh` are qualified reviewers,
 * `requester` a qualified admin of the issuer.
 */
async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: true, calibrationRequired: false, doubleScoreRate: 0 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const reviewer = async (name: string, role: 'REVIEWER' | 'ISSUER_ADMIN' = 'REVIEWER') => {
    const r = await createActor({ name, roles: [{ role, organizationId: issuer.id }] });
    await db.reviewerQualification.create({ data: { userId: r.id, microCredentialId: mc.id, grantedById: admin.id } });
    return r;
  };
  const first = await reviewer('Fay First');
  const fresh = await reviewer('Finn Fresh');
  const requester = await reviewer('Ada Requester', 'ISSUER_ADMIN');
  const teacher = await createActor({ name: 'Tess Teacher' });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'Part 2 quotes three exit tickets from my Grade 7 class.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true });
  return { issuer, mc, version, admin, first, fresh, requester, teacher, attemptId: attempt.id };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** `first` claims the attempt and returns it for revision (every criterion at the lowest level). */
async function returnIt(w: World) {
  const { reviewId } = await claimReview({ actor: w.first, attemptId: w.attemptId, kind: 'PRIMARY' });
  const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: w.attemptId } })]);
  const lowest = w.version.levels.reduce((x, y) => (y.rank < x.rank ? y : x));
  await submitReview({
    actor: w.first, reviewId, version: r.version, attemptVersion: a.version, overallComment: 'There is no student work here.',
    scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: lowest.id, feedback: 'No student work.' })),
  });
  return reviewId;
}

const version = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).version;
const ask = async (w: World) => requestSecondLook({ actor: w.requester, attemptId: w.attemptId, version: await version(w.attemptId), reason: 'Part 2 quotes three exit tickets.' });
const withdraw = async (w: World) => withdrawSecondLook({ actor: w.requester, attemptId: w.attemptId, version: await version(w.attemptId) });
const notices = (userId: string, kind: string) => db.notification.findMany({ where: { userId, kind }, orderBy: { createdAt: 'asc' }, select: { title: true, href: true, body: true } });
const emailJobsTo = async (userId: string) => db.job.count({ where: { type: 'email.notification', payload: { path: ['userId'], equals: userId } } });
const removeReviewerRole = (w: World, who: Actor) => changeRole({ actor: w.admin, organizationId: w.issuer.id, userId: who.id, role: 'REVIEWER', op: 'remove' });
const giveReviewerRoleBack = (w: World, who: Actor) => db.membership.create({ data: { userId: who.id, organizationId: w.issuer.id, role: 'REVIEWER' } });

describe('second-look notices to those who scored the attempt', () => {
  it('asked for after the scorer stopped reviewing for the issuer: they are not told (the teacher is); back as a reviewer, they are told of the withdrawal', async () => {
    const w = await makeWorld();
    const reviewId = await returnIt(w);
    await removeReviewerRole(w, w.first);
    const jobsBefore = await emailJobsTo(w.first.id);
    await ask(w);
    expect(await notices(w.first.id, 'review.second-look')).toEqual([]);
    expect(await emailJobsTo(w.first.id)).toBe(jobsBefore);
    expect(await notices(w.teacher.id, 'review.second-look')).toHaveLength(1);

    await giveReviewerRoleBack(w, w.first);
    await withdraw(w);
    expect(await notices(w.first.id, 'review.second-look')).toEqual([
      expect.objectContaining({ title: expect.stringContaining('The second look at attempt 1'), href: `/review/${reviewId}` }),
    ]);
  });

  it('told when it was asked for; withdrawn after they stopped reviewing for the issuer: not told of the withdrawal', async () => {
    const w = await makeWorld();
    const reviewId = await returnIt(w);
    await ask(w);
    expect(await notices(w.first.id, 'review.second-look')).toEqual([
      expect.objectContaining({ title: expect.stringContaining('A second look was asked for on a decision you made'), href: `/review/${reviewId}` }),
    ]);
    await removeReviewerRole(w, w.first);
    const jobsBefore = await emailJobsTo(w.first.id);
    await withdraw(w);
    expect(await notices(w.first.id, 'review.second-look')).toHaveLength(1);
    expect(await emailJobsTo(w.first.id)).toBe(jobsBefore);
    // The teacher hears of both.
    expect(await notices(w.teacher.id, 'review.second-look')).toHaveLength(2);
  });
});

describe('a concern resolved, told to the reviewer who reported it', () => {
  it('is told while they review for the issuer; not once their reviewer role there was removed', async () => {
    const w = await makeWorld();
    const { reviewId } = await claimReview({ actor: w.first, attemptId: w.attemptId, kind: 'PRIMARY' });
    const report = () => reportEvidenceConcern({ actor: w.first, reviewId, fileId: null, reason: 'STUDENT_PERSONAL_DATA', note: 'Part 2 names a student.' });

    const kept = await report();
    await closeEvidenceConcern({ actor: w.requester, concernId: kept.concernId, note: 'No names after all.' });
    expect(await notices(w.first.id, 'evidence.concern-resolved')).toEqual([expect.objectContaining({ href: `/review/${reviewId}` })]);

    const later = await report();
    await removeReviewerRole(w, w.first);
    const jobsBefore = await emailJobsTo(w.first.id);
    await closeEvidenceConcern({ actor: w.requester, concernId: later.concernId, note: 'Looked into it.' });
    expect(await notices(w.first.id, 'evidence.concern-resolved')).toHaveLength(1);
    expect(await emailJobsTo(w.first.id)).toBe(jobsBefore);
    // Resolved all the same.
    expect(await db.evidenceConcern.findUniqueOrThrow({ where: { id: later.concernId } })).toMatchObject({ outcome: 'CLOSED' });
  });
});

describe('a claim given back because the reviewer role was removed', () => {
  it('links to the review queue while they review elsewhere; with no reviewer role left, no link and no review pages to go to', async () => {
    const w = await makeWorld();
    const elsewhere = await createOrg({ kind: 'ISSUER' });
    await db.membership.create({ data: { userId: w.fresh.id, organizationId: elsewhere.id, role: 'REVIEWER' } });
    await claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'PRIMARY' });
    await removeReviewerRole(w, w.fresh);
    const [stillReviews] = await notices(w.fresh.id, 'review.released');
    expect(stillReviews.href).toBe('/review');
    // The queue opens for them; this issuer's review pages no longer do.
    expect(stillReviews.body).not.toContain('review page');

    const w2 = await makeWorld();
    await claimReview({ actor: w2.first, attemptId: w2.attemptId, kind: 'PRIMARY' });
    await removeReviewerRole(w2, w2.first);
    const [gone] = await notices(w2.first.id, 'review.released');
    expect(gone.href).toBeNull();
    expect(gone.body).toBe('Your claim on a submission has ended: it was returned to the queue (reviewer role removed), so it can no longer be scored by you.');
  });

  it('still a reviewer there (a qualification withdrawn): the queue and the review page, as before', async () => {
    const w = await makeWorld();
    await claimReview({ actor: w.first, attemptId: w.attemptId, kind: 'PRIMARY' });
    await setReviewerQualification({ actor: w.admin, userId: w.first.id, microCredentialId: w.mc.id, op: 'remove' });
    const [told] = await notices(w.first.id, 'review.released');
    expect(told.href).toBe('/review');
    expect(told.body).toContain('Your scores and feedback so far are still on its review page.');
  });
});
