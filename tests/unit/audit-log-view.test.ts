import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditLogView } from '@/components/admin/audit-log-view';
import { AUDIT_GROUPS_BY_VIEW, parseAuditFilter, resolveAuditRange } from '@/lib/audit/schemas';
import type { AuditRow } from '@/lib/audit/queries';

const rows: AuditRow[] = [
  { id: '12', at: new Date('2026-03-03T14:05:00Z'), action: 'award.revoke', who: 'Dana Admin', description: 'Revoked the badge “Feedback” held by Ann Avery', link: { href: '/credentials/b7c1', label: 'Open the badge' }, organization: 'Issuer A' },
  { id: '11', at: new Date('2026-03-03T09:00:00Z'), action: 'award.issue', who: 'Automatic', description: 'Issued a badge', link: null, organization: null },
];

function render(sp: Record<string, string>, opts: { items?: AuditRow[]; nextCursor?: string | null; showOrganization?: boolean; timeZone?: string | null } = {}) {
  const filter = parseAuditFilter(sp, 'issuer');
  return renderToStaticMarkup(
    createElement(AuditLogView, {
      basePath: '/admin/audit', owner: 'Issuer A', groups: AUDIT_GROUPS_BY_VIEW.issuer, filter, range: resolveAuditRange(filter),
      items: opts.items ?? rows, nextCursor: opts.nextCursor ?? null, keep: { org: 'org1' }, showOrganization: opts.showOrganization, timeZone: opts.timeZone,
    }),
  );
}

describe('the audit log table', () => {
  it('is a captioned table with column headers, times in UTC (labelled) and links named for what they open', () => {
    const html = render({});
    expect(html).toMatch(/<caption[^>]*>Audit log of Issuer A, newest first<\/caption>/);
    expect(html.match(/<th scope="col"/g)).toHaveLength(4);
    expect(html).toContain('<time dateTime="2026-03-03T14:05:00.000Z">3 Mar 2026, 14:05 UTC</time>');
    expect(html).toContain('<a href="/credentials/b7c1">Open the badge</a>');
    // Says what "Automatic" means, as such an entry is on the page.
    expect(html).toContain('“Automatic” means the platform did it itself');
    expect(html).not.toContain('A deleted account');
  });

  it('shows each time in the reader’s own zone when they have one (ADR 023)', () => {
    const html = render({}, { timeZone: 'America/Chicago' });
    expect(html).toContain('<time dateTime="2026-03-03T14:05:00.000Z">3 Mar 2026, 08:05</time>');
    expect(html).toContain('<time dateTime="2026-03-03T09:00:00.000Z">3 Mar 2026, 03:00</time>');
    expect(html).not.toContain(' UTC</time>');
  });

  it('filters with a GET form that keeps the chosen issuer, and pages keep the filters', () => {
    const html = render({ group: 'awards', from: '2026-03-01', to: '2026-03-03' }, { nextCursor: 'abc' });
    const form = /<form[^>]*>/.exec(html)![0];
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/admin/audit"');
    expect(html).toContain('<input type="hidden" name="org" value="org1"/>');
    expect(html).toMatch(/<label for="audit-group"[^>]*>What<\/label>/);
    expect(html).toMatch(/<option value="awards" selected="">Badges<\/option>/);
    expect(html).toContain('value="2026-03-01"');
    expect(html).toContain('href="/admin/audit?org=org1&amp;group=awards&amp;from=2026-03-01&amp;to=2026-03-03&amp;cursor=abc"');
    expect(html).toContain('Clear filters');
    expect(html).toMatch(/<caption[^>]*>Audit log of Issuer A: badges, newest first<\/caption>/);
  });

  it('shows the organisation column on the platform log, and says when nothing matches', () => {
    expect(render({}, { showOrganization: true }).match(/<th scope="col"/g)).toHaveLength(5);
    const empty = render({ group: 'settings' }, { items: [] });
    expect(empty).toContain('Nothing recorded matches these filters');
    expect(empty).not.toContain('<table');
  });
});
