import { describe, expect, it } from 'vitest';
import { criterionNeedsFeedback, meetsPassingRule, passedPartIds, passingRuleOf } from '@/lib/review/rubric';

const s = (...ranks: number[]) => ranks.map((rank, i) => ({ criterionId: `c${i}`, rank }));

describe('passing rule', () => {
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
});
