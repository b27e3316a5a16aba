// What a teacher is told about their district's salary steps, in words built from the district's
// own settings: the note on a micro-credential's page (by the credential's level, the steps' levels
// and the approved lists), the account page's district card and the proposal page's opening. The
// note must agree with how a teacher's record counts a badge (computeSalaryStep, credentialCounts).
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { computeSalaryStep, credentialCounts, districtTermsInWords, proposalInWords, salaryOutcome, salaryStandingSentence, type DistrictTerms, type SalaryRule, type SalaryStanding } from '@/lib/reporting/salary-steps';
import { DistrictCard } from '@/components/account/district-card';

/** Kettle Moraine as seeded: every step asks for level 2; every issuer counts; renewal counts everything. */
const km: SalaryStanding = { districtName: 'Kettle Moraine', level: 2, stepLevels: [2], salaryApprovedOnly: false, renewalApprovedOnly: false, issuerApproved: false, credentialApproved: false };

describe('the salary note on a micro-credential’s page', () => {
  it('says a level 2 badge counts where every step asks for level 2', () => {
    expect(salaryStandingSentence(km, 'Acme', { pdHours: 10 })).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps.');
    expect(salaryStandingSentence({ ...km, level: 3 }, 'Acme')).toBe('A level 3 badge like this one counts toward Kettle Moraine’s salary steps.');
  });

  it('says a level 1 or unlevelled badge does not count, and that its PD hours still do', () => {
    expect(salaryStandingSentence({ ...km, level: 1 }, 'Acme', { pdHours: 10 })).toBe('Level 1 badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above; their PD hours still count.');
    expect(salaryStandingSentence({ ...km, level: null }, 'Acme', { pdHours: 4 })).toBe('This micro-credential has no level, so its badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above; their PD hours still count.');
    // No hours to speak of: not promised.
    expect(salaryStandingSentence({ ...km, level: 1 }, 'Acme', { pdHours: 0 })).toBe('Level 1 badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above.');
  });

  it('says when a badge counts toward only some steps, and what the others ask for', () => {
    expect(salaryStandingSentence({ ...km, level: 1, stepLevels: [1, 2] }, 'Acme')).toBe('A level 1 badge like this one counts toward some of Kettle Moraine’s salary steps (the others need level 2 or above).');
    expect(salaryStandingSentence({ ...km, level: 1, stepLevels: [1, 2, 3] }, 'Acme')).toBe('A level 1 badge like this one counts toward some of Kettle Moraine’s salary steps (the others need a higher level).');
  });

  it('keeps to the approved lists: the level first, then the approval', () => {
    const only = { ...km, salaryApprovedOnly: true };
    expect(salaryStandingSentence({ ...only, issuerApproved: true }, 'Acme')).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps: your district has approved this issuer.');
    expect(salaryStandingSentence(only, 'Acme', { pdHours: 10 })).toBe('Badges from Acme do not count toward Kettle Moraine’s salary steps: your district counts only the issuers and micro-credentials it has approved, and has approved neither this issuer nor this micro-credential; their PD hours still count.');
    // An approved issuer's level 1 badge still misses every step.
    expect(salaryStandingSentence({ ...only, level: 1, issuerApproved: true }, 'Acme')).toBe('Level 1 badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above.');
  });

  it('names licence renewal beside the steps when the lists decide it too', () => {
    const both = { ...km, salaryApprovedOnly: true, renewalApprovedOnly: true };
    expect(salaryStandingSentence({ ...both, issuerApproved: true }, 'Acme')).toBe('A level 2 badge like this one counts toward Kettle Moraine’s salary steps and licence renewal: your district has approved this issuer.');
    expect(salaryStandingSentence(both, 'Acme', { pdHours: 10 })).toBe('Badges from Acme do not count toward Kettle Moraine’s salary steps or licence renewal: your district counts only the issuers and micro-credentials it has approved, and has approved neither this issuer nor this micro-credential.');
    // A level 1 badge of an approved issuer: no step, but renewal.
    expect(salaryStandingSentence({ ...both, level: 1, issuerApproved: true }, 'Acme', { pdHours: 10 })).toBe('Level 1 badges do not count toward Kettle Moraine’s salary steps, which need level 2 or above; their PD hours still count. Badges from Acme count toward Kettle Moraine’s licence renewal: your district has approved this issuer.');
    // No steps, renewal only (ADR 024): as before.
    expect(salaryStandingSentence({ ...km, stepLevels: [], renewalApprovedOnly: true, credentialApproved: true }, 'Acme')).toBe('Badges for this micro-credential count toward Kettle Moraine’s licence renewal: your district has approved it, though not every micro-credential from Acme.');
    expect(salaryStandingSentence({ ...km, stepLevels: [] }, 'Acme')).toBe('');
  });

  it('agrees with how the teacher’s record counts a badge, for every level and every mix of steps', () => {
    const stepMixes = [[1], [2], [3], [1, 2], [2, 3], [1, 3], [1, 2, 3]];
    for (const levels of stepMixes) {
      const rules: SalaryRule[] = levels.map((minLevel, i) => ({ id: `r${i}`, label: `Step ${i}`, minLevel, credentialsRequired: 1, amountCents: (i + 1) * 100, sortOrder: i }));
      for (const level of [null, 1, 2, 3, 4]) {
        for (const [salaryApprovedOnly, issuerApproved] of [[false, false], [true, true], [true, false]]) {
          const s = { ...km, level, stepLevels: levels, salaryApprovedOnly, issuerApproved };
          const held = credentialCounts({ onlyApproved: salaryApprovedOnly, approved: new Set(issuerApproved ? ['acme'] : []) }, { issuerId: 'acme' }) ? [{ level }] : [];
          const reached = rules.filter((r) => computeSalaryStep([r], held).rule);
          const outcome = salaryOutcome(s);
          expect(outcome === 'all' ? reached.length === rules.length : outcome === 'some' ? reached.length > 0 && reached.length < rules.length : reached.length === 0, `steps ${levels}, level ${level}, ${outcome}`).toBe(true);
          expect(/ counts toward/.test(salaryStandingSentence(s, 'Acme'))).toBe(reached.length > 0);
        }
      }
    }
  });
});

