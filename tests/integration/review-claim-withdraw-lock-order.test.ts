// Claiming a second look and withdrawing it at the same moment. Both end a claim on it that ran out,
// and both reach the attempt row: the withdrawal locks the attempt FOR UPDATE and then ends that
// claim; a claim that ended it first and only then reached the attempt (its new review's foreign
// key) would wait for the withdrawal while the withdrawal waited for it, and Postgres would abort
// one of them with a deadlock error (40P01) instead of the reviewer or the admin being told, in
// plain words, what happened. A claim (or an admin's assignment, which ends a lapsed claim the same
// way) takes the attempt first, as a withdrawal does.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isDomainError } from '@/lib/errors';
import { resetDatabase } from '../setup/db';
import { holdAttempt, untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { createActor } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt, type ReviewWorld } from '../factories/review-world';
import { assignReview, claimReview } from '@/lib/review/mutations';
import { requestSecondLook, withdrawSecondLook } from '@/lib/review/second-look';
import { WITHDRAW_TAKEN } from '@/lib/review/second-look-rules';

beforeEach(resetDatabase);

const WITHDRAWN = 'The second look at this submission was withdrawn by an issuer admin, so there is nothing to claim. Pick another one from the queue.';

/** Whether `e` is Postgres's deadlock error (40P01), however Prisma wraps it. */
function isDeadlock(e: unknown): boolean {
  const seen = new Set<unknown>();
  const look = (x: unknown): boolean => {
    if (!x || typeof x !== 'object' || seen.has(x)) return false;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (o.code === '40P01' || o.code === 'P2034' || o.originalCode === '40P01') return true;
    if (typeof o.message === 'string' && /deadlock/i.test(o.message)) return true;
    return look(o.cause) || look(o.meta) || look(o.driverAdapterError);
  };
  return look(e);
}

/**
 * A returned attempt waiting for a second look, whose claim by `lapsed` ran out: claiming it (by
 * `claimant`) and withdrawing it both end that claim first.
 */
async function secondLookWithLapsedClaim(w: ReviewWorld) {
  const first = await w.reviewer({ name: 'Fay First' });
  const attemptId = await submitTextAttempt(w, await createActor());
  expect((await scoreAttempt(w, first, attemptId, 'PRIMARY', [0, 0])).outcome).toBe('RETURNED');
  const lapsed = await w.reviewer({ name: 'Lee Lapsed' });
  const claimant = await w.reviewer({ name: 'Cam Claimant' });
  const version = (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } })).version;
  await requestSecondLook({ actor: w.admin, attemptId, version, reason: 'The reviewer missed the exit tickets quoted in part 2.' });
  const { reviewId: lapsedReviewId } = await claimReview({ actor: lapsed, attemptId, kind: 'SECOND_LOOK' });
  await db.review.update({ where: { id: lapsedReviewId }, data: { claimExpiresAt: new Date(Date.now() - 60_000) } });
  const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } })).version;
  return { attemptId, attemptVersion, lapsedReviewId, claimant };
}

const claim = (claimant: Actor, attemptId: string) => claimReview({ actor: claimant, attemptId, kind: 'SECOND_LOOK' });

