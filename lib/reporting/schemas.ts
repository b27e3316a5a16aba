import { z } from 'zod';
import { DAY_MS, dayAfter, dayLabel, utcDay } from '@/lib/dates';
import { validation } from '@/lib/errors';

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
 * No micro-credential on the platform is older than this: an earlier date is a typo (1921 for
 * 2021), and a report reaching back further would only count empty months. The PD transcript has
 * the same floor (TRANSCRIPT_EARLIEST).
 */
export const REPORT_EARLIEST = '2000-01-01';
/** A report may look ahead to the end of next calendar year (a school year that has not ended yet), no further. */
export const REPORT_YEARS_AHEAD = 1;
/** The longest period one report covers: 10 years is at most 121 months in a chart and a table. */
export const REPORT_MAX_YEARS = 10;
/** Longer than this a period cannot be read in any report: 10 years with their leap days, and a day to spare. */
export const REPORT_MAX_DAYS = REPORT_MAX_YEARS * 366;
/** Weekly buckets only up to two years (about 105 weeks); a longer period is grouped by month. */
export const WEEKLY_MAX_DAYS = 2 * 366;

const boundFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The first and last days a report may cover as of `now` (YYYY-MM-DD), for the date fields' min and max too. */
export function reportBounds(now = new Date()): { earliest: string; latest: string } {
  return { earliest: REPORT_EARLIEST, latest: `${now.getUTCFullYear() + REPORT_YEARS_AHEAD}-12-31` };
}

/** Whole days a period covers ([from, to), whole UTC days). */
export const periodDays = (period: { from: Date; to: Date }) => Math.round((period.to.getTime() - period.from.getTime()) / DAY_MS);

/**
 * For the queries that draw one row per month or week (generate_series): a period resolvePeriod
 * did not bound, from a caller that built its own, is refused rather than read for hours.
 */
export function assertReportablePeriod(period: { from: Date; to: Date }, bucket: Bucket = 'month'): void {
  const days = periodDays(period);
  if (!(days <= REPORT_MAX_DAYS)) throw validation(`A report covers at most ${REPORT_MAX_YEARS} years. Choose a shorter period.`);
  if (bucket === 'week' && days > WEEKLY_MAX_DAYS) throw validation('Weekly figures cover at most two years. Choose a shorter period or group by month.');
}

/**
 * Defaults to the current school year, 1 July to 30 June, as teachers' own records count it
 * (lib/reporting/teacher-record.ts). A date that does not exist falls back to that year's bound,
 * a range typed backwards is turned round, a date before REPORT_EARLIEST or after the end of next
 * year is moved to that bound, and a period longer than REPORT_MAX_YEARS keeps its end and starts
 * that many years before it (a link with 0001-01-01 to 9998-12-31 would otherwise ask for 120,000
 * months). Each time `notice` says so, and the labels always describe the period actually used.
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
  const bounds = reportBounds(now);
  const earliest = utcDay(bounds.earliest)!;
  const latest = utcDay(bounds.latest)!;
  const tooEarly = `${boundFmt.format(earliest)}, the earliest date reports go back to`;
  const tooLate = `${boundFmt.format(latest)}, the latest date a report can reach`;
  const withinBounds = (day: Date, which: 'start' | 'end'): Date => {
    if (day < earliest) {
      notices.push(`the ${which} date was before ${tooEarly}`);
      return earliest;
    }
    if (day > latest) {
      notices.push(`the ${which} date was after ${tooLate}`);
      return latest;
    }
    return day;
  };
  from = withinBounds(from, 'start');
  last = withinBounds(last, 'end');
  // The same calendar day REPORT_MAX_YEARS years before the end, plus one: 2018-01-01 for 2027-12-31.
  const longest = new Date(Date.UTC(last.getUTCFullYear() - REPORT_MAX_YEARS, last.getUTCMonth(), last.getUTCDate() + 1));
  if (from < longest) {
    from = longest;
    notices.push(`a report covers at most ${REPORT_MAX_YEARS} years, so this one starts ${REPORT_MAX_YEARS} years before its end date`);
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

/**
 * The bucket the issuer dashboard uses for `period`: weeks as asked only up to WEEKLY_MAX_DAYS (five
 * charts of a hundred-odd weeks are still readable; of 500 they are not, and each point is a label
 * for a screen reader), months beyond, with `notice` saying so.
 */
export function resolveBucket(asked: Bucket, period: { from: Date; to: Date }): { bucket: Bucket; notice?: string } {
  if (asked === 'week' && periodDays(period) > WEEKLY_MAX_DAYS) {
    return { bucket: 'month', notice: 'Weekly figures are shown for periods of up to two years. This period is longer, so the charts show months instead.' };
  }
  return { bucket: asked };
}

/** The last `days` days up to today, as period input labels (the issuer dashboard's default). */
export function recentPeriodInput(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}
