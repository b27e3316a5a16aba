import { describe, expect, it } from 'vitest';
import { awardState, hoursBySchoolYear, schoolYearOf, totalHoursOf } from '@/lib/reporting/teacher-record';

const d = (s: string) => new Date(`${s}T12:00:00Z`);

describe('a teacher’s record', () => {
  it('counts school years from July to June', () => {
    expect(schoolYearOf(d('2026-09-12')).label).toBe('2026–27');
    expect(schoolYearOf(d('2027-03-03')).label).toBe('2026–27');
    expect(schoolYearOf(d('2026-06-30')).label).toBe('2025–26');
    expect(schoolYearOf(d('2026-07-01')).label).toBe('2026–27');
    expect(schoolYearOf(d('2099-08-01')).label).toBe('2099–00');
  });

  it('says revoked over suspended over expired', () => {
    const now = d('2026-11-24');
    expect(awardState({ revokedAt: now, suspendedAt: now, validUntil: d('2020-01-01') }, now)).toBe('revoked');
    expect(awardState({ revokedAt: null, suspendedAt: now, validUntil: d('2020-01-01') }, now)).toBe('suspended');
    expect(awardState({ revokedAt: null, suspendedAt: null, validUntil: d('2026-11-01') }, now)).toBe('expired');
    expect(awardState({ revokedAt: null, suspendedAt: null, validUntil: d('2027-11-01') }, now)).toBe('valid');
    expect(awardState({ revokedAt: null, suspendedAt: null, validUntil: null }, now)).toBe('valid');
  });

  it('adds PD hours per school year without gaps; revoked hours do not count, expired ones do', () => {
    const years = hoursBySchoolYear([
      { issuedAt: d('2024-10-01'), pdHours: 10, state: 'valid' },
      { issuedAt: d('2025-02-01'), pdHours: 2.5, state: 'expired' },
      { issuedAt: d('2026-09-01'), pdHours: 15, state: 'suspended' },
      { issuedAt: d('2026-10-01'), pdHours: 30, state: 'revoked' },
      { issuedAt: d('2026-10-02'), pdHours: 0, state: 'valid' },
    ]);
    expect(years.map((y) => [y.label, y.hours, y.credentials])).toEqual([
      ['2024–25', 12.5, 2],
      ['2025–26', 0, 0],
      ['2026–27', 15, 1],
    ]);
    expect(hoursBySchoolYear([])).toEqual([]);
  });

  it('adds the years’ hours to one decimal, as each year shows them (never 3.3000000000000003)', () => {
    const years = hoursBySchoolYear([
      { issuedAt: d('2024-10-01'), pdHours: 1.1, state: 'valid' },
      { issuedAt: d('2025-10-01'), pdHours: 2.2, state: 'valid' },
    ]);
    expect(years.map((y) => y.hours)).toEqual([1.1, 2.2]);
    expect(1.1 + 2.2).not.toBe(3.3);
    expect(totalHoursOf(years)).toBe(3.3);
    expect(String(totalHoursOf(years))).toBe('3.3');
    expect(totalHoursOf([])).toBe(0);
  });
});
