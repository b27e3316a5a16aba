import { describe, expect, it } from 'vitest';
import { computeSalaryStep, countAtOrAbove, formatCents, type SalaryRule } from '@/lib/reporting/salary-steps';
import { resolvePeriod } from '@/lib/reporting/schemas';

// Kettle Moraine-style schedule: $100 for one classroom credential, $300 for three, $600 for six.
const rules: SalaryRule[] = [
  { id: 'r1', label: 'One', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 },
  { id: 'r3', label: 'Three', minLevel: 2, credentialsRequired: 3, amountCents: 30_000, sortOrder: 1 },
  { id: 'r6', label: 'Six', minLevel: 2, credentialsRequired: 6, amountCents: 60_000, sortOrder: 2 },
];
const held = (...levels: (number | null)[]) => levels.map((level) => ({ level }));

describe('computeSalaryStep', () => {
  it('gives nothing without a qualifying credential and names the next step', () => {
    const r = computeSalaryStep(rules, held(1, 1, null));
    expect(r.rule).toBeNull();
    expect(r.amountCents).toBe(0);
    expect(r.qualifyingCount).toBe(0);
    expect(r.next).toEqual({ rule: rules[0], missing: 1 });
  });

  it('counts only credentials at or above the rule’s level', () => {
    expect(countAtOrAbove(held(1, 2, 3, null), 2)).toBe(2);
    const r = computeSalaryStep(rules, held(1, 1, 1, 2, 2));
    expect(r.rule?.id).toBe('r1');
    expect(r.amountCents).toBe(10_000);
    expect(r.next).toEqual({ rule: rules[1], missing: 1 });
  });

  it('takes the highest step reached, not the sum', () => {
    const r = computeSalaryStep(rules, held(2, 2, 3, 2));
    expect(r.rule?.id).toBe('r3');
    expect(r.amountCents).toBe(30_000);
    const top = computeSalaryStep(rules, held(2, 2, 2, 2, 2, 2, 2));
    expect(top.rule?.id).toBe('r6');
    expect(top.next).toBeNull();
  });

  it('handles rules with different minimum levels in any order', () => {
    const mixed: SalaryRule[] = [
      { id: 'hi', label: 'Two level-3', minLevel: 3, credentialsRequired: 2, amountCents: 50_000, sortOrder: 1 },
      { id: 'lo', label: 'Four any', minLevel: 1, credentialsRequired: 4, amountCents: 20_000, sortOrder: 0 },
    ];
    expect(computeSalaryStep(mixed, held(1, 1, 2, 3)).rule?.id).toBe('lo');
    expect(computeSalaryStep(mixed, held(3, 3)).rule?.id).toBe('hi');
    expect(computeSalaryStep([], held(2)).rule).toBeNull();
  });

  it('names the credentials behind the count: those at the level of the rule reached, or of the lowest rule', () => {
    const mine = [{ id: 'a', level: 1 }, { id: 'b', level: 2 }, { id: 'c', level: null }, { id: 'd', level: 3 }];
    const r = computeSalaryStep(rules, mine);
    expect(r.counted.map((c) => c.id)).toEqual(['b', 'd']);
    expect(r.counted).toHaveLength(r.qualifyingCount);
    // With rules at different levels, the count (and the list) follows the rule reached.
    const mixed: SalaryRule[] = [
      { id: 'hi', label: 'Two level-3', minLevel: 3, credentialsRequired: 2, amountCents: 50_000, sortOrder: 1 },
      { id: 'lo', label: 'Four any', minLevel: 1, credentialsRequired: 4, amountCents: 20_000, sortOrder: 0 },
    ];
    const lo = computeSalaryStep(mixed, [{ id: 'a', level: 1 }, { id: 'b', level: 1 }, { id: 'c', level: 2 }, { id: 'd', level: 3 }]);
    expect([lo.rule?.id, lo.counted.map((c) => c.id)]).toEqual(['lo', ['a', 'b', 'c', 'd']]);
    const hi = computeSalaryStep(mixed, [{ id: 'a', level: 1 }, { id: 'd', level: 3 }, { id: 'e', level: 3 }]);
    expect([hi.rule?.id, hi.counted.map((c) => c.id)]).toEqual(['hi', ['d', 'e']]);
    // Nothing reached: counted at the lowest rule's level, as qualifyingCount is.
    expect(computeSalaryStep(rules, [{ id: 'a', level: 1 }]).counted).toEqual([]);
  });

  it('formats amounts in dollars', () => {
    expect(formatCents(10_000)).toBe('$100');
    expect(formatCents(12_345)).toBe('$123.45');
  });
});

describe('resolvePeriod', () => {
  it('defaults to the school year containing today (July to June, as teachers’ records count it)', () => {
    const p = resolvePeriod({}, new Date('2025-10-15T12:00:00Z'));
    expect(p.fromLabel).toBe('2025-07-01');
    expect(p.toLabel).toBe('2026-06-30');
    expect(p.to.toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(resolvePeriod({}, new Date('2026-03-01T00:00:00Z')).fromLabel).toBe('2025-07-01');
  });

  it('makes the end date inclusive', () => {
    const p = resolvePeriod({ from: '2025-01-01', to: '2025-01-31' });
    expect(p.from.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(p.to.toISOString()).toBe('2025-02-01T00:00:00.000Z');
  });
});
