// A claim whose reviewer may no longer score the work (their qualifying badge lapsed without anything
// giving the claim back, a conflict of interest that appeared) is shown on the review page as no
// longer theirs, with why, and without the teacher's work; but opening the page writes nothing: a
// prefetch, a second tab or a render done twice must not end claims. The claim ends when the
// reviewer acts on it (gives it back, saves, keeps, submits) or at the periodic sweep, and it can
// never be scored meanwhile.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { resetDatabase } from '../setup/db';
import { errorOf, form, redirectOf } from '../setup/actions';
import { session } from '../setup/session-stub';
import { createActor, createEarnedAward, createOrg } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview, expireStaleClaims, releaseReview, saveReviewDraft, submitReview } from '@/lib/review/mutations';
import { claimEndText, getClaimEnd, keepClaim, releaseClaimsNoLongerAllowed } from '@/lib/review/claims';
import { reviewJobHandlers } from '@/lib/review/jobs';
import { getReviewWorkspace } from '@/lib/review/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { releaseReviewAction } = await import('@/app/review/[reviewId]/actions');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');
const renderReview = async (reviewId: string) => renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const NOT_QUALIFIED = 'you are no longer qualified to review this micro-credential';
const SAME_SCHOOL = 'you and the teacher are now at the same school, and colleagues never review each other’s work';

/**
 * A reviewer qualified by their badge alone holds a claim, then the badge lapses without anything
 * giving the claim back (an import, a fix by hand: not revokeAward, which would).
 */
async function lapsedClaim() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
  const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
  const award = await createEarnedAward(reviewer, w.mc, { level: 1, issuedAt: '2026-01-10T10:00:00Z' });
  const attemptId = await submitTextAttempt(w, await createActor());
  const { reviewId } = await claimReview({ actor: reviewer, attemptId });
  const level = (rank: number) => w.version.levels.find((l) => l.rank === rank)!.id;
  // Scores saved while they still could: a full, passing set.
  const scores = w.version.criteria.map((c) => ({ criterionId: c.id, levelId: level(3), feedback: 'Clear link between the plan and what students did.' }));
  await saveReviewDraft({ actor: reviewer, reviewId, version: 0, scores, overallComment: 'Nearly done.' });
  await db.award.update({ where: { id: award.id }, data: { revokedAt: new Date() } });
  return { w, reviewer, attemptId, reviewId, scores };
}

/** Everything a page view could have written: the review row, the submission, the audit trail, notices. */
async function snapshot(reviewId: string, attemptId: string) {
  const [review, attempt, audits, notices] = await Promise.all([
    db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true, version: true, claimExpiresAt: true, updatedAt: true, overallComment: true } }),
    db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, version: true, submission: { select: { status: true } } } }),
    db.auditLog.count(),
    db.notification.count(),
  ]);
  return { review, attempt, audits, notices };
}

const statusOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status;
const releaseEntry = (reviewId: string) => db.auditLog.findFirst({ where: { action: 'review.release', entityType: 'Review', entityId: reviewId }, select: { actorId: true, data: true } });
const submissionStatusOf = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submission: { select: { status: true } } } })).submission.status;
const versionOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true } })).version;
const attemptVersionOf = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } })).version;

