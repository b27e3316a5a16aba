import 'server-only';
import { db, type Tx } from '@/lib/db';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { setSuspensionBit } from '@/lib/awards/status-lists';
import { holdsEveryPart, validPartAwards } from '@/lib/awards/queries';
import { changePublicPages } from '@/lib/http/page-cache-sync';

// A stack badge says its holder holds every badge it is built from. When one of those is revoked or
// suspended (and the holder has no other valid badge of that micro-credential, such as a renewal),
// the stack badge is put on hold: suspended, so verifiers report it as not valid, with a reason
// that says why. It is valid again, by itself, once the holder holds every part again (the part is
// reinstated, or earned again). Holds made this way are told apart from an administrator's own
// suspension by their reason's closing sentence.

const ON_HOLD_UNTIL = 'It is valid again once every badge it is built from is held.';

export function holdReason(partTitle: string, why: 'revoked' | 'suspended'): string {
  return `“${partTitle}”, one of the badges it is built from, ${why === 'revoked' ? 'was revoked' : 'is suspended'}. ${ON_HOLD_UNTIL}`;
}

const isCascadeHold = (reason: string | null) => Boolean(reason?.endsWith(ON_HOLD_UNTIL));

/** The holder's valid stack badges built on this part badge that would no longer stand without it. */
export async function stackBadgesBuiltOn(client: Tx | typeof db, award: { id: string; userId: string; microCredentialId: string | null }) {
  if (!award.microCredentialId) return [];
  const other = await client.award.count({ where: { userId: award.userId, microCredentialId: award.microCredentialId, id: { not: award.id }, revokedAt: null, suspendedAt: null } });
  if (other) return [];
  return client.award.findMany({
    where: { userId: award.userId, revokedAt: null, suspendedAt: null, stack: { items: { some: { microCredentialId: award.microCredentialId } } } },
    select: { id: true, title: true, issuerId: true, statusListId: true, statusListIndex: true },
  });
}

/**
 * Inside the transaction that revokes or suspends `award`: puts the stack badges built on it on
 * hold. Returns their ids.
 */
export async function holdStacksBuiltOn(tx: Tx, award: { id: string; userId: string; microCredentialId: string | null; title: string }, why: 'revoked' | 'suspended', actorId: string): Promise<string[]> {
  const stacks = await stackBadgesBuiltOn(tx, award);
  const held: string[] = [];
  for (const s of stacks) {
    const reason = holdReason(award.title, why);
    const u = await tx.award.updateMany({ where: { id: s.id, revokedAt: null, suspendedAt: null }, data: { suspendedAt: new Date(), suspensionReason: reason } });
    if (!u.count) continue;
    await setSuspensionBit(tx, s.statusListId, s.statusListIndex, true);
    await recordAudit({ actorId, action: 'award.suspend', entityType: 'Award', entityId: s.id, organizationId: s.issuerId, data: { reason, because: award.id } }, tx);
    await notify({ userId: award.userId, kind: 'award.suspended', title: `Your badge “${s.title}” is on hold`, body: reason, href: `/credentials/${s.id}`, essential: true }, tx);
    held.push(s.id);
  }
  return held;
}

/**
 * After a part badge is reinstated or earned again: lifts the holds that holdStacksBuiltOn put on
 * the holder's stack badges that contain this micro-credential, where every part is held again.
 * An administrator's own suspension is left alone.
 */
export async function releaseStackHolds(userId: string, microCredentialId: string): Promise<string[]> {
  const onHold = await db.award.findMany({
    where: { userId, revokedAt: null, suspendedAt: { not: null }, stack: { items: { some: { microCredentialId } } } },
    select: { id: true, title: true, issuerId: true, statusListId: true, statusListIndex: true, suspensionReason: true, stack: { select: { items: { select: { microCredentialId: true } } } } },
  });
  const released: string[] = [];
  for (const s of onHold) {
    if (!isCascadeHold(s.suspensionReason) || !s.stack) continue;
    const parts = s.stack.items.map((i) => i.microCredentialId);
    if (!holdsEveryPart(await validPartAwards(userId, parts), parts)) continue;
    await changePublicPages(async (tx) => {
      const u = await tx.award.updateMany({ where: { id: s.id, revokedAt: null, suspendedAt: { not: null }, suspensionReason: s.suspensionReason }, data: { suspendedAt: null, suspensionReason: null } });
      if (!u.count) return;
      await setSuspensionBit(tx, s.statusListId, s.statusListIndex, false);
      await recordAudit({ actorId: null, action: 'award.reinstate', entityType: 'Award', entityId: s.id, organizationId: s.issuerId, data: { note: 'Every badge it is built from is held again.' } }, tx);
      await notify({ userId, kind: 'award.reinstated', title: `Your badge “${s.title}” is valid again`, body: 'Every badge it is built from is held again.', href: `/credentials/${s.id}`, essential: true }, tx);
      released.push(s.id);
    });
  }
  return released;
}
