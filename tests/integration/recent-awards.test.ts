// "Recently earned" on the school and district overviews: the ten newest badges of the leader's own
// school or district, each linked to its public page, never another school's or district's, and
// never a badge that is revoked, suspended or hidden from its teacher's portfolio. Real Postgres;
// pages rendered with the session stub and a requireRole that checks roles as the real one does.
import type { ReactElement } from 'react';
import pg from 'pg';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, redirectOf } from '../setup/actions';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential } from '../factories';
import { listRecentDistrictAwards, RECENT_AWARDS_LIMIT } from '@/lib/district/queries';
import { listRecentSchoolAwards } from '@/lib/school/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: SchoolHomePage } = await import('@/app/school/page');
const { default: DistrictHomePage } = await import('@/app/district/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const sp = (v: Record<string, string> = {}) => ({ searchParams: Promise.resolve(v) });

/**
 * District D with schools A (Ann) and B (Bo), and Dee placed in D at no school; district E with
 * school C (Cy). D's leader, E's leader, and Pat, A's principal. Each teacher's badges are issued
 * on distinct days in March 2026.
 */
async function world() {
  const d = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const a = await createOrg({ kind: 'SCHOOL', name: 'Alder Middle', parentId: d.id });
  const b = await createOrg({ kind: 'SCHOOL', name: 'Birch High', parentId: d.id });
  const e = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const c = await createOrg({ kind: 'SCHOOL', name: 'Cedar Elementary', parentId: e.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: e.id }] });
  const pat = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: a.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: d.id, schoolId: a.id, roles: [{ role: 'TEACHER', organizationId: a.id }] });
  const bo = await createActor({ name: 'Bo Brown', districtId: d.id, schoolId: b.id, roles: [{ role: 'TEACHER', organizationId: b.id }] });
  const dee = await createActor({ name: 'Dee Dunn', districtId: d.id, roles: [{ role: 'TEACHER', organizationId: d.id }] });
  const cy = await createActor({ name: 'Cy Cole', districtId: e.id, schoolId: c.id, roles: [{ role: 'TEACHER', organizationId: c.id }] });
  const { mc } = await createPublishedCredential({ def: { level: 2 } });
  return { d, a, b, e, c, leader, otherLeader, pat, ann, bo, dee, cy, mc };
}
type World = Awaited<ReturnType<typeof world>>;

let cycle = 0;
/** A badge issued on `day` March 2026, at 09:00 UTC unless `hour` says otherwise (each its own application of the one credential). */
const earn = (w: World, who: Actor, title: string, day: number, o: { hour?: number; level?: number | null; revoked?: boolean; suspended?: boolean } = {}) =>
  createEarnedAward(who, w.mc, {
    title, level: o.level === undefined ? 2 : o.level, revoked: o.revoked, suspended: o.suspended, cycle: ++cycle,
    issuedAt: `2026-03-${String(day).padStart(2, '0')}T${String(o.hour ?? 9).padStart(2, '0')}:00:00Z`,
  });

const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

