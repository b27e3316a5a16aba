import 'server-only';
import { db, type Tx } from '@/lib/db';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import type { ReviewDecision } from '@/lib/generated/prisma/enums';
import { conflict, forbidden, invalidState, notFound } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { notify, notifyMany, stillReviewingFor } from '@/lib/notifications/notify';
import { loadActor } from '@/lib/auth/load-actor';
import { addBusinessDays } from '@/lib/review/sla';
import { conflictOfInterest, teacherConflictSelect, teacherRef, type ReviewDenial } from '@/lib/review/policy';
import { listReviewerCandidateIds, loadAttemptForReview, reviewDenial, teacherOf, type AttemptForReview } from '@/lib/review/context';
import { decidingReviews } from '@/lib/submissions/deciding-reviews';
import {
  SECOND_LOOK_ALREADY, SECOND_LOOK_CHANGED, SECOND_LOOK_NOBODY, SECOND_LOOK_OWN_CONFLICT, SECOND_LOOK_REVISION_STARTED, WITHDRAW_NOT_PENDING, WITHDRAW_TAKEN, secondLookRefusal,
} from '@/lib/review/second-look-rules';

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** At most this many eligible reviewers are told that a second look is waiting (the first to claim it takes it). */
export const SECOND_LOOK_NOTICE_LIMIT = 50;

/**
 * Who could take a second look at `a` if `requestedById` asked for it: the same rules as claiming it
 * (canTakeSecondLook through reviewDenial: role, qualification and calibration, conflicts of
 * interest, not a scorer of the attempt, not the requester), over the candidates
 * listAssignableReviewers starts from. At most `limit` ids, in name order.
 */
export async function eligibleSecondLookReviewers(a: AttemptForReview, requestedById: string, limit = SECOND_LOOK_NOTICE_LIMIT): Promise<string[]> {
  const probe: AttemptForReview = { ...a, secondLookRequestedById: requestedById };
  const scorers = a.reviews.filter((r) => r.status === 'SUBMITTED' && r.kind !== 'SECOND_LOOK').map((r) => r.reviewerId);
  const candidates = await listReviewerCandidateIds({
    microCredentialId: a.submission.microCredentialId,
    issuerId: a.submission.microCredential.issuerId,
    exclude: [...new Set([requestedById, a.submission.userId, ...scorers])],
  });
  const out: string[] = [];
  for (const id of candidates) {
    const who = await loadActor(id);
    if (who && !(await reviewDenial(who, probe, 'SECOND_LOOK'))) out.push(id);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * An admin of the credential's issuer sets a returned decision aside for one independent review (the
 * rules: secondLookRefusal). Refused when the admin has a conflict of interest with the teacher (they
 * could not review the work, so they do not overrule its review either), and when nobody could take
 * it (it would wait for ever, with the teacher unable to revise). In one transaction, guarded by the
 * attempt's version (the page's), so a double click or two admins at once give one request and a
 * CONFLICT for the other:
 * - the attempt goes back to waiting for review, with a new decision date counted from now as for a
 *   new submission, and the application with it (so the teacher cannot start a revision meanwhile:
 *   this and startRevision both move the application out of NEEDS_REVISION, and only one can);
 * - the reviews that decided it stay as they are (history); only a SECOND_LOOK review can now be
 *   claimed (assertClaimable), by someone who may take it (canTakeSecondLook);
 * - the audit log keeps the request with the admin's reason, which stays internal to the issuer, and
 *   the decision date and due date it replaced (withdrawSecondLook puts them back);
 * - the teacher is told that a second look was asked for and by when to expect it; everyone who
 *   scored the attempt and still reviews for the issuer, that their decision was set aside; up to
 *   SECOND_LOOK_NOTICE_LIMIT eligible reviewers that it is waiting. Reviewers are never told who
 *   the teacher is.
 */
