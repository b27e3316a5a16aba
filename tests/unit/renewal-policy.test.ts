import { describe, expect, it } from 'vitest';
import { addMonths, renewability, renewalOpensAt, validUntilFor, RENEWAL_WINDOW_DAYS } from '@/lib/submissions/renewal-policy';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const award = (validUntil: Date | null, extra: { revokedAt?: Date; suspendedAt?: Date } = {}) => ({ validUntil, revokedAt: extra.revokedAt ?? null, suspendedAt: extra.suspendedAt ?? null });

describe('renewal policy', () => {
  it('opens the window 90 days before expiry and keeps it open after', () => {
    expect(RENEWAL_WINDOW_DAYS).toBe(90);
    expect(renewalOpensAt(d('2027-01-15'))).toEqual(d('2026-10-17'));
    expect(renewability(award(d('2027-01-15')), d('2026-10-16'))).toEqual({ ok: false, reason: 'not-yet', opensAt: d('2026-10-17') });
    expect(renewability(award(d('2027-01-15')), d('2026-10-17'))).toEqual({ ok: true, expired: false });
    expect(renewability(award(d('2027-01-15')), d('2027-01-15'))).toEqual({ ok: true, expired: true });
    expect(renewability(award(d('2027-01-15')), d('2031-06-01'))).toEqual({ ok: true, expired: true });
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
