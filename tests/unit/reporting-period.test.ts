import { describe, expect, it } from 'vitest';
import { PeriodInput, REPORT_MAX_DAYS, assertReportablePeriod, periodDays, reportBounds, resolveBucket, resolvePeriod } from '@/lib/reporting/schemas';

const NOW = new Date('2026-11-24T12:00:00Z');
const resolve = (from?: string, to?: string) => resolvePeriod(PeriodInput.parse({ from, to }), NOW);

describe('reporting periods', () => {
  it('default to the school year July to June, as teachers’ own records count it', () => {
    expect(resolve()).toMatchObject({ fromLabel: '2026-07-01', toLabel: '2027-06-30' });
    expect(resolve().notice).toBeUndefined();
    expect(resolvePeriod({}, new Date('2026-06-30T23:00:00Z'))).toMatchObject({ fromLabel: '2025-07-01', toLabel: '2026-06-30' });
    expect(resolve().to.toISOString()).toBe('2027-07-01T00:00:00.000Z');
  });

  it('keep the dates asked for, the last day included', () => {
    const p = resolve('2025-09-01', '2026-08-31');
    expect(p).toMatchObject({ fromLabel: '2025-09-01', toLabel: '2026-08-31' });
    expect(p.notice).toBeUndefined();
    expect(p.from.toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(p.to.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it('turn a backwards range round and say so; the labels are the dates used', () => {
    const p = resolve('2026-03-01', '2025-09-01');
    expect(p).toMatchObject({ fromLabel: '2025-09-01', toLabel: '2026-03-01' });
    expect(p.notice).toMatch(/swapped/);
  });

  it('never shift an impossible date silently', () => {
    const p = resolve('2025-02-30', '2025-06-30');
    // Not 2 March: the start falls back to the school year's, then the range is turned round.
    expect(p).toMatchObject({ fromLabel: '2025-06-30', toLabel: '2026-07-01' });
    expect(p.notice).toMatch(/^“2025-02-30” is not a date; the end date was before the start date/);
  });
});

describe('reporting periods are bounded', () => {
  it('move a date before 2000 to 1 January 2000, and say so', () => {
    const p = resolve('1921-09-01', '2021-08-31');
    expect(p).toMatchObject({ fromLabel: '2011-09-01', toLabel: '2021-08-31' });
    expect(p.notice).toMatch(/^The start date was before 1 January 2000, the earliest date reports go back to; a report covers at most 10 years/);
    const both = resolve('0001-01-01', '1999-12-31');
    expect(both).toMatchObject({ fromLabel: '2000-01-01', toLabel: '2000-01-01' });
    expect(both.notice).toMatch(/the end date was before 1 January 2000/);
  });

  it('reach no further ahead than the end of next year', () => {
    const p = resolve('2026-07-01', '9998-12-31');
    expect(p).toMatchObject({ fromLabel: '2026-07-01', toLabel: '2027-12-31' });
    expect(p.notice).toBe('The end date was after 31 December 2027, the latest date a report can reach. Showing 2026-07-01 to 2027-12-31.');
    expect(resolve('2030-01-01', '2030-12-31')).toMatchObject({ fromLabel: '2027-12-31', toLabel: '2027-12-31' });
    // The default school year and the whole of next year are never narrowed.
    expect(resolve('2027-01-01', '2027-12-31').notice).toBeUndefined();
  });

  it('cover at most ten years, keeping the end date: 0001 to 9998 is 120 months, not 120,000', () => {
    const p = resolve('0001-01-01', '9998-12-31');
    expect(p).toMatchObject({ fromLabel: '2018-01-01', toLabel: '2027-12-31' });
    expect(p.notice).toMatch(/a report covers at most 10 years, so this one starts 10 years before its end date\. Showing 2018-01-01 to 2027-12-31\.$/);
    expect(periodDays(p)).toBeLessThanOrEqual(REPORT_MAX_DAYS);
    // Exactly ten years is kept as asked.
    const ten = resolve('2016-01-01', '2025-12-31');
    expect(ten).toMatchObject({ fromLabel: '2016-01-01', toLabel: '2025-12-31' });
    expect(ten.notice).toBeUndefined();
    expect(resolve('2015-12-31', '2025-12-31').fromLabel).toBe('2016-01-01');
  });

  it('always leave a period the queries accept, whatever the link says', () => {
    for (const [from, to] of [['0001-01-01', '9998-12-31'], ['9998-12-31', '0001-01-01'], ['2000-01-01', '2100-01-01'], ['1999-02-30', '2999-01-01'], [undefined, '0001-01-01']]) {
      const p = resolve(from, to);
      expect(() => assertReportablePeriod(p)).not.toThrow();
      expect(p.to.getTime()).toBeGreaterThan(p.from.getTime());
      expect(p.fromLabel >= reportBounds(NOW).earliest && p.toLabel <= reportBounds(NOW).latest).toBe(true);
    }
    expect(() => assertReportablePeriod({ from: new Date('0001-01-01T00:00:00Z'), to: new Date('9999-01-01T00:00:00Z') })).toThrow(/at most 10 years/);
  });
});

describe('the issuer dashboard’s buckets', () => {
  it('stay weekly up to two years and switch to months beyond, saying so', () => {
    const two = resolve('2024-11-25', '2026-11-24');
    expect(resolveBucket('week', two)).toEqual({ bucket: 'week' });
    const longer = resolve('2023-01-01', '2026-11-24');
    const b = resolveBucket('week', longer);
    expect(b.bucket).toBe('month');
    expect(b.notice).toMatch(/up to two years.*show months instead/);
    expect(resolveBucket('month', longer)).toEqual({ bucket: 'month' });
    // A caller that asks for weeks over a longer period anyway is refused.
    expect(() => assertReportablePeriod(longer, 'week')).toThrow(/two years/);
    expect(() => assertReportablePeriod(two, 'week')).not.toThrow();
  });
});
