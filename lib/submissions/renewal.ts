import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { invalidState, notFound } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/log';
import { currentSubmission } from '@/lib/submissions/current';
import { enrolAgain, openApplication } from '@/lib/submissions/mutations';
import { renewability } from '@/lib/submissions/renewal-policy';

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Renewing an expiring badge: a new application (the next cycle) for the same micro-credential,
 * bound to its current version, so the teacher shows the skill again against today's rubric.
 * The badge they hold stays as it is; passing issues a new one (lib/awards/issue.ts). Starting
 * twice (two tabs, a double click) returns the same renewal.
 */
export async function startRenewal(opts: { actor: Actor; microCredentialId: string; now?: Date }): Promise<{ submissionId: string; slug: string }> {
  const now = opts.now ?? new Date();
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: { id: true, slug: true, status: true, currentVersionId: true, issuerId: true },
  });
  const current = mc ? await db.submission.findFirst({
    ...currentSubmission(opts.actor.id, mc.id),
    select: { id: true, cycle: true, status: true, award: { select: { issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true } } },
  }) : null;
  // Someone else's credential, or one the teacher never earned, looks the same: there is no badge.
  if (!mc || !current) throw notFound('Your badge');
  if (current.status !== 'EARNED') {
    if (current.cycle > 1) {
      // A renewal already under way (perhaps stopped): back on the dashboard, and there.
      await db.$transaction((tx) => enrolAgain(tx, opts.actor.id, mc.id));
      return { submissionId: current.id, slug: mc.slug };
    }
    throw invalidState('You have not earned this micro-credential yet, so there is nothing to renew.');
  }
  if (!current.award) throw invalidState('Your badge is still being issued. Try again in a minute.');
  if (mc.status !== 'PUBLISHED' || !mc.currentVersionId) {
    // Said of the badge as it is: never "valid" once it has ended, been revoked or been suspended.
    const { validUntil, revokedAt, suspendedAt } = current.award;
    throw invalidState(
      revokedAt ? 'This badge was revoked, and the issuer no longer offers this micro-credential, so it cannot be renewed.'
      : suspendedAt ? 'This badge is suspended, and the issuer no longer offers this micro-credential, so it cannot be renewed.'
      : validUntil && validUntil <= now ? `Your badge ended on ${dateFmt.format(validUntil)}, and the issuer no longer offers this micro-credential, so it cannot be renewed. It stays on your record.`
      : validUntil ? `The issuer no longer offers this micro-credential, so it cannot be renewed. Your badge stays valid until ${dateFmt.format(validUntil)}.`
      : 'The issuer no longer offers this micro-credential, so it cannot be renewed. Your badge does not expire, so it stays valid.',
    );
  }
  const r = renewability(current.award, now);
  if (!r.ok) {
    throw invalidState(
      r.reason === 'no-expiry' ? 'This badge does not expire, so it never needs renewing.'
      : r.reason === 'revoked' ? 'This badge was revoked, so it cannot be renewed. Contact the issuer.'
      : r.reason === 'suspended' ? 'This badge is suspended. The issuer has to reinstate it before you can renew it.'
      : `You can renew this badge from ${dateFmt.format(r.opensAt!)}.`,
    );
  }
  try {
    return await db.$transaction(async (tx) => {
      const next = await openApplication(tx, { userId: opts.actor.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, cycle: current.cycle + 1 });
      await recordAudit({ actorId: opts.actor.id, action: 'submission.renew', entityType: 'Submission', entityId: next.id, organizationId: mc.issuerId, data: { cycle: current.cycle + 1, renews: current.id } }, tx);
      return { submissionId: next.id, slug: mc.slug };
    });
  } catch (e) {
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
    // A second click won the race to the next cycle: use its renewal.
    const winner = await db.submission.findFirst({ ...currentSubmission(opts.actor.id, mc.id), select: { id: true, cycle: true } });
    if (winner && winner.cycle > current.cycle) return { submissionId: winner.id, slug: mc.slug };
    throw e;
  }
}
