// The district's teachers list (/district/teachers) with a `school` that is not one of the
// district's (a stale or mistyped link, another district's school, a school since deleted): it
// lists every school's teachers and says why, as the district reports do, instead of the "no
// access" page. Another district's id still gets that page. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg } from '../factories';
import { redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: TeachersPage } = await import('@/app/district/teachers/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const page = (query: Record<string, string>) => TeachersPage({ searchParams: Promise.resolve(query) });
const NOTICE = 'That school is not one of Kettle Moraine’s schools (the link may be out of date), so this list shows teachers at every school.';

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const cushing = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
  const closed = await createOrg({ kind: 'SCHOOL', name: 'Closed School', parentId: district.id });
  const foreign = await createOrg({ kind: 'SCHOOL', name: 'Foreign School', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: cushing.id });
  await createActor({ name: 'Bo Brown', districtId: district.id });
  await createActor({ name: 'Xavier Other', districtId: other.id, schoolId: foreign.id });
  // A school that existed when the link was made, and no longer does.
  const closedId = closed.id;
  await db.organization.delete({ where: { id: closed.id } });
  return { district, other, cushing, foreign, leader, closedId };
}

describe('the teachers list with a school that is not the district’s', () => {
  it('goes to every school’s teachers with a note, keeping the search and dropping the old page of results', async () => {
    const w = await world();
    session.actor = w.leader;
    for (const school of [w.foreign.id, w.closedId, 'cnotaschool000000000000000', 'not an id at all']) {
      expect(await redirectOf(page({ school })), school).toBe('/district/teachers?unknownSchool=1');
    }
    expect(await redirectOf(page({ school: w.foreign.id, q: 'ann', cursor: 'eyJuIjoiQSIsImlkIjoieCJ9' }))).toBe('/district/teachers?q=ann&unknownSchool=1');

    const html = renderToStaticMarkup(await page({ unknownSchool: '1' }));
    const text = textJoined(html);
    expect(text).toContain(NOTICE);
    expect(text.split(NOTICE)).toHaveLength(2);
    expect(text).toContain('Ann Avery');
    expect(text).toContain('Bo Brown');
    // Nothing of the other district's.
    expect(text).not.toContain('Xavier Other');
    expect(text).not.toContain('Foreign School');
    // The note takes focus on arrival (the notice has no role of its own: the alert inside says it).
    expect(html).toMatch(/<div tabindex="-1" class="[^"]*\bmb-4\b[^"]*"><div role="status"[^>]*>/);
  });

  it('keeps the district for someone who leads several', async () => {
    const w = await world();
    const both = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: w.district.id }, { role: 'DISTRICT_LEADER', organizationId: w.other.id }] });
    session.actor = both;
    expect(await redirectOf(page({ district: w.district.id, school: w.foreign.id }))).toBe(`/district/teachers?district=${w.district.id}&unknownSchool=1`);
  });

  it('still filters by one of the district’s own schools, with no note', async () => {
    const w = await world();
    session.actor = w.leader;
    const text = textJoined(renderToStaticMarkup(await page({ school: w.cushing.id })));
    expect(text).toContain('Showing teachers placed at Cushing Elementary');
    expect(text).toContain('Ann Avery');
    expect(text).not.toContain('Bo Brown');
    expect(text).not.toContain('the link may be out of date');
    // A note asked for by hand over a real school is not shown.
    expect(textJoined(renderToStaticMarkup(await page({ school: w.cushing.id, unknownSchool: '1' })))).not.toContain(NOTICE);
  });

  it('still sends a leader asking for another district to the “no access” page', async () => {
    const w = await world();
    session.actor = w.leader;
    expect(await redirectOf(page({ district: w.other.id }))).toBe('/forbidden');
    expect(await redirectOf(page({ district: w.other.id, school: w.foreign.id }))).toBe('/forbidden');
  });
});
