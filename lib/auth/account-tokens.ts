import 'server-only';
import { db, type Tx } from '@/lib/db';
import { invalidState } from '@/lib/errors';
import { hashToken, newToken } from '@/lib/security/tokens';
import type { AccountTokenPurpose } from '@/lib/generated/prisma/enums';

// Links sent by email that prove the person reads that inbox (password reset, address
// confirmation). Only the token's hash is stored; a link works once and until it expires; sending
// a new one for the same purpose retires those sent before.

export type LinkState = 'valid' | 'expired' | 'used' | 'unknown';

/** A new link's token for `userId`; earlier unused ones for the same purpose stop working. */
export async function issueAccountToken(userId: string, purpose: AccountTokenPurpose, minutes: number, now = new Date()): Promise<string> {
  const token = newToken();
  await db.$transaction(async (tx) => {
    await tx.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
    await tx.accountToken.create({ data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + minutes * 60_000) } });
  });
  return token;
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
 * Inside `tx`: uses the link, exactly once (a double click or a second tab gets `messages.used`),
 * and, as it reached the inbox, confirms the account's address. Says whether that was news.
 */
export async function redeemAccountToken(tx: Tx, row: { id: string; userId: string }, messages: LinkMessages, now = new Date()): Promise<{ newlyConfirmed: boolean }> {
  const claimed = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) throw invalidState(messages.used);
  const confirmed = await tx.user.updateMany({ where: { id: row.userId, emailVerified: null }, data: { emailVerified: now } });
  return { newlyConfirmed: confirmed.count > 0 };
}
