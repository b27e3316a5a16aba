// The CSV downloads (district and school reports, an issuer's badges) are plain links that open in
// a tab. A person signed out is sent to sign in and back to the report page the download is on; a
// refusal or a wrong link is a small page in words with links back, under its own status, never
// raw JSON.
// Real Postgres; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { safeCallbackUrl } from '@/lib/auth/schemas';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, createPublishedCredential } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));

const { GET: districtExport } = await import('@/app/district/reports/export/route');
const { GET: schoolExport } = await import('@/app/school/reports/export/route');
const { GET: awardsExport } = await import('@/app/admin/awards/export/route');
const { default: DistrictReportsPage } = await import('@/app/district/reports/page');
const { default: SchoolReportsPage } = await import('@/app/school/reports/page');
const { default: IssuedAwardsPage } = await import('@/app/admin/awards/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const inTab = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const get = (route: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = inTab) => route(new Request(`http://localhost${path}`, { headers }));

/** A page in words (not JSON), with its links. */
async function pageOf(res: Response) {
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await res.text();
  expect(() => JSON.parse(html)).toThrow();
  const main = html.slice(html.indexOf('<main>'));
  return { html, links: [...main.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1].replace(/&#38;/g, '&').replace(/&#39;/g, "'"), m[2].replace(/&#39;/g, "'")]) };
}

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Other District' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Lakeside', parentId: district.id });
  const otherSchool = await createOrg({ kind: 'SCHOOL', name: 'Hillside', parentId: district.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const principal = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
  const teacher = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: school.id });
  const { admin } = await createPublishedCredential();
  return { district, other, school, otherSchool, leader, principal, teacher, admin };
}

