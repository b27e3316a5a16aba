import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import type { AttemptStatus } from '@/lib/generated/prisma/enums';
import { conflict, invalidState, notFound } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { isEmailVerified } from '@/lib/auth/email-verification';
import { needsProposal } from '@/lib/proposals/queries';

// "Take it back to edit": a teacher withdraws an attempt they sent, back to a draft, while nobody on
// the review side has touched it. ADR 001 freezes an attempt once sent so that reviewers judge
// exactly what the teacher answered; an attempt with no Review row of any kind was never judged,
// opened or handed to anyone, so unfreezing it rewrites no history (the audit log keeps the send and
// the withdrawal). Any Review row refuses, including claims that ran out or were given back: a
// reviewer has opened the evidence, a draft of their scores may come back with their next claim,
// and the promise shown to the teacher ("while no reviewer has opened it") stays simple and true.

export const TAKE_BACK_OPENED = 'A reviewer has already opened it, so it can no longer be taken back. You will hear from us when there is a decision.';
export const TAKE_BACK_ASSIGNED = 'It has already been given to a reviewer, so it can no longer be taken back. You will hear from us when there is a decision.';
export const TAKE_BACK_SECOND_LOOK = 'An independent reviewer is taking a second look at this attempt, so it can no longer be taken back.';
export const TAKE_BACK_DECIDED = 'This attempt already has a decision, so it can no longer be taken back.';
export const TAKE_BACK_EARLIER = 'Only your latest attempt can be taken back.';
export const TAKE_BACK_NOT_SENT = 'This attempt has not been sent, so there is nothing to take back.';
export const TAKE_BACK_UNVERIFIED = 'Confirm your email address first: without it you could not send this attempt again once you took it back. Use the link we emailed you, or send a new one from your dashboard. Until then it stays with the reviewers.';
export const TAKE_BACK_PROPOSAL = 'Your district now needs to approve a proposal before work is sent, so you could not send this attempt again once you took it back. It stays with the reviewers.';
const TAKE_BACK_CHANGED = 'Your application changed in the meantime. Reload the page to see where it stands.';

export type TakeBackRefusal = { code: 'CONFLICT' | 'INVALID_STATE'; message: string };

/**
 * Why this sent attempt cannot be taken back, or null if it can. `reviews`: every Review row of the
 * attempt, whatever its status; `latestNumber`: the highest attempt number of the application.
 * A reviewer's work (or an admin's assignment) is CONFLICT: someone got there first.
 */
export function takeBackRefusal(
  attempt: { status: AttemptStatus; number: number; secondLookRequestedAt: Date | null; reviews: { assignedById: string | null }[] },
  latestNumber: number,
): TakeBackRefusal | null {
  if (attempt.number < latestNumber) return { code: 'INVALID_STATE', message: TAKE_BACK_EARLIER };
  if (attempt.status === 'DRAFT') return { code: 'INVALID_STATE', message: TAKE_BACK_NOT_SENT };
  if (attempt.status !== 'SUBMITTED') return { code: 'INVALID_STATE', message: TAKE_BACK_DECIDED };
  if (attempt.secondLookRequestedAt) return { code: 'INVALID_STATE', message: TAKE_BACK_SECOND_LOOK };
  if (attempt.reviews.length) return { code: 'CONFLICT', message: attempt.reviews.every((r) => r.assignedById) ? TAKE_BACK_ASSIGNED : TAKE_BACK_OPENED };
  return null;
}

const toError = (r: TakeBackRefusal) => (r.code === 'CONFLICT' ? conflict(r.message) : invalidState(r.message));

function loadState(client: Tx | typeof db, attemptId: string) {
  return client.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      status: true, number: true, submittedAt: true, secondLookRequestedAt: true,
      reviews: { select: { assignedById: true } },
      submission: { select: { attempts: { orderBy: { number: 'desc' }, take: 1, select: { number: true } } } },
    },
  });
}

/** What would stop the teacher from sending it again: taking it back would strand their work. */
async function resendBlocker(actor: Actor, microCredentialId: string): Promise<string | null> {
  if (!(await isEmailVerified(actor.id))) return TAKE_BACK_UNVERIFIED;
  if (await needsProposal(actor, microCredentialId)) return TAKE_BACK_PROPOSAL;
  return null;
}

