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

/** Business days between two dates (negative when `to` is before `from`). */
export function businessDaysBetween(from: Date, to: Date): number {
  const sign = to >= from ? 1 : -1;
  const [a, b] = sign === 1 ? [from, to] : [to, from];
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
 * query can compare `dueAt` with.
 */
export function nearDueBefore(now: Date, days = NEAR_DUE_BUSINESS_DAYS): Date {
  return addBusinessDays(now, days + 1);
}
