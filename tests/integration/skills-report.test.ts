// The Skills report (lib/reporting/district.ts skillsReport): which skills a district's or a
// school's teachers are building, by topic and micro-credential, counted as the PD-hours report
// counts badges so the totals agree; who is working toward each now; its CSV; and the section on
// the district's and the school's reports pages. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { SubmissionStatus } from '@/lib/generated/prisma/enums';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, nextStatusIndex } from '../factories';
import { pdHoursByTeacher, skillsReport, type SkillsReport } from '@/lib/reporting/district';
import { districtReportCsv, schoolReportCsv } from '@/lib/reporting/exports';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { parseCsv } from '@/lib/csv';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: DistrictReportsPage } = await import('@/app/district/reports/page');
const { default: SchoolReportsPage } = await import('@/app/school/reports/page');
const { GET: districtExport } = await import('@/app/district/reports/export/route');
const { GET: schoolExport } = await import('@/app/school/reports/export/route');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

// 1 Sep 2025 up to (not including) 1 Sep 2026.
const period = resolvePeriod({ from: '2025-09-01', to: '2026-08-31' });
const INJECTED = '=HYPERLINK("http://evil.test","Click")';

const award = createEarnedAward;
type Mc = { id: string; issuerId: string; currentVersionId: string | null };

/** An application not yet earned, the teacher enrolled, or stopped (`enrolment: 'withdrawn'`). */
async function applying(user: Actor, mc: Mc, status: Exclude<SubmissionStatus, 'EARNED'>, o: { enrolment?: 'active' | 'withdrawn'; cycle?: number } = {}) {
  const withdrawnAt = o.enrolment === 'withdrawn' ? new Date() : null;
  await db.enrollment.upsert({ where: { userId_microCredentialId: { userId: user.id, microCredentialId: mc.id } }, create: { userId: user.id, microCredentialId: mc.id, withdrawnAt }, update: { withdrawnAt } });
  await db.submission.create({ data: { userId: user.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status, cycle: o.cycle ?? 1 } });
}

/**
 * District D (schools A and B), district E (school C). Topics: Assessment (m1 level 1, m2 level
 * 2), Classroom climate (m3 level 2, m5 level 2 titled as a spreadsheet formula), Literacy (m4, no
 * level), Family engagement (m6: work in progress only).
 */
