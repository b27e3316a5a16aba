import { describe, expect, it } from 'vitest';
import { countedHoursOf, presetRange, resolveTranscriptPeriod, transcriptTotals } from '@/lib/reporting/transcript';

const NOW = new Date('2026-11-24T12:00:00Z');
const resolve = (query: Record<string, string | string[] | undefined>, now = NOW) => resolveTranscriptPeriod(query, now);
const ok = (query: Record<string, string | string[] | undefined>, now = NOW) => {
  const r = resolve(query, now);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.period;
};
const refused = (query: Record<string, string | string[] | undefined>, now = NOW) => {
  const r = resolve(query, now);
  if (r.ok) throw new Error(`accepted: ${JSON.stringify(r.period)}`);
  return r;
};
const d = (s: string) => new Date(`${s}T12:00:00Z`);

describe('the transcript’s period', () => {
  it('is all time by default, and when the date fields come back empty', () => {
    for (const q of [{}, { from: '', to: '' }, { period: '' }, { period: 'all' }]) {
      expect(ok(q)).toEqual({ choice: 'all', from: null, to: null, fromLabel: null, toLabel: null });
    }
  });

  it('takes this school year as July to June, as the rest of the app counts it', () => {
    const p = ok({ period: 'this-school-year' });
    expect(p).toMatchObject({ choice: 'this-school-year', fromLabel: '2026-07-01', toLabel: '2027-06-30' });
    expect([p.from?.toISOString(), p.to?.toISOString()]).toEqual(['2026-07-01T00:00:00.000Z', '2027-07-01T00:00:00.000Z']);
    // On the last day of June it is still the year that began the July before.
    expect(ok({ period: 'this-school-year' }, new Date('2026-06-30T23:59:00Z'))).toMatchObject({ fromLabel: '2025-07-01', toLabel: '2026-06-30' });
  });

  it('takes the last 5 years back to the same day, today included', () => {
    const p = ok({ period: 'last-5-years' });
    expect(p).toMatchObject({ choice: 'last-5-years', fromLabel: '2021-11-24', toLabel: '2026-11-24' });
    expect(p.to?.toISOString()).toBe('2026-11-25T00:00:00.000Z');
    // 29 February five years back does not exist: the day after.
    expect(presetRange('last-5-years', new Date('2028-02-29T10:00:00Z'))).toEqual({ fromLabel: '2023-03-01', toLabel: '2028-02-29' });
    expect(presetRange('all', NOW)).toBeNull();
  });

  it('keeps the dates asked for, both included; one date alone runs from the first badge or up to today', () => {
    const p = ok({ from: '2021-07-01', to: '2026-06-30' });
    expect(p).toMatchObject({ choice: 'dates', fromLabel: '2021-07-01', toLabel: '2026-06-30' });
    expect([p.from?.toISOString(), p.to?.toISOString()]).toEqual(['2021-07-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z']);
    expect(ok({ from: ' 2024-09-01 ' })).toMatchObject({ fromLabel: '2024-09-01', toLabel: '2026-11-24' });
    expect(ok({ to: '2025-06-30' })).toMatchObject({ choice: 'dates', from: null, fromLabel: null, toLabel: '2025-06-30' });
    // One day is a period; an end date ahead (the close of a licence cycle) is allowed.
    expect(ok({ from: '2026-03-01', to: '2026-03-01' }).to?.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(ok({ from: '2024-07-01', to: '2029-06-30' })).toMatchObject({ toLabel: '2029-06-30' });
  });

  it('refuses a range typed backwards instead of turning it round, and says which date to fix', () => {
    const r = refused({ from: '2026-03-01', to: '2025-09-01' });
    expect(r.fieldErrors).toEqual({ to: ['The end date is before the start date. Choose an end date on or after 1 Mar 2026.'] });
    expect(r.formError).toMatch(/Correct the dates below/);
    // What was typed goes back into the form.
    expect(r.values).toEqual({ from: '2026-03-01', to: '2025-09-01' });
  });

  it('refuses a date that does not exist rather than shifting it, without repeating what was typed', () => {
    const r = refused({ from: '2025-02-30', to: '2025-06-30' });
    expect(r.fieldErrors.from).toEqual(['The start date is not a real date. Enter it as year-month-day, like 2021-07-01.']);
    expect(r.fieldErrors.to).toBeUndefined();
    const words = refused({ to: 'Call 555-0100 now' });
    expect(words.fieldErrors.to).toEqual(['The end date is not a real date. Enter it as year-month-day, like 2021-07-01.']);
    expect(words.formError).not.toMatch(/555/);
  });

  it('refuses dates beyond sensible bounds', () => {
    expect(refused({ from: '1921-07-01' }).fieldErrors.from).toEqual(['Choose a start date on or after 1 Jan 2000.']);
    expect(refused({ from: '2026-11-25' }).fieldErrors.from?.[0]).toMatch(/^The start date is after today \(24 Nov 2026\)/);
    expect(refused({ to: '2032-01-01' }).fieldErrors.to).toEqual(['Choose an end date no later than 31 Dec 2031.']);
    expect(ok({ to: '2031-12-31' }).toLabel).toBe('2031-12-31');
    expect(refused({ to: '1999-12-31' }).fieldErrors.to).toEqual(['Choose an end date on or after 1 Jan 2000.']);
  });

  it('refuses a quick period with dates, an unknown period, repeated or overlong values', () => {
    const both = refused({ period: 'last-5-years', from: '2024-01-01' });
    expect(both.formError).toBe('Choose a quick period or your own dates, not both.');
    expect(refused({ period: 'forever' }).formError).toMatch(/^Choose one of the periods offered/);
    const twice = refused({ from: ['2024-01-01', '2025-01-01'] });
    expect(twice.fieldErrors.from).toEqual(['Enter one start date, like 2021-07-01.']);
    expect(twice.values.from).toBe('');
    const long = refused({ to: `2024-01-01${'x'.repeat(5000)}` });
    expect(long.fieldErrors.to).toEqual(['Enter the end date as year-month-day, like 2021-07-01.']);
    expect(long.values.to).toHaveLength(40);
    // NUL never reaches a query (Postgres text cannot hold it).
    expect(ok({ from: '2024-01-01\u0000' }).fromLabel).toBe('2024-01-01');
  });
});

describe('the transcript’s totals', () => {
  it('count hours with the record’s rule: revoked not counted, expired and suspended still counted, stacks add none', () => {
    const rows = [
      { issuedAt: d('2022-10-01'), pdHours: 10, state: 'expired' as const },
      { issuedAt: d('2024-09-01'), pdHours: 7.5, state: 'valid' as const },
      { issuedAt: d('2025-03-01'), pdHours: 12, state: 'revoked' as const },
      { issuedAt: d('2025-05-01'), pdHours: 5, state: 'suspended' as const },
      // A stack credential: its hours are its parts' (issued with 0).
      { issuedAt: d('2025-05-02'), pdHours: 0, state: 'valid' as const },
    ];
    const t = transcriptTotals(rows);
    expect(t.totalHours).toBe(22.5);
    expect(t.suspendedHours).toBe(5);
    expect(t.revokedHours).toBe(12);
    // Every school year from the first badge's to the last's, the empty one included; badges listed
    // per year include the revoked badge and the stack, hours do not.
    expect(t.years.map((y) => [y.label, y.badges, y.hours])).toEqual([
      ['2022–23', 1, 10],
      ['2023–24', 0, 0],
      ['2024–25', 4, 12.5],
    ]);
    expect(rows.map(countedHoursOf)).toEqual([10, 7.5, 0, 5, 0]);
  });

  it('puts a badge in the school year of its issue date, July to June', () => {
    const t = transcriptTotals([
      { issuedAt: new Date('2025-06-30T23:59:59Z'), pdHours: 1, state: 'valid' },
      { issuedAt: new Date('2025-07-01T00:00:00Z'), pdHours: 2, state: 'valid' },
    ]);
    expect(t.years.map((y) => [y.label, y.hours])).toEqual([['2024–25', 1], ['2025–26', 2]]);
  });

  it('add tenths without floating-point noise, and are empty with no badge', () => {
    const t = transcriptTotals([0.1, 0.2, 0.4].map((h, i) => ({ issuedAt: d(`2025-0${i + 1}-01`), pdHours: h, state: 'valid' as const })));
    expect(t.totalHours).toBe(0.7);
    expect(transcriptTotals([])).toEqual({ totalHours: 0, years: [], suspendedHours: 0, revokedHours: 0 });
    // A year with only a revoked badge is still listed, at 0 hours.
    expect(transcriptTotals([{ issuedAt: d('2025-01-01'), pdHours: 3, state: 'revoked' }]).years).toEqual([{ label: '2024–25', startYear: 2024, badges: 1, hours: 0 }]);
  });
});