describe('what a district does with a teacher’s badges, from its own policy', () => {
  const terms: DistrictTerms = { name: 'Kettle Moraine', requiresProposal: true, stepLevels: [2], salaryApprovedOnly: false, renewalApprovedOnly: false };

  it('names the district and says only what its settings say', () => {
    expect(districtTermsInWords(terms)).toBe('Kettle Moraine sees your progress and PD hours and decides your proposals. Your badges at level 2 and above count toward its salary steps. Your badges count toward licence renewal.');
    expect(districtTermsInWords({ ...terms, name: 'Lakeside', requiresProposal: false, stepLevels: [] })).toBe('Lakeside sees your progress and PD hours. It has no salary steps for micro-credentials. Your badges count toward licence renewal.');
    expect(districtTermsInWords({ ...terms, stepLevels: [1, 2], salaryApprovedOnly: true, renewalApprovedOnly: true })).toBe(
      'Kettle Moraine sees your progress and PD hours and decides your proposals. Your badges at level 1 and above from the issuers and micro-credentials it has approved count toward its salary steps; some steps need a higher level. Only your badges from the issuers and micro-credentials it has approved count toward licence renewal.',
    );
  });

  it('opens the proposal page with whether the district asks for one', () => {
    expect(proposalInWords(terms)).toBe('Kettle Moraine asks you to say how each micro-credential will serve your students, and a district leader approves your proposal, before you send your evidence.');
    expect(proposalInWords({ name: 'Lakeside', requiresProposal: false })).toBe('Lakeside does not ask for proposals, so you do not need one to send your evidence.');
  });

  it('puts them on the account page’s district card, claiming nothing for a teacher without a district', () => {
    const noop = async () => ({ ok: true as const });
    const card = (props: { districtName: string | null; terms?: DistrictTerms | null }) => {
      const html = renderToStaticMarkup(createElement(DistrictCard, { ...props, schoolName: null, request: null, districts: [], requestAction: noop, cancelAction: noop, leaveAction: noop }));
      return /<p[^>]*data-district-terms[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1].replace(/&#x27;/g, "'");
    };
    expect(card({ districtName: 'Lakeside', terms: { ...terms, name: 'Lakeside', requiresProposal: false, stepLevels: [] } })).toBe('Lakeside sees your progress and PD hours. It has no salary steps for micro-credentials. Your badges count toward licence renewal.');
    expect(card({ districtName: null, terms: null })).not.toMatch(/salary steps|proposals|Your district/);
    // Not given the policy: no claim about steps, proposals or renewal.
    expect(card({ districtName: 'Lakeside' })).not.toMatch(/salary steps|proposals|licence renewal/);
  });
});