async function world() {
  const d = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const a = await createOrg({ kind: 'SCHOOL', name: 'Alder Middle', parentId: d.id });
  const b = await createOrg({ kind: 'SCHOOL', name: 'Birch High', parentId: d.id });
  const e = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const c = await createOrg({ kind: 'SCHOOL', name: 'Cedar Elementary', parentId: e.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: e.id }] });
  const principal = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: a.id }] });
  const teacher = (name: string, school: { id: string; parentId: string | null } | null, districtId = d.id) =>
    createActor({ name, districtId, ...(school ? { schoolId: school.id } : {}), roles: [{ role: 'TEACHER', organizationId: school?.id ?? districtId }] });
  const [ann, bo, cy, dee, eve, fay, gus, hal, ivy] = await Promise.all([
    teacher('Ann Avery', a), teacher('Bo Brown', b), teacher('Cy Cole', a), teacher('Dee Dunn', null), teacher('Eve Ells', a),
    teacher('Fay Fox', b), teacher('Gus Gray', a), teacher('Hal Hunt', b), teacher('Ivy Ives', a),
  ]);
  const xavier = await teacher('Xavier Other', c, e.id);
  const { issuer, admin, mc: m1 } = await createPublishedCredential({ def: { title: 'Feedback basics', topic: 'Assessment', level: 1, pdHours: 5 } });
  const mk = async (def: { title: string; topic: string; level?: number; pdHours: number }) => (await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: undefined, ...def } })).mc;
  const m2 = await mk({ title: 'Feedback in practice', topic: 'Assessment', level: 2, pdHours: 10 });
  const m3 = await mk({ title: 'Calm classrooms', topic: 'Classroom climate', level: 2, pdHours: 7.5 });
  const m4 = await mk({ title: 'Reading across subjects', topic: 'Literacy', pdHours: 3 });
  const m5 = await mk({ title: INJECTED, topic: 'Classroom climate', level: 2, pdHours: 2 });
  const m6 = await mk({ title: 'Talking with families', topic: 'Family engagement', level: 1, pdHours: 4 });

  // Badges.
  await award(ann, m1, { hours: 5, level: 1, issuedAt: '2025-10-01T10:00:00Z' });
  await award(ann, m2, { hours: 10, level: 2, issuedAt: '2025-11-15T10:00:00Z' });
  await award(ann, m3, { hours: 7.5, level: 2, issuedAt: '2026-02-01T10:00:00Z' });
  await award(ann, m4, { hours: 3, level: null, issuedAt: '2026-03-01T10:00:00Z', revoked: true });
  // A badge that is not a micro-credential's (a stack's carries no hours of its own) never counts.
  const list = (await db.statusList.findFirstOrThrow({ where: { issuerId: issuer.id } })).id;
  await db.award.create({ data: { userId: ann.id, issuerId: issuer.id, title: 'Some stack', pdHours: new Prisma.Decimal(9), level: 2, recipientName: ann.name, issuedAt: new Date('2026-01-01T10:00:00Z'), credential: {}, statusListId: list, statusListIndex: nextStatusIndex() } });
  await award(bo, m2, { hours: 10, level: 2, issuedAt: '2024-12-01T10:00:00Z' });
  await award(bo, m1, { hours: 5, level: 1, issuedAt: '2025-09-01T00:00:00Z' });
  await award(bo, m3, { hours: 7.5, level: 2, issuedAt: '2025-09-12T10:00:00Z', suspended: true });
  await award(bo, m2, { hours: 10, level: 2, issuedAt: '2026-08-31T23:59:59Z', cycle: 2 });
  await award(cy, m1, { hours: 5, level: 1, issuedAt: '2026-09-01T00:00:00Z' });
  await award(cy, m4, { hours: 3, level: null, issuedAt: '2026-01-10T10:00:00Z' });
  await award(cy, m5, { hours: 2, level: 2, issuedAt: '2026-04-01T10:00:00Z' });
  await award(dee, m3, { hours: 7.5, level: 2, issuedAt: '2026-05-01T10:00:00Z' });
  await award(xavier, m1, { hours: 5, level: 1, issuedAt: '2025-10-01T10:00:00Z' });

  // Work in progress now.
  await applying(eve, m4, 'DRAFT');
  await applying(ann, m4, 'IN_REVIEW', { cycle: 2 });
  await applying(fay, m1, 'NEEDS_REVISION');
  await applying(fay, m2, 'DRAFT');
  await applying(gus, m2, 'DRAFT', { enrolment: 'withdrawn' });
  await applying(gus, m3, 'DRAFT');
  await applying(hal, m5, 'SUBMITTED');
  await applying(ivy, m6, 'DRAFT');
  await applying(xavier, m4, 'DRAFT');
  return { d, a, b, e, c, leader, otherLeader, principal, ann, bo, cy, dee, eve, fay, gus, hal, ivy, xavier, m1, m2, m3, m4, m5, m6 };
}

/** topic → [badges, teachers, hours, understanding, classroom, unlevelled, inProgress], and each credential's likewise. */
function flat(r: SkillsReport) {
  const n = (c: { badges: number; teachers: number; hours: number; understanding: number; classroom: number; unlevelled: number; inProgress: number }) =>
    [c.badges, c.teachers, c.hours, c.understanding, c.classroom, c.unlevelled, c.inProgress];
  return r.topics.map((t) => [t.topic, n(t), t.credentials.map((c) => [c.title, n(c)])]);
}

const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
const sp = (v: Record<string, string> = {}) => ({ searchParams: Promise.resolve(v) });

