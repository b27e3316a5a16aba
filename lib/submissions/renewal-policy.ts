// When an expiring badge can be renewed, and until when the renewed badge is valid. Pure, so it is
// unit-tested alone; lib/submissions/renewal.ts applies it.

/**
 * A badge can be renewed from this many days before it expires (and any time after), or from the
 * last third of its validity when that is shorter: a badge valid for three months does not open
 * for renewal (and remind its holder) the day it is earned.
 */
export const RENEWAL_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export type RenewableAward = { issuedAt: Date; validUntil: Date | null; revokedAt: Date | null; suspendedAt: Date | null };

export type Renewability =
  | { ok: true; expired: boolean }
  | { ok: false; reason: 'no-expiry' | 'revoked' | 'suspended' | 'not-yet'; opensAt?: Date };

/** The day renewal opens for a badge issued on `issuedAt` and valid until `validUntil`. */
export function renewalOpensAt(validUntil: Date, issuedAt: Date): Date {
  const lastThird = Math.max(0, validUntil.getTime() - issuedAt.getTime()) / 3;
  return new Date(validUntil.getTime() - Math.min(RENEWAL_WINDOW_DAYS * DAY_MS, lastThird));
}

export function renewability(award: RenewableAward, now: Date): Renewability {
  if (award.revokedAt) return { ok: false, reason: 'revoked' };
  if (award.suspendedAt) return { ok: false, reason: 'suspended' };
  if (!award.validUntil) return { ok: false, reason: 'no-expiry' };
  const opensAt = renewalOpensAt(award.validUntil, award.issuedAt);
  if (now < opensAt) return { ok: false, reason: 'not-yet', opensAt };
  return { ok: true, expired: award.validUntil <= now };
}

export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

/**
 * How long a badge issued `now` is valid. A renewal finished before the old badge ran out starts
 * where the old one ends, so renewing early never costs the teacher time they already had.
 */
export function validUntilFor(now: Date, expiryMonths: number | null, previousValidUntil?: Date | null): Date | undefined {
  if (!expiryMonths) return undefined;
  const from = previousValidUntil && previousValidUntil > now ? previousValidUntil : now;
  return addMonths(from, expiryMonths);
}
