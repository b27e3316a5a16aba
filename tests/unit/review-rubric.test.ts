import { describe, expect, it } from 'vitest';
import { criterionNeedsFeedback, meetsPassingRule, passedPartIds, passingRuleOf, shortOnTotalOnly, totalOf } from '@/lib/review/rubric';

const s = (...ranks: number[]) => ranks.map((rank, i) => ({ criterionId: `c${i}`, rank }));

describe('passing rule', () => {
  it('refuses to score against a version with no passing level chosen (only a draft may lack one) rather than passing everything at 0', () => {
    for (const kind of ['ALL_AT_LEAST', 'TOTAL_AT_LEAST'] as const) {
      expect(() => passingRuleOf({ passingRuleKind: kind, passingLevelRank: null, passingTotal: 4 })).toThrow(/passing level/);
    }
  });
  it('ALL_AT_LEAST needs every criterion at the passing level', () => {
    const rule = passingRuleOf({ passingRuleKind: 'ALL_AT_LEAST', passingLevelRank: 2, passingTotal: null });
    expect(meetsPassingRule(rule, s(2, 2, 3))).toBe(true);
    expect(meetsPassingRule(rule, s(3, 3, 1))).toBe(false);
    expect(meetsPassingRule(rule, [])).toBe(false);
  });

  it('TOTAL_AT_LEAST needs the total and no criterion below the floor', () => {
    const rule = passingRuleOf({ passingRuleKind: 'TOTAL_AT_LEAST', passingLevelRank: 1, passingTotal: 7 });
    expect(meetsPassingRule(rule, s(3, 3, 1))).toBe(true);
    expect(meetsPassingRule(rule, s(2, 2, 2))).toBe(false);
    expect(meetsPassingRule(rule, s(3, 3, 3, 0))).toBe(false);
  });

  it('asks for feedback below the passing level only', () => {
    const rule = passingRuleOf({ passingRuleKind: 'ALL_AT_LEAST', passingLevelRank: 2, passingTotal: null });
    expect(criterionNeedsFeedback(rule, 1)).toBe(true);
    expect(criterionNeedsFeedback(rule, 2)).toBe(false);
  });

  it('keeps parts whose criteria all passed', () => {
    const rule = passingRuleOf({ passingRuleKind: 'ALL_AT_LEAST', passingLevelRank: 2, passingTotal: null });
    const criteria = [{ id: 'c0', partId: 'p0' }, { id: 'c1', partId: 'p1' }, { id: 'c2', partId: 'p1' }];
    expect([...passedPartIds(rule, criteria, s(2, 3, 1))]).toEqual(['p0']);
    // Criteria that judge the whole application (no part) never lock a part.
    const withWhole = [...criteria, { id: 'c3', partId: null }];
    expect([...passedPartIds(rule, withWhole, s(2, 2, 2, 0))].sort()).toEqual(['p0', 'p1']);
  });

  it('under a total rule, tells a total-only shortfall apart and locks only parts already at the top level', () => {
    const rule = passingRuleOf({ passingRuleKind: 'TOTAL_AT_LEAST', passingLevelRank: 1, passingTotal: 7 });
    expect(totalOf(s(3, 2, 1))).toBe(6);
    expect(shortOnTotalOnly(rule, s(2, 2, 2))).toBe(true);
    expect(shortOnTotalOnly(rule, s(3, 3, 0))).toBe(false); // below the floor: per-criterion feedback says it
    expect(shortOnTotalOnly(rule, s(3, 3, 1))).toBe(false); // passes
    const all = passingRuleOf({ passingRuleKind: 'ALL_AT_LEAST', passingLevelRank: 2, passingTotal: null });
    expect(shortOnTotalOnly(all, s(1, 1, 1))).toBe(false);
    const criteria = [{ id: 'c0', partId: 'p0' }, { id: 'c1', partId: 'p1' }, { id: 'c2', partId: 'p2' }];
    // Short on the total with every criterion above the floor: only the part at the top (3) is kept.
    expect([...passedPartIds(rule, criteria, s(3, 2, 1), 3)]).toEqual(['p0']);
    expect([...passedPartIds(rule, criteria, s(2, 2, 2), 3)]).toEqual([]);
  });
});