describe('skillsReport', () => {
  it('groups the period’s badges by topic and micro-credential, with the level split and who is working toward each now', async () => {
    const w = await world();
    const r = await skillsReport({ actor: w.leader, districtId: w.d.id, period });
    expect(flat(r)).toEqual([
      // Tied with Assessment on badges; more teachers at work on it now. Bo's suspended badge counts.
      ['Classroom climate', [4, 4, 24.5, 0, 4, 0, 2], [
        ['Calm classrooms', [3, 3, 22.5, 0, 3, 0, 1]],
        [INJECTED, [1, 1, 2, 0, 1, 0, 1]],
      ]],
      // Bo's badge issued on the first moment counts, his 2024 one does not; his renewal on the last
      // second counts. Two teachers, though four badges; Fay, at work on both, counts once.
      ['Assessment', [4, 2, 30, 2, 2, 0, 1], [
        ['Feedback basics', [2, 2, 10, 2, 0, 0, 1]],
        // Gus stopped his draft: not in progress.
        ['Feedback in practice', [2, 2, 20, 0, 2, 0, 1]],
      ]],
      // Ann's revoked badge does not count; her renewal with reviewers and Eve's draft do.
      ['Literacy', [1, 1, 3, 0, 0, 1, 2], [['Reading across subjects', [1, 1, 3, 0, 0, 1, 2]]]],
      // No badge yet, but someone is working toward one.
      ['Family engagement', [0, 0, 0, 0, 0, 0, 1], [['Talking with families', [0, 0, 0, 0, 0, 0, 1]]]],
    ]);
    // Ann, Bo, Cy and Dee earned; Eve, Ann, Fay, Gus, Hal and Ivy are at work (Xavier is another district's).
    expect(r.totals).toEqual({ badges: 9, teachers: 4, hours: 57.5, understanding: 2, classroom: 6, unlevelled: 1, inProgress: 6 });
    expect(r.topics[0].credentials[0]).toMatchObject({ microCredentialId: w.m3.id, slug: w.m3.slug, issuer: expect.any(String) });
  });

  it('agrees with the PD-hours report for the same period, for the district and for one school', async () => {
    const w = await world();
    for (const schoolId of [null, w.a.id, w.b.id]) {
      const [skills, byTeacher] = await Promise.all([
        skillsReport({ actor: w.leader, districtId: w.d.id, schoolId, period }),
        pdHoursByTeacher({ actor: w.leader, districtId: w.d.id, schoolId, period }),
      ]);
      const round = (h: number) => Math.round(h * 10) / 10;
      expect(skills.totals.badges).toBe(byTeacher.reduce((s, t) => s + t.credentials, 0));
      expect(round(skills.totals.hours)).toBe(round(byTeacher.reduce((s, t) => s + t.hours, 0)));
      expect(skills.totals.teachers).toBe(byTeacher.filter((t) => t.credentials > 0).length);
      expect(skills.topics.reduce((s, t) => s + t.badges, 0)).toBe(skills.totals.badges);
    }
  });

  it('narrowed to a school counts only the teachers placed there', async () => {
    const w = await world();
    const r = await skillsReport({ actor: w.leader, districtId: w.d.id, schoolId: w.a.id, period });
    expect(flat(r)).toEqual([
      ['Classroom climate', [2, 2, 9.5, 0, 2, 0, 1], [['Calm classrooms', [1, 1, 7.5, 0, 1, 0, 1]], [INJECTED, [1, 1, 2, 0, 1, 0, 0]]]],
      ['Assessment', [2, 1, 15, 1, 1, 0, 0], [['Feedback basics', [1, 1, 5, 1, 0, 0, 0]], ['Feedback in practice', [1, 1, 10, 0, 1, 0, 0]]]],
      ['Literacy', [1, 1, 3, 0, 0, 1, 2], [['Reading across subjects', [1, 1, 3, 0, 0, 1, 2]]]],
      ['Family engagement', [0, 0, 0, 0, 0, 0, 1], [['Talking with families', [0, 0, 0, 0, 0, 0, 1]]]],
    ]);
    expect(r.totals).toEqual({ badges: 5, teachers: 2, hours: 27.5, understanding: 1, classroom: 3, unlevelled: 1, inProgress: 4 });
    // The principal reads the same for their school.
    expect(await skillsReport({ actor: w.principal, districtId: w.d.id, schoolId: w.a.id, period })).toEqual(r);
  });

  it('a period with no badges still shows who is at work now; a district with nothing is empty', async () => {
    const w = await world();
    const later = resolvePeriod({ from: '2030-01-01', to: '2030-12-31' });
    const r = await skillsReport({ actor: w.leader, districtId: w.d.id, period: later });
    expect(r.totals).toMatchObject({ badges: 0, teachers: 0, hours: 0, inProgress: 6 });
    expect(r.topics.every((t) => t.badges === 0)).toBe(true);
    const empty = await createOrg({ kind: 'DISTRICT', name: 'Empty' });
    const emptyLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: empty.id }] });
    expect(await skillsReport({ actor: emptyLeader, districtId: empty.id, period })).toEqual({
      topics: [], totals: { badges: 0, teachers: 0, hours: 0, understanding: 0, classroom: 0, unlevelled: 0, inProgress: 0 },
    });
  });

  it('is refused to another district’s leader, and a school leader may read their own school only', async () => {
    const w = await world();
    expect((await errorOf(skillsReport({ actor: w.otherLeader, districtId: w.d.id, period }))).code).toBe('FORBIDDEN');
    expect((await errorOf(skillsReport({ actor: w.otherLeader, districtId: w.d.id, schoolId: w.a.id, period }))).code).toBe('FORBIDDEN');
    // Another district's school is refused, never read as "every school".
    expect((await errorOf(skillsReport({ actor: w.leader, districtId: w.d.id, schoolId: w.c.id, period }))).code).toBe('FORBIDDEN');
    expect((await errorOf(skillsReport({ actor: w.principal, districtId: w.d.id, period }))).code).toBe('FORBIDDEN');
    expect((await errorOf(skillsReport({ actor: w.principal, districtId: w.d.id, schoolId: w.b.id, period }))).code).toBe('FORBIDDEN');
    expect((await errorOf(skillsReport({ actor: w.ann, districtId: w.d.id, schoolId: w.a.id, period }))).code).toBe('FORBIDDEN');
    expect((await errorOf(schoolReportCsv({ actor: w.principal, schoolId: w.b.id, report: 'skills', period }))).code).toBe('FORBIDDEN');
    expect((await errorOf(districtReportCsv({ actor: w.otherLeader, districtId: w.d.id, report: 'skills', period }))).code).toBe('FORBIDDEN');
  });
});

