// "Keep my claim": a reviewer warned that the claim runs out extends it without saving anything.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { claimReview, saveReviewDraft } from '@/lib/review/mutations';
import { keepClaim } from '@/lib/review/claims';

beforeEach(resetDatabase);

async function world() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, claimMinutes: 60 } });
  const { mc } = await createPublishedCredential({ issuerId: issuer.id });
  const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  const other = await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  for (const r of [reviewer, other]) await db.reviewerQualification.create({ data: { userId: r.id, microCredentialId: mc.id, grantedById: r.id } });
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  await db.attempt.update({ where: { id: attempt.id }, data: { status: 'SUBMITTED', submittedAt: new Date() } });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'SUBMITTED' } });
  return { reviewer, other, attemptId: attempt.id };
}

describe('keeping a claim', () => {
  it('extends the claim by the issuer’s claim length without touching the draft’s version, and never shortens it', async () => {
    const w = await world();
    const t0 = new Date();
    const { reviewId } = await claimReview({ actor: w.reviewer, attemptId: w.attemptId, now: t0 });
    const before = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true, claimExpiresAt: true } });
    const later = new Date(t0.getTime() + 50 * 60_000);
    const { claimExpiresAt } = await keepClaim({ actor: w.reviewer, reviewId, now: later });
    expect(claimExpiresAt.getTime()).toBe(later.getTime() + 60 * 60_000);
    const after = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true, claimExpiresAt: true } });
    expect(after.version).toBe(before.version);
    // An autosave made with the version the form holds still lands.
    const saved = await saveReviewDraft({ actor: w.reviewer, reviewId, version: before.version, scores: [], overallComment: 'Reading the evidence.', now: later });
    // The autosave reports the claim's end for the page's timer: the one in the database.
    expect(saved.claimExpiresAt).toEqual(claimExpiresAt);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { claimExpiresAt: true } })).claimExpiresAt).toEqual(claimExpiresAt);
    // Keeping it early does not shorten a longer claim (an admin's assignment runs to the deadline).
    const far = new Date(t0.getTime() + 5 * 86_400_000);
    await db.review.update({ where: { id: reviewId }, data: { claimExpiresAt: far } });
    expect((await keepClaim({ actor: w.reviewer, reviewId, now: later })).claimExpiresAt).toEqual(far);
  });

  it('is the claimant’s only, and a claim that has ended cannot be kept', async () => {
    const w = await world();
    const { reviewId } = await claimReview({ actor: w.reviewer, attemptId: w.attemptId });
    await expect(keepClaim({ actor: w.other, reviewId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveReviewDraft({ actor: w.other, reviewId, version: 0, scores: [], overallComment: 'not mine' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.review.update({ where: { id: reviewId }, data: { status: 'EXPIRED' } });
    await expect(keepClaim({ actor: w.reviewer, reviewId })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('is not kept, by the button or an autosave, once the reviewer may no longer score the work: it ends, with why', async () => {
    const w = await world();
    const { reviewId } = await claimReview({ actor: w.reviewer, attemptId: w.attemptId });
    const before = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true, claimExpiresAt: true } });
    // The qualification goes another way than an admin withdrawing it (e.g. the badge it stood on was revoked).
    await db.reviewerQualification.deleteMany({ where: { userId: w.reviewer.id } });
    const later = new Date(Date.now() + 50 * 60_000);
    await expect(keepClaim({ actor: w.reviewer, reviewId, now: later })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/not qualified.*Your claim on this submission has ended and the work has gone back to the queue/) });
    // Ended, not left to run out: the work is back in the queue and the reviewer is told why.
    expect(await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true, claimExpiresAt: true, overallComment: true } })).toMatchObject({ status: 'RELEASED', claimExpiresAt: before.claimExpiresAt, overallComment: '' });
    expect(await db.auditLog.findFirst({ where: { action: 'review.release', entityId: reviewId }, select: { data: true } })).toMatchObject({ data: { reason: 'you are no longer qualified to review this micro-credential' } });
    await expect(saveReviewDraft({ actor: w.reviewer, reviewId, version: before.version + 1, scores: [], overallComment: 'Still typing.', now: later })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/returned to the queue \(you are no longer qualified to review this micro-credential\)/) });
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { overallComment: true } })).overallComment).toBe('');
  });
});
