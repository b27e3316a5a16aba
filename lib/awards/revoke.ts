import 'server-only';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { forbidden, invalidState, notFound } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { setRevocationBit, setSuspensionBit } from '@/lib/awards/status-lists';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { withdrawStacksBuiltOn, lockAwardStanding } from '@/lib/awards/stack-holds';
import { followUpRestoredPart, queuePartRestored } from '@/lib/jobs/part-restored';
import { holdsEveryPart, validPartAwards } from '@/lib/awards/queries';
import { releaseClaimsIfUnqualified } from '@/lib/review/claims';

export const RevokeAwardInput = z.object({
  awardId: z.string().uuid(),
  reason: str().trim().min(5, 'Give a reason the recipient and verifiers will understand (at least 5 characters).').max(1000, 'Use at most 1,000 characters.'),
});

export const SuspendAwardInput = RevokeAwardInput;

export const ReinstateAwardInput = z.object({
  awardId: z.string().uuid(),
  note: str().trim().max(1000, 'Use at most 1,000 characters.').optional().default(''),
});

const AWARD_STATUS_SELECT = { id: true, issuerId: true, userId: true, title: true, microCredentialId: true, stackId: true, revokedAt: true, suspendedAt: true, statusListId: true, statusListIndex: true } as const;

async function loadForStatusChange(actor: Actor, awardId: string, verb: string, whenRevoked = 'This credential is revoked; revocation is permanent.') {
  const award = await db.award.findUnique({ where: { id: awardId }, select: AWARD_STATUS_SELECT });
  if (!award) throw notFound('That credential');
  if (!isIssuerAdmin(actor, award.issuerId)) throw forbidden(`Only an administrator of the issuing organisation can ${verb} this credential.`);
  if (award.revokedAt) throw invalidState(whenRevoked);
  return award;
}

/** Revokes an award: flips its bit in the published status list, so every verifier sees it. */
export async function revokeAward(opts: { actor: Actor; awardId: string; reason: string }) {
  const award = await loadForStatusChange(opts.actor, opts.awardId, 'revoke', 'This credential is already revoked.');
  // Verifiers see the change at once: the credential's public page is cached for anonymous visitors.
  await changePublicPages(async (tx) => {
    // First the holder's lock: a stack badge being issued on this part, or another badge of the same
    // micro-credential withdrawn at the same moment, waits for this one (or this one for it), so
    // withdrawStacksBuiltOn sees what they did.
    await lockAwardStanding(tx, award.userId);
    // Revocation supersedes a suspension: the suspension bit is cleared so the two lists never
    // disagree about which state is current.
    const updated = await tx.award.updateMany({ where: { id: award.id, revokedAt: null }, data: { revokedAt: new Date(), revocationReason: opts.reason, suspendedAt: null, suspensionReason: null } });
    if (updated.count !== 1) throw invalidState('This credential is already revoked.');
    await setRevocationBit(tx, award.statusListId, award.statusListIndex, true);
    // Always, not only when it looked suspended before the transaction: a suspension committed in
    // between would otherwise leave its bit set next to the revocation.
    await setSuspensionBit(tx, award.statusListId, award.statusListIndex, false);
    await recordAudit({ actorId: opts.actor.id, action: 'award.revoke', entityType: 'Award', entityId: award.id, organizationId: award.issuerId, data: { reason: opts.reason } }, tx);
    await notify({ userId: award.userId, kind: 'award.revoked', title: `Your badge “${award.title}” was revoked`, body: opts.reason, href: `/credentials/${award.id}`, essential: true }, tx);
    // The stack badges built on it no longer stand: revoked with it (they can be earned again once
    // the part is), or on hold while another badge of it is only suspended.
    await withdrawStacksBuiltOn(tx, award, 'revoked', opts.actor.id);
    await releaseClaimsQualifiedBy(tx, award, opts.actor.id, 'revoked');
  });
}

/**
 * Suspends an award: a reversible hold (e.g. while a complaint is looked into). Sets its bit in the
 * companion suspension list, so verifiers report it as suspended until it is reinstated.
 */
export async function suspendAward(opts: { actor: Actor; awardId: string; reason: string }) {
  const award = await loadForStatusChange(opts.actor, opts.awardId, 'suspend');
  if (award.suspendedAt) throw invalidState('This credential is already suspended.');
  // Verifiers see the change at once: the credential's public page is cached for anonymous visitors.
  await changePublicPages(async (tx) => {
    // As revokeAward: the holder's lock first, so withdrawStacksBuiltOn sees every change made before.
    await lockAwardStanding(tx, award.userId);
    const updated = await tx.award.updateMany({ where: { id: award.id, revokedAt: null, suspendedAt: null }, data: { suspendedAt: new Date(), suspensionReason: opts.reason } });
    if (updated.count !== 1) throw invalidState('This credential changed while you were suspending it. Reload to see its current status.');
    await setSuspensionBit(tx, award.statusListId, award.statusListIndex, true);
    await recordAudit({ actorId: opts.actor.id, action: 'award.suspend', entityType: 'Award', entityId: award.id, organizationId: award.issuerId, data: { reason: opts.reason } }, tx);
    await notify({ userId: award.userId, kind: 'award.suspended', title: `Your badge “${award.title}” is suspended`, body: opts.reason, href: `/credentials/${award.id}`, essential: true }, tx);
    await withdrawStacksBuiltOn(tx, award, 'suspended', opts.actor.id);
    await releaseClaimsQualifiedBy(tx, award, opts.actor.id, 'suspended');
  });
}