describe('the Skills CSV', () => {
  it('has one line per micro-credential with its topic, and a title that is a formula is written as text', async () => {
    const w = await world();
    const { filename, csv } = await districtReportCsv({ actor: w.leader, districtId: w.d.id, report: 'skills', period });
    expect(filename).toBe('skills_2025-09-01_2026-08-31.csv');
    // The cell starts with an apostrophe, so a spreadsheet shows it rather than running it.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""Click"")"`);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['Topic', 'Micro-credential', 'Issuer', 'Badges earned', 'Teachers', 'PD hours', 'Understanding (level 1)', 'In the classroom (level 2 and above)', 'No level', 'Teachers in progress now', 'Period start', 'Period end']);
    const lines = rows.slice(1).map((r) => [r[0], r[1], ...r.slice(3, 10)]);
    expect(lines).toEqual([
      ['Classroom climate', 'Calm classrooms', '3', '3', '22.5', '0', '3', '0', '1'],
      ['Classroom climate', `'${INJECTED}`, '1', '1', '2', '0', '1', '0', '1'],
      ['Assessment', 'Feedback basics', '2', '2', '10', '2', '0', '0', '1'],
      ['Assessment', 'Feedback in practice', '2', '2', '20', '0', '2', '0', '1'],
      ['Literacy', 'Reading across subjects', '1', '1', '3', '0', '0', '1', '2'],
      ['Family engagement', 'Talking with families', '0', '0', '0', '0', '0', '0', '1'],
    ]);
    expect(rows.slice(1).every((r) => r[10] === '2025-09-01' && r[11] === '2026-08-31')).toBe(true);
  });

  it('a school leader’s holds their school only, no pay column; both export routes answer with it', async () => {
    const w = await world();
    const { filename, csv } = await schoolReportCsv({ actor: w.principal, schoolId: w.a.id, report: 'skills', period });
    expect(filename).toBe('skills_alder-middle_2025-09-01_2026-08-31.csv');
    const rows = parseCsv(csv);
    expect(rows[0].some((h) => /amount|usd|pay/i.test(h))).toBe(false);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[9]])).toEqual([
      ['Calm classrooms', '1', '1'], [`'${INJECTED}`, '1', '0'], ['Feedback basics', '1', '0'], ['Feedback in practice', '1', '0'], ['Reading across subjects', '1', '2'], ['Talking with families', '0', '1'],
    ]);

    const q = `report=skills&from=${period.fromLabel}&to=${period.toLabel}`;
    session.actor = w.principal;
    const school = await schoolExport(new Request(`http://localhost/school/reports/export?${q}`));
    expect(school.status).toBe(200);
    expect(school.headers.get('Content-Disposition')).toBe('attachment; filename="skills_alder-middle_2025-09-01_2026-08-31.csv"');
    // The same file, after a byte-order mark (Excel reads it as UTF-8).
    const bytes = Buffer.from(await school.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(csv);
    expect((await schoolExport(new Request(`http://localhost/school/reports/export?${q}&school=${w.b.id}`))).status).toBe(403);

    session.actor = w.leader;
    const district = await districtExport(new Request(`http://localhost/district/reports/export?${q}&school=${w.b.id}`));
    expect(district.status).toBe(200);
    expect(parseCsv(await district.text()).slice(1).map((r) => r[1])).toEqual(['Feedback basics', 'Feedback in practice', 'Calm classrooms', `'${INJECTED}`]);
    session.actor = w.otherLeader;
    expect((await districtExport(new Request(`http://localhost/district/reports/export?${q}&district=${w.d.id}`))).status).toBe(403);
  });
});

