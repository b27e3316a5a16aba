// Submitting a review takes the attempt row before its review row, the order withdrawing a second
// look takes them in (the attempt FOR UPDATE, then ending claims that ran out). The other way round
// the two could each hold one row and wait for the other: Postgres would end one of them with a
// deadlock error instead of the reviewer being told, in plain words, that their claim had ended.
// And the attempt is only held as its own update holds it (FOR NO KEY UPDATE), so a claim's insert,
// whose foreign key only shares the attempt's key, is not made to wait behind a submit that is
// itself waiting for that claimant. Made deterministic with transactions held open on a second
// connection, each taking the other path's steps by hand.
import { beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { holdAttempt, untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { createActor } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview, submitReview } from '@/lib/review/mutations';

beforeEach(resetDatabase);

async function claimed() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
  const attemptId = await submitTextAttempt(w, await createActor());
  const [holder, other] = [await w.reviewer({ name: 'Hana Holder' }), await w.reviewer({ name: 'Olu Other' })];
  const { reviewId } = await claimReview({ actor: holder, attemptId });
  const top = w.version.levels.reduce((a, b) => (a.rank > b.rank ? a : b)).id;
  const attempt = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
  const submit = () => submitReview({ actor: holder, reviewId, version: 0, attemptVersion: attempt.version, scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: top, feedback: '' })), overallComment: 'Clear throughout.' });
  return { w, attemptId, attemptVersion: attempt.version, holder, other, reviewId, submit };
}

describe('submitting while the claim is being ended', () => {
  it('by a withdrawal holding the attempt: the submit waits for the attempt without holding the review, and is told its claim ended', async () => {
    const c = await claimed();
    // The withdrawal, caught in flight: it holds the attempt row.
    const withdrawal = await holdAttempt(c.attemptId);
    try {
      const submit = watch(c.submit());
      await untilWaitingOnLocksOr(1, () => Number(submit.settled), 'the submit neither finished nor waited for the attempt');
      // Its next step: ending the claim (here at once; one that ran out in the real thing).
      await withdrawal.query(`UPDATE "Review" SET "status" = 'EXPIRED', "version" = "version" + 1 WHERE "id" = $1 AND "status" = 'CLAIMED'`, [c.reviewId]);
      await withdrawal.commit();
      const outcome = await submit.outcome;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Your claim ran out') });
    } finally {
      await withdrawal.release();
    }
    // Nothing was decided.
    expect(await db.attempt.findUniqueOrThrow({ where: { id: c.attemptId }, select: { status: true, version: true } })).toEqual({ status: 'SUBMITTED', version: c.attemptVersion });
    expect(await db.review.findUniqueOrThrow({ where: { id: c.reviewId }, select: { status: true, decision: true } })).toEqual({ status: 'EXPIRED', decision: null });
  });

  it('by a new claim (ending the one that ran out, then inserting its own): the claim is not kept waiting behind the submit', async () => {
    const c = await claimed();
    const claimant = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await claimant.connect();
    try {
      await claimant.query('BEGIN');
      // The claimant ends the claim that ran out (holding that review row) ...
      await claimant.query(`UPDATE "Review" SET "status" = 'EXPIRED', "version" = "version" + 1 WHERE "id" = $1 AND "status" = 'CLAIMED'`, [c.reviewId]);
      const submit = watch(c.submit());
      await untilWaitingOnLocksOr(1, () => Number(submit.settled), 'the submit neither finished nor waited for the review');
      // ... then inserts its own claim: the foreign key checks the attempt, which the submit holds.
      const newId = randomUUID();
      await claimant.query(
        `INSERT INTO "Review" ("id", "attemptId", "reviewerId", "kind", "status", "claimExpiresAt", "updatedAt") VALUES ($1, $2, $3, 'PRIMARY', 'CLAIMED', now() + interval '30 minutes', now())`,
        [newId, c.attemptId, c.other.id],
      );
      await claimant.query('COMMIT');
      const outcome = await submit.outcome;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('another reviewer has claimed this submission since') });
      expect(await db.review.findUniqueOrThrow({ where: { id: newId }, select: { status: true, reviewerId: true } })).toEqual({ status: 'CLAIMED', reviewerId: c.other.id });
    } finally {
      await claimant.end();
    }
    expect(await db.attempt.findUniqueOrThrow({ where: { id: c.attemptId }, select: { status: true, version: true } })).toEqual({ status: 'SUBMITTED', version: c.attemptVersion });
  });

  it('with nothing in the way, the submit still decides (the lock changes no outcome)', async () => {
    const c = await claimed();
    expect(await c.submit()).toMatchObject({ decision: 'PASS', outcome: 'PASSED' });
  });
});
