// Only the issuers a district approves count toward its salary steps: which held credentials count,
// what a save changed for the audit log, and the policy form's list of issuers.
import { describe, expect, it, vi } from 'vitest';
import { approvedIssuerChanges, computeSalaryStep, issuerCounts, splitByIssuer, type SalaryRule } from '@/lib/reporting/salary-steps';
import { listInWords } from '@/lib/plural';

vi.mock('@/app/district/policy/actions', () => ({ saveDistrictPolicyAction: async () => undefined }));
const { approvedIssuerErrors } = await import('@/app/district/policy/policy-form');
const { issuersMatching } = await import('@/app/district/policy/salary-issuers');

const rule = (o: Partial<SalaryRule> & Pick<SalaryRule, 'id' | 'credentialsRequired' | 'amountCents'>): SalaryRule => ({ label: o.id, minLevel: 2, sortOrder: 0, ...o });

describe('which issuers’ credentials count', () => {
  const held = [
    { issuerId: 'approved', level: 2 },
    { issuerId: 'other', level: 2 },
    { issuerId: 'approved', level: 3 },
    { issuerId: 'other', level: 1 },
  ];

  it('counts every issuer unless the district counts only approved ones', () => {
    const every = { onlyApproved: false, approved: new Set<string>() };
    expect(issuerCounts(every, 'anyone')).toBe(true);
    expect(splitByIssuer(every, held)).toEqual({ counts: held, notApproved: [], approvedAlone: [] });
  });

  it('sets aside the credentials of issuers not on the list, in order', () => {
    const only = { onlyApproved: true, approved: new Set(['approved']) };
    expect(issuerCounts(only, 'approved')).toBe(true);
    expect(issuerCounts(only, 'other')).toBe(false);
    const { counts, notApproved } = splitByIssuer(only, held);
    expect(counts).toEqual([held[0], held[2]]);
    expect(notApproved).toEqual([held[1], held[3]]);
  });

  it('counts nothing when only approved issuers count and the list is empty', () => {
    expect(splitByIssuer({ onlyApproved: true, approved: new Set() }, held).counts).toEqual([]);
  });

  it('moves a teacher down a step when an issuer’s credentials are set aside', () => {
    const rules = [rule({ id: 'one', credentialsRequired: 1, amountCents: 100 }), rule({ id: 'three', credentialsRequired: 3, amountCents: 300, sortOrder: 1 })];
    const three = [{ issuerId: 'a', level: 2 }, { issuerId: 'a', level: 2 }, { issuerId: 'b', level: 2 }];
    expect(computeSalaryStep(rules, three).rule?.id).toBe('three');
    const { counts } = splitByIssuer({ onlyApproved: true, approved: new Set(['a']) }, three);
    expect(computeSalaryStep(rules, counts)).toMatchObject({ rule: { id: 'one' }, qualifyingCount: 2, next: { missing: 1 } });
  });
});

describe('what a save changed on the approved list', () => {
  const a = { id: 'a', name: 'Academy' };
  const b = { id: 'b', name: 'Badges Inc' };
  const c = { id: 'c', name: 'Center' };

  it('names the issuers added and removed, each by name', () => {
    expect(approvedIssuerChanges([c, a], [b, a, { id: 'd', name: 'Aardvark' }])).toEqual({ added: [{ id: 'd', name: 'Aardvark' }, b], removed: [c] });
  });

  it('finds nothing changed for the same list in another order', () => {
    expect(approvedIssuerChanges([a, b], [b, a])).toEqual({ added: [], removed: [] });
    expect(approvedIssuerChanges([], [])).toEqual({ added: [], removed: [] });
  });

  it('keeps only ids and names', () => {
    const extra = { ...a, published: 4 };
    expect(approvedIssuerChanges([], [extra]).added).toEqual([a]);
  });
});

describe('issuer names in a sentence', () => {
  it('joins one, two and more names', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['A'])).toBe('A');
    expect(listInWords(['A', 'B'])).toBe('A and B');
    expect(listInWords(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('the policy form’s issuer list', () => {
  const issuers = [{ name: 'Digital Promise' }, { name: 'Principals’ Training Center' }, { name: 'Teaching Matters' }];

  it('finds issuers by any part of the name, in any case, and shows all for an empty search', () => {
    expect(issuersMatching(issuers, '')).toEqual(issuers);
    expect(issuersMatching(issuers, '   ')).toEqual(issuers);
    expect(issuersMatching(issuers, 'MATTERS').map((i) => i.name)).toEqual(['Teaching Matters']);
    expect(issuersMatching(issuers, ' in').map((i) => i.name)).toEqual(['Principals’ Training Center', 'Teaching Matters']);
    expect(issuersMatching(issuers, 'nobody')).toEqual([]);
  });

  it('gathers the errors about the list and any of its ids, once each', () => {
    expect(approvedIssuerErrors({})).toBeUndefined();
    expect(approvedIssuerErrors({ 'rules.0.label': ['Name the step.'] })).toBeUndefined();
    expect(approvedIssuerErrors({ approvedIssuerIds: ['Choose one.'], 'approvedIssuerIds.2': ['That is not a valid issuer.'], 'approvedIssuerIds.4': ['That is not a valid issuer.'], approvedIssuerIdsX: ['no'] }))
      .toEqual(['Choose one.', 'That is not a valid issuer.']);
  });
});