describe('the reports pages', () => {
  it('the district’s shows the chart, the level split and the CSV link, the numbers written out', async () => {
    const w = await world();
    session.actor = w.leader;
    const html = await render(DistrictReportsPage(sp({ from: period.fromLabel, to: period.toLabel })));
    expect(html).toContain('Skills your teachers are building');
    expect(html).toContain('Badges earned by topic');
    expect(html).toContain('Understanding (level 1)');
    expect(html).toContain('In the classroom (level 2 and above)');
    expect(html).toContain('9 badges earned by 4 teachers in 3 topics: 2 for understanding (level 1) and 6 in the classroom (level 2 and above), 1 with no level. 6 teachers are working toward one now.');
    // The chart's rows are a list read as "topic: value" (the bars are decoration), and a table of them.
    const chart = /<figure[^>]*><figcaption[^>]*><span[^>]*>Badges earned by topic<\/span>.*?<\/figure>/s.exec(html)?.[0] ?? '';
    expect([...chart.matchAll(/<li[^>]*>(.*?)<\/li>/gs)].map((m) => textJoined(m[1]))).toEqual(['Classroom climate: 4 (4 teachers)', 'Assessment: 4 (2 teachers)', 'Literacy: 1 (1 teacher)']);
    expect(html).toContain('Show the data as a table');
    expect(html).toContain(`/district/reports/export?report=skills&amp;from=${period.fromLabel}&amp;to=${period.toLabel}`);
    // React escapes the title: it is shown, never markup.
    expect(html).toContain('=HYPERLINK(&quot;http://evil.test&quot;,&quot;Click&quot;)');

    // Narrowed to school B: Bo's, Fay's and Hal's only.
    const b = await render(DistrictReportsPage(sp({ from: period.fromLabel, to: period.toLabel, school: w.b.id })));
    expect(b).toContain('Badges teachers placed at Birch High earned from');
    expect(b).toContain('3 badges earned by 1 teacher in 2 topics');
    expect(b).toContain(`/district/reports/export?report=skills&amp;from=${period.fromLabel}&amp;to=${period.toLabel}&amp;school=${w.b.id}`);

    // Nothing at all, in plain words.
    const empty = await createOrg({ kind: 'DISTRICT', name: 'Empty' });
    session.actor = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: empty.id }] });
    expect(await render(DistrictReportsPage(sp()))).toContain('No badges were earned in this period, and no one is working toward one right now.');
    // Another district's leader cannot open D's.
    session.actor = w.otherLeader;
    expect(await redirectOf(render(DistrictReportsPage(sp({ district: w.d.id }))))).toBe('/forbidden');
  });

  it('the school’s shows its own teachers’ skills only, with its CSV link', async () => {
    const w = await world();
    session.actor = w.principal;
    const html = await render(SchoolReportsPage(sp({ from: period.fromLabel, to: period.toLabel })));
    expect(html).toContain('Skills your teachers are building');
    expect(html).toContain('Badges teachers placed at Alder Middle earned from');
    expect(html).toContain('5 badges earned by 2 teachers in 3 topics: 1 for understanding (level 1) and 3 in the classroom (level 2 and above), 1 with no level. 4 teachers are working toward one now.');
    expect(html).toContain(`/school/reports/export?report=skills&amp;from=${period.fromLabel}&amp;to=${period.toLabel}`);
    expect(html).not.toContain('/district/');
    const later = await render(SchoolReportsPage(sp({ from: '2030-01-01', to: '2030-12-31' })));
    expect(later).toContain('No badges were earned in this period. 4 teachers are working toward one now.');
    expect(await redirectOf(render(SchoolReportsPage(sp({ school: w.b.id }))))).toBe('/forbidden');
  });
});