describe('a CSV download opened while signed out', () => {
  // After signing in, the person lands on the page the download is offered on, as it was filtered,
  // not on the download: that would save the file and leave the tab on the sign-in page.
  const cases = [
    [districtExport, '/district/reports/export?report=pd-hours&from=2025-09-01&to=2026-08-31&district=d1&school=s1', '/district/reports?from=2025-09-01&to=2026-08-31&district=d1&school=s1&downloadAgain=1'],
    [schoolExport, '/school/reports/export?report=renewal&school=abc&from=2025-09-01&to=2026-08-31', '/school/reports?from=2025-09-01&to=2026-08-31&school=abc&downloadAgain=1'],
    [schoolExport, '/school/reports/export?report=skills', '/school/reports?downloadAgain=1'],
    [awardsExport, '/admin/awards/export?status=valid&q=Ann', '/admin/awards?status=valid&q=Ann&downloadAgain=1'],
    [awardsExport, '/admin/awards/export', '/admin/awards?downloadAgain=1'],
  ] as const;

  it('sends a browser tab to sign in and back to the report page it came from, not the .csv route; anything else gets a 401 page with the same link', async () => {
    for (const [route, path, page] of cases) {
      const res = await get(route, path);
      expect(res.status, path).toBe(307);
      const location = res.headers.get('location')!;
      expect(location).toBe(`/sign-in?callbackUrl=${encodeURIComponent(page)}`);
      const callbackUrl = new URL(location, 'http://localhost').searchParams.get('callbackUrl')!;
      expect(callbackUrl).toBe(page);
      expect(callbackUrl).not.toContain('/export');
      // The sign-in page follows it as it is: a path on this site.
      expect(safeCallbackUrl(callbackUrl, '/fallback')).toBe(page);

      const machine = await get(route, path, {});
      expect(machine.status).toBe(401);
      const { html, links } = await pageOf(machine);
      expect(html).toContain('Sign in to download this file');
      expect(links).toEqual([[`/sign-in?callbackUrl=${encodeURIComponent(page)}`, 'Sign in']]);
    }
  });

  it('the report page says they are signed in and can download again, only when they came back from signing in', async () => {
    const w = await world();
    const signedInNote = 'You’re signed in. Choose “Download CSV” again to get the file.';
    for (const [actor, Page, query] of [
      [w.leader, DistrictReportsPage, { from: '2025-09-01', to: '2026-08-31' }],
      [w.principal, SchoolReportsPage, { school: w.school.id }],
      [w.admin, IssuedAwardsPage, { status: 'valid' }],
    ] as const) {
      session.actor = actor;
      const render = async (sp: Record<string, string>) => renderToStaticMarkup(await (Page as (p: { searchParams: Promise<Record<string, string>> }) => Promise<ReactElement>)({ searchParams: Promise.resolve(sp) }));
      const back = await render({ ...query, downloadAgain: '1' });
      expect(back).toContain(signedInNote);
      expect(back).toContain('role="status"');
      // The download links themselves do not carry the note along.
      expect(back).not.toMatch(/export\?[^"]*downloadAgain/);
      expect(await render(query)).not.toContain(signedInNote);
    }
  });
});

describe('a CSV download refused or asked for with a wrong link', () => {
  it('district reports: another district’s is a 403 page, an unknown report a 400 page, each with links back', async () => {
    const w = await world();
    session.actor = w.leader;
    const refused = await get(districtExport, `/district/reports/export?report=pd-hours&district=${w.other.id}`);
    expect(refused.status).toBe(403);
    const r = await pageOf(refused);
    expect(r.html).toContain('You cannot download this file');
    expect(r.links).toEqual([['/district/reports', 'Go to my district’s reports'], ['/district', 'Go to my home page']]);

    const unknown = await get(districtExport, '/district/reports/export?report=salary&from=2025-09-01&to=2026-08-31');
    expect(unknown.status).toBe(400);
    const u = await pageOf(unknown);
    expect(u.html).toContain('does not name a report we have');
    expect(u.links[0]).toEqual(['/district/reports?from=2025-09-01&to=2026-08-31', 'Back to reports']);

    // A teacher (no district role) is refused the same way.
    session.actor = w.teacher;
    expect((await get(districtExport, '/district/reports/export?report=pd-hours')).status).toBe(403);
  });

  it('school reports: a school they do not lead is a 403 page; an id too long to be one, or an unknown report, a 400 page', async () => {
    const w = await world();
    session.actor = w.principal;
    const refused = await get(schoolExport, `/school/reports/export?report=pd-hours&school=${w.otherSchool.id}`);
    expect(refused.status).toBe(403);
    expect((await pageOf(refused)).links).toEqual([['/school/reports', 'Go to my school’s reports'], ['/school', 'Go to my home page']]);
    const long = await get(schoolExport, `/school/reports/export?report=pd-hours&school=${'x'.repeat(60)}`);
    expect(long.status).toBe(400);
    expect((await pageOf(long)).html).toContain('does not name a school we know');
    const unknown = await get(schoolExport, `/school/reports/export?report=nope&school=${w.school.id}`);
    expect(unknown.status).toBe(400);
    expect((await pageOf(unknown)).html).toContain('does not name a report we have');
    // Their own school's still downloads.
    const ok = await get(schoolExport, `/school/reports/export?report=pd-hours&school=${w.school.id}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });

  it('issued badges: someone who administers no issuer, or another issuer, gets a 403 page', async () => {
    const w = await world();
    session.actor = w.leader;
    const refused = await get(awardsExport, '/admin/awards/export');
    expect(refused.status).toBe(403);
    const r = await pageOf(refused);
    expect(r.html).toContain('does not administer one');
    expect(r.links).toEqual([['/district', 'Go to my home page']]);
    session.actor = w.admin;
    const other = await createPublishedCredential();
    const elsewhere = await get(awardsExport, `/admin/awards/export?issuer=${other.mc.issuerId}`);
    expect(elsewhere.status).toBe(403);
    expect((await pageOf(elsewhere)).links[0]).toEqual(['/admin/awards', 'Go to issued badges']);
    const ok = await get(awardsExport, '/admin/awards/export');
    expect(ok.status).toBe(200);
  });
});
