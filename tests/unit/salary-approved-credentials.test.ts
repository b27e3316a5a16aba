// Single micro-credentials a district approves on their own (ADR 022): which held credentials count,
// what a save changed, what a teacher is told on a credential's page, the policy form's list, and
// the audit log's words.
import { describe, expect, it, vi } from 'vitest';
import { approvedCredentialChanges, approvedListsInWords, computeSalaryStep, credentialCounts, salaryStandingSentence, splitByIssuer, type SalaryRule } from '@/lib/reporting/salary-steps';
import { describeAuditEntry } from '@/lib/audit/describe';

vi.mock('@/app/district/policy/actions', () => ({ saveDistrictPolicyAction: async () => undefined, searchApprovableCredentialsAction: async () => undefined }));
const { approvedCredentialErrors, approvedIssuerErrors } = await import('@/app/district/policy/policy-form');
const { addCredential, removeCredential, searchOutcome } = await import('@/app/district/policy/salary-credentials');

describe('which credentials count when single micro-credentials are approved too', () => {
  const held = [
    { issuerId: 'approved', microCredentialId: 'a1', level: 2 },
    { issuerId: 'acme', microCredentialId: 'formative', level: 2 },
    { issuerId: 'acme', microCredentialId: 'seating', level: 2 },
    { issuerId: 'approved', microCredentialId: 'a2', level: 2 },
  ];
  const rule = { onlyApproved: true, approved: new Set(['approved']), approvedCredentials: new Set(['formative', 'a2']) };

  it('counts a credential whose issuer is approved, or which is approved itself', () => {
    expect(credentialCounts(rule, held[0])).toBe(true);
    expect(credentialCounts(rule, held[1])).toBe(true);
    expect(credentialCounts(rule, held[2])).toBe(false);
    // A stack badge (no micro-credential) counts only with its issuer.
    expect(credentialCounts(rule, { issuerId: 'acme', microCredentialId: null })).toBe(false);
    // While every issuer counts, the list changes nothing.
    expect(credentialCounts({ ...rule, onlyApproved: false }, held[2])).toBe(true);
  });

  it('sets aside only what neither list approves, and names those counted only for their own approval', () => {
    expect(splitByIssuer(rule, held)).toEqual({ counts: [held[0], held[1], held[3]], notApproved: [held[2]], approvedAlone: [held[1]] });
    // Without the credential list (every issuer's, or an older caller): as before.
    expect(splitByIssuer({ onlyApproved: true, approved: new Set(['approved']) }, held)).toEqual({ counts: [held[0], held[3]], notApproved: [held[1], held[2]], approvedAlone: [] });
    expect(splitByIssuer({ onlyApproved: false, approved: new Set() }, held)).toEqual({ counts: held, notApproved: [], approvedAlone: [] });
  });

  it('moves a teacher up a step when one of their credentials is approved on its own', () => {
    const r = (o: Pick<SalaryRule, 'id' | 'credentialsRequired' | 'amountCents'>): SalaryRule => ({ label: o.id, minLevel: 2, sortOrder: 0, ...o });
    const rules = [r({ id: 'one', credentialsRequired: 1, amountCents: 100 }), r({ id: 'three', credentialsRequired: 3, amountCents: 300 })];
    expect(computeSalaryStep(rules, splitByIssuer({ ...rule, approvedCredentials: new Set() }, held).counts).rule?.id).toBe('one');
    expect(computeSalaryStep(rules, splitByIssuer(rule, held).counts).rule?.id).toBe('three');
  });
});

describe('what a save changed on the list of approved micro-credentials', () => {
  const f = { id: 'f', title: 'Formative Assessment', issuer: 'Acme' };
  const s = { id: 's', title: 'Seating Charts', issuer: 'Acme' };
  const f2 = { id: 'f2', title: 'Formative Assessment', issuer: 'Other Provider' };

  it('names each added and removed by title then issuer, keeping only id, title and issuer', () => {
    expect(approvedCredentialChanges([s], [{ ...f2, level: 2 } as typeof f2, f])).toEqual({ added: [f, f2], removed: [s] });
    expect(approvedCredentialChanges([f, s], [s, f])).toEqual({ added: [], removed: [] });
  });
});

describe('the note on a micro-credential’s page', () => {
  const standing = { districtName: 'Kettle Moraine', level: 2, stepLevels: [2], salaryApprovedOnly: true, renewalApprovedOnly: false, issuerApproved: false, credentialApproved: false };
  it('says whether it counts, and why, in three cases', () => {
    expect(salaryStandingSentence({ ...standing, issuerApproved: true, credentialApproved: true }, 'Acme')).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps: your district has approved this issuer.');
    expect(salaryStandingSentence({ ...standing, credentialApproved: true }, 'Acme')).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps: your district has approved this micro-credential, though not every micro-credential from Acme.');
    expect(salaryStandingSentence(standing, 'Acme')).toMatch(/^Badges from Acme do not count toward Kettle Moraine’s salary steps: .*has approved neither this issuer nor this micro-credential\.$/);
  });
});

