import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { conflict, invalidState, notFound } from '@/lib/errors';
import type { ReviewKind, ReviewStatus } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';
import { loadActors } from '@/lib/auth/load-actor';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { loadAttemptForReview, loadAttemptsForReview, loadQualifications, reviewDenial, teacherOf, type AttemptForReview } from '@/lib/review/context';
import { withdrawnBecause } from '@/lib/review/conflict-words';
import { claimEndAfterActivity, conflictOfInterest, denialMessageFor, hidesConflictTie, qualificationDenial, reviewsFor, type QualificationState, type ReviewDenial } from '@/lib/review/policy';

// Keeping a claim alive without changing anything (WCAG 2.2.1: a reviewer reading evidence or
// watching a lesson video is warned before the claim runs out and can extend it). Autosave extends
// a claim too (saveReviewDraft); this is for when nothing was typed.

/**
 * Extends the actor's live claim to at least `claimMinutes` from now (never shortens an admin's
 * assignment). A claim still CLAIMED has not been taken by anyone: taking it marks it EXPIRED first.
 * The review's version is left alone, so the scoring form's autosave is not disturbed.
 */
export async function keepClaim(opts: { actor: Actor; reviewId: string; now?: Date }): Promise<{ claimExpiresAt: Date }> {
  const now = opts.now ?? new Date();
  const r = await db.review.findUnique({
    where: { id: opts.reviewId },
    select: { id: true, attemptId: true, kind: true, reviewerId: true, status: true, claimExpiresAt: true, attempt: { select: { submission: { select: { microCredential: { select: { issuerId: true, issuer: { select: { claimMinutes: true } } } } } } } } },
  });
  if (!r || r.reviewerId !== opts.actor.id || !reviewsFor(opts.actor, r.attempt.submission.microCredential.issuerId)) throw notFound('That review');
  if (r.status !== 'CLAIMED') throw conflict(await claimEndedMessage(opts.actor, r, now));
  await assertStillMayScore(opts.actor, r, now);
  const until = claimEndAfterActivity(r.claimExpiresAt, now, r.attempt.submission.microCredential.issuer.claimMinutes);
  const u = await db.review.updateMany({ where: { id: opts.reviewId, reviewerId: opts.actor.id, status: 'CLAIMED', claimExpiresAt: r.claimExpiresAt }, data: { claimExpiresAt: until } });
  if (u.count !== 1) {
    // Changed meanwhile (an autosave extended it, or the claim ended): answer with what is there now.
    const now2 = await db.review.findUnique({ where: { id: opts.reviewId }, select: { status: true, claimExpiresAt: true } });
    if (!now2) throw notFound('That review');
    if (now2.status !== 'CLAIMED') throw conflict(await claimEndedMessage(opts.actor, { ...r, status: now2.status }, now));
    return { claimExpiresAt: now2.claimExpiresAt };
  }
  return { claimExpiresAt: until };
}

/**
 * Back to "waiting for review" when nobody holds or has submitted a review of the attempt. During a
 * second look only that review counts: the set-aside ones are history, not work in progress.
 */
export async function settleSubmissionStatus(tx: Tx, attemptId: string, submissionId: string, now: Date) {
  const a = await tx.attempt.findUnique({ where: { id: attemptId }, select: { secondLookRequestedAt: true } });
  const kind = a?.secondLookRequestedAt ? { kind: 'SECOND_LOOK' as const } : {};
  const busy = await tx.review.count({ where: { attemptId, ...kind, OR: [{ status: 'SUBMITTED' }, { status: 'CLAIMED', claimExpiresAt: { gt: now } }] } });
  if (!busy) await tx.submission.updateMany({ where: { id: submissionId, status: 'IN_REVIEW' }, data: { status: 'SUBMITTED' } });
}

/** The reason releaseAllClaimsOf (lib/review/mutations.ts) records when an account is disabled. */
const RELEASE_ACCOUNT_DISABLED = 'account disabled';

