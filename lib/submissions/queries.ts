import 'server-only';
import { workableBy } from '@/lib/enrollment/workable';
import { db } from '@/lib/db';
import { currentSubmission } from '@/lib/submissions/current';
import { decidingReviews } from '@/lib/submissions/deciding-reviews';
import type { Actor } from '@/lib/auth/actor';
import type { AttemptStatus, ReviewKind } from '@/lib/generated/prisma/enums';

const fileSelect = { id: true, partId: true, fileName: true, declaredType: true, detectedType: true, sizeBytes: true, status: true, rejectedReason: true, carriedOver: true, createdAt: true, removedAt: true, removedReason: true } as const;

/**
 * Everything the application page needs for the signed-in teacher: the version the application is
 * bound to, every attempt (history), and the feedback on decided attempts. Only the owner's rows.
 * `cycle`: that application of the teacher's rather than the current one (null when they have
 * none of that number), e.g. the one a question about feedback was asked on before a renewal;
 * `earlier` says a later cycle has started since.
 */
export async function getApplication(actor: Actor, slug: string, opts: { cycle?: number } = {}) {
  const mc = await db.microCredential.findFirst({
    where: { slug, ...workableBy(actor.id) },
    select: { id: true, slug: true, level: true, status: true, currentVersionId: true, issuer: { select: { name: true, slug: true, email: true, slaBusinessDays: true } } },
  });
  if (!mc) return null;
  const current = currentSubmission(actor.id, mc.id);
  const submission = await db.submission.findFirst({
    where: opts.cycle ? { ...current.where, cycle: opts.cycle } : current.where,
    orderBy: current.orderBy,
    select: {
      id: true, status: true, publicSummary: true, versionId: true, cycle: true,
      award: { select: { id: true, issuedAt: true, validUntil: true, revokedAt: true, revocationReason: true, suspendedAt: true, suspensionReason: true } },
      attempts: {
        orderBy: { number: 'desc' },
        select: {
          id: true, number: true, status: true, submittedAt: true, decidedAt: true, dueAt: true, version: true,
          // When an issuer admin asked for a second look (never who, or why: that stays with the issuer).
          secondLookRequestedAt: true,
          responses: { select: { id: true, partId: true, text: true, links: true, wordCount: true, carriedOver: true, revision: true, updatedAt: true } },
          files: { orderBy: { createdAt: 'asc' }, select: fileSelect },
          reviews: {
            where: { status: 'SUBMITTED' },
            select: { kind: true, decision: true, overallComment: true, submittedAt: true, scores: { select: { criterionId: true, feedback: true, level: { select: { rank: true, label: true } } } } },
          },
          // The teacher's own questions about the feedback, with the issuer's replies.
          feedbackQuestions: { where: { userId: actor.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, body: true, createdAt: true, answer: true, answeredAt: true, aboutSecondLook: true } },
        },
      },
    },
  });
  if (opts.cycle && !submission) return null;
  const earlier = opts.cycle ? (await db.submission.count({ where: { userId: actor.id, microCredentialId: mc.id, cycle: { gt: opts.cycle } } })) > 0 : false;
  const versionId = submission?.versionId ?? mc.currentVersionId;
  if (!versionId) return null;
  const version = await db.microCredentialVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      id: true, version: true, title: true, summary: true, passingLevelRank: true, passingRuleKind: true, passingTotal: true, publishedAt: true,
      parts: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, prompt: true, responseType: true, required: true, wordLimit: true, allowedTypes: true, maxFileBytes: true, maxFiles: true } },
      criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, sortOrder: true, title: true, partId: true, description: true, descriptors: { select: { levelId: true, text: true } } } },
      levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true, label: true } },
    },
  });
  // A renewal (a later cycle) shows the badge it renews.
  const renews = submission && submission.cycle > 1
    ? await db.award.findFirst({ where: { userId: actor.id, microCredentialId: mc.id, submission: { cycle: submission.cycle - 1 } }, select: { id: true, issuedAt: true, validUntil: true } })
    : null;
  return { mc, submission: submission && { ...submission, attempts: submission.attempts.map(withDecidingFeedback) }, version, renews, earlier };
}

/**
 * The teacher reads the feedback of every review that made a decision, and nothing before the
 * decision (a double-scored attempt's first review while the second is pending). Two reviewers are
 * told apart only as "Reviewer 1" and "Reviewer 2": who they are is never shown.
 */
function withDecidingFeedback<A extends { status: AttemptStatus; reviews: { kind: ReviewKind; submittedAt: Date | null }[] }>(attempt: A): Omit<A, 'reviews'> & { reviews: (A['reviews'][number] & { label: string | null })[] } {
  const decided = attempt.status === 'PASSED' || attempt.status === 'RETURNED';
  const deciding = decided ? decidingReviews(attempt.reviews) : [];
  return { ...attempt, reviews: deciding.map((r, i) => ({ ...r, label: deciding.length > 1 ? `Reviewer ${i + 1}` : null })) };
}