describe('the policy form’s list of approved micro-credentials', () => {
  const c = (id: string, title: string, issuer = 'Acme') => ({ id, title, issuer, issuerId: `i-${issuer}`, level: 2 });
  const a = c('a', 'Assessment'), b = c('b', 'Behaviour'), z = c('z', 'Zones'), b2 = c('b2', 'Behaviour', 'Beta');

  it('adds in title order, once, and refuses past the cap with a way out', () => {
    expect(addCredential([a, z], b, 3)).toEqual({ list: [a, b, z] });
    expect(addCredential([a, b], b2, 3)).toEqual({ list: [a, b, b2] });
    expect(addCredential([a, b], b, 2)).toEqual({ list: [a, b] });
    const refused = addCredential([a, b], z, 2);
    expect(refused).toEqual({ refused: expect.stringMatching(/^You have chosen 2 micro-credentials, the most .* Remove one first, or approve its issuer instead\.$/) });
  });

  it('removes one and sends focus to the one that took its place, else the one before, else the search box', () => {
    expect(removeCredential([a, b, z], 'b')).toEqual({ list: [a, z], focus: 'approved-credential-remove-z' });
    expect(removeCredential([a, b, z], 'z')).toEqual({ list: [a, b], focus: 'approved-credential-remove-b' });
    expect(removeCredential([a], 'a')).toEqual({ list: [], focus: 'credential-find' });
    expect(removeCredential([a], 'gone')).toEqual({ list: [a], focus: 'credential-find' });
  });

  it('says what a search found', () => {
    expect(searchOutcome('formative', 0, false)).toBe('No published micro-credential matches “formative”. Try other words from its title.');
    expect(searchOutcome('formative', 1, false)).toBe('1 micro-credential matches “formative”.');
    expect(searchOutcome('formative', 3, false)).toBe('3 micro-credentials match “formative”.');
    expect(searchOutcome('a', 24, true)).toBe('The 24 best matches for “a”. Add words to narrow the search and see others.');
  });

  it('gathers the errors about the list apart from the issuers’', () => {
    const errors = { approvedIssuerIds: ['Choose one.'], approvedCredentialIds: ['Not in the catalogue.'], 'approvedCredentialIds.3': ['That is not a valid micro-credential.'] };
    expect(approvedCredentialErrors(errors)).toEqual(['Not in the catalogue.', 'That is not a valid micro-credential.']);
    expect(approvedIssuerErrors(errors)).toEqual(['Choose one.']);
    expect(approvedCredentialErrors({ approvedIssuerIds: ['x'] })).toBeUndefined();
  });

  it('says what is kept while every issuer counts', () => {
    expect(approvedListsInWords(3, 0)).toBe('3 approved issuers');
    expect(approvedListsInWords(1, 1)).toBe('1 approved issuer and 1 micro-credential approved on its own');
    expect(approvedListsInWords(0, 2)).toBe('2 micro-credentials approved on their own');
  });
});

describe('the audit log’s words for the list', () => {
  const policy = (data: Record<string, unknown>) => describeAuditEntry({ action: 'district.policy', entityType: 'Organization', entityId: 'd', data });
  const same = { from: [], to: [] };
  const flags = { requiresProposal: { from: false, to: false }, salaryCountsExpired: { from: true, to: true } };
  const cred = (title: string, issuer?: string) => ({ id: title, title, ...(issuer ? { issuer } : {}) });

  it('names the micro-credentials added and removed, a few of many, and reads older entries without them', () => {
    expect(policy({ ...flags, rules: same, approvedCredentials: { added: [cred('A', 'Acme'), cred('B')], removed: [], count: { from: 0, to: 2 } } }))
      .toBe('Changed the district policy. Micro-credentials approved on their own: “A” from Acme and “B”');
    expect(policy({ ...flags, rules: same, approvedCredentials: { added: [], removed: ['A', 'B', 'C', 'D', 'E'].map((t) => cred(t, 'X')), count: { from: 5, to: 0 } } }))
      .toBe('Changed the district policy. Micro-credentials no longer approved on their own: “A” from X, “B” from X, “C” from X and 2 more');
    // Switching to approved-only: said with the credentials when any are approved, as before when none are.
    expect(policy({ ...flags, rules: same, salaryApprovedIssuersOnly: { from: false, to: true }, approvedCredentials: { added: [], removed: [], count: { from: 1, to: 1 } } }))
      .toBe('Changed the district policy. Only badges from approved issuers, and of micro-credentials approved one by one, now count toward salary steps');
    expect(policy({ ...flags, rules: same, salaryApprovedIssuersOnly: { from: false, to: true } }))
      .toBe('Changed the district policy. Only badges from approved issuers now count toward salary steps');
    expect(policy({ ...flags, rules: same, approvedCredentials: { added: 'garbled', removed: [{ nope: 1 }] } })).toBe('Saved the district policy without changes');
  });
});
