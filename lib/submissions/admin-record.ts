import 'server-only';
import { db } from '@/lib/db';
import { aboutEarlierDecision } from '@/lib/feedback-questions/policy';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { EVIDENCE_FILE_ORDER, PART_ORDER, withViewerFileNames } from '@/lib/evidence/neutral-names';
import { loadAttemptForReview, reviewDenial, teacherOf } from '@/lib/review/context';
import { conflictOfInterest, teacherConflictSelect, teacherRef, type ReviewDenial } from '@/lib/review/policy';
import { conflictTie } from '@/lib/review/conflict-words';
import { secondLookRefusal } from '@/lib/review/second-look-rules';
import { concernRulingRefusal, loadRecordConcerns } from '@/lib/evidence/concerns';

// What an issuer's admin needs to look into a badge or a complaint about a decision: the
// application, every submitted attempt's evidence and the reviews that decided it, with who
// reviewed, and the teacher's questions about the feedback (which only the admins and the teacher
// read, never reviewers). Blind review hides teachers from reviewers, not from the issuer's own
// admins, who may need to contact the teacher, except from an admin scoring the work right now. A draft attempt stays the teacher's alone (as in
// lib/evidence/access.ts): its evidence is not shown, only that it exists. An admin with a conflict
// of interest with the teacher (a colleague at their school, a district the issuer keeps apart)
// decides nothing about the work and reads none of its evidence either: the answers and files are
// withheld from them, as the files themselves are (canViewAttemptEvidence).

/** What the record says in place of the evidence to an admin it is withheld from (`evidenceWithheld`). */
export function evidenceWithheldNotice(conflict: ReviewDenial): string {
  return `You cannot read this teacher’s answers and files: the conflict-of-interest rules would stop you from reviewing their work (${conflictTie(conflict)}). Another admin of the issuer can read them.`;
}

const reviewSelect = {
  id: true, kind: true, decision: true, overallComment: true, submittedAt: true, reviewerId: true,
  reviewer: { select: { name: true } },
  scores: { select: { criterionId: true, levelId: true, feedback: true } },
} as const;

