import { describe, expect, it } from 'vitest';
import { criterionNeedsFeedback, meetsPassingRule, passedPartIds, passingRuleOf } from '@/lib/review/rubric';

const s = (...ranks: number[]) => ranks.map((rank, i) => ({ criterionId: `c${i}`, rank }));

describe('passing rule', () => {
  it('ALL_AT_LEAST passes only when every criterion reaches the level', () => {
    const rule = passingRuleOf({ passingRuleKind: 'ALL_AT_LEAST', passingLevelRank: 2, passingTotal: null });
    expect(meetsPassingRule(rule, s(2, 2, 3))).toBe(true);
    expect(meetsPassingRule(rule, s(3, 3, 1))).toBe(false);
    expect(meetsPassingRule(rule, [])).toBe(false);
  });
  it('TOTAL_AT_LEAST needs the total and no criterion below the floor', () => {
    const rule = passingRuleOf({ passingRuleKind: 'TOTAL_AT_LEAST', passingLevelRank: 1, passingTotal: 7 });
    expect(meetsPassingRule(rule, s(3, 3, 1))).toBe(true);
    expect(meetsPassingRule(rule, s(3, 3, 0))).toBe(false);
    expect(meetsPassingRule(rule, s(2, 2, 2))).toBe(false);
  });
  it('asks for feedback exactly below the passing level', () => {
    const rule = { kind: 'ALL_AT_LEAST' as const, levelRank: 2 };
    expect(criterionNeedsFeedback(rule, 1)).toBe(true);
    expect(criterionNeedsFeedback(rule, 2)).toBe(false);
  });
  it('a part passes only when all criteria judging it pass', () => {
    const rule = { kind: 'ALL_AT_LEAST' as const, levelRank: 2 };
    const criteria = [
      { id: 'c0', partId: 'p1' },
      { id: 'c1', partId: 'p1' },
      { id: 'c2', partId: 'p2' },
      { id: 'c3', partId: null },
    ];
    expect([...passedPartIds(rule, criteria, s(2, 3, 1, 0))]).toEqual(['p1']);
    expect([...passedPartIds(rule, criteria, s(2, 1, 2, 0))]).toEqual(['p2']);
  });
});