export async function requestSecondLook(opts: { actor: Actor; attemptId: string; version: number; reason: string; now?: Date }): Promise<{ submissionId: string; dueAt: Date; eligible: number }> {
  const now = opts.now ?? new Date();
  const a = await db.attempt.findUnique({
    where: { id: opts.attemptId },
    select: {
      id: true, number: true, status: true, version: true, decidedAt: true, dueAt: true, secondLookRequestedAt: true,
      reviews: { where: { status: 'SUBMITTED' }, select: { id: true, kind: true, decision: true, reviewerId: true, submittedAt: true } },
      submission: {
        select: {
          id: true, userId: true,
          version: { select: { title: true } },
          microCredential: { select: { slug: true, status: true, issuerId: true, issuer: { select: { slaBusinessDays: true } } } },
          attempts: { orderBy: { number: 'desc' }, take: 1, select: { number: true } },
        },
      },
    },
  });
  // Another issuer's attempt looks exactly like a missing one.
  if (!a || !isIssuerAdmin(opts.actor, a.submission.microCredential.issuerId)) throw notFound('That attempt');
  const { submission } = a;
  const mc = submission.microCredential;
  const refusal = secondLookRefusal(a, submission.attempts[0]?.number ?? a.number, mc.status);
  if (refusal) throw refusal === SECOND_LOOK_ALREADY ? conflict(refusal) : invalidState(refusal);
  if (a.version !== opts.version) throw conflict(SECOND_LOOK_CHANGED);
  const forReview = await loadAttemptForReview(a.id);
  if (!forReview) throw notFound('That attempt');
  if (conflictOfInterest(opts.actor, teacherOf(forReview), forReview.submission.microCredential.issuer)) throw forbidden(SECOND_LOOK_OWN_CONFLICT);
  const eligible = await eligibleSecondLookReviewers(forReview, opts.actor.id);
  if (!eligible.length) throw invalidState(SECOND_LOOK_NOBODY);
  const dueAt = addBusinessDays(now, mc.issuer.slaBusinessDays);
  const setAside = decidingReviews(a.reviews);

  await db.$transaction(async (tx) => {
    const u = await tx.attempt.updateMany({
      where: { id: a.id, version: opts.version, status: 'RETURNED', secondLookRequestedAt: null },
      data: {
        status: 'SUBMITTED', dueAt, decidedAt: null, needsAdjudication: false,
        secondLookRequestedAt: now, secondLookRequestedById: opts.actor.id, secondLookReason: opts.reason,
        version: { increment: 1 },
      },
    });
    if (u.count !== 1) throw conflict(SECOND_LOOK_ALREADY);
    // Whichever comes first of this and the teacher's "Start revision" wins (both need NEEDS_REVISION).
    const moved = await tx.submission.updateMany({ where: { id: submission.id, status: 'NEEDS_REVISION' }, data: { status: 'SUBMITTED' } });
    if (moved.count !== 1 || (await tx.attempt.count({ where: { submissionId: submission.id, number: { gt: a.number } } }))) throw invalidState(SECOND_LOOK_REVISION_STARTED);
    await recordAudit(
      {
        actorId: opts.actor.id, action: 'review.second-look-request', entityType: 'Attempt', entityId: a.id, organizationId: mc.issuerId,
        data: {
          submissionId: submission.id, number: a.number, reason: opts.reason, dueAt: dueAt.toISOString(),
          // The decision set aside, as it was (its reviews stay on the attempt as well), and the
          // decision date it was due by: a withdrawn second look puts both back.
          decidedAt: a.decidedAt?.toISOString() ?? null,
          previousDueAt: a.dueAt?.toISOString() ?? null,
          setAside: setAside.map((r) => ({ reviewId: r.id, kind: r.kind, decision: r.decision })),
          toldEligible: eligible.length,
        },
      },
      tx,
    );
    await notify(
      {
        userId: submission.userId, kind: 'review.second-look',
        title: `A second look was asked for on your submission for “${submission.version.title}”`,
        body: `An independent reviewer will review attempt ${a.number} again. You will hear by ${dayFmt.format(dueAt)}. Until then there is nothing to revise.`,
        href: `/apply/${mc.slug}`,
      },
      tx,
    );
    // Everyone who scored the attempt (an adjudicated one: both scorers and the adjudicator), named
    // by credential and attempt only, never the teacher (blind review). Only those still reviewing
    // for the issuer: the review page the notice links to opens for nobody else.
    const deciding = new Set(setAside.map((r) => r.id));
    const scorers = new Set(a.reviews.map((r) => r.reviewerId).filter((id) => id !== opts.actor.id));
    const reviewing = await stillReviewingFor([...scorers], mc.issuerId, tx);
    for (const reviewerId of [...scorers].filter((id) => reviewing.has(id))) {
      const mine = a.reviews.filter((r) => r.reviewerId === reviewerId).sort((x, y) => (y.submittedAt?.getTime() ?? 0) - (x.submittedAt?.getTime() ?? 0));
      const decided = mine.some((r) => deciding.has(r.id));
      await notify(
        {
          userId: reviewerId, kind: 'review.second-look',
          title: decided
            ? `A second look was asked for on a decision you made on “${submission.version.title}”`
            : `A second look was asked for on an attempt you scored on “${submission.version.title}”`,
          body: `An issuer admin asked for an independent reviewer to score attempt ${a.number} again. Your ${decided ? 'review' : 'score'} stays on record; the new reviewer’s decision is final for this attempt.`,
          href: `/review/${(mine.find((r) => deciding.has(r.id)) ?? mine[0]).id}`,
        },
        tx,
      );
    }
    // The reviewers who could take it are told now, so it does not wait for their next daily digest
    // (which lists second looks too: loadSecondLooks in lib/review/digest.ts).
    const recipients = await tx.user.findMany({ where: { id: { in: eligible } }, select: { id: true, emailNotifications: true } });
    await notifyMany(
      recipients.map((r) => ({ userId: r.id, emailNotifications: r.emailNotifications })),
      {
        kind: 'review.second-look-waiting',
        title: `A second look is waiting on “${submission.version.title}”`,
        body: 'An issuer admin set a decision aside and asked for one independent review. You may take it: claim it from the “Second look” tab of the review queue. The first reviewer to claim it takes it.',
        href: '/review?kind=SECOND_LOOK',
      },
      tx,
    );
  });
  return { submissionId: submission.id, dueAt, eligible: eligible.length };
}

