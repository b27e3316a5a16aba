// What the report sections say after the review of the reporting side: a badge ending soon that is
// not open for renewal yet gives the day it opens (not "Not started"); the issuer dashboard lists
// open claims on their own and says when its workload chart names only the busiest; salary steps
// on a past day say the district's rules and approved lists are today's.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ExpiringRow, SalaryStepRow } from '@/lib/reporting/district';
import { ExpiringSection, renewalStage } from '@/components/reports/expiring-section';
import { OpenClaimsCard, workloadDescription } from '@/components/reports/reviewer-workload';
import { SalaryStepsSection } from '@/components/reports/salary-steps-section';
import { textOf } from '../setup/html';

const NOW = new Date('2026-02-15T12:00:00Z');

const row = (o: Partial<ExpiringRow> & Pick<ExpiringRow, 'awardId' | 'name' | 'validUntil' | 'renewalOpensAt'>): ExpiringRow => ({
  userId: `u-${o.awardId}`, email: 'x@example.test', school: null, title: 'Feedback', issuer: 'Issuer', level: 2,
  ended: false, suspended: false, renewalStarted: false, ...o,
});

describe('badges ending soon', () => {
  const rows = [
    // Valid three months: renewal opens on 2 March, after today.
    row({ awardId: 'a', name: 'Ann', validUntil: new Date('2026-04-01T10:00:00Z'), renewalOpensAt: new Date('2026-03-02T10:00:00Z') }),
    // Open since December, not started.
    row({ awardId: 'b', name: 'Bo', validUntil: new Date('2026-03-15T10:00:00Z'), renewalOpensAt: new Date('2025-12-15T10:00:00Z') }),
    row({ awardId: 'c', name: 'Cy', validUntil: new Date('2026-03-20T10:00:00Z'), renewalOpensAt: new Date('2025-12-20T10:00:00Z'), renewalStarted: true }),
  ];
  const html = renderToStaticMarkup(createElement(ExpiringSection, { expiring: rows, csvHref: '/x.csv', now: NOW, withSchool: false }));
  const cells = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].slice(1).map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => textOf(c[1])));

  it('gives the day renewal opens for a badge not open yet, and “Not started” only for one that is', () => {
    expect(cells.map((c) => [c[0], c[4]])).toEqual([['Ann', 'Renewal opens on 2 Mar 2026'], ['Bo', 'Not started'], ['Cy', 'Renewal started']]);
    expect(rows.map((r) => renewalStage(r, NOW))).toEqual(['not-yet-open', 'not-started', 'started']);
  });

  it('says renewal opens later for a badge valid under nine months, and counts each kind', () => {
    const t = textOf(html);
    expect(t).not.toContain('Teachers can start a renewal from 90 days before a badge ends.');
    expect(t).toContain('Teachers can start a renewal from 90 days before a badge ends, or later for a badge valid for less than nine months');
    expect(t).toContain('Renewals: 1 under way, 1 not started yet and 1 not open for renewal yet.');
  });
});

describe('the issuer dashboard’s reviewer workload', () => {
  it('lists open claims whoever holds them, and says how many more there are', () => {
    const html = renderToStaticMarkup(createElement(OpenClaimsCard, {
      workload: { open: [{ reviewerId: 'z', name: 'Zed', count: 2 }], openReviewers: 3, openClaims: 4 },
    }));
    const t = textOf(html);
    expect(t).toContain('4 claims held by 3 reviewers');
    expect(t).toContain('Zed: 2');
    expect(t).toContain('and 2 more reviewers with fewer claims.');
    expect(t).toContain('A claim whose time has run out is not counted');
    expect(textOf(renderToStaticMarkup(createElement(OpenClaimsCard, { workload: { open: [], openReviewers: 0, openClaims: 0 } })))).toContain('No reviewer has an open claim.');
  });

  it('names the chart honestly when it shows only the busiest reviewers', () => {
    const shown = Array.from({ length: 25 }, (_, i) => ({ reviewerId: `r${i}`, name: `R${i}`, count: 1 }));
    expect(workloadDescription({ submitted: shown, submittedReviewers: 40 })).toBe('Reviews submitted in the period: the 25 busiest of 40 reviewers');
    expect(workloadDescription({ submitted: shown.slice(0, 3), submittedReviewers: 3 })).toBe('Reviews submitted in the period, busiest first');
  });
});

describe('salary steps on a past day', () => {
  const rule = { id: 'r1', label: 'One classroom credential', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0 };
  const rows: SalaryStepRow[] = [{ userId: 'u', name: 'Ann', email: 'a@example.test', school: null, byLevel: {}, counted: [], notApproved: 0, qualifyingCount: 0, rule: null, amountCents: 0, next: { rule, missing: 1 } }];
  const render = (today: boolean, onlyApproved: boolean) => textOf(renderToStaticMarkup(createElement(SalaryStepsSection, {
    steps: { rules: [rule], rows, oneAway: 1, issuers: { onlyApproved, approved: [{ id: 'i', name: 'Good Issuer' }], credentials: [] } },
    asOf: { day: new Date('2026-06-30T00:00:00Z'), today }, periodEnd: new Date('2026-06-30T00:00:00Z'), csvHref: '/x.csv', withPay: false, withSchool: false,
    noRules: 'none', rulesHeading: 'Rules', rulesNote: 'note',
  })));

  it('say the badges are those held that day, and that the rules and approved lists are today’s', () => {
    const past = render(false, true);
    expect(past).toContain('Counted on 30 Jun 2026, the last day of the period: the badges each teacher held that day, including any suspended since.');
    expect(past).toContain('The district’s rules and its approved issuers and micro-credentials are read as they are today, because earlier versions are not kept.');
    expect(render(false, false)).toContain('The district’s rules are read as they are today');
    // Today needs no such note.
    expect(render(true, true)).not.toContain('read as they are today');
  });
});