describe('claiming a second look while it is being withdrawn', () => {
  for (const how of ['claimed', 'assigned by an admin'] as const) {
    it(`(${how}) waits for the withdrawal holding the attempt without holding the lapsed claim, and is told it was withdrawn`, async () => {
      const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
      const s = await secondLookWithLapsedClaim(w);
      // Another admin than the one who asked for it assigns it: the one who asked may not (assignReview).
      const assigner = await createActor({ name: 'Ann Assigner', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
      // The withdrawal, caught in flight: it holds the attempt row.
      const withdrawal = await holdAttempt(s.attemptId);
      try {
        const claiming = watch(how === 'claimed' ? claim(s.claimant, s.attemptId) : assignReview({ actor: assigner, attemptId: s.attemptId, reviewerId: s.claimant.id, kind: 'SECOND_LOOK' }));
        await untilWaitingOnLocksOr(1, () => Number(claiming.settled), 'the claim neither finished nor waited for the attempt');
        // Its next steps: ending the claim that ran out (which the claim must not be holding), then
        // putting the decision back. Each would wait for ever, or end in a deadlock error, otherwise.
        await withdrawal.query(`SET LOCAL lock_timeout = '5s'`);
        await withdrawal.query(`UPDATE "Review" SET "status" = 'EXPIRED', "version" = "version" + 1 WHERE "id" = $1 AND "status" = 'CLAIMED'`, [s.lapsedReviewId]);
        await withdrawal.query(
          `UPDATE "Attempt" SET "status" = 'RETURNED', "secondLookRequestedAt" = NULL, "secondLookRequestedById" = NULL, "secondLookReason" = NULL, "version" = "version" + 1 WHERE "id" = $1`,
          [s.attemptId],
        );
        await withdrawal.commit();
        const outcome = await claiming.outcome;
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'CONFLICT', message: WITHDRAWN });
      } finally {
        await withdrawal.release();
      }
      // No claim was left on the returned attempt.
      expect(await db.review.count({ where: { attemptId: s.attemptId, kind: 'SECOND_LOOK', status: 'CLAIMED' } })).toBe(0);
      expect(await db.review.findUniqueOrThrow({ where: { id: s.lapsedReviewId }, select: { status: true } })).toEqual({ status: 'EXPIRED' });
    });
  }

  it('run at once many times: never a deadlock, always one of the two with the other told why', async () => {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
    const deadlocks: unknown[] = [];
    const outcomes = { claimed: 0, withdrawn: 0 };
    for (let i = 0; i < 40; i++) {
      const s = await secondLookWithLapsedClaim(w);
      // Staggered by a few milliseconds either way, so the two meet at different steps.
      const skew = (i % 9) - 4;
      const later = <T,>(ms: number, f: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => f().then(resolve, reject), Math.max(ms, 0)));
      const [c, wd] = await Promise.allSettled([
        later(skew, () => claim(s.claimant, s.attemptId)),
        later(-skew, () => withdrawSecondLook({ actor: w.admin, attemptId: s.attemptId, version: s.attemptVersion })),
      ]);
      for (const r of [c, wd]) if (r.status === 'rejected' && isDeadlock(r.reason)) deadlocks.push(r.reason);
      if (deadlocks.length) continue;
      // Anything else refused is refused in plain words (a domain error), never a database error.
      for (const r of [c, wd]) if (r.status === 'rejected' && !isDomainError(r.reason)) throw r.reason;
      const attempt = await db.attempt.findUniqueOrThrow({ where: { id: s.attemptId }, select: { status: true, secondLookRequestedAt: true } });
      const live = await db.review.findMany({ where: { attemptId: s.attemptId, kind: 'SECOND_LOOK', status: 'CLAIMED' }, select: { reviewerId: true } });
      if (wd.status === 'fulfilled') {
        // Withdrawn: the claim was refused and none is left on the returned attempt.
        expect(c.status).toBe('rejected');
        expect(attempt).toEqual({ status: 'RETURNED', secondLookRequestedAt: null });
        expect(live).toEqual([]);
        outcomes.withdrawn += 1;
      } else {
        // Claimed first: the withdrawal was refused as taken.
        expect(c.status).toBe('fulfilled');
        expect(wd.reason).toMatchObject({ code: 'CONFLICT', message: WITHDRAW_TAKEN });
        expect(attempt.status).toBe('SUBMITTED');
        expect(live).toEqual([{ reviewerId: s.claimant.id }]);
        outcomes.claimed += 1;
      }
    }
    expect(deadlocks).toEqual([]);
    expect(outcomes.claimed + outcomes.withdrawn).toBe(40);
  }, 120_000);
});