/**
 * Gives back the reviewer's live claims (all of them; or those at one issuer, for one credential, of
 * some kinds, or one claim) when they may no longer score that work: their account was disabled,
 * their reviewer role at the issuer removed, their qualification for the credential withdrawn, or
 * they were found to have lost the right to score it (endClaimIfMayNotScore). The work returns to
 * the queue at once instead of waiting for the claim to run out (which "Keep my claim" could put
 * off, and an assignment runs to the deadline); `reason` is recorded and shown to the reviewer, who
 * is also told in a notice (tellReleased) unless `quiet` (they are on the page and told there).
 */
export async function releaseClaimsOf(tx: Tx, reviewerId: string, actorId: string | null, now: Date, opts: { issuerId?: string; microCredentialId?: string; reviewId?: string; kinds?: ReviewKind[]; reason: string; denial?: ReviewDenial; quiet?: boolean }): Promise<number> {
  const held = await tx.review.findMany({
    where: {
      reviewerId, status: 'CLAIMED',
      ...(opts.reviewId ? { id: opts.reviewId } : {}),
      ...(opts.kinds ? { kind: { in: opts.kinds } } : {}),
      ...(opts.issuerId || opts.microCredentialId ? { attempt: { submission: { ...(opts.microCredentialId ? { microCredentialId: opts.microCredentialId } : {}), ...(opts.issuerId ? { microCredential: { issuerId: opts.issuerId } } : {}) } } } : {}),
    },
    select: { id: true, kind: true, attemptId: true, attempt: { select: { submissionId: true, submission: { select: { version: { select: { title: true } }, microCredential: { select: { issuerId: true } } } } } } },
  });
  let released = 0;
  const titles = new Set<string>();
  const issuers = new Set<string>();
  for (const r of held) {
    const u = await tx.review.updateMany({ where: { id: r.id, status: 'CLAIMED' }, data: { status: 'RELEASED', version: { increment: 1 } } });
    if (!u.count) continue;
    released += 1;
    titles.add(r.attempt.submission.version.title);
    issuers.add(r.attempt.submission.microCredential.issuerId);
    await settleSubmissionStatus(tx, r.attemptId, r.attempt.submissionId, now);
    await recordAudit({ actorId, action: 'review.release', entityType: 'Review', entityId: r.id, organizationId: r.attempt.submission.microCredential.issuerId, data: { attemptId: r.attemptId, kind: r.kind, reviewerId, reason: opts.reason, ...(opts.denial ? { denial: opts.denial } : {}) } }, tx);
  }
  if (released && !opts.quiet) await tellReleased(tx, reviewerId, actorId, { released, titles: [...titles], issuerIds: [...issuers], reason: opts.reason });
  return released;
}

/**
 * One notice per release to the reviewer whose work went back to the queue, with the reason their
 * ended claim's page shows (claimEndText), so they do not find out only when they next open it.
 * Never the teacher's name (blind review). Not for a disabled account (it cannot sign in), nor when
 * the reviewer did it themselves. It links to the review queue only while they may still open it (a
 * reviewer or issuer admin somewhere, or a platform admin, as its page requires), and points to the
 * review pages only while those still open for them (reviewsFor each issuer of the work): someone
 * whose reviewer role was just removed is not sent where they would be turned away.
 */
async function tellReleased(tx: Tx, reviewerId: string, actorId: string | null, what: { released: number; titles: string[]; issuerIds: string[]; reason: string }) {
  if (actorId === reviewerId || what.reason === RELEASE_ACCOUNT_DISABLED) return;
  // Read in the caller's transaction: a role removed in it is already gone here.
  const reviewer = await tx.user.findUnique({
    where: { id: reviewerId },
    select: { disabledAt: true, memberships: { where: { role: { in: ['REVIEWER', 'ISSUER_ADMIN', 'PLATFORM_ADMIN'] } }, select: { role: true, organizationId: true } } },
  });
  if (!reviewer || reviewer.disabledAt) return;
  const roles = reviewer.memberships;
  const queue = roles.length > 0;
  const pages = roles.some((m) => m.role === 'PLATFORM_ADMIN') || what.issuerIds.every((id) => roles.some((m) => m.organizationId === id));
  const one = what.released === 1;
  await notify(
    {
      userId: reviewerId,
      kind: 'review.released',
      title: what.titles.length === 1 ? `Work you were reviewing for “${what.titles[0]}” went back to the queue` : 'Work you were reviewing went back to the queue',
      body: `Your claim on ${one ? 'a submission' : `${what.released} submissions`} has ended: ${one ? 'it was' : 'they were'} returned to the queue (${what.reason}), so ${one ? 'it' : 'they'} can no longer be scored by you.${pages ? ` Your scores and feedback so far are still on ${one ? 'its review page' : 'their review pages'}.` : ''}`,
      href: queue ? '/review' : undefined,
    },
    tx,
  );
}

