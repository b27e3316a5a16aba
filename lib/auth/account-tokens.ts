import 'server-only';
import { db, type Tx } from '@/lib/db';
import { forbidden, invalidState } from '@/lib/errors';
import { hashToken, newToken } from '@/lib/security/tokens';
import type { AccountTokenPurpose } from '@/lib/generated/prisma/enums';

// Links sent by email that prove the person reads that inbox (password reset, address
// confirmation); using one also needs the account's password shown (PasswordProof). Only the
// token's hash is stored; a link works once and until it expires; sending a new one for the same
// purpose retires those sent before.

export type LinkState = 'valid' | 'expired' | 'used' | 'unknown';

/**
 * Inside `tx`: waits for any other change to this account's links or address to finish. Taken by
 * issueAccountToken and by an address change, so a link is never issued for an address that is
 * being replaced (the change would miss the new link and leave it working in the old inbox).
 */
export async function lockAccountLinks(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`account-links:${userId}`}))`;
}

/**
 * Inside `tx`: the account's unused links (of `purpose` only, when given) stop working, as if used
 * at `now`. Takes lockAccountLinks first, so a link being issued at this moment is either retired
 * here or issued after (and not missed); a caller that also changes the account's row takes this
 * before that, in the order every change to links and address takes them. Returns how many.
 */
export async function retireUnusedLinks(tx: Tx, userId: string, now: Date, purpose?: AccountTokenPurpose): Promise<number> {
  await lockAccountLinks(tx, userId);
  const retired = await tx.accountToken.updateMany({ where: { userId, usedAt: null, ...(purpose ? { purpose } : {}) }, data: { usedAt: now } });
  return retired.count;
}

/**
 * A new link's token for `userId`; earlier unused ones for the same purpose stop working. With
 * `sentTo`, only while that is still the account's address: null when it changed meanwhile (the
 * link would go to an inbox that is no longer this account's), and nothing is issued.
 */
export async function issueAccountToken(userId: string, purpose: AccountTokenPurpose, minutes: number, now = new Date(), sentTo?: string): Promise<string | null> {
  const token = newToken();
  const issued = await db.$transaction(async (tx) => {
    await lockAccountLinks(tx, userId);
    if (sentTo !== undefined && !(await tx.user.count({ where: { id: userId, email: sentTo } }))) return false;
    await retireUnusedLinks(tx, userId, now, purpose);
    await tx.accountToken.create({ data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + minutes * 60_000) } });
    return true;
  });
  return issued ? token : null;
}

/** The link's row and what it is worth now. A disabled account's links are worth nothing. */
export async function readAccountToken(token: string, purpose: AccountTokenPurpose, now = new Date()) {
  if (!token || token.length > 200) return { state: 'unknown' as LinkState, row: null };
  const row = await db.accountToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true, disabledAt: true } } },
  });
  if (!row || row.purpose !== purpose || row.user.disabledAt) return { state: 'unknown' as LinkState, row: null };
  const state: LinkState = row.usedAt ? 'used' : row.expiresAt <= now ? 'expired' : 'valid';
  return { state, row };
}

/** What to tell someone whose link cannot be used, per state. */
export type LinkMessages = Record<Exclude<LinkState, 'valid'>, string>;

/** The row of a link that can be used now; otherwise the message for its state, as an error. */
export async function requireUsableAccountToken(token: string, purpose: AccountTokenPurpose, messages: LinkMessages, now = new Date()) {
  const { state, row } = await readAccountToken(token, purpose, now);
  if (state !== 'valid' || !row) throw invalidState(messages[state === 'valid' ? 'unknown' : state]);
  return row;
}

/**
 * How the person using a link also showed they hold the account's password. The link proves the
 * inbox only, and an address is confirmed only with both: otherwise a stranger who opened an account
 * with someone else's address would keep their password on it once its owner clicked the link.
 * `newPassword`: the link sets a new password (a reset), replacing whatever was there;
 * `signedInAs`: the id of the account the person is signed in to (null: nobody), which must be the
 * link's.
 */
export type PasswordProof = { newPassword: true } | { signedInAs: string | null };

/**
 * Inside `tx`: uses the link, exactly once (a double click or a second tab gets `messages.used`),
 * and, as it reached the inbox and `proof` shows the password, confirms the account's address.
 * Says whether that was news.
 */
export async function redeemAccountToken(tx: Tx, row: { id: string; userId: string }, messages: LinkMessages, now: Date, proof: PasswordProof): Promise<{ newlyConfirmed: boolean }> {
  if ('signedInAs' in proof && proof.signedInAs !== row.userId) throw forbidden('This link is for another account. Sign in to the account it was sent for, then open the link again.');
  const claimed = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) throw invalidState(messages.used);
  const confirmed = await tx.user.updateMany({ where: { id: row.userId, emailVerified: null }, data: { emailVerified: now } });
  return { newlyConfirmed: confirmed.count > 0 };
}
