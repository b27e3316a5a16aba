import 'server-only';
import { db, type Tx } from '@/lib/db';
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

/** Marks the link used inside `tx`; false when another request used it first (or it just expired). */
export async function consumeAccountToken(tx: Tx, id: string, now = new Date()): Promise<boolean> {
  const claimed = await tx.accountToken.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return claimed.count === 1;
}