/** The work a qualification (an admin's grant or the badge, and calibration) lets someone score: adjudication needs none. */
export const QUALIFIED_KINDS: ReviewKind[] = ['PRIMARY', 'SECOND', 'SECOND_LOOK'];

/**
 * In the transaction that changed how reviewers stand for a credential (a badge revoked or
 * suspended, calibrations reset by a new rubric, a calibration sample added or scored again on the
 * current rubric, an admin's grant or the reviewer role removed): the claims on its work (of one
 * credential, or of every credential of an issuer; of `reviewerId`, or of everyone) whose reviewer
 * that leaves unqualified go back to the queue now, rather than staying open to them until they run
 * out. `denial`: only those left with that denial (NOT_QUALIFIED, NOT_CALIBRATED); without it, either.
 * Whoever still qualifies (an admin's grant, another badge of it, a calibration that still stands)
 * keeps theirs, and so does an adjudicating admin (adjudication needs no qualification). Cheap when
 * nobody holds the work; the holders' standing is read for all of them at once, per credential.
 */
export async function releaseClaimsIfUnqualified(
  tx: Tx,
  opts: ({ microCredentialId: string } | { issuerId: string }) & { reviewerId?: string; denial?: 'NOT_QUALIFIED' | 'NOT_CALIBRATED'; actorId: string | null; now: Date; reason: string },
): Promise<number> {
  const held = await tx.review.findMany({
    where: {
      ...(opts.reviewerId ? { reviewerId: opts.reviewerId } : {}),
      status: 'CLAIMED', kind: { in: QUALIFIED_KINDS },
      attempt: { submission: 'microCredentialId' in opts ? { microCredentialId: opts.microCredentialId } : { microCredential: { issuerId: opts.issuerId } } },
    },
    distinct: ['reviewerId', 'attemptId'],
    select: { reviewerId: true, attempt: { select: { submission: { select: { microCredentialId: true, microCredential: { select: { issuer: { select: { calibrationRequired: true } } } } } } } } },
  });
  if (!held.length) return 0;
  // The holders of each credential's work, with its issuer's calibration rule.
  const byCredential = new Map<string, { issuer: { calibrationRequired: boolean }; reviewerIds: Set<string> }>();
  for (const r of held) {
    const { microCredentialId, microCredential } = r.attempt.submission;
    const entry = byCredential.get(microCredentialId) ?? { issuer: microCredential.issuer, reviewerIds: new Set<string>() };
    entry.reviewerIds.add(r.reviewerId);
    byCredential.set(microCredentialId, entry);
  }
  let released = 0;
  for (const [microCredentialId, { issuer, reviewerIds }] of byCredential) {
    const standing = await loadQualifications([...reviewerIds], microCredentialId, tx);
    for (const reviewerId of reviewerIds) {
      const denial = qualificationDenial(issuer, standing.get(reviewerId) ?? null);
      if (!denial || (opts.denial && denial !== opts.denial)) continue;
      released += await releaseClaimsOf(tx, reviewerId, opts.actorId, opts.now, { microCredentialId, kinds: QUALIFIED_KINDS, reason: opts.reason });
    }
  }
  return released;
}


/**
 * withdrawnBecause[denial] for a claim on this issuer's work: under blind review a tie between
 * reviewer and teacher is not named (hidesConflictTie), in the notice, the page and the audit entry
 * alike, since the reviewer reads all three.
 */
export function withdrawnReason(denial: ReviewDenial, issuer: { blindReview: boolean }): string {
  return hidesConflictTie(denial, issuer) ? 'a conflict-of-interest rule now applies to you and this work (this issuer reviews blind, so which rule is not said)' : withdrawnBecause[denial];
}

