// The top of the district and school reports (components/reports): the quick periods are targets a
// finger can hit on a phone (WCAG 2.5.8), and the headline figures say in plain words what they count.
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PdHoursRow, RenewalRow, SalaryStepRow } from '@/lib/reporting/district';
import { QuickPeriods } from '@/components/reports/period-form';
import { ReportStats } from '@/components/reports/report-stats';

const NOW = new Date('2026-11-24T12:00:00Z');

describe('the quick periods', () => {
  const html = renderToStaticMarkup(createElement(QuickPeriods, { path: '/district/reports', keep: { school: 's1' }, now: NOW }));

  it('are a labelled list of links, not a run of text', () => {
    expect(html).toMatch(/^<nav aria-labelledby="quick-periods"[^>]*><p id="quick-periods"[^>]*>Quick periods<\/p><ul class="[^"]*flex-wrap[^"]*gap-x-4 gap-y-2[^"]*">/);
    expect(html.match(/<li><a /g)).toHaveLength(3);
    expect(html).not.toContain(' · ');
  });

  it('are each at least 24px tall, spaced apart, and keep the school shown', () => {
    const links = [...html.matchAll(/<a href="([^"]+)" class="([^"]+)">([^<]+)<\/a>/g)].map((m) => ({ href: m[1].replace(/&amp;/g, '&'), classes: m[2].split(' '), text: m[3] }));
    expect(links.map((l) => l.text)).toEqual(['School year 2026–27', 'School year 2025–26', 'Calendar year 2026']);
    for (const l of links) expect(l.classes).toEqual(expect.arrayContaining(['inline-flex', 'min-h-6', 'py-1']));
    expect(links[0].href).toBe('/district/reports?from=2026-07-01&to=2027-06-30&school=s1');
    expect(links[2].href).toBe('/district/reports?from=2026-01-01&to=2026-12-31&school=s1');
  });

  it('mark the one being shown as the current one, and only that one', () => {
    const shown = renderToStaticMarkup(createElement(QuickPeriods, { path: '/district/reports', keep: {}, now: NOW, current: { fromLabel: '2025-07-01', toLabel: '2026-06-30' } }));
    expect(shown.match(/aria-current="page"/g)).toHaveLength(1);
    expect(shown).toMatch(/<a href="\/district\/reports\?from=2025-07-01&amp;to=2026-06-30" aria-current="page"[^>]*>School year 2025–26<\/a>/);
    // A period of the person's own choosing matches none.
    const own = renderToStaticMarkup(createElement(QuickPeriods, { path: '/district/reports', keep: {}, now: NOW, current: { fromLabel: '2025-09-01', toLabel: '2026-06-30' } }));
    expect(own).not.toContain('aria-current');
  });
});

describe('the headline figures', () => {
  const teacher = (hours: number, credentials: number) => ({ hours, credentials }) as PdHoursRow;
  const props = {
    // Two teachers earned badges (one of them two), a third none.
    byTeacher: [teacher(6, 2), teacher(3, 1), teacher(0, 0)],
    renewal: [{}, {}, {}] as RenewalRow[],
    steps: [{ amountCents: 50_000 }, { amountCents: 25_050 }] as SalaryStepRow[],
  };
  const stats = (withPay: boolean) =>
    Object.fromEntries([...renderToStaticMarkup(createElement(ReportStats, { ...props, withPay })).matchAll(/<dt[^>]*>([^<]+)<\/dt><dd[^>]*>([^<]+)<\/dd>/g)].map((m) => [m[1], m[2]]));

  it('say who the teachers counted are: those who earned a credential in the period, each once', () => {
    expect(stats(false)).toEqual({ 'PD hours in period': '9', 'Credentials earned': '3', 'Teachers who earned a credential in this period': '2 of 3' });
  });

  it('name the money as what it is, for the district only', () => {
    expect(stats(true)['Yearly salary increases from steps reached']).toBe('$750.50');
    expect(Object.keys(stats(true)).join()).not.toMatch(/annual|with credit/);
  });
});
