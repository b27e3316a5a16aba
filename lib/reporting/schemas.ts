import { z } from 'zod';
import { dayAfter, dayLabel, utcDay } from '@/lib/dates';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2025-09-01.')
  .optional()
  .or(z.literal('').transform(() => undefined))
  .catch(undefined);

/** A reporting period from the query string: inclusive `from`, inclusive `to` (whole days, UTC). */
export const PeriodInput = z.object({ from: isoDate, to: isoDate });
export type PeriodInput = z.infer<typeof PeriodInput>;

export type Period = {
  from: Date;
  to: Date;
  fromLabel: string;
  toLabel: string;
  /** Set when the dates asked for could not be used as typed, saying what was shown instead. */
  notice?: string;
};

/**
 * Defaults to the current school year, 1 July to 30 June, as teachers' own records count it
 * (lib/reporting/teacher-record.ts). A date that does not exist falls back to that year's bound,
 * and a range typed backwards is turned round; either way `notice` says so, and the labels always
 * describe the period actually used.
 */
export function resolvePeriod(input: PeriodInput, now = new Date()): Period {
  const y = now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const notices: string[] = [];
  let from = utcDay(input.from);
  let last = utcDay(input.to);
  if (input.from && !from) notices.push(`“${input.from}” is not a date`);
  if (input.to && !last) notices.push(`“${input.to}” is not a date`);
  from ??= new Date(Date.UTC(y, 6, 1));
  last ??= new Date(Date.UTC(y + 1, 5, 30));
  if (last < from) {
    [from, last] = [last, from];
    notices.push('the end date was before the start date, so the two were swapped');
  }
  const notice = notices.length ? `${notices.join('; ')}. Showing ${dayLabel(from)} to ${dayLabel(last)}.`.replace(/^./, (c) => c.toUpperCase()) : undefined;
  // Exclusive upper bound: the day after the last day.
  return { from, to: dayAfter(last), fromLabel: dayLabel(from), toLabel: dayLabel(last), ...(notice ? { notice } : {}) };
}

/**
 * The school a district report or list is narrowed to, from `?school=`: absent or empty means every
 * school. Anything else goes on to the domain query, which refuses an id that is not one of the
 * district's schools (as it refuses another district's id) rather than quietly showing everyone.
 */
export const SchoolFilterInput = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .catch(undefined);

/**
 * The moment salary steps are counted at: the end of the period, or now while the period is still
 * running. Counting at a future end would leave out a badge that ends before then although the
 * teacher holds it today (and their own page, which counts now, would disagree). `day` is the
 * calendar day to show (UTC midnight), `label` the same as `YYYY-MM-DD`.
 */
export function salaryAsOf(period: Period, now = new Date()): { asOf: Date; day: Date; label: string; today: boolean } {
  if (period.to > now) {
    const label = dayLabel(now);
    return { asOf: now, day: utcDay(label)!, label, today: true };
  }
  return { asOf: period.to, day: utcDay(period.toLabel)!, label: period.toLabel, today: false };
}

export const BucketInput = z.enum(['week', 'month']).catch('month');
export type Bucket = z.infer<typeof BucketInput>;

/** The last `days` days up to today, as period input labels (the issuer dashboard's default). */
export function recentPeriodInput(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}
