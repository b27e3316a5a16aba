// The People pages keep a place above each list whose roles can be removed (the issuer's members,
// the district's leaders, its school leaders) where the outcome of a removal is shown and read out
// (RoleRemovalNotices; the removal itself: role-removal-confirmation.test.ts). It is on the page
// from the start, empty, outside the rows a removal takes away, and inside no other live region.
// Real Postgres, the real pages.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { nestedLiveRegions } from '../setup/live-regions';
import { createActor, createOrg } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { default: DistrictPeoplePage } = await import('@/app/district/people/page');
const { default: AdminPeoplePage } = await import('@/app/admin/people/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const sp = () => ({ searchParams: Promise.resolve({}) });
const EMPTY_REGION = '<div role="status" aria-live="polite"></div>';

describe('the place a role removal is confirmed', () => {
  it('is above the issuer’s members table, outside its rows', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
    const ben = await createActor({ name: 'Ben Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    session.actor = ben;
    const html = renderToStaticMarkup(await AdminPeoplePage(sp()));
    const table = html.indexOf('<caption class="sr-only">Members of Lakeside Collaborative</caption>');
    expect(table).toBeGreaterThan(0);
    // Right before the table's scroll box, after the search.
    expect(html.slice(0, table)).toMatch(new RegExp(`${EMPTY_REGION}<div class="relative overflow-x-auto[^"]*"[^>]*><table[^>]*>$`));
    expect(html.indexOf('Yes, remove the role')).toBeGreaterThan(table);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('is above the district’s leaders and above its school leaders', async () => {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    const school = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
    const bea = await createActor({ name: 'Bea Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await createActor({ name: 'Ann Away', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
    session.actor = bea;
    const html = renderToStaticMarkup(await DistrictPeoplePage(sp()));
    const leaders = html.slice(html.indexOf('id="leaders"'), html.indexOf('id="school-leaders"'));
    const schoolLeaders = html.slice(html.indexOf('id="school-leaders"'));
    for (const [section, who] of [[leaders, 'Ann Away'], [schoolLeaders, 'Pat Principal']]) {
      expect(section).toContain(`${EMPTY_REGION}<ul class="divide-y`);
      expect(section.indexOf(EMPTY_REGION)).toBeLessThan(section.indexOf(who));
    }
    expect(nestedLiveRegions(html)).toEqual([]);
  });
});
