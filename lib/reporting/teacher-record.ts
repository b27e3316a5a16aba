// Pure parts of a teacher's record (lib/reporting/teacher.ts), unit-tested alone.

export type AwardState = 'valid' | 'expired' | 'suspended' | 'revoked';

/** Revocation outranks suspension, which outranks expiry. */
export function awardState(a: { revokedAt: Date | null; suspendedAt: Date | null; validUntil: Date | null }, now: Date): AwardState {
  if (a.revokedAt) return 'revoked';
  if (a.suspendedAt) return 'suspended';
  if (a.validUntil && a.validUntil <= now) return 'expired';
  return 'valid';
}

/**
 * The school year a date falls in, July to June (as most US districts count PD hours): 12 Sep 2026
 * is in "2026–27", 3 Mar 2027 too. Months are read in UTC.
 */
export function schoolYearOf(date: Date): { label: string; startYear: number } {
  const y = date.getUTCFullYear();
  const startYear = date.getUTCMonth() >= 6 ? y : y - 1;
  return { label: `${startYear}–${String((startYear + 1) % 100).padStart(2, '0')}`, startYear };
}

/**
 * PD hours per school year, oldest first, with no gaps between the first and the last. Hours of a
 * revoked credential do not count; hours already earned on an expired or suspended one still do.
 */
export function hoursBySchoolYear(rows: { issuedAt: Date; pdHours: number; state: AwardState }[]): { label: string; startYear: number; hours: number; credentials: number }[] {
  const counted = rows.filter((r) => r.state !== 'revoked' && r.pdHours > 0);
  if (!counted.length) return [];
  const byYear = new Map<number, { hours: number; credentials: number }>();
  for (const r of counted) {
    const { startYear } = schoolYearOf(r.issuedAt);
    const y = byYear.get(startYear) ?? { hours: 0, credentials: 0 };
    y.hours = Math.round((y.hours + r.pdHours) * 10) / 10;
    y.credentials++;
    byYear.set(startYear, y);
  }
  const first = Math.min(...byYear.keys());
  const last = Math.max(...byYear.keys());
  const out: { label: string; startYear: number; hours: number; credentials: number }[] = [];
  for (let y = first; y <= last; y++) {
    const v = byYear.get(y) ?? { hours: 0, credentials: 0 };
    out.push({ label: schoolYearOf(new Date(Date.UTC(y, 6, 1))).label, startYear: y, ...v });
  }
  return out;
}

/**
 * All the hours of hoursBySchoolYear's years, to one decimal as each year is: a float sum of 1.1
 * and 2.2 would show "3.3000000000000003 PD hours" (transcriptTotals rounds its total the same way).
 */
export function totalHoursOf(years: { hours: number }[]): number {
  return Math.round(years.reduce((s, y) => s + y.hours, 0) * 10) / 10;
}
