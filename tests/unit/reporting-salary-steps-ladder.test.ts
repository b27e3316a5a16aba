// The salary card of My badges (components/awards/record-panel.tsx) on its own: each step's needs in
// words, the ladder as an ordered list whose marks are words (not colour alone), the district's own
// description of each step, the catalogue link at the next step's level, and the approved issuers
// named, folded into a list when there are many. Without a district or without steps, a sentence.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SalaryCard, stepCatalogHref, stepNeedsInWords } from '@/components/awards/record-panel';
import type { SalaryLadderStep, TeacherSalary } from '@/lib/reporting/teacher';
import { textOf } from '../setup/html';

const step = (id: string, over: Partial<SalaryLadderStep>): SalaryLadderStep => ({
  id, label: id, description: '', minLevel: 2, credentialsRequired: 1, amountCents: 10_000, sortOrder: 0, have: 0, mark: 'ahead', ...over,
});

function salary(over: Partial<TeacherSalary> = {}): TeacherSalary {
  const ladder = [
    step('One classroom badge', { description: 'Evidence of how your students benefited.', have: 1, mark: 'reached' }),
    step('Three classroom badges', { credentialsRequired: 3, amountCents: 30_000, sortOrder: 1, have: 1, mark: 'next' }),
    step('Level five', { minLevel: 5, amountCents: 60_000, sortOrder: 2 }),
  ];
  return {
    districtName: 'Kettle Moraine', rules: ladder, countsExpired: true, approvedIssuersOnly: false, approved: null,
    result: { qualifyingCount: 1, rule: ladder[0], amountCents: 10_000, next: { rule: ladder[1], missing: 2 } },
    ladder, notApproved: { count: 0, issuers: [] }, approvedAlone: [],
    ...over,
  };
}
const render = (s: TeacherSalary | null, districtName: string | null = s?.districtName ?? null) =>
  renderToStaticMarkup(createElement(SalaryCard, { record: { salary: s, districtName } }));

describe('what a salary step needs, in words', () => {
  it('counts badges, says “or above” below the top level, and says a classroom level is one', () => {
    expect(stepNeedsInWords({ minLevel: 2, credentialsRequired: 2 })).toBe('2 badges at level 2 or above (in your classroom)');
    expect(stepNeedsInWords({ minLevel: 1, credentialsRequired: 1 })).toBe('1 badge at level 1 or above');
    // Level 3 is not "level 2" (what the card used to say of any level from 2 up).
    expect(stepNeedsInWords({ minLevel: 3, credentialsRequired: 1 })).toBe('1 badge at level 3 or above (in your classroom)');
    expect(stepNeedsInWords({ minLevel: 5, credentialsRequired: 4 })).toBe('4 badges at level 5 (in your classroom)');
  });

  it('links the catalogue’s micro-credentials at the step’s level, with the catalogue’s own parameters', () => {
    expect(stepCatalogHref(2)).toBe('/catalog?kind=MICRO_CREDENTIAL&level=2');
    expect(stepCatalogHref(4)).toBe('/catalog?kind=MICRO_CREDENTIAL&level=4');
  });
});

