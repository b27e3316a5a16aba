import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { forbidden, invalidState, notFound } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { setRevocationBit } from '@/lib/awards/status-lists';

export const RevokeAwardInput = z.object({
  awardId: z.string().uuid(),
  reason: z.string().trim().min(5, 'Give a reason the recipient and verifiers will understand (at least 5 characters).').max(1000),
});

/** Revokes an award: flips its bit in the published status list, so every verifier sees it. */
export async function revokeAward(opts: { actor: Actor; awardId: string; reason: string }) {
  const award = await db.award.findUnique({ where: { id: opts.awardId }, select: { id: true, issuerId: true, userId: true, title: true, revokedAt: true, statusListId: true, statusListIndex: true } });
  if (!award) throw notFound('That credential');
  if (!isIssuerAdmin(opts.actor, award.issuerId)) throw forbidden('Only an administrator of the issuing organisation can revoke this credential.');
  if (award.revokedAt) throw invalidState('This credential is already revoked.');
  await db.$transaction(async (tx) => {
    const updated = await tx.award.updateMany({ where: { id: award.id, revokedAt: null }, data: { revokedAt: new Date(), revocationReason: opts.reason } });
    if (updated.count !== 1) throw invalidState('This credential is already revoked.');
    await setRevocationBit(tx, award.statusListId, award.statusListIndex, true);
    await recordAudit({ actorId: opts.actor.id, action: 'award.revoke', entityType: 'Award', entityId: award.id, organizationId: award.issuerId, data: { reason: opts.reason } }, tx);
    await notify({ userId: award.userId, kind: 'award.revoked', title: `Your credential “${award.title}” was revoked`, body: opts.reason, href: `/credentials/${award.id}` }, tx);
  });
}