describe('opening the review page of a claim its reviewer may no longer score', () => {
  it('shows it as no longer theirs, with why and without the teacher’s work, and writes nothing', async () => {
    const { reviewer, attemptId, reviewId, scores } = await lapsedClaim();
    const before = await snapshot(reviewId, attemptId);

    // Twice: a prefetch and then the visit, or a render done twice.
    for (let i = 0; i < 2; i++) {
      const ws = await getReviewWorkspace({ actor: reviewer, reviewId });
      expect(ws).toMatchObject({ cannotScoreBecause: NOT_QUALIFIED, evidenceWithheld: true, teacher: null, review: { status: 'CLAIMED' }, attempt: { responses: [], files: [] } });
      // Their own draft is still shown, for reference.
      expect(ws!.draft.scores[scores[0].criterionId]).toMatchObject({ levelId: scores[0].levelId });
      expect(ws!.draft.overallComment).toBe('Nearly done.');
    }

    expect(await snapshot(reviewId, attemptId)).toEqual(before);
    expect(before.review.status).toBe('CLAIMED');
    expect(await releaseEntry(reviewId)).toBeNull();
  });

  it('the page says why, offers to give it back instead of the scoring form, and rendering it writes nothing', async () => {
    const { reviewer, attemptId, reviewId } = await lapsedClaim();
    const before = await snapshot(reviewId, attemptId);
    session.actor = reviewer;

    const page = await renderReview(reviewId);
    expect(page).toContain('You can no longer score this submission');
    expect(page).toContain(`This is because ${NOT_QUALIFIED}.`);
    expect(page).toMatch(/<button type="submit"[^>]*>Give it back to the queue<\/button>/);
    // Nothing to score, keep or report with: the scoring form, the claim timer and the concern form are gone.
    expect(page).not.toContain('Submit scores');
    expect(page).not.toContain('Release and discard my draft');
    expect(page).not.toContain('Your claim lasts until');
    expect(page).not.toContain('Report a concern about this evidence');
    expect(page).toContain('The teacher’s answers and files are shown only to reviewers who may score this work.');
    await renderReview(reviewId);
    expect(await snapshot(reviewId, attemptId)).toEqual(before);

    // The button: back to the queue, and the reviewer lands on it.
    expect(await redirectOf(releaseReviewAction({ ok: true }, form({ reviewId })))).toBe('/review?released=1');
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await submissionStatusOf(attemptId)).toBe('SUBMITTED');
  });

  it('says nothing of the kind to a reviewer who still may score it', async () => {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor());
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    expect(await getReviewWorkspace({ actor: reviewer, reviewId })).toMatchObject({ cannotScoreBecause: null, evidenceWithheld: false, review: { status: 'CLAIMED' } });
    session.actor = reviewer;
    const page = await renderReview(reviewId);
    expect(page).not.toContain('You can no longer score this submission');
    for (const there of ['Release and discard my draft', 'Submit scores', 'Your claim lasts until', 'Report a concern about this evidence']) expect(page).toContain(there);
  });
});

describe('a claim its reviewer may no longer score cannot be scored', () => {
  it('an autosave is refused, writes nothing they typed, and ends the claim with why', async () => {
    const { reviewer, attemptId, reviewId } = await lapsedClaim();
    await getReviewWorkspace({ actor: reviewer, reviewId });
    const e = await errorOf(saveReviewDraft({ actor: reviewer, reviewId, version: await versionOf(reviewId), scores: [], overallComment: 'Typed after losing the right.' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/Your claim on this submission has ended and the work has gone back to the queue/);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { overallComment: true } })).overallComment).toBe('Nearly done.');
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await releaseEntry(reviewId)).toMatchObject({ data: { reviewerId: reviewer.id, reason: NOT_QUALIFIED } });
    expect(await submissionStatusOf(attemptId)).toBe('SUBMITTED');
  });

  it('submitting is refused, decides nothing, and ends the claim with why', async () => {
    const { reviewer, attemptId, reviewId, scores } = await lapsedClaim();
    await getReviewWorkspace({ actor: reviewer, reviewId });
    const e = await errorOf(submitReview({ actor: reviewer, reviewId, version: await versionOf(reviewId), attemptVersion: await attemptVersionOf(attemptId), scores, overallComment: 'Meets the standard.' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/You are not qualified to review this micro-credential\. Your claim on this submission has ended/);
    const r = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true, decision: true, submittedAt: true } });
    expect(r).toEqual({ status: 'RELEASED', decision: null, submittedAt: null });
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, decidedAt: true } })).toEqual({ status: 'SUBMITTED', decidedAt: null });
    expect(await db.award.count({ where: { submission: { attempts: { some: { id: attemptId } } } } })).toBe(0);
    expect(await releaseEntry(reviewId)).toMatchObject({ data: { reason: NOT_QUALIFIED } });
    // And once it has ended, a second try is refused as for any ended claim.
    expect((await errorOf(submitReview({ actor: reviewer, reviewId, version: await versionOf(reviewId), attemptVersion: await attemptVersionOf(attemptId), scores, overallComment: '' }))).code).toBe('CONFLICT');
  });

  it('“Keep my claim” is refused and ends the claim', async () => {
    const { reviewer, reviewId } = await lapsedClaim();
    await getReviewWorkspace({ actor: reviewer, reviewId });
    expect((await errorOf(keepClaim({ actor: reviewer, reviewId }))).code).toBe('CONFLICT');
    expect(await statusOf(reviewId)).toBe('RELEASED');
  });
});

