import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import type { AttemptStatus, ReviewDecision, ReviewKind } from '@/lib/generated/prisma/enums';
import { decodeCursor, encodeCursor, isCursorId, isCursorTime } from '@/lib/catalog/cursor';
import { reviewsFor, showsTeacherIdentity } from '@/lib/review/policy';
import type { DoubleScoring } from '@/lib/review/history-words';

export const HISTORY_PAGE_SIZE = 20;

type Cursor = { t: string; id: string };
const isCursor = (v: Record<string, unknown>): v is Cursor => isCursorTime(v.t) && isCursorId(v.id);

export type HistoryItem = {
  reviewId: string;
  kind: ReviewKind;
  decision: ReviewDecision;
  submittedAt: Date;
  credentialTitle: string;
  issuerName: string;
  attemptNumber: number;
  renewal: boolean;
  /** Where the attempt stands now: decided (passed, returned) or still open. */
  attemptStatus: AttemptStatus;
  /** Null when the attempt was scored once. */
  doubleScoring: DoubleScoring | null;
  /**
   * For a review whose decision an issuer admin set aside for a second look: that second look's
   * decision, or PENDING while it is under way. Null otherwise (and for the second look itself).
   */
  secondLook: ReviewDecision | 'PENDING' | null;
  /** Null under blind review. */
  teacher: { name: string; schoolName: string | null } | null;
  /** The review page still opens for them (it does not once their rights at the issuer have gone). */
  canOpen: boolean;
};

/**
 * The actor's own submitted reviews, newest first, keyset-paginated on (submittedAt, id): only
 * reviews whose reviewer is the actor. Co-scorers are never named (the scores are independent), and
 * under blind review the teacher is not either.
 */
export async function listMyReviewHistory(opts: { actor: Actor; cursor?: string; limit?: number }) {
  const limit = Math.min(opts.limit ?? HISTORY_PAGE_SIZE, 100);
  const cursor = decodeCursor(opts.cursor, isCursor);
  const t = cursor ? new Date(cursor.t) : null;
  const rows = await db.review.findMany({
    where: {
      reviewerId: opts.actor.id,
      status: 'SUBMITTED',
      submittedAt: { not: null },
      ...(t && cursor ? { OR: [{ submittedAt: { lt: t } }, { submittedAt: t, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      id: true, kind: true, decision: true, submittedAt: true, attemptId: true,
      attempt: {
        select: {
          number: true, status: true, doubleScore: true, needsAdjudication: true, secondLookRequestedAt: true,
          reviews: { where: { status: 'SUBMITTED' }, select: { id: true, kind: true, decision: true } },
          submission: {
            select: {
              cycle: true,
              version: { select: { title: true } },
              user: { select: { name: true, school: { select: { name: true } } } },
              microCredential: { select: { issuerId: true, issuer: { select: { name: true, blindReview: true } } } },
            },
          },
        },
      },
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r): HistoryItem => {
      const a = r.attempt;
      const issuer = a.submission.microCredential.issuer;
      return {
        reviewId: r.id,
        kind: r.kind,
        decision: r.decision!,
        submittedAt: r.submittedAt!,
        credentialTitle: a.submission.version.title,
        issuerName: issuer.name,
        attemptNumber: a.number,
        renewal: a.submission.cycle > 1,
        attemptStatus: a.status,
        doubleScoring: doubleScoringOf(r, a),
        secondLook: r.kind === 'SECOND_LOOK' || !a.secondLookRequestedAt ? null : (a.reviews.find((x) => x.kind === 'SECOND_LOOK')?.decision ?? 'PENDING'),
        teacher: showsTeacherIdentity(issuer) ? { name: a.submission.user.name, schoolName: a.submission.user.school?.name ?? null } : null,
        canOpen: reviewsFor(opts.actor, a.submission.microCredential.issuerId),
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.submittedAt!.toISOString(), id: last.id }) : null,
  };
}

function doubleScoringOf(
  mine: { id: string; kind: ReviewKind; decision: ReviewDecision | null },
  a: { doubleScore: boolean; needsAdjudication: boolean; status: AttemptStatus; reviews: { id: string; kind: ReviewKind; decision: ReviewDecision | null }[] },
): DoubleScoring | null {
  const adjudicated = a.reviews.find((x) => x.kind === 'ADJUDICATION');
  if (mine.kind === 'SECOND_LOOK' || (!a.doubleScore && !adjudicated)) return null;
  const adjudication = adjudicated?.decision ?? (a.needsAdjudication && a.status === 'SUBMITTED' ? 'PENDING' : null);
  if (mine.kind === 'ADJUDICATION') return { agreed: null, adjudication };
  const other = a.reviews.find((x) => x.id !== mine.id && x.kind === (mine.kind === 'PRIMARY' ? 'SECOND' : 'PRIMARY'));
  return { agreed: other ? other.decision === mine.decision : null, adjudication };
}