async function loadOwnAttempt(actor: Actor, attemptId: string) {
  const a = await db.attempt.findUnique({
    where: { id: attemptId },
    select: { id: true, number: true, submission: { select: { id: true, userId: true, microCredentialId: true, microCredential: { select: { issuerId: true } } } } },
  });
  // Someone else's attempt looks exactly like a missing one.
  if (!a || a.submission.userId !== actor.id) return null;
  return a;
}

/**
 * For the application page: whether the teacher's sent attempt can be taken back now, and why not.
 * Null when it is not the actor's attempt.
 */
export async function getSentAttemptWithdrawal(opts: { actor: Actor; attemptId: string }): Promise<{ allowed: true } | { allowed: false; reason: string } | null> {
  const a = await loadOwnAttempt(opts.actor, opts.attemptId);
  if (!a) return null;
  const state = await loadState(db, a.id);
  const refusal = takeBackRefusal(state, state.submission.attempts[0]?.number ?? state.number);
  if (refusal) return { allowed: false, reason: refusal.message };
  const blocker = await resendBlocker(opts.actor, a.submission.microCredentialId);
  return blocker ? { allowed: false, reason: blocker } : { allowed: true };
}

/**
 * Takes the teacher's latest sent attempt back to a draft, with every answer and file kept, while no
 * reviewer has claimed, been assigned or scored it (takeBackRefusal). The attempt is unsent
 * entirely: no sent date (so the review queue, its partial index and the issuer's reports no longer
 * count it), no decision date, no statement confirmed (the teacher confirms it again when sending)
 * and no double-scoring sample (drawn again on sending). The application goes back to DRAFT, which
 * is also what a revision in progress has (startRevision), with its last sent date back to the
 * previous attempt's, or none.
 *
 * Race-safe against a claim or an assignment: the attempt row is locked FOR UPDATE first, which the
 * insert of a review (a foreign key to the attempt) waits for. A review committed before the lock
 * is seen below and refuses the withdrawal; one inserted after it finds the attempt no longer
 * SUBMITTED (claimReview and assignReview check inside their transaction) and is refused. A double
 * click finds the attempt already a draft and answers the same.
 */
export async function withdrawSentAttempt(opts: { actor: Actor; attemptId: string }): Promise<{ submissionId: string; alreadyDraft: boolean }> {
  const a = await loadOwnAttempt(opts.actor, opts.attemptId);
  if (!a) throw notFound('That application');
  const submissionId = a.submission.id;
  const before = await loadState(db, a.id);
  const latest = before.submission.attempts[0]?.number ?? before.number;
  if (before.status === 'DRAFT' && before.number === latest) return { submissionId, alreadyDraft: true };
  const refusal = takeBackRefusal(before, latest);
  if (refusal) throw toError(refusal);
  const blocker = await resendBlocker(opts.actor, a.submission.microCredentialId);
  if (blocker) throw invalidState(blocker);

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "id" FROM "Attempt" WHERE "id" = ${a.id} FOR UPDATE`;
    const locked = await loadState(tx, a.id);
    const latestNow = locked.submission.attempts[0]?.number ?? locked.number;
    if (locked.status === 'DRAFT' && locked.number === latestNow) return { submissionId, alreadyDraft: true };
    const refused = takeBackRefusal(locked, latestNow);
    if (refused) throw toError(refused);
    const earlier = await tx.attempt.findFirst({
      where: { submissionId, number: { lt: a.number }, submittedAt: { not: null } },
      orderBy: { number: 'desc' },
      select: { submittedAt: true },
    });
    const u = await tx.attempt.updateMany({
      where: { id: a.id, status: 'SUBMITTED', secondLookRequestedAt: null },
      data: { status: 'DRAFT', submittedAt: null, dueAt: null, attestedAt: null, doubleScore: false, needsAdjudication: false, version: { increment: 1 } },
    });
    if (u.count !== 1) throw conflict(TAKE_BACK_CHANGED);
    const s = await tx.submission.updateMany({ where: { id: submissionId, status: 'SUBMITTED' }, data: { status: 'DRAFT', lastSubmittedAt: earlier?.submittedAt ?? null } });
    if (s.count !== 1) throw conflict(TAKE_BACK_CHANGED);
    await recordAudit(
      { actorId: opts.actor.id, action: 'submission.withdraw', entityType: 'Attempt', entityId: a.id, organizationId: a.submission.microCredential.issuerId, data: { number: a.number, sentAt: locked.submittedAt?.toISOString() ?? null } },
      tx,
    );
    return { submissionId, alreadyDraft: false };
  });
}