describe('the recently earned badges', () => {
  it('are the leader’s own school’s or district’s only, newest first', async () => {
    const w = await world();
    await earn(w, w.ann, 'Ann early', 2);
    await earn(w, w.bo, 'Bo middle', 5);
    await earn(w, w.dee, 'Dee late', 8, { level: null });
    await earn(w, w.cy, 'Cy newest of all', 20);
    await earn(w, w.ann, 'Ann latest', 9, { level: 1 });

    const district = await listRecentDistrictAwards({ actor: w.leader, districtId: w.d.id });
    expect(titles(district)).toEqual(['Ann latest', 'Dee late', 'Bo middle', 'Ann early']);
    expect(district[0]).toMatchObject({ teacherName: 'Ann Avery', level: 1, issuedAt: new Date('2026-03-09T09:00:00Z') });
    expect(district[1].level).toBeNull();

    expect(titles(await listRecentSchoolAwards({ actor: w.pat, schoolId: w.a.id }))).toEqual(['Ann latest', 'Ann early']);
    expect(titles(await listRecentDistrictAwards({ actor: w.otherLeader, districtId: w.e.id }))).toEqual(['Cy newest of all']);
  });

  it('are refused for a school or district the reader does not lead', async () => {
    const w = await world();
    await earn(w, w.bo, 'Bo middle', 5);
    await earn(w, w.cy, 'Cy newest of all', 20);
    // Another district, by its leader's neighbour.
    expect((await errorOf(listRecentDistrictAwards({ actor: w.leader, districtId: w.e.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(listRecentDistrictAwards({ actor: w.otherLeader, districtId: w.d.id }))).code).toBe('FORBIDDEN');
    // A principal: the school beside theirs, another district's school, or their whole district.
    for (const schoolId of [w.b.id, w.c.id]) {
      expect((await errorOf(listRecentSchoolAwards({ actor: w.pat, schoolId }))).code).toBe('FORBIDDEN');
    }
    expect((await errorOf(listRecentDistrictAwards({ actor: w.pat, districtId: w.d.id }))).code).toBe('FORBIDDEN');
    expect((await errorOf(listRecentDistrictAwards({ actor: w.pat, districtId: w.d.id, schoolId: w.b.id }))).code).toBe('FORBIDDEN');
    // A school of another district, named with a district the reader leads.
    expect((await errorOf(listRecentDistrictAwards({ actor: w.leader, districtId: w.d.id, schoolId: w.c.id }))).code).toBe('FORBIDDEN');
    // A teacher leads nothing.
    expect((await errorOf(listRecentSchoolAwards({ actor: w.ann, schoolId: w.a.id }))).code).toBe('FORBIDDEN');
  });

  it('leave out revoked and suspended badges and those the teacher hid from their portfolio', async () => {
    const w = await world();
    await earn(w, w.ann, 'Standing', 1);
    await earn(w, w.ann, 'Revoked', 2, { revoked: true });
    await earn(w, w.ann, 'Suspended', 3, { suspended: true });
    const hidden = await earn(w, w.ann, 'Hidden', 4);
    await db.award.update({ where: { id: hidden.id }, data: { hiddenFromPortfolio: true } });

    expect(titles(await listRecentDistrictAwards({ actor: w.leader, districtId: w.d.id }))).toEqual(['Standing']);
    expect(titles(await listRecentSchoolAwards({ actor: w.pat, schoolId: w.a.id }))).toEqual(['Standing']);
  });

  it('are the ten newest across the teachers, even when one teacher has more than ten', async () => {
    const w = await world();
    for (let day = 10; day <= 21; day++) await earn(w, w.ann, `Ann ${day}`, day);
    await earn(w, w.bo, 'Bo 18', 18, { hour: 12 });
    await earn(w, w.dee, 'Dee 11', 11, { hour: 12 });
    // Issued at the same moment: the order still holds from one load to the next (by id, newest first).
    const tie = [await earn(w, w.bo, 'Bo tie', 23), await earn(w, w.dee, 'Dee tie', 23)].sort((x, y) => (x.id < y.id ? 1 : -1)).map((a) => a.title);
    await earn(w, w.cy, 'Cy 30', 30);

    const rows = await listRecentDistrictAwards({ actor: w.leader, districtId: w.d.id });
    expect(rows).toHaveLength(RECENT_AWARDS_LIMIT);
    expect(titles(rows)).toEqual([...tie, 'Ann 21', 'Ann 20', 'Ann 19', 'Bo 18', 'Ann 18', 'Ann 17', 'Ann 16', 'Ann 15']);
    expect(titles(await listRecentSchoolAwards({ actor: w.pat, schoolId: w.a.id }))).toEqual(Array.from({ length: RECENT_AWARDS_LIMIT }, (_, i) => `Ann ${21 - i}`));
  });
});

/**
 * Which ways listRecentDistrictAwards read the list while `fn` ran, from the SQL sent to Postgres:
 * the platform's newest badges walked (`walked`), each teacher's newest (`byTeacher`).
 */
async function waysOf<T>(fn: () => Promise<T>): Promise<{ result: T; ways: string[] }> {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (pg.Client.prototype as any).query = function recording(this: pg.Client, config: unknown, ...rest: unknown[]) {
    if (config && typeof config === 'object' && 'text' in config) sent.push(String((config as { text: unknown }).text));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (original as any).call(this, config, ...rest);
  };
  try {
    const result = await fn();
    const ways = [
      ...(sent.some((t) => t.includes('JOIN "User" u ON u."id" = a."userId"')) ? ['walked'] : []),
      ...(sent.some((t) => t.includes('CROSS JOIN LATERAL')) ? ['byTeacher'] : []),
    ];
    return { result, ways };
  } finally {
    pg.Client.prototype.query = original;
  }
}

// The list is read one of two ways (RECENT_AWARDS_PLAN): each teacher's newest badges for a district
// of few teachers, the platform's newest badges walked newest first for one of many, falling back to
// each teacher's when the walk's window holds fewer than ten of theirs. Small plans here make these
// few teachers read each way; every way must give the same ten, by the same rules.
describe('the recently earned badges, whichever way they are read', () => {
  const BY_TEACHER = { fewTeachers: 1_000, walkRows: 1_000 };
  const walk = (walkRows: number) => ({ fewTeachers: 0, walkRows });

  it('are the ten newest, ties by id, from the walk when its window holds ten and from each teacher’s when not', async () => {
    const w = await world();
    for (let day = 10; day <= 21; day++) await earn(w, w.ann, `Ann ${day}`, day);
    await earn(w, w.bo, 'Bo 18', 18, { hour: 12 });
    await earn(w, w.dee, 'Dee 11', 11, { hour: 12 });
    const tie = [await earn(w, w.bo, 'Bo tie', 23), await earn(w, w.dee, 'Dee tie', 23)].sort((x, y) => (x.id < y.id ? 1 : -1)).map((a) => a.title);
    // Another district's badge, the newest of all: the walk reads it and leaves it out.
    await earn(w, w.cy, 'Cy 30', 30);
    const expected = [...tie, 'Ann 21', 'Ann 20', 'Ann 19', 'Bo 18', 'Ann 18', 'Ann 17', 'Ann 16', 'Ann 15'];

    const read = (plan: { fewTeachers: number; walkRows: number }) => waysOf(() => listRecentDistrictAwards({ actor: w.leader, districtId: w.d.id, plan }));
    // The district's tenth is the platform's eleventh badge.
    const cases = [[BY_TEACHER, ['byTeacher']], [walk(1_000), ['walked']], [walk(11), ['walked']], [walk(10), ['walked', 'byTeacher']], [walk(3), ['walked', 'byTeacher']]] as const;
    for (const [plan, ways] of cases) {
      expect({ plan, ...(await read(plan)) }).toEqual({ plan, result: expect.any(Array), ways });
      expect({ plan, titles: titles((await read(plan)).result) }).toEqual({ plan, titles: expected });
    }
    const ann = Array.from({ length: RECENT_AWARDS_LIMIT }, (_, i) => `Ann ${21 - i}`);
    for (const plan of [BY_TEACHER, walk(1_000), walk(12), walk(2)]) {
      expect(titles(await listRecentDistrictAwards({ actor: w.pat, districtId: w.d.id, schoolId: w.a.id, plan }))).toEqual(ann);
    }
  });

  it('count only badges that stand and are shown in the walk’s window, and keep the school to its own', async () => {
    const w = await world();
    for (let day = 1; day <= 10; day++) await earn(w, w.ann, `Ann ${day}`, day);
    // Newer than all of those: withdrawn, on hold, hidden, or another school's.
    await earn(w, w.ann, 'Revoked', 11, { revoked: true });
    await earn(w, w.ann, 'Suspended', 12, { suspended: true });
    const hidden = await earn(w, w.ann, 'Hidden', 13);
    await db.award.update({ where: { id: hidden.id }, data: { hiddenFromPortfolio: true } });
    await earn(w, w.bo, 'Bo at Birch', 14);
    const ann = Array.from({ length: RECENT_AWARDS_LIMIT }, (_, i) => `Ann ${10 - i}`);

    // A window of the eleven newest shown badges holds Bo's and Ann's ten: read by the walk alone.
    const school = await waysOf(() => listRecentDistrictAwards({ actor: w.pat, districtId: w.d.id, schoolId: w.a.id, plan: walk(11) }));
    expect(titles(school.result)).toEqual(ann);
    expect(school.ways).toEqual(['walked']);
    const district = await waysOf(() => listRecentDistrictAwards({ actor: w.leader, districtId: w.d.id, plan: walk(10) }));
    expect(titles(district.result)).toEqual(['Bo at Birch', ...ann.slice(0, 9)]);
    expect(district.ways).toEqual(['walked']);
  });

  it('a district that is quiet among the platform’s newest badges still gets its own from each teacher’s', async () => {
    const w = await world();
    await earn(w, w.ann, 'Ann long ago', 1);
    for (let day = 2; day <= 20; day++) await earn(w, w.cy, `Cy ${day}`, day);
    const got = await waysOf(() => listRecentDistrictAwards({ actor: w.leader, districtId: w.d.id, plan: walk(5) }));
    expect(titles(got.result)).toEqual(['Ann long ago']);
    expect(got.ways).toEqual(['walked', 'byTeacher']);
    expect(titles(await listRecentDistrictAwards({ actor: w.otherLeader, districtId: w.e.id, plan: walk(10) }))).toEqual(Array.from({ length: RECENT_AWARDS_LIMIT }, (_, i) => `Cy ${20 - i}`));
  });
});

describe('the overviews’ Recently earned card', () => {
  it('the school overview lists the school’s badges, linked to their public pages, and nothing of the school beside it', async () => {
    const w = await world();
    const annBadge = await earn(w, w.ann, 'Feedback that moves learning', 6);
    await earn(w, w.bo, 'Questioning at Birch', 7);
    await earn(w, w.cy, 'Cedar seminar', 8);
    session.actor = w.pat;
    const html = await render(SchoolHomePage(sp()));
    expect(html).toContain('Recently earned');
    expect(html).toMatch(new RegExp(`<a[^>]*href="/credentials/${annBadge.id}"[^>]*>Feedback that moves learning<span class="sr-only">, earned by Ann Avery</span></a>`));
    const text = textOf(html);
    expect(html).toMatch(/<td[^>]*>Ann Avery<\/td><td[^>]*><a[^>]*>Feedback that moves learning<span[^>]*>, earned by Ann Avery<\/span><\/a><\/td><td[^>]*>Level 2<\/td><td[^>]*><time dateTime="2026-03-06T09:00:00.000Z">6 Mar 2026<\/time><\/td>/);
    expect(text).not.toContain('Questioning at Birch');
    expect(text).not.toContain('Cedar seminar');
    expect(text).not.toContain('No badges to show yet');

    // Another school by id: the forbidden page, not its badges.
    expect(await redirectOf(render(SchoolHomePage(sp({ school: w.b.id }))))).toBe('/forbidden');
  });

  it('the district overview lists its teachers’ badges newest first, without another district’s', async () => {
    const w = await world();
    await earn(w, w.ann, 'Older at Alder', 3);
    await earn(w, w.bo, 'Newer at Birch', 11);
    await earn(w, w.cy, 'Cedar seminar', 12);
    session.actor = w.leader;
    const text = textOf(await render(DistrictHomePage(sp())));
    expect(text).toContain('Recently earned');
    expect(text).toContain('The latest badges earned by teachers in your district, newest first.');
    expect(text.indexOf('Newer at Birch')).toBeGreaterThan(-1);
    expect(text.indexOf('Newer at Birch')).toBeLessThan(text.indexOf('Older at Alder'));
    expect(text).not.toContain('Cedar seminar');

    expect(await redirectOf(render(DistrictHomePage(sp({ district: w.e.id }))))).toBe('/forbidden');
  });

  it('says so in plain words when there is nothing to show', async () => {
    const w = await world();
    await earn(w, w.ann, 'Withdrawn', 4, { revoked: true });
    await earn(w, w.bo, 'Questioning at Birch', 7);
    session.actor = w.pat;
    const text = textOf(await render(SchoolHomePage(sp())));
    expect(text).toContain('No badges to show yet. When teachers at your school earn badges, the newest appear here.');
    expect(text).not.toContain('Withdrawn');
    expect(text).not.toContain('Questioning at Birch');

    session.actor = w.otherLeader;
    expect(textOf(await render(DistrictHomePage(sp())))).toContain('No badges to show yet. When teachers in your district earn badges, the newest appear here.');
  });
});
