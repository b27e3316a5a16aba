// Whole days in UTC, as the reports, the audit logs and Badges issued take them from a query string
// (`2026-03-01`) and as pages and messages print them ("1 Mar 2026"): safe to import anywhere.

export const DAY_MS = 86_400_000;

/**
 * A date's day in words, "14 Mar 2026": its UTC day, the same day as its `dayLabel`. Whole days
 * stay UTC days whoever reads them (ADR 023); only a time of day follows the viewer's zone.
 */
export const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A date's day with its month in full, "14 March 2026" (its UTC day, as dayFmt): in sentences and emails. */
export const dayLongFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A date's month in words, "March 2026" (its UTC month): where a day would say too much, or is not needed. */
export const monthYearFmt = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A date's day as `YYYY-MM-DD` (UTC). */
export const dayLabel = (d: Date) => d.toISOString().slice(0, 10);

/** A real calendar day (2026-02-30 is not) as midnight UTC; null for anything else. */
export function utcDay(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) || dayLabel(d) !== value ? null : d;
}

/** Midnight UTC after `day`: the exclusive end of a range whose last day is included. */
export const dayAfter = (day: Date) => new Date(day.getTime() + DAY_MS);
