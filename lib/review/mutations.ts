import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { conflict, forbidden, invalidState, isDomainError, isUniqueViolation, notFound, validation } from '@/lib/errors';
import type { ReviewDecision, ReviewKind } from '@/lib/generated/prisma/enums';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { issueQueuedAward, queueAwardIssue } from '@/lib/jobs/award-issue';
import { criterionNeedsFeedback, meetsPassingRule, passingRuleOf, shortOnTotalOnly } from '@/lib/review/rubric';
import { assertMayScore, loadAttemptForReview, reviewDenial, teacherOf, type AttemptForReview } from '@/lib/review/context';
import { claimEndAfterActivity, conflictOfInterest, denialMessages, reviewsFor, type ReviewDenial } from '@/lib/review/policy';
import { assertClaimable, assertStillMayScore, assignerParty, assignPartyRefusal, claimEndedMessage, releaseClaimsOf, settleSubmissionStatus } from '@/lib/review/claims';
import { notifyAdjudicators } from '@/lib/review/adjudication-notice';
import { notifySecondLookDecided, secondLookRequesterToTell } from '@/lib/review/second-look';
import { nextDraftNotes, readDraftNotes } from '@/lib/review/draft-notes';
import { CRITERION_FEEDBACK_MAX, CRITERION_FEEDBACK_TOO_LONG } from '@/lib/review/schemas';
import { conflictTie } from '@/lib/review/conflict-words';

export const DECIDED_ELSEWHERE =
  'This submission was decided by someone else while you were scoring it, so your decision was not recorded. Your scores and feedback are still on this page: copy anything you want to keep.';
const OTHER_TAB = 'This review was changed in another tab or window. Reload the page to continue; copy any text you typed here first.';

const minutes = (n: number) => n * 60_000;

// Lives in lib/review/claims.ts, whose checks end claims too; still offered here to its callers.
export { releaseClaimsOf };

/** Gives back every live claim of a disabled account. */
export function releaseAllClaimsOf(tx: Tx, reviewerId: string, actorId: string | null, now: Date): Promise<number> {
  return releaseClaimsOf(tx, reviewerId, actorId, now, { reason: 'account disabled' });
}

/** Marks claims of (attempt, kind) past their expiry as EXPIRED so the attempt is free again. */
async function expireClaimsOf(tx: Tx, a: { id: string; issuerId: string }, kind: ReviewKind, now: Date, actorId: string | null) {
  const stale = await tx.review.findMany({ where: { attemptId: a.id, kind, status: 'CLAIMED', claimExpiresAt: { lte: now } }, select: { id: true, reviewerId: true } });
  for (const r of stale) {
    // Still past its expiry when written: a claim kept ("Keep my claim", an autosave) in between stays its reviewer's.
    const u = await tx.review.updateMany({ where: { id: r.id, status: 'CLAIMED', claimExpiresAt: { lte: now } }, data: { status: 'EXPIRED', version: { increment: 1 } } });
    if (u.count) await recordAudit({ actorId, action: 'review.claim-expire', entityType: 'Review', entityId: r.id, organizationId: a.issuerId, data: { attemptId: a.id, kind, reviewerId: r.reviewerId } }, tx);
  }
}

/**
 * The draft to start a new claim with: the reviewer's own scores, notes and overall comment from
 * their last claim on this work (attempt and kind), when that claim simply ran out. One that ended
 * on purpose (given back, reassigned by an admin, withdrawn with their rights: all RELEASED) brings
 * nothing back, and neither does an older draft behind it. Read inside the claiming transaction.
 */
async function draftLeftByExpiry(tx: Tx, reviewerId: string, attemptId: string, kind: ReviewKind) {
  const last = await tx.review.findFirst({
    where: { reviewerId, attemptId, kind, status: { in: ['EXPIRED', 'RELEASED'] } },
    orderBy: [{ claimedAt: 'desc' }, { createdAt: 'desc' }],
    select: { id: true, status: true, overallComment: true, draftNotes: true, scores: { select: { criterionId: true, levelId: true, feedback: true } } },
  });
  if (!last || last.status !== 'EXPIRED') return null;
  const notes = readDraftNotes(last.draftNotes);
  if (!last.overallComment && !last.scores.length && !Object.keys(notes).length) return null;
  return { ...last, draftNotes: notes };
}

/** The fields of a new claim's review that carry its reviewer's draft over (see draftLeftByExpiry), notes on criteria without a level included. */
function carriedDraft(d: Awaited<ReturnType<typeof draftLeftByExpiry>>) {
  return d ? { overallComment: d.overallComment, draftNotes: d.draftNotes, scores: { create: d.scores } } : {};
}

/** What a claim on work of this kind is refused with once that work has been submitted by someone else. */
const alreadySubmitted: Record<ReviewKind, string> = {
  PRIMARY: 'The first review of this submission was submitted just now, so it does not need another one. Pick another one from the queue.',
  SECOND: 'The second score of this submission was submitted just now, so it does not need another one. Pick another one from the queue.',
  ADJUDICATION: 'This submission was adjudicated just now, so it does not need another adjudication.',
  SECOND_LOOK: 'The second look at this submission was submitted just now, so it does not need another one. Pick another one from the queue.',
};

