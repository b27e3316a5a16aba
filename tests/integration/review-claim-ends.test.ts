// Claims ending at the same moment as something else happens: an autosave that arrives just after
// the claim ended says how it ended, a claim made just as the lapsed holder submitted is refused,
// an admin's assignment over a lapsed claim (the holder's own, or someone else's) is recorded and
// told like any other, and one over the reviewer's own running claim keeps it to the deadline.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { errorOf } from '../setup/actions';
import { createActor } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { assignReview, claimReview, saveReviewDraft, submitReview } from '@/lib/review/mutations';
import * as context from '@/lib/review/context';
import * as claims from '@/lib/review/claims';

// The steps the mutations take before their transaction, made interruptible: a test can have
// something happen between the checks on data read first and the transaction that writes.
vi.mock('@/lib/review/context', async (original) => {
  const actual = await original<typeof import('@/lib/review/context')>();
  return { ...actual, loadAttemptForReview: vi.fn(actual.loadAttemptForReview) };
});
vi.mock('@/lib/review/claims', async (original) => {
  const actual = await original<typeof import('@/lib/review/claims')>();
  return { ...actual, assertStillMayScore: vi.fn(actual.assertStillMayScore) };
});

beforeEach(async () => {
  await resetDatabase();
});

const MINUTES = 30;
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function world(issuerData: Record<string, unknown> = {}) {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: MINUTES, ...issuerData });
  const attemptId = await submitTextAttempt(w, await createActor());
  const level = (rank: number) => w.version.levels.find((l) => l.rank === rank)!.id;
  const scores = (rank: number) => w.version.criteria.map((c) => ({ criterionId: c.id, levelId: level(rank), feedback: 'Say more about what students did.' }));
  return { ...w, attemptId, level, scores };
}

const attemptVersion = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } })).version;
const review = (id: string) => db.review.findUniqueOrThrow({ where: { id }, select: { status: true, claimExpiresAt: true, assignedById: true, version: true } });

describe('an autosave that arrives just after the claim ended', () => {
  it('says the claim ran out and someone else has it, not that another tab changed it', async () => {
    const w = await world();
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId, now: ago(60) });
    // The save passed its first checks on a claim still CLAIMED (run out, not yet ended); then,
    // before it writes, another reviewer claims the work.
    vi.mocked(claims.assertStillMayScore).mockImplementationOnce(async (actor: Actor, r, now) => {
      await claimReview({ actor: b, attemptId: w.attemptId });
      const actual = await vi.importActual<typeof import('@/lib/review/claims')>('@/lib/review/claims');
      return actual.assertStillMayScore(actor, r, now);
    });
    const e = await errorOf(saveReviewDraft({ actor: a, reviewId, version: 0, scores: [], overallComment: 'Still reading.' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/^Your claim ran out and another reviewer has claimed this submission since/);
    expect(e.message).not.toMatch(/another tab/);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { overallComment: true } })).overallComment).toBe('');
  });

  it('still says “another tab” when the claim is held and only the version moved on', async () => {
    const w = await world();
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId });
    await saveReviewDraft({ actor: a, reviewId, version: 0, scores: [], overallComment: 'Tab one.' });
    const e = await errorOf(saveReviewDraft({ actor: a, reviewId, version: 0, scores: [], overallComment: 'Tab two.' }));
    expect(e).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/changed in another tab or window/) });
  });
});

describe('claiming a double-scored attempt just as its lapsed first review is submitted', () => {
  it('refuses the claim with a true reason instead of leaving a first review nobody needs', async () => {
    const w = await world({ doubleScoreRate: 1 });
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId, now: ago(60) });
    // B's claim reads the attempt while A's claim has run out but is still CLAIMED...
    const seenByB = await context.loadAttemptForReview(w.attemptId);
    // ...and A submits before B's transaction starts.
    expect((await submitReview({ actor: a, reviewId, version: 0, attemptVersion: await attemptVersion(w.attemptId), scores: w.scores(3), overallComment: 'Thanks.' })).outcome).toBe('AWAITING_SECOND');
    vi.mocked(context.loadAttemptForReview).mockResolvedValueOnce(seenByB);
    const e = await errorOf(claimReview({ actor: b, attemptId: w.attemptId }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/^The first review of this submission was submitted just now/);
    expect(await db.review.count({ where: { attemptId: w.attemptId, status: 'CLAIMED' } })).toBe(0);

    // An admin's assignment made on the same stale reading is refused alike.
    vi.mocked(context.loadAttemptForReview).mockResolvedValueOnce(seenByB);
    const assigned = await errorOf(assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: b.id }));
    expect(assigned.message).toMatch(/^The first review of this submission was submitted just now/);
    expect(await db.review.count({ where: { attemptId: w.attemptId, status: 'CLAIMED' } })).toBe(0);

    // The work that is left, the second score, is B's to claim.
    await claimReview({ actor: b, attemptId: w.attemptId, kind: 'SECOND' });
  });
});

