import { describe, expect, it } from 'vitest';
import { summarizeLeniency, LENIENCY_MIN_REVIEWS, type LeniencyCell } from '@/lib/review/stats';
import { leniencyText, signedLevels } from '@/lib/review/leniency-words';
import { doubleScoringText } from '@/lib/review/history-words';
import { addBusinessDays, businessDaysBetween, nearDueBefore, NEAR_DUE_BUSINESS_DAYS } from '@/lib/review/sla';
import { HistoryFilterInput, QualityFilterInput } from '@/lib/review/schemas';

const cell = (reviewerId: string, microCredentialId: string, reviews: number, passes: number, scores: number, rankSum: number): LeniencyCell => ({ reviewerId, microCredentialId, reviews, passes, scores, rankSum });

describe('summarizeLeniency', () => {
  it('compares each reviewer within each credential, so reviewing an easier credential is not leniency', () => {
    // Credential E is scored high by everyone (mean 3), credential H low (mean 1).
    const rows = summarizeLeniency([
      cell('easy-only', 'E', 20, 20, 40, 120),
      cell('hard-only', 'H', 20, 0, 40, 40),
      cell('both', 'E', 10, 10, 20, 60),
      cell('both', 'H', 10, 0, 20, 20),
    ]);
    const by = new Map(rows.map((r) => [r.reviewerId, r]));
    // Raw means differ widely (3 against 1), but nobody scores differently from colleagues.
    expect(by.get('easy-only')).toMatchObject({ reviews: 20, passRate: 1, meanRank: 3, difference: 0, flag: null });
    expect(by.get('hard-only')).toMatchObject({ meanRank: 1, difference: 0, flag: null });
    expect(by.get('both')).toMatchObject({ reviews: 20, passRate: 0.5, meanRank: 2, difference: 0, flag: null });
  });

  it('flags a large gap only with enough reviews', () => {
    // Credential mean: (30 + 12 + 4) / (12 + 12 + 2) = 46 / 26.
    const rows = summarizeLeniency([cell('high', 'C', 6, 6, 12, 30), cell('low', 'C', 6, 1, 12, 12), cell('new', 'C', 1, 0, 2, 4)], { minReviews: 5, gap: 0.5 });
    const by = new Map(rows.map((r) => [r.reviewerId, r]));
    const mean = 46 / 26;
    expect(by.get('high')!.difference).toBeCloseTo(2.5 - mean);
    expect(by.get('high')!.flag).toBe('HIGHER');
    expect(by.get('low')!.difference).toBeCloseTo(1 - mean);
    expect(by.get('low')!.flag).toBe('LOWER');
    // Two levels above the mean, on a single review: not flagged.
    expect(by.get('new')!.flag).toBeNull();
    // With the default minimum (LENIENCY_MIN_REVIEWS), six reviews are too few.
    expect(LENIENCY_MIN_REVIEWS).toBeGreaterThan(6);
    expect(summarizeLeniency([cell('high', 'C', 6, 6, 12, 30), cell('low', 'C', 6, 1, 12, 12)]).every((r) => r.flag === null)).toBe(true);
  });

  it('flags a gap of exactly the threshold, and nothing for a review with no criterion scores', () => {
    const rows = summarizeLeniency([cell('a', 'C', 10, 10, 10, 25), cell('b', 'C', 10, 0, 10, 15), cell('c', 'D', 1, 0, 0, 0)], { gap: 0.5 });
    expect(rows.find((r) => r.reviewerId === 'a')!.flag).toBe('HIGHER');
    expect(rows.find((r) => r.reviewerId === 'b')!.flag).toBe('LOWER');
    expect(rows.find((r) => r.reviewerId === 'c')).toMatchObject({ meanRank: null, difference: null, flag: null });
  });
});

describe('scoring patterns in words', () => {
  it('signs the difference with a real minus', () => {
    expect(signedLevels(0.617)).toBe('+0.62 levels');
    expect(signedLevels(-0.4)).toBe('−0.40 levels');
    expect(signedLevels(0.001)).toBe('0.00 levels');
  });

  it('says what a row means without relying on colour', () => {
    expect(leniencyText({ flag: 'HIGHER', reviews: 30 }, 10)).toBe('Scores higher than colleagues');
    expect(leniencyText({ flag: 'LOWER', reviews: 30 }, 10)).toBe('Scores lower than colleagues');
    expect(leniencyText({ flag: null, reviews: 3 }, 10)).toBe('Too few reviews to compare');
    expect(leniencyText({ flag: null, reviews: 30 }, 10)).toBe('In line with colleagues');
  });
});

describe('review history in words', () => {
  it('describes double scoring from the reader’s side', () => {
    expect(doubleScoringText('PRIMARY', null)).toBe('Scored once');
    expect(doubleScoringText('PRIMARY', { agreed: true, adjudication: null })).toBe('The other reviewer agreed');
    expect(doubleScoringText('SECOND', { agreed: false, adjudication: 'PASS' })).toBe('The other reviewer disagreed · adjudicated: meets the standard');
    expect(doubleScoringText('ADJUDICATION', { agreed: null, adjudication: 'REVISE' })).toBe('You settled a disagreement between two reviewers');
  });
});

describe('near the decision date', () => {
  it('is exactly "this many business days left or fewer", overdue included', () => {
    // A Thursday and a Monday morning: the boundary crosses a weekend from one and not the other.
    // Days are whole (UTC) days: it is the start of the third business day after today.
    for (const [at, boundaryAt] of [['2025-03-06T09:00:00Z', '2025-03-11T00:00:00.000Z'], ['2025-03-10T09:00:00Z', '2025-03-13T00:00:00.000Z']]) {
      const now = new Date(at);
      const boundary = nearDueBefore(now);
      expect(boundary.toISOString()).toBe(boundaryAt);
      expect(boundary).toEqual(addBusinessDays(new Date(`${at.slice(0, 10)}T00:00:00Z`), NEAR_DUE_BUSINESS_DAYS + 1));
      expect(businessDaysBetween(now, new Date(boundary.getTime() - 1))).toBe(NEAR_DUE_BUSINESS_DAYS);
      expect(businessDaysBetween(now, boundary)).toBe(NEAR_DUE_BUSINESS_DAYS + 1);
      expect(new Date(now.getTime() - 86_400_000) < boundary).toBe(true);
    }
  });
});

describe('filters', () => {
  it('the scoring patterns default to the last 12 months; anything odd falls back to defaults', () => {
    expect(QualityFilterInput.parse({})).toMatchObject({ period: '90', scoringPeriod: '365' });
    expect(QualityFilterInput.parse({ scoringPeriod: '30' }).scoringPeriod).toBe('30');
    expect(QualityFilterInput.parse({ scoringPeriod: "365'; --" }).scoringPeriod).toBe('365');
    expect(HistoryFilterInput.parse({ cursor: 'x'.repeat(500) }).cursor).toBeUndefined();
    expect(HistoryFilterInput.parse({ cursor: 'abc' }).cursor).toBe('abc');
  });
});
