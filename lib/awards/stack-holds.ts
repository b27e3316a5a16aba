import 'server-only';
import { db, type Tx } from '@/lib/db';
import { recordAudit } from '@/lib/audit/log';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { notify } from '@/lib/notifications/notify';
import { setRevocationBit, setSuspensionBit } from '@/lib/awards/status-lists';
import { holdsEveryPart, validPartAwards } from '@/lib/awards/queries';
import { changePublicPages } from '@/lib/http/page-cache-sync';
// The marker of a stack badge revoked with its part, and how its reason is shown, live with the words
// shown for withdrawn badges (no server-only imports there: the badge lists use them too).
import { EARN_AGAIN, reasonAsShown } from '@/lib/awards/withdrawn-words';

/**
 * One lock per holder on the standing of their badges, taken first in every transaction that
 * changes whether a badge of theirs stands (revoke, suspend, reinstate, a hold lifted) or issues a
 * stack badge on their parts. Each such transaction then reads the parts as the one before it left
 * them: without it, a stack badge could be issued on a part revoked meanwhile, or two parts withdrawn
 * at once could each see the other standing and leave the stack badge valid.
 */
export async function lockAwardStanding(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`award-standing:${userId}`}))`;
}

// A stack badge says its holder holds every badge it is built from. When one of those is withdrawn
// (and the holder has no other valid badge of that micro-credential, such as a renewal):
// - revoked, with no other badge of it left that could be reinstated: the stack badge is revoked
//   too, so every verifier (the revocation list is the one status entry outside verifiers read)
//   reports it as not valid. Its reason ends with EARN_AGAIN: the stack can be issued again should
//   the holder hold the part again (a new stack badge; the partial unique index
//   "Award_one_standing_stack_badge" allows one unrevoked badge per holder and stack). No path lets
//   a holder earn a revoked part again yet, so the sentence is a stored marker, not shown
//   (reasonAsShown);
// - suspended (or revoked while another badge of it is only suspended): the stack badge is put on
//   hold (suspended), with a reason that says why. It is valid again, by itself, once the holder
//   holds every part again (the part is reinstated, or earned again).
// Both are told apart from an administrator's own suspension or revocation by their reason's
// closing sentence (docs/decisions/012).

const ON_HOLD_UNTIL = 'It is valid again once every badge it is built from is held.';

export function holdReason(partTitle: string, why: 'revoked' | 'suspended'): string {
  return `“${partTitle}”, one of the badges it is built from, ${why === 'revoked' ? 'was revoked' : 'is suspended'}. ${ON_HOLD_UNTIL}`;
}

export function revokedWithPartReason(partTitle: string): string {
  return `“${partTitle}”, one of the badges it is built from, was revoked. ${EARN_AGAIN}`;
}

const isCascadeHold = (reason: string | null) => Boolean(reason?.endsWith(ON_HOLD_UNTIL));


/**
 * The stack badges of a holder and stack that stop the stack being issued to them (again): a
 * standing (unrevoked) one, or one an administrator revoked, which is never issued again. One
 * revoked because a part was revoked does not stop it.
 */
export const blocksStackIssue = (userId: string) => ({ userId, OR: [{ revokedAt: null }, { NOT: { revocationReason: { endsWith: EARN_AGAIN } } }] });

/** A stack badge an administrator revoked: the stack is never issued to that holder again. */
export const revokedForGood = (userId: string) => ({ userId, revokedAt: { not: null }, NOT: { revocationReason: { endsWith: EARN_AGAIN } } });

/** The SQL form of EARN_AGAIN's test, for raw queries: `reason LIKE` this. */
export const REVOKED_WITH_PART_LIKE = `%${EARN_AGAIN}`;

export type StackOutcome = { id: string; title: string; issuerId: string; statusListId: string; statusListIndex: number; outcome: 'revoke' | 'hold' };

/**
 * What suspending or revoking this badge would do to the stack badges built on it, said to the
 * issuer's admin on the badge's page before they choose: nothing for anyone else, or for a badge
 * already revoked.
 */
export async function stackOutcomesOfWithdrawing(actor: Actor | null, award: { id: string; userId: string; microCredentialId: string | null; issuerId: string; revokedAt: Date | null; suspendedAt: Date | null }): Promise<{ onSuspend: StackOutcome[]; onRevoke: StackOutcome[] }> {
  if (!isIssuerAdmin(actor, award.issuerId) || award.revokedAt) return { onSuspend: [], onRevoke: [] };
  const [onSuspend, onRevoke] = await Promise.all([award.suspendedAt ? [] : stackBadgesBuiltOn(db, award, 'suspended'), stackBadgesBuiltOn(db, award, 'revoked')]);
  return { onSuspend, onRevoke };
}

/**
 * What withdrawing this part badge (`why`) does to the holder's stack badges built on it: each is
 * revoked or put on hold. None when the holder keeps another valid badge of the same
 * micro-credential (a renewal, say).
 */
export async function stackBadgesBuiltOn(client: Tx | typeof db, award: { id: string; userId: string; microCredentialId: string | null }, why: 'revoked' | 'suspended'): Promise<StackOutcome[]> {
  if (!award.microCredentialId) return [];
  const others = await client.award.findMany({ where: { userId: award.userId, microCredentialId: award.microCredentialId, id: { not: award.id }, revokedAt: null }, select: { suspendedAt: true } });
  if (others.some((o) => !o.suspendedAt)) return [];
  // Revoked, and no other badge of it left that could be reinstated: the stack badges no longer
  // stand at all, on hold or not. Otherwise they wait, on hold, for a part to stand again.
  const revoke = why === 'revoked' && others.length === 0;
  const stacks = await client.award.findMany({
    where: { userId: award.userId, revokedAt: null, ...(revoke ? {} : { suspendedAt: null }), stack: { items: { some: { microCredentialId: award.microCredentialId } } } },
    orderBy: [{ issuedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, title: true, issuerId: true, statusListId: true, statusListIndex: true },
  });
  return stacks.map((s) => ({ ...s, outcome: revoke ? 'revoke' : 'hold' }));
}

/**
 * Inside the transaction that revokes or suspends `award`, after lockAwardStanding: revokes the stack badges built on it, or
 * puts them on hold (stackBadgesBuiltOn says which). Returns their ids.
 */
export async function withdrawStacksBuiltOn(tx: Tx, award: { id: string; userId: string; microCredentialId: string | null; title: string }, why: 'revoked' | 'suspended', actorId: string): Promise<{ revoked: string[]; held: string[] }> {
  const done = { revoked: [] as string[], held: [] as string[] };
  for (const s of await stackBadgesBuiltOn(tx, award, why)) {
    if (s.outcome === 'revoke') {
      const reason = revokedWithPartReason(award.title);
      // As revokeAward: revocation supersedes a suspension (an earlier hold), whose bit is cleared.
      const u = await tx.award.updateMany({ where: { id: s.id, revokedAt: null }, data: { revokedAt: new Date(), revocationReason: reason, suspendedAt: null, suspensionReason: null } });
      if (!u.count) continue;
      await setRevocationBit(tx, s.statusListId, s.statusListIndex, true);
      await setSuspensionBit(tx, s.statusListId, s.statusListIndex, false);
      await recordAudit({ actorId, action: 'award.revoke', entityType: 'Award', entityId: s.id, organizationId: s.issuerId, data: { reason, because: award.id } }, tx);
      await notify({ userId: award.userId, kind: 'award.revoked', title: `Your badge “${s.title}” was revoked`, body: reasonAsShown(reason)!, href: `/credentials/${s.id}`, essential: true }, tx);
      done.revoked.push(s.id);
    } else {
      const reason = holdReason(award.title, why);
      const u = await tx.award.updateMany({ where: { id: s.id, revokedAt: null, suspendedAt: null }, data: { suspendedAt: new Date(), suspensionReason: reason } });
      if (!u.count) continue;
      await setSuspensionBit(tx, s.statusListId, s.statusListIndex, true);
      await recordAudit({ actorId, action: 'award.suspend', entityType: 'Award', entityId: s.id, organizationId: s.issuerId, data: { reason, because: award.id } }, tx);
      await notify({ userId: award.userId, kind: 'award.suspended', title: `Your badge “${s.title}” is on hold`, body: reason, href: `/credentials/${s.id}`, essential: true }, tx);
      done.held.push(s.id);
    }
  }
  return done;
}

/**
 * The reason a stack badge's hold should give now that `held` are the parts held (validPartAwards),
 * or null when its reason already names a part still missing (or none can be named). A hold names
 * the part that put it on hold; when that part is restored while another is still withdrawn (A
 * suspended, then B, then A reinstated), it names, in the stack's order, the first part still
 * missing, by the holder's newest withdrawn badge of it, as withdrawStacksBuiltOn would have.
 */
async function holdReasonNow(client: Tx | typeof db, userId: string, reason: string | null, parts: string[], held: { microCredentialId: string | null }[]): Promise<string | null> {
  const have = new Set(held.map((h) => h.microCredentialId));
  const missing = parts.filter((p) => !have.has(p));
  if (!missing.length) return null;
  const withdrawn = await client.award.findMany({
    where: { userId, microCredentialId: { in: missing }, OR: [{ revokedAt: { not: null } }, { suspendedAt: { not: null } }] },
    orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    select: { title: true, microCredentialId: true, revokedAt: true },
  });
  if (withdrawn.some((w) => reason?.startsWith(`“${w.title}”,`))) return null;
  for (const part of missing) {
    const w = withdrawn.find((x) => x.microCredentialId === part);
    if (w) return holdReason(w.title, w.revokedAt ? 'revoked' : 'suspended');
  }
  return null;
}

/**
 * After a part badge is reinstated or earned again: lifts the holds that withdrawStacksBuiltOn put on
 * the holder's stack badges that contain this micro-credential, where every part is held again.
 * Where a part is still missing, the hold stays, and its reason is made to name a part still missing
 * (holdReasonNow) rather than the one restored. An administrator's own suspension is left alone.
 */
export async function releaseStackHolds(userId: string, microCredentialId: string): Promise<string[]> {
  const onHold = await db.award.findMany({
    where: { userId, revokedAt: null, suspendedAt: { not: null }, stack: { items: { some: { microCredentialId } } } },
    select: { id: true, title: true, issuerId: true, statusListId: true, statusListIndex: true, suspensionReason: true, stack: { select: { items: { orderBy: { sortOrder: 'asc' }, select: { microCredentialId: true } } } } },
  });
  const released: string[] = [];
  for (const s of onHold) {
    if (!isCascadeHold(s.suspensionReason) || !s.stack) continue;
    const parts = s.stack.items.map((i) => i.microCredentialId);
    // Checked first without the lock, so the common case (still on hold, for the part it names) writes nothing.
    const held = await validPartAwards(userId, parts);
    if (!holdsEveryPart(held, parts) && !(await holdReasonNow(db, userId, s.suspensionReason, parts, held))) continue;
    const outcome = await changePublicPages(async (tx): Promise<'lifted' | 'renamed' | null> => {
      // Checked again under the holder's lock: a part suspended or revoked since the check above
      // (its transaction found this badge already on hold, and left it so) keeps it on hold, and
      // the reason names a part as the parts stand under the lock.
      await lockAwardStanding(tx, userId);
      const heldNow = await validPartAwards(userId, parts, tx);
      if (!holdsEveryPart(heldNow, parts)) {
        const reason = await holdReasonNow(tx, userId, s.suspensionReason, parts, heldNow);
        if (!reason) return null;
        const u = await tx.award.updateMany({ where: { id: s.id, revokedAt: null, suspendedAt: { not: null }, suspensionReason: s.suspensionReason }, data: { suspensionReason: reason } });
        return u.count ? 'renamed' : null;
      }
      const u = await tx.award.updateMany({ where: { id: s.id, revokedAt: null, suspendedAt: { not: null }, suspensionReason: s.suspensionReason }, data: { suspendedAt: null, suspensionReason: null } });
      if (!u.count) return null;
      await setSuspensionBit(tx, s.statusListId, s.statusListIndex, false);
      await recordAudit({ actorId: null, action: 'award.reinstate', entityType: 'Award', entityId: s.id, organizationId: s.issuerId, data: { note: 'Every badge it is built from is held again.' } }, tx);
      await notify({ userId, kind: 'award.reinstated', title: `Your badge “${s.title}” is valid again`, body: 'Every badge it is built from is held again.', href: `/credentials/${s.id}`, essential: true }, tx);
      return 'lifted';
    }, { changed: (v) => v !== null });
    if (outcome === 'lifted') released.push(s.id);
  }
  return released;
}
