import { describe, expect, it } from 'vitest';
import { calibrationAgreement, cohensKappa, describeKappa, exactAgreement, median, summarizeTurnaround, weekStart } from '@/lib/review/stats';

describe('exact agreement and Cohen’s kappa', () => {
  it('returns null with nothing to compare', () => {
    expect(exactAgreement([])).toBeNull();
    expect(cohensKappa([])).toBeNull();
  });

  it('matches a textbook example', () => {
    // 50 items rated yes(1)/no(0): 20 both yes, 15 both no, 5 A-yes/B-no, 10 A-no/B-yes.
    const pairs = [
      ...Array.from({ length: 20 }, () => [1, 1] as const),
      ...Array.from({ length: 15 }, () => [0, 0] as const),
      ...Array.from({ length: 5 }, () => [1, 0] as const),
      ...Array.from({ length: 10 }, () => [0, 1] as const),
    ];
    // po = 35/50 = 0.7; pe = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = 0.4.
    expect(exactAgreement(pairs)).toBeCloseTo(0.7);
    expect(cohensKappa(pairs)).toBeCloseTo(0.4);
    expect(describeKappa(0.4)).toBe('fair');
  });

  it('is 1 for perfect agreement, negative for systematic disagreement', () => {
    expect(cohensKappa([[0, 0], [1, 1], [2, 2], [3, 3]])).toBe(1);
    expect(cohensKappa([[0, 1], [1, 0]])).toBeCloseTo(-1);
    expect(describeKappa(-0.5)).toBe('poor');
  });

  it('handles the degenerate case pe = 1 (everyone always chose the same level) without dividing by zero', () => {
    const k = cohensKappa([[2, 2], [2, 2], [2, 2]]);
    expect(k).toBe(1);
    expect(Number.isFinite(k)).toBe(true);
  });

  it('uses each rater’s own marginals (multi-level ratings)', () => {
    // Pairs (2,2) (3,3) (1,2): po = 2/3, pe = 1/3, kappa = 1/2.
    expect(cohensKappa([[2, 2], [3, 3], [1, 2]])).toBeCloseTo(0.5);
  });
});

describe('turnaround', () => {
  it('takes the median business days and the share decided by the due date', () => {
    const mon = new Date('2026-03-02T10:00:00Z');
    const items = [
      { submittedAt: mon, decidedAt: new Date('2026-03-03T10:00:00Z'), dueAt: new Date('2026-03-20T10:00:00Z') }, // 1 day
      { submittedAt: mon, decidedAt: new Date('2026-03-09T10:00:00Z'), dueAt: new Date('2026-03-06T10:00:00Z') }, // 5 days, late
      { submittedAt: mon, decidedAt: new Date('2026-03-05T10:00:00Z'), dueAt: null }, // 3 days, SLA 14
    ];
    expect(summarizeTurnaround(items, 14)).toEqual({ count: 3, medianBusinessDays: 3, withinSlaShare: 2 / 3 });
    expect(summarizeTurnaround([], 14)).toEqual({ count: 0, medianBusinessDays: null, withinSlaShare: null });
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('measures a decision without a due date against its own issuer’s service level when it carries one', () => {
    const mon = new Date('2026-03-02T10:00:00Z');
    const threeDays = { submittedAt: mon, decidedAt: new Date('2026-03-05T10:00:00Z'), dueAt: null };
    expect(summarizeTurnaround([{ ...threeDays, slaBusinessDays: 2 }, { ...threeDays, slaBusinessDays: 5 }], 14).withinSlaShare).toBe(1 / 2);
    expect(summarizeTurnaround([threeDays, { ...threeDays, slaBusinessDays: 2 }], 14).withinSlaShare).toBe(1 / 2);
  });

  it('buckets by ISO week starting Monday', () => {
    expect(weekStart(new Date('2026-03-08T23:00:00Z')).toISOString().slice(0, 10)).toBe('2026-03-02');
    expect(weekStart(new Date('2026-03-09T00:00:00Z')).toISOString().slice(0, 10)).toBe('2026-03-09');
  });
});

describe('calibration agreement', () => {
  it('counts exact matches by criterion index and lists the differences', () => {
    const r = calibrationAgreement({ '0': 2, '1': 3, '2': 1 }, { '0': 2, '1': 2 });
    expect(r.matches).toBe(1);
    expect(r.total).toBe(3);
    expect(r.differences).toEqual([{ index: 1, expected: 3, given: 2 }, { index: 2, expected: 1, given: null }]);
  });
});