/** The application behind a badge (or under review), for an admin of its issuer; null for anyone else or no such application. */
export async function getSubmissionRecord(opts: { actor: Actor; submissionId: string }) {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(opts.submissionId)) return null;
  const sub = await db.submission.findUnique({
    where: { id: opts.submissionId },
    select: {
      id: true, status: true, cycle: true, createdAt: true, lastSubmittedAt: true, versionId: true,
      // The conflict rules' columns (teacherConflictSelect) for concernRulingRefusal, and what the page shows.
      user: { select: { ...teacherConflictSelect, name: true, school: { select: { name: true } } } },
      microCredential: { select: { id: true, slug: true, status: true, issuerId: true, issuer: { select: { name: true, blindReview: true, blockSameDistrict: true } } } },
      version: {
        select: {
          version: true, title: true,
          parts: { orderBy: PART_ORDER, select: { id: true, title: true, prompt: true, responseType: true } },
          criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, partId: true } },
          levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true, label: true } },
        },
      },
      award: { select: { id: true, issuedAt: true, revokedAt: true, suspendedAt: true } },
      attempts: {
        orderBy: { number: 'desc' },
        select: {
          id: true, number: true, status: true, submittedAt: true, decidedAt: true, dueAt: true, needsAdjudication: true, attestedAt: true, doubleScore: true, version: true,
          secondLookRequestedAt: true, secondLookReason: true, secondLookRequestedById: true, secondLookRequestedBy: { select: { name: true } },
          feedbackQuestions: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, body: true, createdAt: true, answer: true, answeredAt: true, aboutSecondLook: true, answeredBy: { select: { name: true } } } },
          responses: { select: { partId: true, text: true, links: true, wordCount: true, carriedOver: true } },
          files: { where: { status: 'UPLOADED' }, orderBy: EVIDENCE_FILE_ORDER, select: { id: true, partId: true, fileName: true, sizeBytes: true, detectedType: true, declaredType: true, carriedOver: true } },
          reviews: { where: { status: 'SUBMITTED' }, orderBy: { submittedAt: 'asc' }, select: reviewSelect },
        },
      },
    },
  });
  // Another issuer's application looks exactly like a missing one.
  if (!sub || !isIssuerAdmin(opts.actor, sub.microCredential.issuerId)) return null;
  // An admin reading their own application reads it as its teacher would, as far as the people go:
  // not who reviewed it or reported a concern about it, and never the internal reason for a second
  // look (ADR 015).
  const own = sub.user.id === opts.actor.id;
  // A colleague of the teacher's (their school, a district the issuer keeps apart) reads no evidence.
  const withheld = own ? null : conflictOfInterest(opts.actor, teacherRef(sub.user), sub.microCredential.issuer);
  // An admin who is also scoring an attempt still undecided (a claim, or their own score waiting for
  // the other) sees it as a scorer would: not the other scores (double scoring is only worth
  // anything when the two are independent) and, under blind review, not who the teacher is.
  const scoring = await db.review.findMany({
    where: {
      reviewerId: opts.actor.id, status: { in: ['CLAIMED', 'SUBMITTED'] }, attempt: { submissionId: sub.id, status: 'SUBMITTED' },
      // A review set aside for a second look is history, not scoring in progress.
      OR: [{ kind: 'SECOND_LOOK' }, { attempt: { secondLookRequestedAt: null } }],
    },
    select: { attemptId: true, status: true },
  });
  const scoringAttempts = new Set(scoring.map((r) => r.attemptId));
  // Likewise an admin who could still take the open second score: reading the first one would make
  // theirs no longer independent.
  const awaitingSecond = sub.attempts.find((a) => a.status === 'SUBMITTED' && a.doubleScore && !a.needsAdjudication && !scoringAttempts.has(a.id) && a.reviews.some((r) => r.kind === 'PRIMARY') && !a.reviews.some((r) => r.kind === 'SECOND'));
  if (awaitingSecond) {
    const forReview = await loadAttemptForReview(awaitingSecond.id);
    const claimed = forReview?.reviews.some((r) => r.kind === 'SECOND' && r.status === 'CLAIMED' && r.claimExpiresAt && r.claimExpiresAt > new Date());
    if (forReview && !claimed && !(await reviewDenial(opts.actor, forReview, 'SECOND'))) scoringAttempts.add(awaitingSecond.id);
  }
  // A second look still to be given is independent of the decision it sets aside, of the reasons
  // for setting it aside and of the teacher's questions about it. So an admin who holds it or may
  // take it (even while someone else holds it: a claim can run out) sees none of them, as a scorer
  // would not; and the reason is hidden from every admin who could ever come to take it (one not
  // qualified yet may be tomorrow): it shows only to the requester, the attempt's scorers and
  // admins with a conflict of interest with the teacher, none of whom may ever take it.
  let look: { attemptId: string; mayTake: boolean; reasonHidden: boolean; withdrawable: boolean } | null = null;
  const awaitingLook = sub.attempts.find((a) => a.status === 'SUBMITTED' && a.secondLookRequestedAt && !a.reviews.some((r) => r.kind === 'SECOND_LOOK'));
  if (awaitingLook) {
    const forReview = await loadAttemptForReview(awaitingLook.id);
    if (forReview) {
      const now = new Date();
      const claims = forReview.reviews.filter((r) => r.kind === 'SECOND_LOOK' && r.status === 'CLAIMED');
      const mayTake = claims.some((r) => r.reviewerId === opts.actor.id) || !(await reviewDenial(opts.actor, forReview, 'SECOND_LOOK'));
      // Their own application is a conflict too (OWN_WORK): its reason is hidden below all the same.
      const conflicted = conflictOfInterest(opts.actor, teacherOf(forReview), forReview.submission.microCredential.issuer) !== null;
      const neverEligible =
        forReview.secondLookRequestedById === opts.actor.id ||
        forReview.reviews.some((r) => r.status === 'SUBMITTED' && r.kind !== 'SECOND_LOOK' && r.reviewerId === opts.actor.id) ||
        conflicted;
      // An admin with a conflict may not withdraw it either (withdrawSecondLook): no form for them.
      look = { attemptId: awaitingLook.id, mayTake, reasonHidden: !neverEligible, withdrawable: !conflicted && !claims.some((r) => r.claimExpiresAt > now) };
      if (mayTake) scoringAttempts.add(awaitingLook.id);
    }
  }
  // Second looks withdrawn before anyone took them: the request is cleared from the attempt (another
  // may be asked for), so the record tells of them from the audit log.
  const withdrawals = await db.auditLog.findMany({
    where: { entityType: 'Attempt', entityId: { in: sub.attempts.map((a) => a.id) }, action: 'review.second-look-withdraw' },
    orderBy: { id: 'asc' },
    take: 50,
    select: { entityId: true, at: true, data: true, actor: { select: { name: true } } },
  });
  const latestNumber = sub.attempts[0]?.number ?? 0;
  const blind = sub.microCredential.issuer.blindReview && scoring.some((r) => r.status === 'CLAIMED');
  const partIds = sub.version.parts.map((p) => p.id);
  const partOf = new Map(sub.version.parts.map((p) => [p.id, p.title]));
  // Reviewers' safeguarding concerns about submitted evidence, and the files removed after them.
  const submittedIds = sub.attempts.filter((a) => a.status !== 'DRAFT').map((a) => a.id);
  // Removed files by the names the workspace shows, not the teacher's own, where the evidence is withheld.
  const { concerns, removed } = await loadRecordConcerns({ attemptIds: submittedIds, versionId: sub.versionId, original: !blind && !withheld });
  return {
    id: sub.id,
    status: sub.status,
    renewal: sub.cycle > 1,
    startedAt: sub.createdAt,
    teacher: blind ? { name: 'The teacher', email: null, school: null } : { name: sub.user.name, email: sub.user.email, school: sub.user.school?.name ?? null },
    /** Who the teacher is is hidden: the viewer is scoring this work under blind review. */
    teacherHidden: blind,
    /** The viewer is the teacher: reviewers' names and a second look's reason are left out. */
    ownApplication: own,
    credential: { id: sub.microCredential.id, slug: sub.microCredential.slug, issuer: sub.microCredential.issuer.name, title: sub.version.title, version: sub.version.version },
    parts: sub.version.parts,
    criteria: sub.version.criteria.map((c) => ({ id: c.id, title: c.title, part: c.partId ? (partOf.get(c.partId) ?? null) : null })),
    levels: sub.version.levels,
    award: sub.award,
    /**
     * Null when the viewer may read the answers and files; else why not, to say in their place (a
     * conflict of interest with the teacher): every attempt's `responses` and `files` are then empty.
     */
    evidenceWithheld: withheld ? evidenceWithheldNotice(withheld) : null,
    /** Null when the viewer may remove files and close concerns; else why not (a conflict of interest with the teacher). */
    concernRulingRefusal: concernRulingRefusal(opts.actor, sub.user, sub.microCredential.issuer),
    attempts: sub.attempts.map((a) => {
      const submitted = a.status !== 'DRAFT';
      const shown = submitted && !withheld;
      const files = shown ? withViewerFileNames(a.files, { partIds, original: !blind }) : [];
      const removedHere = removed.filter((f) => f.attemptId === a.id);
      const fileLabel = new Map([...files.map((f) => [f.id, f.fileName] as const), ...removedHere.map((f) => [f.id, f.label] as const)]);
      return {
        id: a.id, number: a.number, status: a.status, submittedAt: a.submittedAt, decidedAt: a.decidedAt, needsAdjudication: a.needsAdjudication,
        attestedAt: a.attestedAt,
        // The teacher's questions about this attempt's feedback: for the issuer's admins only, never
        // shown to reviewers (the review pages do not read them).
        // Hidden, with admins' replies, from an admin who holds or may take this attempt's second look.
        questions: look?.attemptId === a.id && look.mayTake
          ? []
          : a.feedbackQuestions.map((q) => ({
              id: q.id, body: q.body, askedAt: q.createdAt, answer: q.answer, answeredAt: q.answeredAt, answeredBy: q.answeredBy?.name ?? null,
              // Asked before a second look was: about the decision it set aside.
              aboutEarlierDecision: aboutEarlierDecision(a, q),
            })),
        questionsHidden: look?.attemptId === a.id && look.mayTake && a.feedbackQuestions.length > 0,
        responses: shown ? a.responses : [],
        files,
        /** Concerns reviewers reported about this attempt's evidence, oldest first; `file` null: the whole attempt. */
        concerns: concerns.filter((c) => c.attemptId === a.id).map((c) => ({ ...c, reporter: own ? 'a reviewer' : c.reporter, file: c.fileId ? (fileLabel.get(c.fileId) ?? 'A file') : null })),
        /** Files an issuer admin removed (tombstones), shown in place of the files. */
        removedFiles: removedHere.map((f) => ({ ...f, part: partOf.get(f.partId) ?? null })),
        // While the viewer scores this attempt, only their own score shows.
        reviews: (scoringAttempts.has(a.id) ? a.reviews.filter((r) => r.reviewerId === opts.actor.id) : a.reviews).map((r) => (own ? { ...r, reviewer: { name: 'a reviewer' } } : r)),
        otherReviewsHidden: scoringAttempts.has(a.id),
        /** The attempt's version, for the second-look form (a stale one is refused). */
        version: a.version,
        /** Null when a second look may be asked for now (secondLookRefusal), else why not. */
        secondLookRefusal: secondLookRefusal(a, latestNumber, sub.microCredential.status),
        // The request and the admin's reason: the issuer's own record (the teacher is told only that it was asked for).
        secondLook: a.secondLookRequestedAt
          ? {
              requestedAt: a.secondLookRequestedAt,
              requestedBy: a.secondLookRequestedBy?.name ?? null,
              reason: own || (look?.attemptId === a.id && look.reasonHidden) ? null : a.secondLookReason,
              /** The reason is withheld from this viewer: they could yet take the second look. */
              reasonHidden: look?.attemptId === a.id && look.reasonHidden,
              dueAt: a.dueAt,
              pending: a.status === 'SUBMITTED',
              /** Nobody holds it or has given it: the admins may still withdraw it (withdrawSecondLook). */
              withdrawable: look?.attemptId === a.id && look.withdrawable,
            }
          : null,
        /** Second looks asked for on this attempt and withdrawn before anyone took them, oldest first. */
        withdrawnSecondLooks: withdrawals
          .filter((w) => w.entityId === a.id)
          .map((w) => {
            const d = w.data && typeof w.data === 'object' && !Array.isArray(w.data) ? w.data : {};
            return { withdrawnAt: w.at, withdrawnBy: w.actor?.name ?? null, requestedAt: typeof d.requestedAt === 'string' ? new Date(d.requestedAt) : null };
          }),
      };
    }),
  };
}