describe('an admin assigning work that is claimed (the claim running or run out)', () => {
  it('to the same reviewer: their claim becomes the assignment, audited and told as a fresh one', async () => {
    const w = await world();
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId, now: ago(60) });
    const before = await review(reviewId);
    expect(before.claimExpiresAt.getTime()).toBeLessThan(Date.now());

    const result = await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: a.id });
    expect(result).toEqual({ reviewId, reassigned: false });
    const dueAt = (await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId }, select: { dueAt: true } })).dueAt!;
    const after = await review(reviewId);
    expect(after).toMatchObject({ status: 'CLAIMED', assignedById: w.admin.id, version: before.version });
    // An assignment runs to the decision date, as a fresh one does.
    expect(after.claimExpiresAt).toEqual(dueAt);
    expect(await db.auditLog.count({ where: { action: 'review.assign', entityType: 'Review', entityId: reviewId, actorId: w.admin.id } })).toBe(1);
    expect(await db.notification.findMany({ where: { userId: a.id, kind: 'review.assigned' }, select: { href: true } })).toEqual([{ href: `/review/${reviewId}` }]);
    // The page the reviewer has open goes on saving into it.
    await saveReviewDraft({ actor: a, reviewId, version: before.version, scores: [], overallComment: 'Back to it.' });
    // Another reviewer cannot take it from under the assignment.
    expect((await errorOf(claimReview({ actor: await w.reviewer(), attemptId: w.attemptId }))).code).toBe('CONFLICT');
  });

  it('to the same reviewer while their claim still runs, ending before the deadline: it runs on to the deadline, audited and told', async () => {
    const w = await world();
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId });
    const before = await review(reviewId);
    const dueAt = (await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId }, select: { dueAt: true } })).dueAt!;
    // A claim from the queue lasts the issuer's minutes; the decision date is days away.
    expect(before.claimExpiresAt.getTime()).toBeLessThan(dueAt.getTime());

    expect(await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: a.id })).toEqual({ reviewId, reassigned: false });
    const after = await review(reviewId);
    expect(after).toMatchObject({ status: 'CLAIMED', assignedById: w.admin.id, version: before.version });
    expect(after.claimExpiresAt).toEqual(dueAt);
    const entries = await db.auditLog.findMany({ where: { action: 'review.assign', entityType: 'Review', entityId: reviewId }, select: { actorId: true, data: true } });
    expect(entries).toEqual([{ actorId: w.admin.id, data: { attemptId: w.attemptId, kind: 'PRIMARY', reviewerId: a.id, previous: [], extended: true, extendedFrom: before.claimExpiresAt.toISOString() } }]);
    expect(await db.notification.findMany({ where: { userId: a.id, kind: 'review.assigned' }, select: { href: true } })).toEqual([{ href: `/review/${reviewId}` }]);
    // An autosave afterwards keeps the later end, and the page the reviewer has open goes on saving.
    const saved = await saveReviewDraft({ actor: a, reviewId, version: before.version, scores: [], overallComment: 'Still reading.' });
    expect(saved.claimExpiresAt).toEqual(dueAt);
  });

  it('to the same reviewer while their claim still runs, kept by an autosave since it was read: still runs on to the deadline', async () => {
    const w = await world();
    const a = await w.reviewer();
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId, now: ago(10) });
    const dueAt = (await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId }, select: { dueAt: true } })).dueAt!;
    // The assignment reads the claim; then, before it writes, the reviewer's autosave moves its end.
    const seen = await context.loadAttemptForReview(w.attemptId);
    await saveReviewDraft({ actor: a, reviewId, version: 0, scores: [], overallComment: 'Typing.' });
    vi.mocked(context.loadAttemptForReview).mockResolvedValueOnce(seen);
    await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: a.id });
    expect(await review(reviewId)).toMatchObject({ status: 'CLAIMED', assignedById: w.admin.id, claimExpiresAt: dueAt });
    expect(await db.auditLog.count({ where: { action: 'review.assign', entityId: reviewId } })).toBe(1);
  });

  it('to the same reviewer whose claim already runs to the deadline (assigned before): nothing changes', async () => {
    const w = await world();
    const a = await w.reviewer();
    const { reviewId } = await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: a.id });
    const before = await review(reviewId);
    expect(await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: a.id })).toEqual({ reviewId, reassigned: false });
    expect(await review(reviewId)).toEqual(before);
    expect(await db.auditLog.count({ where: { action: 'review.assign' } })).toBe(1);
    expect(await db.notification.count({ where: { userId: a.id, kind: 'review.assigned' } })).toBe(1);
  });

  it('to someone else: the claim that ran out ends with the same audit entry as any claim that runs out', async () => {
    const w = await world();
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId, now: ago(60) });
    const given = await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: b.id });
    expect((await review(reviewId)).status).toBe('EXPIRED');
    const entries = await db.auditLog.findMany({ where: { action: 'review.claim-expire', entityId: reviewId }, select: { actorId: true, data: true } });
    expect(entries).toEqual([{ actorId: w.admin.id, data: { attemptId: w.attemptId, kind: 'PRIMARY', reviewerId: a.id } }]);
    expect(await db.auditLog.count({ where: { action: 'review.reassign', entityId: given.reviewId } })).toBe(1);
    // Not told of a reassignment: their claim had run out, which is what they are told on the page.
    expect(await db.notification.count({ where: { userId: a.id, kind: 'review.released' } })).toBe(0);
  });
});