/**
 * Inside a claim's transaction, after the review row is written: the attempt still takes this kind
 * of work. The transaction waited for a withdrawal of a second look that locked the attempt
 * (lockAttempt), so reading the attempt now sees what that withdrawal committed, and a claim made at
 * the same moment is refused instead of being left on a returned attempt.
 */
async function assertStillOpenFor(tx: Tx, attemptId: string, kind: ReviewKind) {
  const now = await tx.attempt.findUnique({ where: { id: attemptId }, select: { status: true, secondLookRequestedAt: true } });
  // A withdrawn second look also returns the attempt: said as such, not as "decided".
  if (now && kind === 'SECOND_LOOK' && !now.secondLookRequestedAt) throw conflict('The second look at this submission was withdrawn by an issuer admin, so there is nothing to claim. Pick another one from the queue.');
  if (!now || now.status !== 'SUBMITTED') throw conflict('This submission stopped waiting for review while you were claiming it (decided, or taken back by its teacher). Pick another one from the queue.');
  // A double-scored attempt stays SUBMITTED after its first review: that review, submitted by a
  // claim that had run out just as this one was made, is only seen here. Submitting it waits for
  // the insert above or the insert waits for it (the lapsed claim's row, which expiring it locks,
  // and Review_one_active_claim), so this read sees it whichever committed first.
  const done = await tx.review.findFirst({ where: { attemptId, kind, status: 'SUBMITTED' }, select: { id: true } });
  if (done) throw conflict(alreadySubmitted[kind]);
}

/**
 * The first statement of a transaction that ends claims on an attempt and gives it a new one
 * (claimReview, assignReview): holds the attempt row, as submitReview and withdrawSecondLook also
 * take it before any of its reviews. Ending a claim that ran out first and only then reaching the
 * attempt (the new review's foreign key) could deadlock with a withdrawal of the second look, which
 * holds the attempt FOR UPDATE and then ends that same claim: Postgres would abort one of them
 * (40P01) instead of the claim being refused in plain words. FOR NO KEY UPDATE: the lock an update
 * of the attempt takes, so two claims on one attempt take turns.
 */
async function lockAttempt(tx: Tx, attemptId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Attempt" WHERE "id" = ${attemptId} FOR NO KEY UPDATE`;
}

/**
 * Inside a transaction that gives `userId` a claim: holds their account row (FOR SHARE) and refuses
 * a disabled account. Disabling locks the row FOR UPDATE and then gives back the account's claims,
 * so a claim made at the same moment either commits first (and is given back) or finds the account
 * disabled; none is left on a disabled account.
 */
async function assertEnabledHeld(tx: Tx, userId: string, message: string) {
  const [u] = await tx.$queryRaw<{ disabledAt: Date | null }[]>`SELECT "disabledAt" FROM "User" WHERE "id" = ${userId} FOR SHARE`;
  if (!u || u.disabledAt) throw forbidden(message);
}

/**
 * Takes an exclusive claim on an attempt for scoring. Expired claims are freed first, under the
 * attempt's lock (lockAttempt); the partial unique index Review_one_active_claim makes sure only one
 * of two racing reviewers wins. A reviewer whose own claim on the work ran out gets their saved
 * draft back in the new claim.
 */
