/** Adds business days (Monday to Friday) to a date, keeping the time of day. */
export function addBusinessDays(start: Date, days: number): Date {
  const d = new Date(start);
  let added = 0;
  while (added < days) {
    d.setUTCDate(d.getUTCDate() + 1);
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) added++;
  }
  return d;
}

/** Midnight (UTC) at the start of the day `d` falls on: whole days are UTC days (ADR 023). */
function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * Business days from the day of `from` to the day of `to` (negative when `to` is on an earlier
 * day): the weekdays after the first day, up to and including the last. Counted by calendar (UTC)
 * day, not in 24-hour steps, so it agrees with the date people read beside it: Friday 17:00 to
 * Monday 09:00 is one business day, Thursday 17:00 to Friday 16:00 is one, and 0 is the same day.
 */
export function businessDaysBetween(from: Date, to: Date): number {
  const [start, end] = [startOfUtcDay(from), startOfUtcDay(to)];
  const sign = end >= start ? 1 : -1;
  const [a, b] = sign === 1 ? [start, end] : [end, start];
  const d = new Date(a);
  let count = 0;
  while (true) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d > b) break;
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) count++;
  }
  return sign * count;
}

/**
 * A decision is "near its date" with this many business days left or fewer (overdue included):
 * the review queue's clock turns amber there, and the reviewers' daily digest counts them.
 */
export const NEAR_DUE_BUSINESS_DAYS = 2;

/**
 * The due dates that are near their decision date at `now`: everything before this moment. The
 * exact boundary of `businessDaysBetween(now, dueAt) <= NEAR_DUE_BUSINESS_DAYS`, as a timestamp a
 * query can compare `dueAt` with: the start of the day that is one business day too far.
 */
export function nearDueBefore(now: Date, days = NEAR_DUE_BUSINESS_DAYS): Date {
  return addBusinessDays(startOfUtcDay(now), days + 1);
}