/**
 * Who is told how a second look ended: the admin who asked for it, while they still administer the
 * credential's issuer (the notice links to the application record). Nobody when their account is
 * gone (the request keeps no requester) or disabled, or when they decided it themselves (the rules
 * already forbid that). Read before the decision's transaction, whose attempt version check makes
 * sure the request is still the one read here.
 */
export async function secondLookRequesterToTell(a: { secondLookRequestedById: string | null; submission: { microCredential: { issuerId: string } } }, reviewerId: string): Promise<string | null> {
  const id = a.secondLookRequestedById;
  if (!id || id === reviewerId) return null;
  const requester = await loadActor(id);
  return requester && isIssuerAdmin(requester, a.submission.microCredential.issuerId) ? requester.id : null;
}

/**
 * In the transaction that records a second look's decision: tells the admin who asked for it how it
 * ended. Named by credential and attempt only, never the teacher, as every other second-look notice
 * (blind review); the record it links to says the rest.
 */
export async function notifySecondLookDecided(tx: Tx, opts: { requesterId: string; submissionId: string; credentialTitle: string; number: number; decision: ReviewDecision }) {
  await notify(
    {
      userId: opts.requesterId, kind: 'review.second-look',
      title: `The second look you asked for on “${opts.credentialTitle}”, attempt ${opts.number}, was decided`,
      body: opts.decision === 'PASS'
        ? 'The independent reviewer decided it meets the standard: the badge is being issued.'
        : 'The independent reviewer decided it needs revision: it was returned with the new reviewer’s feedback.',
      href: `/admin/submissions/${opts.submissionId}`,
    },
    tx,
  );
}

/**
 * Withdrawing a second look decides the teacher's case as much as asking for one: refused, like
 * asking (SECOND_LOOK_OWN_CONFLICT), to an admin with a conflict of interest with the teacher.
 */
export const WITHDRAW_OWN_CONFLICT = 'You cannot withdraw the second look at this teacher’s work: it is your own, or this issuer’s conflict-of-interest rules would stop you from reviewing it. Ask another admin of the issuer to decide.';