/**
 * Ends the actor's claim on review `r` if they may no longer score its work (their qualifying badge
 * revoked or suspended, their calibration reset, a conflict of interest that appeared since): it
 * goes back to the queue at once, with why in its 'review.release' entry, as releaseClaimsOf does
 * when an admin withdraws someone's rights. Nothing may have told us when it happened, so whatever
 * the reviewer does with the claim next (keep it, autosave, submit) checks, and the periodic sweep
 * (releaseClaimsNoLongerAllowed) catches the rest. Opening the review page only shows it
 * (getReviewWorkspace): a page view writes nothing. Returns the denial with the issuer's blind-review
 * setting (what the caller may tell them: denialMessageFor), or null when they may still score.
 * `a`: the attempt, when already loaded.
 */
export async function endClaimIfMayNotScore(actor: Actor, r: { id: string; attemptId: string; kind: ReviewKind }, now: Date, a?: AttemptForReview | null): Promise<{ denial: ReviewDenial; issuer: { blindReview: boolean } } | null> {
  const attempt = a ?? (await loadAttemptForReview(r.attemptId));
  if (!attempt) throw notFound('That submission');
  const denial = await reviewDenial(actor, attempt, r.kind);
  // The reviewer is acting now and is told by the caller's message: no notice as well.
  if (denial) await db.$transaction((tx) => releaseClaimsOf(tx, actor.id, null, now, { reviewId: r.id, reason: withdrawnReason(denial, attempt.submission.microCredential.issuer), denial, quiet: true }));
  return denial ? { denial, issuer: attempt.submission.microCredential.issuer } : null;
}

/**
 * A claim is kept alive (kept, or extended by an autosave) only while its reviewer may still score
 * the work: one who lost the right since claiming is told now, not at submit, and the claim ends
 * (endClaimIfMayNotScore) instead of running on, to the deadline when it was assigned, with the
 * evidence open to them. A CONFLICT, as for any claim that has ended: the page stops saving.
 */
export async function assertStillMayScore(actor: Actor, r: { id: string; attemptId: string; kind: ReviewKind }, now: Date, a?: AttemptForReview | null): Promise<void> {
  const ended = await endClaimIfMayNotScore(actor, r, now, a);
  if (ended) throw conflict(`${denialMessageFor(ended.denial, ended.issuer)} Your claim on this submission has ended and the work has gone back to the queue. Your scores and feedback are still on this page.`);
}

/** Live claims read per batch by releaseClaimsNoLongerAllowed. */
const SWEEP_BATCH = 200;

/**
 * The hourly 'review.release-disallowed-claims' job: live claims whose reviewer may no longer score
 * the work go back to the queue, with why, and the reviewer is told in a notice. The changes that
 * withdraw rights on purpose give claims back themselves (releaseClaimsOf,
 * releaseClaimsIfUnqualified), so do the placement moves the app makes, for the people moved
 * (releaseClaimsAfterPlacementMove), and a reviewer acting on a claim is checked then
 * (endClaimIfMayNotScore); this catches what nothing told us about (a placement changed by hand or
 * by an import, a badge lapsed the same way, a give-back after a move that failed), so such a claim
 * does not hold the work until it runs out (an assignment, up to its deadline) when its reviewer
 * does not act on it.
 *
 * Almost always finds nothing, so it reads in bulk: per batch of SWEEP_BATCH live claims, their
 * attempts in one query, the reviewers not seen yet in one, and the reviewers' standing once per
 * credential (loadQualifications). Who may score is still reviewDenial's answer, given what was read.
 * Returns how many were given back.
 */
export async function releaseClaimsNoLongerAllowed(opts: { now?: Date } = {}): Promise<number> {
  return releaseDisallowedLiveClaims({}, opts.now ?? new Date());
}

/**
 * The sweep for the people a placement move touched, right after the move commits (a leader places
 * a teacher at another school or removes them, a teacher leaves, a request to join is confirmed, an
 * invitation accepted): the move can put a reviewer in the same school or district as a teacher
 * whose work they hold, on either side. So the live claims held by any of `userIds`, and those on
 * any of their own work, are judged exactly as the hourly sweep judges them (reviewDenial) and
 * given back, with the same reason and notice, instead of up to an hour later. Claims the move left
 * allowed are kept. Reads what the move committed: call it after the transaction, not inside it.
 */
