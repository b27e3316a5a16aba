// What the scoring page tells a reviewer after acting: a release that is refused is a message next
// to its button (not the error page), and a pass whose badge could not be issued at once says the
// badge will be issued shortly instead of that it was awarded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { clearInsertFault, injectInsertFault, type InsertFault } from '../setup/insert-fault';
import { createActor } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview } from '@/lib/review/mutations';
import { issueAwardForSubmission } from '@/lib/awards/issue';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { releaseReviewAction, submitReviewAction } = await import('@/app/review/[reviewId]/actions');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');

// The database blinks while the badge is issued, right after the decision committed.
const AWARD_FAULT: InsertFault = { name: 'review_page_award_fault', table: 'Award', message: 'award insert failed (injected)' };

beforeEach(async () => {
  await clearInsertFault(AWARD_FAULT);
  await resetDatabase();
  session.actor = null;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await clearInsertFault(AWARD_FAULT);
});

async function world() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
  const attemptId = await submitTextAttempt(w, await createActor());
  return { ...w, attemptId };
}
const renderReview = async (reviewId: string) => renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));

describe('“Release and discard my draft”', () => {
  it('answers a refusal with a message instead of throwing to the error page', async () => {
    const w = await world();
    const [holder, other] = [await w.reviewer(), await w.reviewer()];
    const { reviewId } = await claimReview({ actor: holder, attemptId: w.attemptId });
    session.actor = other;
    expect(await releaseReviewAction({ ok: true }, form({ reviewId }))).toEqual({ ok: false, formError: 'That review could not be found.' });
    expect(await releaseReviewAction({ ok: true }, form({}))).toMatchObject({ ok: false, formError: expect.stringMatching(/could not be found/) });
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('CLAIMED');

    // Its own holder releases it and lands on the queue.
    session.actor = holder;
    const page = await renderReview(reviewId);
    expect(page).toMatch(/<button type="submit"[^>]*>Release and discard my draft<\/button>/);
    expect(await redirectOf(releaseReviewAction({ ok: true }, form({ reviewId })))).toBe('/review?released=1');
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('RELEASED');
  });
});

describe('a pass whose badge was left to the job queue', () => {
  it('says the badge will be issued shortly, and that it was awarded once it is', async () => {
    const w = await world();
    const reviewer = await w.reviewer();
    const { reviewId } = await claimReview({ actor: reviewer, attemptId: w.attemptId });
    const top = w.version.levels.reduce((a, b) => (a.rank > b.rank ? a : b)).id;
    const { version: attemptVersion, submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId }, select: { version: true, submissionId: true } });
    await injectInsertFault(AWARD_FAULT);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    session.actor = reviewer;
    const result = await submitReviewAction({ reviewId, version: 0, attemptVersion, overallComment: 'Thanks.', scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: top, feedback: '' })) });
    expect(result).toEqual({ ok: true, outcome: 'PASSED', decision: 'PASS', awardQueued: true });
    expect(await db.award.count({ where: { submissionId } })).toBe(0);

    const waiting = await renderReview(reviewId);
    expect(waiting).toContain('The attempt meets the standard. Its badge will be issued shortly, and the teacher notified when it is.');
    expect(waiting).not.toContain('credential was awarded');

    // The queue issues it: now it was awarded.
    await clearInsertFault(AWARD_FAULT);
    await issueAwardForSubmission(submissionId);
    expect(await renderReview(reviewId)).toContain('The attempt meets the standard: the credential was awarded and the teacher notified.');
  });
});
