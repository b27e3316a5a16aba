import { describe, expect, it } from 'vitest';
import { addMonths, renewability, renewalOpensAt, validUntilFor, RENEWAL_WINDOW_DAYS } from '@/lib/submissions/renewal-policy';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const award = (validUntil: Date | null, extra: { revokedAt?: Date; suspendedAt?: Date; issuedAt?: Date } = {}) => ({ issuedAt: extra.issuedAt ?? d('2025-01-15'), validUntil, revokedAt: extra.revokedAt ?? null, suspendedAt: extra.suspendedAt ?? null });

describe('renewal policy', () => {
  it('opens the window 90 days before expiry and keeps it open after', () => {
    expect(RENEWAL_WINDOW_DAYS).toBe(90);
    expect(renewalOpensAt(d('2027-01-15'), d('2025-01-15'))).toEqual(d('2026-10-17'));
    expect(renewability(award(d('2027-01-15')), d('2026-10-16'))).toEqual({ ok: false, reason: 'not-yet', opensAt: d('2026-10-17') });
    expect(renewability(award(d('2027-01-15')), d('2026-10-17'))).toEqual({ ok: true, expired: false });
    expect(renewability(award(d('2027-01-15')), d('2027-01-15'))).toEqual({ ok: true, expired: true });
    expect(renewability(award(d('2027-01-15')), d('2031-06-01'))).toEqual({ ok: true, expired: true });
  });

  it('opens in the last third of a short validity, not the day a three-month badge is earned', () => {
    // Issued 1 January, valid 90 days: opens 30 days before the end, on 2 March.
    const short = award(d('2026-04-01'), { issuedAt: d('2026-01-01') });
    expect(renewalOpensAt(d('2026-04-01'), d('2026-01-01'))).toEqual(d('2026-03-02'));
    expect(renewability(short, d('2026-01-01'))).toMatchObject({ ok: false, reason: 'not-yet' });
    expect(renewability(short, d('2026-03-02'))).toEqual({ ok: true, expired: false });
    // A long validity keeps the 90 days.
    expect(renewalOpensAt(d('2029-01-01'), d('2026-01-01'))).toEqual(d('2028-10-03'));
  });

  it('never renews a badge without an end date, a revoked one or a suspended one', () => {
    const now = d('2027-01-01');
    expect(renewability(award(null), now)).toEqual({ ok: false, reason: 'no-expiry' });
    expect(renewability(award(d('2027-01-15'), { revokedAt: now }), now)).toEqual({ ok: false, reason: 'revoked' });
    expect(renewability(award(d('2027-01-15'), { suspendedAt: now }), now)).toEqual({ ok: false, reason: 'suspended' });
  });

  it('runs a renewed badge on from the old end date when renewed early, else from now', () => {
    expect(validUntilFor(d('2026-12-01'), null)).toBeUndefined();
    expect(validUntilFor(d('2026-12-01'), 24)).toEqual(d('2028-12-01'));
    expect(validUntilFor(d('2026-12-01'), 24, d('2027-01-15'))).toEqual(d('2029-01-15'));
    expect(validUntilFor(d('2027-03-01'), 24, d('2027-01-15'))).toEqual(d('2029-03-01'));
    expect(addMonths(d('2026-11-24'), 12)).toEqual(d('2027-11-24'));
  });
});
