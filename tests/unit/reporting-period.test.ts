import { describe, expect, it } from 'vitest';
import { PeriodInput, resolvePeriod } from '@/lib/reporting/schemas';

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