/**
 * The conflict of interest between an issuer admin and the teacher of this application, as
 * assignReview, requestSecondLook and withdrawSecondLook check it (conflictOfInterest): such an admin
 * chooses no reviewer for it and neither asks for nor withdraws a second look, so its record shows
 * them why (assignRefusal, secondLookConflictNotice) instead of those forms. Null when there is none,
 * and for anyone who is not an admin of its issuer (the record is not theirs to see).
 */
export async function adminConflictOnSubmission(opts: { actor: Actor; submissionId: string }): Promise<ReviewDenial | null> {
  const sub = await db.submission.findUnique({
    where: { id: opts.submissionId },
    select: { user: { select: teacherConflictSelect }, microCredential: { select: { issuerId: true, issuer: { select: { blockSameDistrict: true } } } } },
  });
  if (!sub || !isIssuerAdmin(opts.actor, sub.microCredential.issuerId)) return null;
  return conflictOfInterest(opts.actor, teacherRef(sub.user), sub.microCredential.issuer);
}

type RequestEntry = { decidedAt: Date | null; previousDueAt: Date | null };

/** The decision date and due date a second look replaced, from its request's audit entry (null where it does not say). */
async function replacedDates(attemptId: string): Promise<RequestEntry> {
  const entry = await db.auditLog.findFirst({
    where: { entityType: 'Attempt', entityId: attemptId, action: 'review.second-look-request' },
    orderBy: { id: 'desc' },
    select: { data: true },
  });
  const data = entry?.data && typeof entry.data === 'object' && !Array.isArray(entry.data) ? entry.data : {};
  const date = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);
  return { decidedAt: date(data.decidedAt), previousDueAt: date(data.previousDueAt) };
}

/**
 * An issuer admin withdraws a second look that nobody has taken yet (no SECOND_LOOK review submitted,
 * none claimed and still running): the earlier decision stands again. The attempt is RETURNED with
 * the decision date and due date it had (from the request's audit entry; when the entry does not
 * have them, the decision is dated now and the due date counted from the submission, and the audit
 * entry says so), the application waits for the teacher's revision, and the request is cleared so
 * that a second look can be asked for again later (a withdrawn one never decided anything). The
 * request stays in the audit log with the withdrawal. Refused to an admin with a conflict of
 * interest with the teacher (WITHDRAW_OWN_CONFLICT), as asking for it is.
 *
 * Race-safe against a claim: the attempt row is locked FOR UPDATE first, which a claim or an
 * assignment also takes first (lockAttempt in lib/review/mutations.ts) and so waits for, holding no
 * review row meanwhile (no deadlock over a claim that ran out, which both end); claims that ran out
 * are ended under the lock, so "Keep my claim" cannot revive one in between; a claim committed
 * before the lock is seen and refuses the withdrawal; one made after it finds the request gone
 * (claimReview checks inside its transaction) and is refused.
 */
