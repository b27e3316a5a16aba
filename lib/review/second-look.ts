import 'server-only';
import { db } from '@/lib/db';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { conflict, invalidState, notFound } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { addBusinessDays } from '@/lib/review/sla';
import { decidingReviews } from '@/lib/submissions/deciding-reviews';
import { SECOND_LOOK_ALREADY, SECOND_LOOK_CHANGED, SECOND_LOOK_REVISION_STARTED, secondLookRefusal } from '@/lib/review/second-look-rules';

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * An admin of the credential's issuer sets a returned decision aside for one independent review (the
 * rules: secondLookRefusal). In one transaction, guarded by the attempt's version (the page's), so a
 * double click or two admins at once give one request and a CONFLICT for the other:
 * - the attempt goes back to waiting for review, with a new decision date counted from now as for a
 *   new submission, and the application with it (so the teacher cannot start a revision meanwhile:
 *   this and startRevision both move the application out of NEEDS_REVISION, and only one can);
 * - the reviews that decided it stay as they are (history); only a SECOND_LOOK review can now be
 *   claimed (assertClaimable), by someone who may take it (canTakeSecondLook);
 * - the audit log keeps the request with the admin's reason, which stays internal to the issuer;
 * - the teacher is told that a second look was asked for and by when to expect it, and the
 *   reviewers whose decision was set aside that it was, without the teacher's name.
 */
export async function requestSecondLook(opts: { actor: Actor; attemptId: string; version: number; reason: string; now?: Date }): Promise<{ submissionId: string; dueAt: Date }> {
  const now = opts.now ?? new Date();
  const a = await db.attempt.findUnique({
    where: { id: opts.attemptId },
    select: {
      id: true, number: true, status: true, version: true, decidedAt: true, secondLookRequestedAt: true,
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
          // The decision set aside, as it was: its reviews stay on the attempt as well.
          decidedAt: a.decidedAt?.toISOString() ?? null,
          setAside: setAside.map((r) => ({ reviewId: r.id, kind: r.kind, decision: r.decision })),
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
    // The reviewers whose decision is set aside: named by credential and attempt only, never the teacher (blind review).
    for (const reviewerId of new Set(setAside.map((r) => r.reviewerId).filter((id) => id !== opts.actor.id))) {
      const mine = setAside.find((r) => r.reviewerId === reviewerId)!;
      await notify(
        {
          userId: reviewerId, kind: 'review.second-look',
          title: `A second look was asked for on a decision you made on “${submission.version.title}”`,
          body: `An issuer admin asked for an independent reviewer to score attempt ${a.number} again. Your review stays on record; the new reviewer’s decision is final for this attempt.`,
          href: `/review/${mine.id}`,
        },
        tx,
      );
    }
  });
  return { submissionId: submission.id, dueAt };
}
