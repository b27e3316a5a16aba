// The demo reviewer's decision on the demo teacher's application.
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { claimReview, saveReviewDraft, submitReview } from '@/lib/review/mutations';

type Score = { criterionIndex: number; rank: number; feedback: string };

/** Claims, scores and decides an attempt exactly as a reviewer does on the scoring screen. */
export async function decideAsSeedReviewer(opts: { reviewer: Actor; attemptId: string; scores: Score[]; overallComment: string; now?: Date }) {
  const attempt = await db.attempt.findUniqueOrThrow({
    where: { id: opts.attemptId },
    select: { submission: { select: { version: { select: { criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true } }, levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true } } } } } } },
  });
  const v = attempt.submission.version;
  const { reviewId } = await claimReview({ actor: opts.reviewer, attemptId: opts.attemptId, now: opts.now });
  const scores = opts.scores.map((s) => ({ criterionId: v.criteria[s.criterionIndex].id, levelId: v.levels.find((l) => l.rank === s.rank)!.id, feedback: s.feedback }));
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { version: true } });
  const saved = await saveReviewDraft({ actor: opts.reviewer, reviewId, version: review.version, scores, overallComment: opts.overallComment, now: opts.now });
  const current = await db.attempt.findUniqueOrThrow({ where: { id: opts.attemptId }, select: { version: true } });
  await submitReview({ actor: opts.reviewer, reviewId, version: saved.version, attemptVersion: current.version, scores, overallComment: opts.overallComment, now: opts.now });
}