export async function releaseClaimsNoLongerAllowedFor(opts: { userIds: readonly string[]; now?: Date }): Promise<number> {
  const ids = [...new Set(opts.userIds)];
  if (!ids.length) return 0;
  return releaseDisallowedLiveClaims({ OR: [{ reviewerId: { in: ids } }, { attempt: { submission: { userId: { in: ids } } } }] }, opts.now ?? new Date());
}

/**
 * releaseClaimsNoLongerAllowedFor for a move that has committed, from the code that made it: a
 * failure here is logged, not thrown, since the move itself stands (the caller's page must say so)
 * and the hourly sweep gives back whatever this could not.
 */
export async function releaseClaimsAfterPlacementMove(userIds: readonly string[]): Promise<void> {
  try {
    await releaseClaimsNoLongerAllowedFor({ userIds });
  } catch (e) {
    console.error(`[review] giving back claims after a placement move of ${userIds.join(', ')} failed; the hourly sweep will:`, e);
  }
}

/** The sweep's work, over the live claims that also match `scope` (none: every live claim). */
async function releaseDisallowedLiveClaims(scope: Prisma.ReviewWhereInput, now: Date): Promise<number> {
  const actors = new Map<string, Actor | null>();
  let released = 0;
  let after: string | undefined;
  for (;;) {
    const live = await db.review.findMany({
      where: { ...scope, status: 'CLAIMED', claimExpiresAt: { gt: now }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: SWEEP_BATCH,
      select: { id: true, kind: true, reviewerId: true, attemptId: true },
    });
    if (!live.length) return released;
    const unseen = [...new Set(live.map((r) => r.reviewerId).filter((id) => !actors.has(id)))];
    const [loaded, attempts] = await Promise.all([loadActors(unseen), loadAttemptsForReview(live.map((r) => r.attemptId))]);
    for (const [id, who] of loaded) actors.set(id, who);

    // Whose standing is needed for which credential: only for the kinds a qualification governs.
    const wanted = new Map<string, Set<string>>();
    for (const r of live) {
      const a = attempts.get(r.attemptId);
      if (!a || !actors.get(r.reviewerId) || !QUALIFIED_KINDS.includes(r.kind)) continue;
      const mcId = a.submission.microCredentialId;
      if (!wanted.has(mcId)) wanted.set(mcId, new Set());
      wanted.get(mcId)!.add(r.reviewerId);
    }
    const standing = new Map<string, Map<string, QualificationState>>();
    for (const [mcId, ids] of wanted) standing.set(mcId, await loadQualifications([...ids], mcId));

    for (const r of live) {
      const who = actors.get(r.reviewerId);
      // A disabled account: disabling gave its claims back (releaseAllClaimsOf); one left over goes now.
      let reason = who ? null : RELEASE_ACCOUNT_DISABLED;
      let denial: ReviewDenial | null = null;
      const a = attempts.get(r.attemptId);
      if (who && a) {
        denial = await reviewDenial(who, a, r.kind, standing.get(a.submission.microCredentialId)?.get(r.reviewerId));
        if (denial) reason = withdrawnReason(denial, a.submission.microCredential.issuer);
      }
      if (!reason) continue;
      // The exact rule stays on record for admins (`denial`) when the reviewer's words leave it unsaid.
      const n = await db.$transaction((tx) => releaseClaimsOf(tx, r.reviewerId, null, now, { reviewId: r.id, reason, ...(denial ? { denial } : {}) }));
      released += n;
      // Later claims on the same attempt are judged on what it is now, as a fresh read would show
      // (a claim given back no longer counts against the same reviewer's other claim on it).
      const mine = n ? a?.reviews.find((x) => x.id === r.id) : undefined;
      if (mine) mine.status = 'RELEASED';
    }
    if (live.length < SWEEP_BATCH) return released;
    after = live[live.length - 1].id;
  }
}

/**
 * State checks for taking a claim of `kind` (not who: that is the policy's job). Shared by claiming,
 * assigning and the "claim it again" offer on a claim that ran out, so all three agree.
 */
export function assertClaimable(a: AttemptForReview, kind: ReviewKind) {
  if (a.status !== 'SUBMITTED' || !['SUBMITTED', 'IN_REVIEW'].includes(a.submission.status)) throw conflict('This submission is no longer waiting for review: it was decided, or its teacher took it back to edit.');
  const submitted = (k: ReviewKind) => a.reviews.find((r) => r.kind === k && r.status === 'SUBMITTED');
  // An attempt sent back for a second look waits for that one review only.
  if (kind === 'SECOND_LOOK') {
    if (!a.secondLookRequestedAt) throw invalidState('No second look was asked for on this submission.');
    if (submitted('SECOND_LOOK')) throw conflict('This submission has already had its second look.');
    return;
  }
  if (a.secondLookRequestedAt) throw invalidState('This submission is waiting for a second look by an independent reviewer: claim it from the “Second look” tab of the review queue.');
  if (kind === 'PRIMARY') {
    if (submitted('PRIMARY')) throw conflict('This submission has already been scored.');
  } else if (kind === 'SECOND') {
    if (!a.doubleScore) throw invalidState('This submission was not sampled for double scoring.');
    if (!submitted('PRIMARY')) throw invalidState('The first review of this submission is not finished yet.');
    if (submitted('SECOND') || a.needsAdjudication) throw conflict('This submission already has its second score.');
  } else {
    if (!a.needsAdjudication) throw invalidState('This submission does not need adjudication.');
    if (submitted('ADJUDICATION')) throw conflict('This submission has already been adjudicated.');
  }
}

/**
 * How a reviewer's claim ended, for telling them the truth about it. Every path that ends a claim
 * leaves a different trace:
 * - EXPIRED: it ran out (the sweep, someone claiming after it ran out, or an admin assigning over it
 *   once it had run out). Nothing else sets EXPIRED.
 * - RELEASED with a 'review.release' audit entry: the reviewer gave it back themselves (no reason),
 *   or it was withdrawn because their rights went (account disabled, role or qualification removed:
 *   the entry's reason says which).
 * - RELEASED without one: an admin reassigned it (assignReview records 'review.reassign' on the new
 *   review instead).
 */
export type ClaimEnd = {
  why: 'RAN_OUT' | 'REASSIGNED' | 'RELEASED' | 'WITHDRAWN';
  /** WITHDRAWN: the reason recorded when the claims were given back. */
  reason: string | null;
  attemptId: string;
  kind: ReviewKind;
  /**
   * Where the work stands now: nobody holds it, another reviewer does, the reviewer has claimed it
   * again (`currentReviewId`), or this kind of work is done (scored, decided, no longer needed).
   */
  workNow: 'FREE' | 'OTHER' | 'YOURS' | 'DONE';
  currentReviewId: string | null;
  /** It ran out and the reviewer may claim it again right now (the queue's checks): their draft comes with it. */
  canClaimAgain: boolean;
  /** Why they may not, when it is about them (a conflict of interest, a qualification). */
  cannotClaimBecause: string | null;
};

type EndedReview = { id: string; attemptId: string; kind: ReviewKind; status: ReviewStatus };

async function describeClaimEnd(actor: Actor, r: EndedReview, now: Date): Promise<ClaimEnd> {
  let why: ClaimEnd['why'] = 'RAN_OUT';
  let reason: string | null = null;
  if (r.status === 'RELEASED') {
    const release = await db.auditLog.findFirst({ where: { entityType: 'Review', entityId: r.id, action: 'review.release' }, orderBy: { id: 'desc' }, select: { data: true } });
    const recorded = release?.data && typeof release.data === 'object' && !Array.isArray(release.data) ? release.data.reason : undefined;
    if (!release) why = 'REASSIGNED';
    else if (typeof recorded === 'string' && recorded) {
      why = 'WITHDRAWN';
      reason = recorded;
    } else why = 'RELEASED';
  }
  const a = await loadAttemptForReview(r.attemptId);
  if (!a) throw notFound('That submission');
  const claims = a.reviews.filter((x) => x.kind === r.kind && x.status === 'CLAIMED');
  const yours = claims.find((x) => x.reviewerId === actor.id);
  const other = claims.some((x) => x.reviewerId !== actor.id && x.claimExpiresAt > now);
  let done = false;
  try {
    assertClaimable(a, r.kind);
  } catch {
    done = true;
  }
  const workNow: ClaimEnd['workNow'] = yours ? 'YOURS' : done ? 'DONE' : other ? 'OTHER' : 'FREE';
  let cannotClaimBecause: string | null = null;
  if (why === 'RAN_OUT' && workNow === 'FREE') {
    const denial = await reviewDenial(actor, a, r.kind);
    if (denial) cannotClaimBecause = denialMessageFor(denial, a.submission.microCredential.issuer);
  }
  return { why, reason, attemptId: r.attemptId, kind: r.kind, workNow, currentReviewId: yours?.id ?? null, canClaimAgain: why === 'RAN_OUT' && workNow === 'FREE' && !cannotClaimBecause, cannotClaimBecause };
}

/**
 * For the review page of a claim that has ended (not one that was submitted): how it ended and
 * whether the reviewer can pick the work up again. Null when it is not the actor's ended claim.
 */
export async function getClaimEnd(opts: { actor: Actor; reviewId: string; now?: Date }): Promise<ClaimEnd | null> {
  const r = await db.review.findUnique({
    where: { id: opts.reviewId },
    select: { id: true, attemptId: true, kind: true, status: true, reviewerId: true, attempt: { select: { submission: { select: { microCredential: { select: { issuerId: true } } } } } } },
  });
  if (!r || r.reviewerId !== opts.actor.id || !reviewsFor(opts.actor, r.attempt.submission.microCredential.issuerId)) return null;
  if (r.status === 'CLAIMED' || r.status === 'SUBMITTED') return null;
  return describeClaimEnd(opts.actor, r, opts.now ?? new Date());
}

/** What happened, in plain words: never "someone took it" unless someone did. */
export function claimEndText(end: ClaimEnd): string {
  if (end.why === 'REASSIGNED') return 'Your claim on this submission has ended: an admin reassigned the submission to another reviewer, so it can no longer be scored here.';
  if (end.why === 'WITHDRAWN') return `Your claim on this submission has ended: it was returned to the queue (${end.reason}), so it can no longer be scored here.`;
  if (end.why === 'RELEASED') return 'Your claim on this submission has ended: you released it, so it can no longer be scored here.';
  if (end.workNow === 'YOURS') return 'Your claim ran out, and you have claimed this submission again since: carry on in your current claim.';
  if (end.workNow === 'OTHER') return 'Your claim ran out and another reviewer has claimed this submission since, so your claim on this submission has ended and it can no longer be scored here.';
  if (end.workNow === 'DONE') return 'Your claim ran out and this submission has been scored or decided since, so your claim on this submission has ended and it can no longer be scored here.';
  if (end.cannotClaimBecause) return `Your claim ran out, and you cannot claim this submission again. ${end.cannotClaimBecause}`;
  return 'Your claim ran out. Nobody else has taken this submission, so you can claim it again and keep your saved draft.';
}

/**
 * The message for an action refused because review `r` is no longer CLAIMED (keeping it, an
 * autosave, submitting).
 */
export async function claimEndedMessage(actor: Actor, r: EndedReview, now: Date): Promise<string> {
  if (r.status === 'SUBMITTED') return 'You have already submitted this review (perhaps in another tab). Reload the page to see it.';
  const end = await describeClaimEnd(actor, r, now);
  const next = end.canClaimAgain ? ' Reload the page to claim it again.' : end.workNow === 'YOURS' ? ' Open it from your claims in the review queue.' : '';
  return `${claimEndText(end)}${next} Your scores and feedback are still on this page.`;
}

export type ClaimHolder = { reviewId: string; kind: ReviewKind; reviewerId: string; reviewerName: string; claimExpiresAt: Date };

/**
 * Who holds a live claim on the attempt, for an issuer admin about to assign it: assigning over a
 * live claim releases it, so the admin must see whose work they would end. Null when the actor is
 * not an admin of the attempt's issuer; nobody for an admin with a conflict of interest with the
 * teacher, who may not assign it (assignReview) and so has no business knowing who reviews it.
 */
export async function listLiveClaimHolders(opts: { actor: Actor; attemptId: string; now?: Date }): Promise<ClaimHolder[] | null> {
  const now = opts.now ?? new Date();
  const a = await loadAttemptForReview(opts.attemptId);
  if (!a || !isIssuerAdmin(opts.actor, a.submission.microCredential.issuerId)) return null;
  if (conflictOfInterest(opts.actor, teacherOf(a), a.submission.microCredential.issuer)) return [];
  const rows = await db.review.findMany({
    where: { attemptId: opts.attemptId, status: 'CLAIMED', claimExpiresAt: { gt: now } },
    orderBy: { claimedAt: 'asc' },
    select: { id: true, kind: true, reviewerId: true, claimExpiresAt: true, reviewer: { select: { name: true } } },
  });
  return rows.map((r) => ({ reviewId: r.id, kind: r.kind, reviewerId: r.reviewerId, reviewerName: r.reviewer.name, claimExpiresAt: r.claimExpiresAt }));
}

/**
 * The one kind of work an attempt waiting for review can be given out for now (what assertClaimable
 * would accept), or null when it waits for none: the second look once one was asked for, the
 * adjudication of a disagreement, the first review, or the second score of a double-scored attempt.
 */
export function workWaitingFor(a: { secondLookRequestedAt: Date | null; needsAdjudication: boolean; doubleScore: boolean; reviews: { kind: ReviewKind; status: ReviewStatus }[] }): ReviewKind | null {
  if (a.secondLookRequestedAt) return 'SECOND_LOOK';
  if (a.needsAdjudication) return 'ADJUDICATION';
  const submitted = (k: ReviewKind) => a.reviews.some((r) => r.kind === k && r.status === 'SUBMITTED');
  if (!submitted('PRIMARY')) return 'PRIMARY';
  return a.doubleScore && !submitted('SECOND') ? 'SECOND' : null;
}

/** How an admin is a party to some work on an attempt (assignerParty): they scored what it settles, or asked for the second look. */
export type AssignerParty = 'SCORED' | 'ASKED_FOR_SECOND_LOOK';

/** The reviews whose scorers are parties to work of each kind: the second score is independent of the first; adjudication settles the two; a second look reviews the whole decision it sets aside. */
const PARTY_KINDS: Record<ReviewKind, ReviewKind[]> = { PRIMARY: [], SECOND: ['PRIMARY'], ADJUDICATION: ['PRIMARY', 'SECOND'], SECOND_LOOK: ['PRIMARY', 'SECOND', 'ADJUDICATION'] };

/**
 * Whether `actorId` is a party to the work of `kind` on this attempt, and so may not choose who does
 * it (assignReview): whoever could not review the work does not pick its reviewer either, as
 * canAdjudicate and canTakeSecondLook keep them from doing it themselves (ALREADY_SCORED,
 * ASKED_FOR_SECOND_LOOK). A scorer is whoever submitted, or holds, a review that work settles or must
 * be independent of; for a second look also the admin who asked for it. Null when they are not one.
 */
export function assignerParty(actorId: string, a: { secondLookRequestedById: string | null; reviews: { kind: ReviewKind; status: ReviewStatus; reviewerId: string }[] }, kind: ReviewKind): AssignerParty | null {
  if (kind === 'SECOND_LOOK' && a.secondLookRequestedById === actorId) return 'ASKED_FOR_SECOND_LOOK';
  const settles = PARTY_KINDS[kind];
  if (a.reviews.some((r) => r.reviewerId === actorId && settles.includes(r.kind) && (r.status === 'SUBMITTED' || r.status === 'CLAIMED'))) return 'SCORED';
  return null;
}

/** Why a party to the work (assignerParty) may not assign it, in plain words: what assignReview refuses with and the assign pages say instead of offering it. */
export function assignPartyRefusal(party: AssignerParty, kind: ReviewKind): string {
  if (party === 'ASKED_FOR_SECOND_LOOK') return 'You asked for this second look, so another admin of the issuer assigns it: its reviewer is chosen independently of the request.';
  if (kind === 'SECOND') return 'You gave this submission its first score, so another admin of the issuer assigns its second score: the two scores must be independent.';
  if (kind === 'ADJUDICATION') return 'You scored this submission, so another admin of the issuer assigns its adjudication: whoever settles the disagreement is not chosen by one of the scorers.';
  return 'You scored this submission, so another admin of the issuer assigns the second look at it: whoever looks at the decision again is not chosen by someone who made it.';
}