describe('how such a claim ends', () => {
  it('the reviewer gives it back from the page: the work is back in the queue', async () => {
    const { reviewer, attemptId, reviewId } = await lapsedClaim();
    expect(await getReviewWorkspace({ actor: reviewer, reviewId })).toMatchObject({ cannotScoreBecause: NOT_QUALIFIED });
    await releaseReview({ actor: reviewer, reviewId });
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await submissionStatusOf(attemptId)).toBe('SUBMITTED');
    expect(await releaseEntry(reviewId)).toMatchObject({ actorId: reviewer.id });
    // The page now tells the ended claim as such.
    expect(await getReviewWorkspace({ actor: reviewer, reviewId })).toMatchObject({ cannotScoreBecause: null, evidenceWithheld: true, review: { status: 'RELEASED' } });
  });

  it('the periodic sweep gives it back, with why, and tells the reviewer; a claim still allowed stays', async () => {
    const { w, reviewer, attemptId, reviewId } = await lapsedClaim();
    const fine = await w.reviewer();
    const other = await claimReview({ actor: fine, attemptId: await submitTextAttempt(w, await createActor()) });
    // Viewed, and left without doing anything.
    await getReviewWorkspace({ actor: reviewer, reviewId });
    expect(await statusOf(reviewId)).toBe('CLAIMED');

    // The hourly 'review.release-disallowed-claims' job, as the job runner calls it: one claim is no longer allowed.
    await reviewJobHandlers['review.release-disallowed-claims'](null);

    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await releaseEntry(reviewId)).toMatchObject({ actorId: null, data: { attemptId, kind: 'PRIMARY', reviewerId: reviewer.id, reason: NOT_QUALIFIED } });
    expect(await submissionStatusOf(attemptId)).toBe('SUBMITTED');
    const notice = await db.notification.findFirst({ where: { userId: reviewer.id, kind: 'review.released' }, select: { body: true } });
    expect(notice?.body).toMatch(`returned to the queue (${NOT_QUALIFIED})`);
    const end = await getClaimEnd({ actor: reviewer, reviewId });
    expect(end).toMatchObject({ why: 'WITHDRAWN', canClaimAgain: false });
    expect(claimEndText(end!)).toMatch(`returned to the queue (${NOT_QUALIFIED})`);

    expect(await statusOf(other.reviewId)).toBe('CLAIMED');
    // A second sweep finds nothing more to do.
    expect(await releaseClaimsNoLongerAllowed()).toBe(0);
  });

  it('the sweep ends a claim a conflict of interest has overtaken (a move to the teacher’s school); the sweep of claims that ran out leaves it', async () => {
    const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
    const school = await createOrg({ kind: 'SCHOOL' });
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor({ schoolId: school.id }));
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    await db.user.update({ where: { id: reviewer.id }, data: { schoolId: school.id } });
    const moved = (await loadActor(reviewer.id)) as Actor;
    expect(await getReviewWorkspace({ actor: moved, reviewId })).toMatchObject({ cannotScoreBecause: SAME_SCHOOL, evidenceWithheld: true, teacher: null, review: { status: 'CLAIMED' } });
    expect(await statusOf(reviewId)).toBe('CLAIMED');

    // Nothing ran out: the 15-minute job ends nothing.
    expect(await expireStaleClaims()).toBe(0);
    expect(await statusOf(reviewId)).toBe('CLAIMED');
    expect(await releaseClaimsNoLongerAllowed()).toBe(1);
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await releaseEntry(reviewId)).toMatchObject({ data: { reason: SAME_SCHOOL } });
  });
});
