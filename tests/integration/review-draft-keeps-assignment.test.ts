// An autosave never shortens a claim: when an admin makes the reviewer's running claim an
// assignment (renewAsAssignment: to the decision's deadline, without a new version) between the
// autosave's read of the claim and its write, the claim still runs to the deadline afterwards, and
// the page is told so. The interleaving is forced on real Postgres: the assignment's own update runs
// on a second connection and commits only once the autosave waits for the row.
import { beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { createActor } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview, saveReviewDraft } from '@/lib/review/mutations';
import { keepClaim } from '@/lib/review/claims';

beforeEach(resetDatabase);

const MIN = 60_000;
const DAY = 86_400_000;

async function claimed() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
  const rae = await w.reviewer({ name: 'Rae Reviewer' });
  const attemptId = await submitTextAttempt(w, await createActor({ name: 'Tess Teacher' }));
  const { reviewId } = await claimReview({ actor: rae, attemptId });
  const r = await db.review.findUniqueOrThrow({ where: { id: reviewId } });
  return { w, rae, reviewId, version: r.version, claimExpiresAt: r.claimExpiresAt };
}

describe('an autosave racing an admin’s assignment of the same claim', () => {
  it('keeps the assignment’s later deadline when the assignment commits between the autosave’s read and its write', async () => {
    const { w, rae, reviewId, version, claimExpiresAt } = await claimed();
    const deadline = new Date(Date.now() + 10 * DAY);
    expect(claimExpiresAt.getTime()).toBeLessThan(Date.now() + 31 * MIN);

    // The assignment's write (renewAsAssignment's guarded update), made and not yet committed.
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      const renewed = await admin.query(
        `UPDATE "Review" SET "claimExpiresAt" = $1, "assignedById" = $2 WHERE "id" = $3 AND "status" = 'CLAIMED' AND "claimExpiresAt" < $1`,
        [deadline.toISOString(), w.admin.id, reviewId],
      );
      expect(renewed.rowCount).toBe(1);

      // The autosave reads the claim as it was (the assignment is not committed yet) and then waits for the row.
      const saving = watch(saveReviewDraft({ actor: rae, reviewId, version, scores: [], overallComment: 'Still reading part 2.' }));
      await untilWaitingOnLocksOr(1, () => (saving.settled ? 1 : 0), 'the autosave never waited for the review row');
      expect(saving.settled).toBe(false);
      await admin.query('COMMIT');

      const outcome = await saving.outcome;
      if (!outcome.ok) throw outcome.error;
      // The page's timer is told the claim's real end: the deadline, not 30 minutes from now.
      expect(outcome.value.claimExpiresAt.getTime()).toBe(deadline.getTime());
      expect(outcome.value.version).toBe(version + 1);
    } finally {
      await admin.end();
    }
    const after = await db.review.findUniqueOrThrow({ where: { id: reviewId } });
    expect(after).toMatchObject({ status: 'CLAIMED', assignedById: w.admin.id, overallComment: 'Still reading part 2.', version: version + 1 });
    expect(after.claimExpiresAt.getTime()).toBe(deadline.getTime());

    // And "Keep my claim" afterwards leaves the deadline too.
    expect((await keepClaim({ actor: rae, reviewId })).claimExpiresAt.getTime()).toBe(deadline.getTime());
  });

  it('still extends a claim that ends sooner than claimMinutes from now', async () => {
    const { rae, reviewId, version } = await claimed();
    const soon = new Date(Date.now() + 2 * MIN);
    await db.review.update({ where: { id: reviewId }, data: { claimExpiresAt: soon } });
    const now = new Date();
    const saved = await saveReviewDraft({ actor: rae, reviewId, version, scores: [], overallComment: 'Reading.', now });
    expect(saved.claimExpiresAt.getTime()).toBe(now.getTime() + 30 * MIN);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).claimExpiresAt.getTime()).toBe(now.getTime() + 30 * MIN);
  });
});