describe('the salary card', () => {
  it('lists every step in order with its amount, needs and description, the teacher’s step and next one marked in words', () => {
    const html = render(salary());
    const list = html.slice(html.indexOf('<ol'), html.indexOf('</ol>'));
    expect(list).toMatch(/^<ol aria-labelledby="salary-steps-heading"/);
    expect(html).toContain('<h3 id="salary-steps-heading" class="font-semibold">Salary steps in Kettle Moraine</h3>');
    const items = list.split('<li').slice(1).map((li) => `<li${li}`);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^<li aria-current="step"/);
    expect(textOf(items[0])).toBe('One classroom badge: $100 ✓ Your step Needs 1 badge at level 2 or above (in your classroom). You are at this step. Evidence of how your students benefited.');
    expect(textOf(items[1])).toBe('Three classroom badges: $300 → Your next step Needs 3 badges at level 2 or above (in your classroom). You have 1 so far: 2 more to go.');
    expect(items.filter((li) => li.includes('aria-current'))).toHaveLength(1);
    expect(textOf(items[2])).toBe('Level five: $600 Needs 1 badge at level 5 (in your classroom). You have 0 so far: 1 more to go.');
    // The signs beside the words are not read out.
    expect(html.match(/<span aria-hidden="true">[✓→]\u00a0<\/span>/g)).toHaveLength(2);
    // "Next:" with the catalogue at the level the next step needs.
    expect(html).toContain('Next: <strong>Three classroom badges</strong> ($300) needs 2 more badges at level 2 or above. <a href="/catalog?kind=MICRO_CREDENTIAL&amp;level=2">Find level 2 micro-credentials in the catalogue</a>');
  });

  it('says a met step is paid over by a higher one, and the top step has no next', () => {
    const ladder = [step('A', { have: 2, mark: 'met' }), step('B', { amountCents: 30_000, credentialsRequired: 2, have: 2, mark: 'reached' })];
    const html = render(salary({ ladder, result: { qualifyingCount: 2, rule: ladder[1], amountCents: 30_000, next: null } }));
    expect(textOf(html)).toContain('You reach B ($300). That is your district’s highest step.');
    expect(textOf(html)).toContain('A: $100 ✓ Reached Needs 1 badge at level 2 or above (in your classroom). You meet it, and a higher step pays you instead.');
    expect(html).not.toContain('/catalog?');
  });

  it('names a few approved issuers in a sentence, and the micro-credentials approved on their own by number', () => {
    const html = render(salary({ approvedIssuersOnly: true, approved: { issuers: ['Approved Academy', 'Bright Badges'], more: false, credentials: 2 } }));
    expect(textOf(html)).toContain('Kettle Moraine counts only badges from issuers it has approved. Approved issuers: Approved Academy and Bright Badges. It also counts 2 micro-credentials it has approved on their own: a micro-credential’s page says whether its badges count.');
    expect(html).not.toContain('<details');
    const one = textOf(render(salary({ approvedIssuersOnly: true, approved: { issuers: ['Approved Academy'], more: false, credentials: 0 } })));
    expect(one).toContain('Approved issuer: Approved Academy.');
    expect(one).not.toContain('It also counts');
    expect(textOf(render(salary({ approvedIssuersOnly: true, approved: { issuers: [], more: false, credentials: 1 } })))).toContain('It has not approved any issuer as a whole. It also counts 1 micro-credential it has approved on its own');
  });

  it('folds many approved issuers into a list, and says when there are more than it lists', () => {
    const issuers = Array.from({ length: 7 }, (_, i) => `Issuer ${i + 1}`);
    const html = render(salary({ approvedIssuersOnly: true, approved: { issuers, more: false, credentials: 0 } }));
    expect(html).toMatch(/<details><summary[^>]*>The 7 issuers Kettle Moraine has approved<\/summary><ul[^>]*><li>Issuer 1<\/li>/);
    expect(html.match(/<li>Issuer \d<\/li>/g)).toHaveLength(7);
    expect(html).not.toContain('more issuers than can be listed');
    const more = render(salary({ approvedIssuersOnly: true, approved: { issuers, more: true, credentials: 0 } }));
    expect(more).toContain('>The first 7 issuers Kettle Moraine has approved</summary>');
    expect(textOf(more)).toContain('It has approved more issuers than can be listed here: ask your district office for the full list.');
  });

  it('says in a sentence, with no empty list, when there is no district or the district has no steps', () => {
    const none = render(null, null);
    expect(textOf(none)).toContain('You are not linked to a school district, so there are no salary steps to show.');
    expect(none).toContain('<a href="/account">Ask to join your district on your account page</a>');
    expect(none).not.toContain('<ol');
    const noSteps = render(null, 'Plainfield');
    expect(textOf(noSteps)).toContain('Plainfield has not set any salary steps here, so your badges do not count toward a salary increase on this site.');
    expect(noSteps).not.toContain('<ol');
  });
});