export async function withdrawSecondLook(opts: { actor: Actor; attemptId: string; version: number; now?: Date }): Promise<{ submissionId: string; decidedAt: Date; decidedAtRecovered: boolean }> {
  const now = opts.now ?? new Date();
  const a = await db.attempt.findUnique({
    where: { id: opts.attemptId },
    select: {
      id: true, number: true, status: true, version: true, submittedAt: true, secondLookRequestedAt: true, secondLookRequestedById: true,
      reviews: { where: { status: 'SUBMITTED' }, select: { id: true, kind: true, reviewerId: true } },
      submission: {
        select: {
          id: true, userId: true,
          version: { select: { title: true } },
          microCredential: { select: { slug: true, issuerId: true, issuer: { select: { slaBusinessDays: true } } } },
        },
      },
    },
  });
  if (!a || !isIssuerAdmin(opts.actor, a.submission.microCredential.issuerId)) throw notFound('That attempt');
  const forReview = await loadAttemptForReview(a.id);
  if (!forReview) throw notFound('That attempt');
  if (conflictOfInterest(opts.actor, teacherOf(forReview), forReview.submission.microCredential.issuer)) throw forbidden(WITHDRAW_OWN_CONFLICT);
  if (a.status !== 'SUBMITTED' || !a.secondLookRequestedAt) throw invalidState(WITHDRAW_NOT_PENDING);
  if (a.reviews.some((r) => r.kind === 'SECOND_LOOK')) throw conflict(WITHDRAW_TAKEN);
  if (a.version !== opts.version) throw conflict(SECOND_LOOK_CHANGED);
  const { submission } = a;
  const mc = submission.microCredential;
  const replaced = await replacedDates(a.id);
  const decidedAt = replaced.decidedAt ?? now;
  const dueAt = replaced.previousDueAt ?? (a.submittedAt ? addBusinessDays(a.submittedAt, mc.issuer.slaBusinessDays) : null);

  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Attempt" WHERE "id" = ${a.id} FOR UPDATE`;
    // Claims that ran out end here, before anyone can keep them alive again.
    const stale = await tx.review.findMany({ where: { attemptId: a.id, kind: 'SECOND_LOOK', status: 'CLAIMED', claimExpiresAt: { lte: now } }, select: { id: true, reviewerId: true } });
    for (const r of stale) {
      const e = await tx.review.updateMany({ where: { id: r.id, status: 'CLAIMED', claimExpiresAt: { lte: now } }, data: { status: 'EXPIRED', version: { increment: 1 } } });
      if (e.count) await recordAudit({ actorId: opts.actor.id, action: 'review.claim-expire', entityType: 'Review', entityId: r.id, organizationId: mc.issuerId, data: { attemptId: a.id, kind: 'SECOND_LOOK', reviewerId: r.reviewerId } }, tx);
    }
    const taken = await tx.review.count({ where: { attemptId: a.id, kind: 'SECOND_LOOK', OR: [{ status: 'SUBMITTED' }, { status: 'CLAIMED' }] } });
    if (taken) throw conflict(WITHDRAW_TAKEN);
    const u = await tx.attempt.updateMany({
      where: { id: a.id, version: opts.version, status: 'SUBMITTED', secondLookRequestedAt: { not: null } },
      data: { status: 'RETURNED', decidedAt, dueAt, secondLookRequestedAt: null, secondLookRequestedById: null, secondLookReason: null, version: { increment: 1 } },
    });
    if (u.count !== 1) throw conflict(SECOND_LOOK_CHANGED);
    await tx.submission.updateMany({ where: { id: submission.id, status: { in: ['SUBMITTED', 'IN_REVIEW'] } }, data: { status: 'NEEDS_REVISION' } });
    await recordAudit(
      {
        actorId: opts.actor.id, action: 'review.second-look-withdraw', entityType: 'Attempt', entityId: a.id, organizationId: mc.issuerId,
        data: {
          submissionId: submission.id, number: a.number,
          requestedAt: a.secondLookRequestedAt!.toISOString(), requestedById: a.secondLookRequestedById,
          // Whether the decision date is the one set aside (from the request's entry) or now.
          decidedAt: decidedAt.toISOString(), decidedAtRecovered: Boolean(replaced.decidedAt),
          dueAt: dueAt?.toISOString() ?? null,
        },
      },
      tx,
    );
    await notify(
      {
        userId: submission.userId, kind: 'review.second-look',
        title: `The second look at your submission for “${submission.version.title}” was withdrawn`,
        body: `The earlier decision on attempt ${a.number} stands: read its feedback on your application, and start a revision when you are ready.`,
        href: `/apply/${mc.slug}`,
      },
      tx,
    );
    // As when it was asked for: only those still reviewing for the issuer, who can open the link.
    const scorers = new Set(a.reviews.map((r) => r.reviewerId).filter((id) => id !== opts.actor.id));
    const reviewing = await stillReviewingFor([...scorers], mc.issuerId, tx);
    for (const reviewerId of [...scorers].filter((id) => reviewing.has(id))) {
      const mine = a.reviews.find((r) => r.reviewerId === reviewerId)!;
      await notify(
        {
          userId: reviewerId, kind: 'review.second-look',
          title: `The second look at attempt ${a.number} on “${submission.version.title}” was withdrawn`,
          body: 'An issuer admin withdrew it before anyone took it: the decision you were part of stands.',
          href: `/review/${mine.id}`,
        },
        tx,
      );
    }
  });
  return { submissionId: submission.id, decidedAt, decidedAtRecovered: Boolean(replaced.decidedAt) };
}
