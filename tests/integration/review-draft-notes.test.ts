// Feedback a reviewer writes on a criterion before choosing its level is saved with the draft (the
// review's notes): it comes back on the scoring page after a reload, moves into the criterion's
// score once a level is chosen, and is gone once the review is submitted.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf } from '../setup/actions';
import { createActor } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview, expireStaleClaims, saveReviewDraft, submitReview } from '@/lib/review/mutations';
import { getReviewWorkspace } from '@/lib/review/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { saveReviewDraftAction } = await import('@/app/review/[reviewId]/actions');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const NOTE = 'Ask how the exit tickets changed the next lesson.';

async function world() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
  const reviewer = await w.reviewer();
  const attemptId = await submitTextAttempt(w, await createActor());
  const [first, second] = w.version.criteria;
  const level = (rank: number) => w.version.levels.find((l) => l.rank === rank)!.id;
  return { w, reviewer, attemptId, first, second, level };
}

const notesOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { draftNotes: true } })).draftNotes;
const scoreOf = (reviewId: string, criterionId: string) => db.criterionScore.findUnique({ where: { reviewId_criterionId: { reviewId, criterionId } }, select: { levelId: true, feedback: true } });
const renderReview = async (reviewId: string) => renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));

describe('feedback written before a level is chosen', () => {
  it('is saved, comes back on the scoring page after a reload, and moves into the score once a level is chosen', async () => {
    const { reviewer, attemptId, first, second, level } = await world();
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    // As the form sends it: every criterion, the first with feedback but no level yet.
    await saveReviewDraft({ actor: reviewer, reviewId, version: 0, overallComment: '', scores: [{ criterionId: first.id, levelId: null, feedback: NOTE }, { criterionId: second.id, levelId: null, feedback: '' }] });
    expect(await notesOf(reviewId)).toEqual({ [first.id]: NOTE });

    // The draft as the scoring form is given it after a reload.
    const ws = (await getReviewWorkspace({ actor: reviewer, reviewId }))!;
    expect(ws.draft.scores[first.id]).toEqual({ levelId: null, feedback: NOTE });
    expect(ws.draft.scores[second.id]).toBeUndefined();
    session.actor = reviewer;
    expect(await renderReview(reviewId)).toMatch(new RegExp(`<textarea id="feedback-${first.id}"[^>]*>${NOTE}</textarea>`));

    // A level chosen later: the note becomes the score's feedback, and is no longer a note.
    await saveReviewDraft({ actor: reviewer, reviewId, version: 1, overallComment: '', scores: [{ criterionId: first.id, levelId: level(2), feedback: NOTE }, { criterionId: second.id, levelId: null, feedback: '' }] });
    expect(await scoreOf(reviewId, first.id)).toEqual({ levelId: level(2), feedback: NOTE });
    expect(await notesOf(reviewId)).toEqual({});
    expect((await getReviewWorkspace({ actor: reviewer, reviewId }))!.draft.scores[first.id]).toEqual({ levelId: level(2), feedback: NOTE });
  });

  it('an emptied note is removed, and criteria not sent keep theirs', async () => {
    const { reviewer, attemptId, first, second } = await world();
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    await saveReviewDraft({ actor: reviewer, reviewId, version: 0, overallComment: '', scores: [{ criterionId: first.id, levelId: null, feedback: NOTE }, { criterionId: second.id, feedback: '  Second thoughts.  ' }] });
    expect(await notesOf(reviewId)).toEqual({ [first.id]: NOTE, [second.id]: 'Second thoughts.' });
    await saveReviewDraft({ actor: reviewer, reviewId, version: 1, overallComment: '', scores: [{ criterionId: second.id, levelId: null, feedback: '   ' }] });
    expect(await notesOf(reviewId)).toEqual({ [first.id]: NOTE });
  });

  it('is refused, as a score’s feedback is, on a criterion of another rubric or past the length limit', async () => {
    const { w, reviewer, attemptId, first } = await world();
    const other = await makeReviewWorld();
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    const elsewhere = await errorOf(saveReviewDraft({ actor: reviewer, reviewId, version: 0, overallComment: '', scores: [{ criterionId: other.version.criteria[0].id, levelId: null, feedback: NOTE }] }));
    expect(elsewhere.code).toBe('VALIDATION');
    const long = 'x'.repeat(5001);
    const tooLong = await errorOf(saveReviewDraft({ actor: reviewer, reviewId, version: 0, overallComment: '', scores: [{ criterionId: first.id, levelId: null, feedback: long }] }));
    expect(tooLong).toMatchObject({ code: 'VALIDATION', message: 'Use at most 5,000 characters of feedback per criterion.' });
    session.actor = reviewer;
    expect(await saveReviewDraftAction({ reviewId, version: 0, overallComment: '', scores: [{ criterionId: first.id, levelId: null, feedback: long }] })).toEqual({ ok: false, formError: 'Use at most 5,000 characters of feedback per criterion.', stop: false, invalid: true });
    expect(await notesOf(reviewId)).toEqual({});
    expect(w.version.criteria).toHaveLength(2);
  });

  it('is cleared when the review is submitted', async () => {
    const { w, reviewer, attemptId, first, level } = await world();
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    await saveReviewDraft({ actor: reviewer, reviewId, version: 0, overallComment: '', scores: [{ criterionId: first.id, levelId: null, feedback: NOTE }] });
    const { version: attemptVersion } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { version: true } });
    await submitReview({ actor: reviewer, reviewId, version: 1, attemptVersion, overallComment: 'Thanks.', scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: level(3), feedback: c.id === first.id ? NOTE : '' })) });
    expect(await notesOf(reviewId)).toEqual({});
    expect(await scoreOf(reviewId, first.id)).toEqual({ levelId: level(3), feedback: NOTE });
  });

  it('comes back with the rest of the draft when the reviewer claims the work again after their claim ran out', async () => {
    const { reviewer, attemptId, first } = await world();
    const t0 = new Date(Date.now() - 2 * 60 * 60_000);
    const { reviewId } = await claimReview({ actor: reviewer, attemptId, now: t0 });
    await saveReviewDraft({ actor: reviewer, reviewId, version: 0, overallComment: '', scores: [{ criterionId: first.id, levelId: null, feedback: NOTE }], now: t0 });
    expect(await expireStaleClaims({ now: new Date(t0.getTime() + 31 * 60_000) })).toBe(1);
    const again = await claimReview({ actor: reviewer, attemptId });
    expect(again.reviewId).not.toBe(reviewId);
    expect((await getReviewWorkspace({ actor: reviewer, reviewId: again.reviewId }))!.draft.scores[first.id]).toEqual({ levelId: null, feedback: NOTE });
  });
});