/**
 * The holder may review this badge's credential on the strength of it: the work of it they hold
 * goes back to the queue now, with why, rather than staying open to them until the claim runs out
 * (an assigned one runs to the deadline). Not if they still qualify: an admin's grant, another of
 * its badges.
 */
function releaseClaimsQualifiedBy(tx: Tx, award: { userId: string; microCredentialId: string | null }, actorId: string, what: 'revoked' | 'suspended') {
  if (!award.microCredentialId) return Promise.resolve(0);
  return releaseClaimsIfUnqualified(tx, { microCredentialId: award.microCredentialId, reviewerId: award.userId, denial: 'NOT_QUALIFIED', actorId, now: new Date(), reason: `the badge that qualified you to review it was ${what}` });
}

/** Lifts a suspension: clears the bit, so the credential verifies as valid again. */
export async function reinstateAward(opts: { actor: Actor; awardId: string; note: string }) {
  const award = await loadForStatusChange(opts.actor, opts.awardId, 'reinstate');
  if (!award.suspendedAt) throw invalidState('This credential is not suspended.');
  // Verifiers see the change at once: the credential's public page is cached for anonymous visitors.
  const followUpJobId = await changePublicPages(async (tx) => {
    await lockAwardStanding(tx, award.userId);
    // A stack badge says its holder holds every badge it is built from: it cannot be valid again while
    // one of them is revoked or suspended (whoever suspended the stack badge itself, and whichever
    // issuer's admin asks). It becomes valid again by itself once every part is held. Checked under
    // the holder's lock, so a part withdrawn at the same moment is seen (or sees this badge standing).
    if (award.stackId) await assertStackPartsHeld(tx, award.userId, award.stackId);
    const updated = await tx.award.updateMany({ where: { id: award.id, revokedAt: null, suspendedAt: { not: null } }, data: { suspendedAt: null, suspensionReason: null } });
    if (updated.count !== 1) throw invalidState('This credential changed while you were reinstating it. Reload to see its current status.');
    await setSuspensionBit(tx, award.statusListId, award.statusListIndex, false);
    await recordAudit({ actorId: opts.actor.id, action: 'award.reinstate', entityType: 'Award', entityId: award.id, organizationId: award.issuerId, data: { note: opts.note, suspendedAt: award.suspendedAt?.toISOString() ?? null } }, tx);
    await notify({ userId: award.userId, kind: 'award.reinstated', title: `Your badge “${award.title}” is valid again`, body: opts.note || 'The suspension has been lifted.', href: `/credentials/${award.id}`, essential: true }, tx);
    // A stack left incomplete while this part was on hold may be complete again: one never issued is
    // issued, one put on hold because of it is valid again. Queued with the reinstatement, so it is
    // done even if what follows the commit fails or the server dies before it.
    return award.microCredentialId ? queuePartRestored(tx, { userId: award.userId, microCredentialId: award.microCredentialId }) : null;
  });
  // Tried at once; a failure is left to the queued job. The reinstatement is done either way, so the
  // administrator is not told it failed (trying again would only find it is not suspended).
  if (followUpJobId && award.microCredentialId) {
    await followUpRestoredPart({ userId: award.userId, microCredentialId: award.microCredentialId }, followUpJobId);
  }
}

async function assertStackPartsHeld(tx: Tx, userId: string, stackId: string) {
  const items = await tx.stackItem.findMany({ where: { stackId }, select: { microCredentialId: true, microCredential: { select: { slug: true, currentVersion: { select: { title: true } } } } } });
  const parts = items.map((i) => i.microCredentialId);
  const held = await validPartAwards(userId, parts, tx);
  if (holdsEveryPart(held, parts)) return;
  const have = new Set(held.map((h) => h.microCredentialId));
  const missing = items.filter((i) => !have.has(i.microCredentialId)).map((i) => `“${i.microCredential.currentVersion?.title ?? i.microCredential.slug}”`);
  throw invalidState(`This stack badge can’t be valid again yet: its holder no longer holds ${missing.join(', ')}, which it is built from. It can be reinstated once every badge it is built from is held again.`);
}