export async function claimReview(opts: { actor: Actor; attemptId: string; kind?: ReviewKind; now?: Date }): Promise<{ reviewId: string }> {
  const now = opts.now ?? new Date();
  const kind = opts.kind ?? 'PRIMARY';
  const a = await loadAttemptForReview(opts.attemptId);
  if (!a) throw notFound('That submission');
  await assertMayScore(opts.actor, a, kind);
  const mine = a.reviews.find((r) => r.kind === kind && r.status === 'CLAIMED' && r.reviewerId === opts.actor.id);
  if (mine) return { reviewId: mine.id };
  assertClaimable(a, kind);
  if (a.reviews.some((r) => r.kind === kind && r.status === 'CLAIMED' && r.claimExpiresAt > now)) throw conflict('Someone else is already reviewing this submission. Pick another one from the queue.');
  const issuer = a.submission.microCredential.issuer;
  try {
    return await db.$transaction(async (tx) => {
      await lockAttempt(tx, a.id);
      await assertEnabledHeld(tx, opts.actor.id, 'Your account has been disabled.');
      await expireClaimsOf(tx, { id: a.id, issuerId: issuer.id }, kind, now, opts.actor.id);
      const draft = await draftLeftByExpiry(tx, opts.actor.id, a.id, kind);
      const review = await tx.review.create({
        data: { attemptId: a.id, reviewerId: opts.actor.id, kind, claimedAt: now, claimExpiresAt: new Date(now.getTime() + minutes(issuer.claimMinutes)), ...carriedDraft(draft) },
        select: { id: true },
      });
      await assertStillOpenFor(tx, a.id, kind);
      await tx.submission.updateMany({ where: { id: a.submission.id, status: 'SUBMITTED' }, data: { status: 'IN_REVIEW' } });
      await recordAudit({ actorId: opts.actor.id, action: 'review.claim', entityType: 'Review', entityId: review.id, organizationId: issuer.id, data: { attemptId: a.id, kind, ...(draft ? { draftFrom: draft.id } : {}) } }, tx);
      return { reviewId: review.id };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('Someone else has just claimed this submission. Pick another one from the queue.');
    throw e;
  }
}

/** Gives a claim back to the queue. Scores typed so far stay on the released review. */
export async function releaseReview(opts: { actor: Actor; reviewId: string; now?: Date }): Promise<void> {
  const now = opts.now ?? new Date();
  const r = await db.review.findUnique({ where: { id: opts.reviewId }, select: { id: true, reviewerId: true, status: true, kind: true, attemptId: true, attempt: { select: { submissionId: true, submission: { select: { microCredential: { select: { issuerId: true } } } } } } } });
  if (!r || r.reviewerId !== opts.actor.id) throw notFound('That review');
  if (r.status !== 'CLAIMED') return;
  await db.$transaction(async (tx) => {
    const u = await tx.review.updateMany({ where: { id: r.id, status: 'CLAIMED' }, data: { status: 'RELEASED', version: { increment: 1 } } });
    if (!u.count) return;
    await settleSubmissionStatus(tx, r.attemptId, r.attempt.submissionId, now);
    await recordAudit({ actorId: opts.actor.id, action: 'review.release', entityType: 'Review', entityId: r.id, organizationId: r.attempt.submission.microCredential.issuerId, data: { attemptId: r.attemptId, kind: r.kind } }, tx);
  });
}

const denialForOthers: Partial<Record<keyof typeof denialMessages, string>> = {
  OWN_WORK: 'Reviewers cannot review their own work.',
  SAME_SCHOOL: 'That reviewer works at the teacher’s school: colleagues never review each other’s work.',
  SAME_DISTRICT: 'That reviewer works in the teacher’s district, which this issuer does not allow.',
  SAME_EMAIL_DOMAIN: 'That reviewer’s email address is on the teacher’s district domain, which this issuer does not allow.',
  NOT_REVIEWER: 'That person is not a reviewer for this issuer.',
  NOT_QUALIFIED: 'That reviewer is not qualified for this micro-credential.',
  NOT_CALIBRATED: 'That reviewer has not completed calibration for this micro-credential yet.',
  ALREADY_SCORED: 'That reviewer has already scored this submission; it needs an independent reviewer.',
  ASKED_FOR_SECOND_LOOK: 'That admin asked for this second look; it needs a reviewer independent of the request.',
};

/**
 * Why an issuer admin may not choose who reviews this teacher's work (`conflict`: theirs with the
 * teacher, from conflictOfInterest): whoever could not review the work does not pick its reviewer
 * either, as for asking for a second look. The assign page says the same instead of its form.
 */
export function assignRefusal(conflict: ReviewDenial): string {
  return conflict === 'OWN_WORK'
    ? 'This is your own application, so you cannot choose who reviews it. Another admin of the issuer must assign it.'
    : `You cannot choose who reviews this teacher’s work: this issuer’s conflict-of-interest rules would stop you from reviewing it yourself (${conflictTie(conflict)}). Another admin of the issuer must assign it.`;
}

/**
 * Inside an assignment's transaction, with the attempt held (lockAttempt): refuses an admin who is a
 * party to the work (assignerParty: scored what it settles, asked for the second look), read from
 * the record as it is now rather than as the page or the checks before the transaction saw it.
 */
async function assertNotParty(tx: Tx, actorId: string, attemptId: string, kind: ReviewKind) {
  const now = await tx.attempt.findUnique({ where: { id: attemptId }, select: { secondLookRequestedById: true, reviews: { where: { reviewerId: actorId }, select: { kind: true, status: true, reviewerId: true } } } });
  const party = now && assignerParty(actorId, now, kind);
  if (party) throw forbidden(assignPartyRefusal(party, kind));
}

/**
 * An issuer admin gives the attempt to a chosen reviewer (who must be qualified and free of
 * conflicts), unless the admin has a conflict of interest with the teacher (assignRefusal) or is a
 * party to the work (assignerParty: they scored what it settles, or asked for the second look;
 * assignPartyRefusal), checked before anything else and again inside the transaction. Any
 * current claim of the same kind is released: that is a reassignment. Someone else's live claim is
 * only released when the admin confirmed releasing that very claim (`releaseReviewId`, the one
 * their form showed): it ends that reviewer's work in progress, so it is never done by surprise,
 * and the reviewer is told. Assigning it to the reviewer who holds the claim makes that claim the
 * assignment (renewAsAssignment), running to the assignment's deadline, whether it still runs or
 * ran out; one that already runs that long is left as it is. Other claims that ran out end as such
 * ('review.claim-expire').
 */
export async function assignReview(opts: { actor: Actor; attemptId: string; reviewerId: string; kind?: ReviewKind; releaseReviewId?: string; now?: Date }): Promise<{ reviewId: string; reassigned: boolean }> {
  const now = opts.now ?? new Date();
  const kind = opts.kind ?? 'PRIMARY';
  const a = await loadAttemptForReview(opts.attemptId);
  if (!a) throw notFound('That submission');
  const issuer = a.submission.microCredential.issuer;
  if (!isIssuerAdmin(opts.actor, issuer.id)) throw notFound('That submission');
  const own = conflictOfInterest(opts.actor, teacherOf(a), issuer);
  if (own) throw forbidden(assignRefusal(own));
  // Before anything about the work's claims is said or done: releasing another admin's claim on it
  // (releaseReviewId) and renewing a holder's claim go through here too.
  const party = assignerParty(opts.actor.id, a, kind);
  if (party) throw forbidden(assignPartyRefusal(party, kind));
  const reviewer = await loadActor(opts.reviewerId);
  if (!reviewer) throw notFound('That reviewer');
  const denial = await reviewDenial(reviewer, a, kind);
  if (denial) throw forbidden(denialForOthers[denial] ?? denialMessages[denial]);
  assertClaimable(a, kind);
  const current = a.reviews.filter((r) => r.kind === kind && r.status === 'CLAIMED');
  // An assignment is deliberate work: it lasts at least until the service-level deadline.
  const expires = new Date(Math.max(now.getTime() + minutes(issuer.claimMinutes), a.dueAt?.getTime() ?? 0));
  const same = current.find((r) => r.reviewerId === reviewer.id);
  // Their claim already runs at least as long as the assignment would (it is one already): nothing to change.
  if (same && same.claimExpiresAt >= expires) return { reviewId: same.id, reassigned: false };
  if (same) return renewAsAssignment({ actor: opts.actor, a, kind, review: same, expires, live: same.claimExpiresAt > now });
  const live = current.filter((r) => r.claimExpiresAt > now);
  if (live.length) {
    const holders = await db.user.findMany({ where: { id: { in: live.map((r) => r.reviewerId) } }, select: { id: true, name: true } });
    const nameOf = (id: string) => holders.find((u) => u.id === id)?.name || 'another reviewer';
    const unconfirmed = live.find((r) => r.id !== opts.releaseReviewId);
    if (unconfirmed) {
      const name = nameOf(unconfirmed.reviewerId);
      // A confirmation for another claim: the holder changed after the admin's page was loaded.
      if (opts.releaseReviewId) throw conflict(`${name} has claimed this submission since this page was loaded. Reload the page to see the current claim before reassigning it.`);
      const box = `Release ${name}’s claim (their unsaved scores will be discarded)`;
      throw validation(`${name} is reviewing this submission right now. To give it to someone else, tick “${box}” and assign again.`, { releaseReviewId: [`Tick “${box}” to reassign this submission.`] });
    }
  }
  try {
    return await db.$transaction(async (tx) => {
      await lockAttempt(tx, a.id);
      await assertNotParty(tx, opts.actor.id, a.id, kind);
      await assertEnabledHeld(tx, reviewer.id, 'That reviewer’s account has just been disabled. Choose someone else.');
      for (const r of current) {
        const ranOut = r.claimExpiresAt <= now;
        // Only the claim as checked above. One extended meanwhile (an autosave) stays CLAIMED, so the
        // new review below hits Review_one_active_claim and the admin is asked to reload and retry:
        // a claim that had run out and came back to life is never ended without confirmation.
        const u = await tx.review.updateMany({ where: { id: r.id, status: 'CLAIMED', claimExpiresAt: r.claimExpiresAt }, data: { status: ranOut ? 'EXPIRED' : 'RELEASED', version: { increment: 1 } } });
        if (!u.count) continue;
        if (ranOut) {
          // Ended as any claim that ran out is, with the same entry (expireClaimsOf, the sweep).
          await recordAudit({ actorId: opts.actor.id, action: 'review.claim-expire', entityType: 'Review', entityId: r.id, organizationId: issuer.id, data: { attemptId: a.id, kind, reviewerId: r.reviewerId } }, tx);
          continue;
        }
        await notify(
          {
            userId: r.reviewerId, kind: 'review.released',
            title: 'A submission you were reviewing was reassigned',
            body: 'An admin gave a submission you had claimed to another reviewer, so your claim on it has ended and your scores for it will not be used. Your other claims are not affected. You can pick new work from the review queue.',
            href: '/review',
          },
          tx,
        );
      }
      const reassigned = current.length > 0;
      const draft = await draftLeftByExpiry(tx, reviewer.id, a.id, kind);
      const review = await tx.review.create({
        data: { attemptId: a.id, reviewerId: reviewer.id, kind, claimedAt: now, claimExpiresAt: expires, assignedById: opts.actor.id, ...carriedDraft(draft) },
        select: { id: true },
      });
      await assertStillOpenFor(tx, a.id, kind);
      await tx.submission.updateMany({ where: { id: a.submission.id, status: 'SUBMITTED' }, data: { status: 'IN_REVIEW' } });
      await recordAudit(
        {
          actorId: opts.actor.id, action: reassigned ? 'review.reassign' : 'review.assign', entityType: 'Review', entityId: review.id, organizationId: issuer.id,
          data: { attemptId: a.id, kind, reviewerId: reviewer.id, previous: current.map((r) => ({ reviewId: r.id, reviewerId: r.reviewerId })) },
        },
        tx,
      );
      await notifyAssigned(tx, reviewer.id, kind, review.id);
      return { reviewId: review.id, reassigned };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('The claims on this submission changed at the same moment. Reload and try again.');
    throw e;
  }
}

const dueDayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Tells the reviewer of an assignment what it is and when the decision is due: the credential, never
 * the teacher (blind review). Not an admin who assigned the work to themselves (the review row's
 * assignedById, set by both callers before this runs).
 */
async function notifyAssigned(tx: Tx, userId: string, kind: ReviewKind, reviewId: string) {
  const r = await tx.review.findUniqueOrThrow({ where: { id: reviewId }, select: { assignedById: true, attempt: { select: { dueAt: true, submission: { select: { version: { select: { title: true } } } } } } } });
  if (r.assignedById === userId) return;
  const due = r.attempt.dueAt ? ` The decision is due by ${dueDayFmt.format(r.attempt.dueAt)}.` : '';
  await notify(
    {
      userId, kind: 'review.assigned',
      title: kind === 'ADJUDICATION' ? 'A submission needs your adjudication' : kind === 'SECOND_LOOK' ? 'A submission needs your second look' : 'A submission was assigned to you for review',
      body: `An admin of the issuer assigned you a submission for “${r.attempt.submission.version.title}”.${due}`,
      href: `/review/${reviewId}`,
    },
    tx,
  );
}

/**
 * Assigning the work to the reviewer who holds a claim on it that ends before the assignment's
 * deadline (`expires`): a claim that still runs, or one that ran out and nobody has taken since.
 * That claim becomes the assignment, as a fresh one would be: it runs to `expires`, names the
 * admin, and is audited and told alike. Its version stays, so a scoring page the reviewer still has
 * open goes on saving into it. A claim ended meanwhile is not overwritten, nor is one that had run
 * out and was kept meanwhile: the admin reloads. A running claim is kept by the reviewer's own
 * autosaves, which only move its end later; those do not stand in the assignment's way, so its
 * guard is "still held, ending before the deadline" rather than the end as read.
 */
async function renewAsAssignment(opts: { actor: Actor; a: AttemptForReview; kind: ReviewKind; review: { id: string; reviewerId: string; claimExpiresAt: Date }; expires: Date; live: boolean }): Promise<{ reviewId: string; reassigned: boolean }> {
  const { a, kind, review } = opts;
  const issuerId = a.submission.microCredential.issuer.id;
  return db.$transaction(async (tx) => {
    await lockAttempt(tx, a.id);
    await assertNotParty(tx, opts.actor.id, a.id, kind);
    await assertEnabledHeld(tx, review.reviewerId, 'That reviewer’s account has just been disabled. Choose someone else.');
    const ends = opts.live ? { lt: opts.expires } : review.claimExpiresAt;
    const u = await tx.review.updateMany({ where: { id: review.id, status: 'CLAIMED', claimExpiresAt: ends }, data: { claimExpiresAt: opts.expires, assignedById: opts.actor.id } });
    if (u.count !== 1) throw conflict('The claims on this submission changed at the same moment. Reload and try again.');
    await assertStillOpenFor(tx, a.id, kind);
    await tx.submission.updateMany({ where: { id: a.submission.id, status: 'SUBMITTED' }, data: { status: 'IN_REVIEW' } });
    // `renewed`: the claim had run out; `extended`: it still ran (until `extendedFrom`), now to the deadline.
    await recordAudit({ actorId: opts.actor.id, action: 'review.assign', entityType: 'Review', entityId: review.id, organizationId: issuerId, data: { attemptId: a.id, kind, reviewerId: review.reviewerId, previous: [], ...(opts.live ? { extended: true, extendedFrom: review.claimExpiresAt.toISOString() } : { renewed: true }) } }, tx);
    await notifyAssigned(tx, review.reviewerId, kind, review.id);
    return { reviewId: review.id, reassigned: false };
  });
}

type ScoreEntry = { criterionId: string; levelId?: string | null; feedback?: string };

async function loadOwnReview(actor: Actor, reviewId: string) {
  const r = await db.review.findUnique({
    where: { id: reviewId },
    select: {
      id: true, reviewerId: true, status: true, version: true, kind: true, attemptId: true,
      attempt: {
        select: {
          submission: {
            select: {
              microCredential: { select: { issuerId: true, issuer: { select: { claimMinutes: true } } } },
              version: { select: { title: true, passingRuleKind: true, passingLevelRank: true, passingTotal: true, criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true } }, levels: { select: { id: true, rank: true } } } },
            },
          },
        },
      },
    },
  });
  // A reviewer whose rights at the issuer have gone (role removed) no longer has this review.
  if (!r || r.reviewerId !== actor.id || !reviewsFor(actor, r.attempt.submission.microCredential.issuerId)) throw notFound('That review');
  return r;
}


/** Checks every score against the version the teacher answered; returns level ranks by criterion. */
function checkScores(version: NonNullable<Awaited<ReturnType<typeof loadOwnReview>>>['attempt']['submission']['version'], scores: ScoreEntry[]) {
  const criteria = new Set(version.criteria.map((c) => c.id));
  const rankOf = new Map(version.levels.map((l) => [l.id, l.rank]));
  const seen = new Set<string>();
  for (const s of scores) {
    if (!criteria.has(s.criterionId)) throw validation('A score refers to a criterion that is not part of this rubric. Reload the page.');
    if (seen.has(s.criterionId)) throw validation('A criterion was scored twice.');
    seen.add(s.criterionId);
    if (s.levelId && !rankOf.has(s.levelId)) throw validation('A score uses a level that is not part of this rubric. Reload the page.');
    if ((s.feedback ?? '').length > CRITERION_FEEDBACK_MAX) throw validation(CRITERION_FEEDBACK_TOO_LONG, { [`feedback.${s.criterionId}`]: [CRITERION_FEEDBACK_TOO_LONG] });
  }
  return rankOf;
}

/** Scores of criteria given a level; feedback on those without one is a draft's note (saveReviewDraft). */
async function writeScores(tx: Tx, reviewId: string, scores: ScoreEntry[]) {
  for (const s of scores) {
    if (!s.levelId) continue;
    const feedback = (s.feedback ?? '').trim();
    await tx.criterionScore.upsert({
      where: { reviewId_criterionId: { reviewId, criterionId: s.criterionId } },
      create: { reviewId, criterionId: s.criterionId, levelId: s.levelId, feedback },
      update: { levelId: s.levelId, feedback },
    });
  }
}

/**
 * A write guarded by the review's version matched nothing (OTHER_TAB): when the review is no longer
 * CLAIMED, that is not another tab but the claim ending (it ran out and someone else claimed the
 * work, an admin reassigned it, it was submitted): throws the message that says which. Returns when
 * it really was another tab.
 */
async function explainLostWrite(actor: Actor, r: { id: string; attemptId: string; kind: ReviewKind }, now: Date): Promise<void> {
  const now2 = await db.review.findUnique({ where: { id: r.id }, select: { status: true } });
  if (now2 && now2.status !== 'CLAIMED') throw conflict(await claimEndedMessage(actor, { ...r, status: now2.status }, now));
}

/**
 * Autosave of the scoring form while the claim is held. The review's version guards against two
 * tabs overwriting each other; each save keeps the claim alive for at least another `claimMinutes`,
 * and never makes it end sooner than it does when the save is written (an admin's assignment runs to
 * its deadline even when it is made while the save is under way).
 * Feedback on a criterion not given a level yet is kept as the draft's note (Review.draftNotes)
 * until it has one, so nothing the page reports as saved is dropped.
 */
export async function saveReviewDraft(opts: { actor: Actor; reviewId: string; version: number; scores: ScoreEntry[]; overallComment: string; now?: Date }): Promise<{ version: number; savedAt: Date; claimExpiresAt: Date }> {
  const now = opts.now ?? new Date();
  const r = await loadOwnReview(opts.actor, opts.reviewId);
  if (r.status !== 'CLAIMED') throw conflict(await claimEndedMessage(opts.actor, r, now));
  checkScores(r.attempt.submission.version, opts.scores);
  await assertStillMayScore(opts.actor, r, now);
  const criterionIds = r.attempt.submission.version.criteria.map((c) => c.id);
  let claimExpiresAt: Date;
  try {
    claimExpiresAt = await db.$transaction(async (tx) => {
      // The version guards the draft (the notes read here are the ones being replaced), not the
      // claim's end: an admin's assignment (renewAsAssignment) and "Keep my claim" (keepClaim) move
      // it without a new version, and may commit between this read and the write below. So the end
      // is set by the database as the later of the one it holds when written and `until`: a save
      // never shortens the claim, an assignment's deadline included (claimEndAfterActivity).
      const held = await tx.review.findUnique({ where: { id: r.id }, select: { claimExpiresAt: true, draftNotes: true } });
      const until = claimEndAfterActivity(held?.claimExpiresAt ?? null, now, r.attempt.submission.microCredential.issuer.claimMinutes);
      const draftNotes = nextDraftNotes(readDraftNotes(held?.draftNotes, criterionIds), opts.scores);
      const u = await tx.review.updateMany({
        where: { id: r.id, status: 'CLAIMED', version: opts.version },
        data: { overallComment: opts.overallComment, draftNotes, version: { increment: 1 } },
      });
      if (u.count !== 1) throw conflict(OTHER_TAB);
      // The row is this transaction's since the update above, so the end read here is the latest
      // committed one (an assignment that got in first included) and nothing moves it until commit.
      const [kept] = await tx.$queryRaw<{ claimExpiresAt: Date }[]>`
        UPDATE "Review" SET "claimExpiresAt" = GREATEST("claimExpiresAt", ${until}::timestamp(3))
         WHERE "id" = ${r.id}
        RETURNING "claimExpiresAt"`;
      await writeScores(tx, r.id, opts.scores);
      return kept.claimExpiresAt;
    });
  } catch (e) {
    if (isDomainError(e) && e.code === 'CONFLICT' && e.message === OTHER_TAB) await explainLostWrite(opts.actor, r, now);
    throw e;
  }
  // The claim's end as written (never earlier than it was) goes back to the page, whose timer shows it.
  return { version: opts.version + 1, savedAt: now, claimExpiresAt };
}

export type ReviewOutcome = 'PASSED' | 'RETURNED' | 'AWAITING_SECOND' | 'NEEDS_ADJUDICATION';

/**
 * Submits the reviewer's scores. The decision comes from the rubric's passing rule on the server,
 * whatever the client showed. Optimistic versions on the review and on the attempt make sure two
 * tabs or two reviewers cannot both decide: the loser gets a CONFLICT and keeps what they typed.
 * Double-scored attempts wait for a second, independent review; disagreement goes to adjudication.
 */
export async function submitReview(opts: { actor: Actor; reviewId: string; version: number; attemptVersion: number; scores: ScoreEntry[]; overallComment: string; now?: Date }): Promise<{ decision: ReviewDecision; outcome: ReviewOutcome; submissionId: string; awardQueued?: boolean }> {
  const now = opts.now ?? new Date();
  const r = await loadOwnReview(opts.actor, opts.reviewId);
  if (r.status !== 'CLAIMED') throw conflict(await claimEndedMessage(opts.actor, r, now));
  const a = await loadAttemptForReview(r.attemptId);
  if (!a) throw notFound('That submission');
  if (a.status !== 'SUBMITTED' || a.version !== opts.attemptVersion) throw conflict(DECIDED_ELSEWHERE);
  // A reviewer who lost the right to score since claiming: the claim ends now, as on an autosave.
  await assertStillMayScore(opts.actor, r, now, a);

  const version = r.attempt.submission.version;
  const rankOf = checkScores(version, opts.scores);
  const rule = passingRuleOf(version);
  const byCriterion = new Map(opts.scores.map((s) => [s.criterionId, s]));
  const fieldErrors: Record<string, string[]> = {};
  for (const c of version.criteria) {
    const s = byCriterion.get(c.id);
    if (!s?.levelId) fieldErrors[`level.${c.id}`] = [`Choose a level for “${c.title}”.`];
    else if (criterionNeedsFeedback(rule, rankOf.get(s.levelId)!) && !(s.feedback ?? '').trim()) fieldErrors[`feedback.${c.id}`] = [`Write feedback for “${c.title}”: it is below the passing level, so the teacher needs to know what to change.`];
  }
  if (Object.keys(fieldErrors).length) throw validation('Some criteria need attention before you submit.', fieldErrors);
  const ranks = version.criteria.map((c) => ({ criterionId: c.id, rank: rankOf.get(byCriterion.get(c.id)!.levelId!)! }));
  if (shortOnTotalOnly(rule, ranks) && !(opts.overallComment ?? '').trim()) {
    throw validation('Every criterion reaches the floor but the total falls short: say in the overall comment what would raise it.', {
      overallComment: ['Say what would raise the total: each criterion looks fine on its own.'],
    });
  }
  const decision: ReviewDecision = meetsPassingRule(rule, ranks) ? 'PASS' : 'REVISE';

  const issuer = a.submission.microCredential.issuer;
  const org = issuer.id;
  let outcome: ReviewOutcome;
  if (r.kind === 'PRIMARY' && a.doubleScore) outcome = 'AWAITING_SECOND';
  else if (r.kind === 'SECOND') {
    const primary = a.reviews.find((x) => x.kind === 'PRIMARY' && x.status === 'SUBMITTED');
    if (!primary) throw invalidState('The first review of this submission is missing.');
    outcome = primary.decision === decision ? (decision === 'PASS' ? 'PASSED' : 'RETURNED') : 'NEEDS_ADJUDICATION';
  } else outcome = decision === 'PASS' ? 'PASSED' : 'RETURNED'; // PRIMARY alone, ADJUDICATION, SECOND_LOOK: final.

  const secondLookRequester = r.kind === 'SECOND_LOOK' ? await secondLookRequesterToTell(a, opts.actor.id) : null;

  let awardJobId: string | undefined;
  try {
    await db.$transaction(async (tx) => {
      // Lock order: the attempt row, then its reviews, as withdrawSecondLook, claimReview and
      // assignReview take them (lockAttempt). Writing the review first and the attempt after could
      // deadlock with a withdrawal in between. FOR NO KEY UPDATE is the lock the attempt's update
      // below takes anyway, only sooner; a new review's foreign key only shares the key, so even a
      // claimant that took this review row (ending it as run out) before the attempt is not left
      // waiting on the attempt while this waits on the review.
      await lockAttempt(tx, a.id);
      const u = await tx.review.updateMany({
        where: { id: r.id, status: 'CLAIMED', version: opts.version },
        // Every criterion has its level now: its feedback is in its score, so no note is left.
        data: { status: 'SUBMITTED', submittedAt: now, decision, overallComment: opts.overallComment.trim(), draftNotes: {}, version: { increment: 1 } },
      });
      if (u.count !== 1) throw conflict(OTHER_TAB);
      await writeScores(tx, r.id, opts.scores);
      const final = outcome === 'PASSED' || outcome === 'RETURNED';
      const att = await tx.attempt.updateMany({
        where: { id: a.id, status: 'SUBMITTED', version: opts.attemptVersion },
        data: final
          ? { status: outcome === 'PASSED' ? 'PASSED' : 'RETURNED', decidedAt: now, needsAdjudication: false, version: { increment: 1 } }
          : { needsAdjudication: outcome === 'NEEDS_ADJUDICATION', version: { increment: 1 } },
      });
      if (att.count !== 1) throw conflict(DECIDED_ELSEWHERE);
      await recordAudit({ actorId: opts.actor.id, action: 'review.submit', entityType: 'Review', entityId: r.id, organizationId: org, data: { attemptId: a.id, kind: r.kind, decision, ranks } }, tx);
      if (outcome === 'NEEDS_ADJUDICATION') {
        await recordAudit({ actorId: opts.actor.id, action: 'review.disagreement', entityType: 'Attempt', entityId: a.id, organizationId: org, data: { secondReviewId: r.id, decision } }, tx);
        const primaryId = a.reviews.find((x) => x.kind === 'PRIMARY' && x.status === 'SUBMITTED')?.reviewerId;
        await notifyAdjudicators(tx, { attempt: a, scorerIds: [opts.actor.id, ...(primaryId ? [primaryId] : [])], credentialTitle: version.title });
      }
      if (final) {
        if (r.kind === 'ADJUDICATION') await recordAudit({ actorId: opts.actor.id, action: 'review.adjudicate', entityType: 'Attempt', entityId: a.id, organizationId: org, data: { reviewId: r.id, decision } }, tx);
        if (r.kind === 'SECOND_LOOK') await recordAudit({ actorId: opts.actor.id, action: 'review.second-look-decide', entityType: 'Attempt', entityId: a.id, organizationId: org, data: { reviewId: r.id, decision, number: a.number } }, tx);
        if (secondLookRequester) await notifySecondLookDecided(tx, { requesterId: secondLookRequester, submissionId: a.submission.id, credentialTitle: version.title, number: a.number, decision });
        await recordAudit({ actorId: opts.actor.id, action: 'review.decide', entityType: 'Attempt', entityId: a.id, organizationId: org, data: { reviewId: r.id, kind: r.kind, decision } }, tx);
        await tx.submission.update({ where: { id: a.submission.id }, data: { status: outcome === 'PASSED' ? 'EARNED' : 'NEEDS_REVISION' } });
        // Queued with the decision: an earned submission always has a job that will issue its award.
        if (outcome === 'PASSED') awardJobId = await queueAwardIssue(tx, a.submission.id, now);
        if (outcome === 'RETURNED') {
          await notify(
            {
              userId: a.submission.userId, kind: 'review.returned', title: `Your submission for “${version.title}” needs revision`,
              body: r.kind === 'SECOND_LOOK'
                ? 'An independent reviewer took a second look at your evidence. Their decision is that it needs revision, and they left feedback on what to change.'
                : 'A reviewer has scored your evidence and left feedback on what to change.',
              href: `/apply/${a.submission.microCredential.slug}`,
            },
            tx,
          );
        }
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(DECIDED_ELSEWHERE);
    // Tell apart "another tab" from "the claim ended" or "already submitted" for a clear message.
    if (isDomainError(e) && e.code === 'CONFLICT' && e.message === OTHER_TAB) await explainLostWrite(opts.actor, r, now);
    throw e;
  }

  let awardQueued: boolean | undefined;
  if (outcome === 'PASSED' && awardJobId) awardQueued = await issueOrQueueAward(a.submission.id, now, awardJobId);
  return { decision, outcome, submissionId: a.submission.id, awardQueued };
}

/**
 * Issues the award (dated with the decision) after the decision commits. The 'award.issue' job
 * queued in the decision's transaction stays behind if that fails (or the server dies first).
 */
async function issueOrQueueAward(submissionId: string, now: Date, jobId: string): Promise<boolean> {
  return issueQueuedAward(submissionId, jobId, now);
}

/**
 * Sweeps expired claims (the 'review.expire-claims' job; claiming also frees them on demand).
 * Returns how many ran out. Live claims whose reviewer may no longer score the work are the hourly
 * 'review.release-disallowed-claims' job's (releaseClaimsNoLongerAllowed).
 */
export async function expireStaleClaims(opts: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const stale = await db.review.findMany({
    where: { status: 'CLAIMED', claimExpiresAt: { lte: now } },
    orderBy: { claimExpiresAt: 'asc' },
    take: opts.limit ?? 500,
    select: { id: true, kind: true, reviewerId: true, attemptId: true, attempt: { select: { submissionId: true, submission: { select: { microCredential: { select: { issuerId: true } } } } } } },
  });
  let expired = 0;
  for (const r of stale) {
    await db.$transaction(async (tx) => {
      const u = await tx.review.updateMany({ where: { id: r.id, status: 'CLAIMED', claimExpiresAt: { lte: now } }, data: { status: 'EXPIRED', version: { increment: 1 } } });
      if (!u.count) return;
      expired++;
      await settleSubmissionStatus(tx, r.attemptId, r.attempt.submissionId, now);
      await recordAudit({ actorId: null, action: 'review.claim-expire', entityType: 'Review', entityId: r.id, organizationId: r.attempt.submission.microCredential.issuerId, data: { attemptId: r.attemptId, kind: r.kind, reviewerId: r.reviewerId } }, tx);
    });
  }
  return expired;
}

/** An issuer admin qualifies a reviewer for one of the issuer's micro-credentials. */
export async function grantQualification(opts: { actor: Actor; microCredentialId: string; email: string }) {
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { id: true, issuerId: true } });
  if (!mc || !isIssuerAdmin(opts.actor, mc.issuerId)) throw notFound('That micro-credential');
  // Only this issuer's own reviewers and admins, with one answer for everyone else, so the form
  // does not tell whether an address has an account elsewhere on the platform.
  const user = await db.user.findFirst({
    where: { email: opts.email.toLowerCase(), memberships: { some: { organizationId: mc.issuerId, role: { in: ['REVIEWER', 'ISSUER_ADMIN'] } } } },
    select: { id: true },
  });
  if (!user) throw validation('That address is not one of your reviewers.', { email: ['Invite them as a reviewer from People first, then qualify them.'] });
  await db.$transaction(async (tx) => {
    await tx.reviewerQualification.upsert({
      where: { userId_microCredentialId: { userId: user.id, microCredentialId: mc.id } },
      create: { userId: user.id, microCredentialId: mc.id, grantedById: opts.actor.id },
      update: { grantedById: opts.actor.id },
    });
    await recordAudit({ actorId: opts.actor.id, action: 'review.qualify', entityType: 'User', entityId: user.id, organizationId: mc.issuerId, data: { microCredentialId: mc.id } }, tx);
  });
}
