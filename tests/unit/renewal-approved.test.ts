// The words of the licence-renewal rule (ADR 024): what the approved lists are used for, the refusal
// when nothing is approved, and what a teacher reads on a micro-credential's page.
import { describe, expect, it } from 'vitest';
import { NO_APPROVED_ISSUERS, noApprovedIssuersFor } from '@/lib/district/policy-settings';
import { salaryStandingSentence } from '@/lib/reporting/salary-steps';

const { listUseInWords } = await import('@/app/district/policy/salary-issuers');

describe('the licence-renewal rule in words', () => {
  it('names what the approved lists count toward', () => {
    expect(listUseInWords(true, false)).toBe('salary steps');
    expect(listUseInWords(false, true)).toBe('licence renewal');
    expect(listUseInWords(true, true)).toBe('salary steps and licence renewal');
  });

  it('refuses an empty list naming what would count nothing', () => {
    expect(noApprovedIssuersFor(true, false)).toBe(NO_APPROVED_ISSUERS);
    expect(noApprovedIssuersFor(false, true)).toContain('no badge would count toward licence renewal. To count every credential, choose “Every credential teachers earn”');
    expect(noApprovedIssuersFor(true, true)).toContain('no badge would count toward a salary step or licence renewal.');
  });

  it('tells a teacher what their district counts a credential toward', () => {
    const standing = { districtName: 'Kettle Moraine', level: 2, stepLevels: [] as number[], salaryApprovedOnly: false, renewalApprovedOnly: false, issuerApproved: false, credentialApproved: false };
    expect(salaryStandingSentence({ ...standing, renewalApprovedOnly: true }, 'Acme')).toMatch(/^Badges from Acme do not count toward Kettle Moraine’s licence renewal:/);
    expect(salaryStandingSentence({ ...standing, stepLevels: [2], salaryApprovedOnly: true, renewalApprovedOnly: true, issuerApproved: true }, 'Acme')).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps and licence renewal: your district has approved this issuer.');
    // Steps that count only approved issuers, and this one is not approved.
    expect(salaryStandingSentence({ ...standing, stepLevels: [2], salaryApprovedOnly: true }, 'Acme')).toMatch(/toward Kettle Moraine’s salary steps:/);
  });
});
