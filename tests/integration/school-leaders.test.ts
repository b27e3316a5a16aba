// School leaders (principals, ADR 016): appointed by their district's leaders through the usual
// invitations, they read their own school's teachers, reports and recommendations, and nothing
// else: no other school (even beside theirs), no /district page or action, no change to anything.
// Real Postgres; pages rendered with the session stub and a requireRole that checks roles as the
// real one does.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { homePath, isSchoolLeader, type Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { acceptInvitation, changeRole, inviteMember } from '@/lib/people/mutations';
import { listSchoolLeaders, removeTeacherFromDistrict, setTeacherSchool, listDistrictLeaders } from '@/lib/district/people';
import { getDistrictHome, LIST_LIMIT, listDistrictTeachers } from '@/lib/district/queries';
import { expiringBadges, pdHoursByMonth, pdHoursByTeacher, renewalCredentials, salaryStepEligibility } from '@/lib/reporting/district';
import { districtReportCsv, schoolReportCsv } from '@/lib/reporting/exports';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { getSchoolHome, listSchoolTeachers } from '@/lib/school/queries';
import { listLedSchools } from '@/lib/school/access';
import { listSchoolRecommendations } from '@/lib/school/recommendations';
import { addRecommendation, listDistrictRecommendations } from '@/lib/district/recommendations';
import { saveProposal, decideProposal } from '@/lib/proposals/mutations';
import { getDistrictPolicy } from '@/lib/district/policy-settings';
import { addSchool, listSchoolsWithCounts, renameSchool } from '@/lib/district/schools';
import { listAuditLog } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';
import { parseCsv } from '@/lib/csv';
import { setAccountDisabled } from '@/lib/organizations/platform';
import { schoolYearOf } from '@/lib/reporting/teacher-record';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The header's Sign out form imports a server action; its navigation entries do not need it.
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { default: SchoolHomePage } = await import('@/app/school/page');
const { default: SchoolTeachersPage } = await import('@/app/school/teachers/page');
const { default: SchoolReportsPage } = await import('@/app/school/reports/page');
const { default: SchoolRecommendationsPage } = await import('@/app/school/recommendations/page');
const { GET: exportRoute } = await import('@/app/school/reports/export/route');
const { default: DistrictHomePage } = await import('@/app/district/page');
const { default: DistrictPeoplePage } = await import('@/app/district/people/page');
const { inviteAction, changeRoleAction } = await import('@/app/admin/people/actions');
const { navFor } = await import('@/components/layout/site-header');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const year = resolvePeriod({});
const schoolYearLabel = () => schoolYearOf(year.from).label;
let statusIndex = 0;
type Mc = { id: string; issuerId: string; currentVersionId: string | null };

/** An earned badge of `hours` PD hours, issued this school year unless `issuedAt` says when. */
async function award(user: Actor, mc: Mc, title: string, hours: number, at?: Date) {
  const list = (await db.statusList.findFirst({ where: { issuerId: mc.issuerId } })) ?? (await db.statusList.create({ data: { issuerId: mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
  const submission = await db.submission.create({ data: { userId: user.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'EARNED' } });
  const issuedAt = at ?? new Date(Math.max(year.from.getTime(), Date.now() - 60_000));
  return db.award.create({
    data: {
      userId: user.id, issuerId: mc.issuerId, microCredentialId: mc.id, submissionId: submission.id, title, pdHours: new Prisma.Decimal(hours), level: 2,
      recipientName: user.name, issuedAt, credential: {}, statusListId: list.id, statusListIndex: statusIndex++,
    },
  });
}

/**
 * District D with schools A and B (Ann teaches at A, Bo at B), district E with school C (Cy), a
 * leader of each district, and Pat, A's principal, appointed by D's leader through an invitation.
 */
async function world() {
  const d = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const a = await createOrg({ kind: 'SCHOOL', name: 'Alder Middle', parentId: d.id });
  const b = await createOrg({ kind: 'SCHOOL', name: 'Birch High', parentId: d.id });
  const e = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const c = await createOrg({ kind: 'SCHOOL', name: 'Cedar Elementary', parentId: e.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: e.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: d.id, schoolId: a.id, roles: [{ role: 'TEACHER', organizationId: a.id }] });
  const bo = await createActor({ name: 'Bo Brown', districtId: d.id, schoolId: b.id, roles: [{ role: 'TEACHER', organizationId: b.id }] });
  const cy = await createActor({ name: 'Cy Cole', districtId: e.id, schoolId: c.id, roles: [{ role: 'TEACHER', organizationId: c.id }] });
  const { issuer, admin, mc } = await createPublishedCredential({ def: { level: 2 } });
  const mc2 = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { level: 2 } })).mc;
  await award(ann, mc, 'Feedback that moves learning', 5);
  await award(bo, mc, 'Feedback that moves learning', 7);
  await award(bo, mc2, 'Questioning', 3);
  await award(cy, mc, 'Feedback that moves learning', 11);
  // Ann is enrolled in a second credential (active enrolments).
  await db.enrollment.create({ data: { userId: ann.id, microCredentialId: mc2.id } });
  await inviteMember({ actor: leader, organizationId: a.id, email: 'pat@example.test', role: 'SCHOOL_LEADER' });
  await acceptInvitation({ token: await invitationTokenFor('pat@example.test'), actor: null, newAccount: { name: 'Pat Principal', password: 'a long enough password' } });
  const patId = (await db.user.findUniqueOrThrow({ where: { email: 'pat@example.test' } })).id;
  const pat = (await loadActor(patId))!;
  return { d, a, b, e, c, leader, otherLeader, ann, bo, cy, pat, mc, mc2, issuer, admin };
}

const render = async (page: Promise<ReactElement>) => renderToStaticMarkup(await page);
// A repeated parameter arrives as an array, whatever a page's type says (the /district pages' say strings).
const sp = (v: Record<string, string | string[]> = {}) => ({ searchParams: Promise.resolve(v as Record<string, string>) });

/** A school leader appointed as ADR 016 says: invited by the district's leader, and accepting. */
async function appoint(leader: Actor, schoolId: string, who: Actor) {
  await inviteMember({ actor: leader, organizationId: schoolId, email: who.email, role: 'SCHOOL_LEADER' });
  await acceptInvitation({ token: await invitationTokenFor(who.email), actor: who });
  return (await loadActor(who.id))!;
}

describe('appointing a school leader', () => {
  it('a district leader invites one to a school; once accepted the role works, and it is audited', async () => {
    const w = await world();
    expect(isSchoolLeader(w.pat, w.a.id)).toBe(true);
    expect(isSchoolLeader(w.pat, w.b.id)).toBe(false);
    expect(homePath(w.pat)).toBe('/school');
    // A principal is not placed at the school as a teacher: they do not count among its teachers.
    const user = await db.user.findUniqueOrThrow({ where: { id: w.pat.id }, select: { districtId: true, schoolId: true } });
    expect(user).toEqual({ districtId: null, schoolId: null });
    expect((await listLedSchools(w.pat)).schools.map((s) => s.name)).toEqual(['Alder Middle']);
    expect((await getSchoolHome({ actor: w.pat, schoolId: w.a.id, since: year.from })).teachers).toBe(1);
    const actions = await db.auditLog.findMany({ where: { organizationId: w.a.id }, orderBy: { id: 'asc' }, select: { action: true, data: true } });
    expect(actions.map((x) => x.action)).toEqual(['people.invite', 'people.accept_invitation']);
    expect(actions[0].data).toMatchObject({ role: 'SCHOOL_LEADER' });
    expect((await listSchoolLeaders({ actor: w.leader, districtId: w.d.id })).items.map((l) => [l.name, l.school.name])).toEqual([['Pat Principal', 'Alder Middle']]);
    // The district's audit log (which includes its schools') says so in words.
    const log = await listAuditLog({ actor: w.leader, organizationId: w.d.id, filter: AuditFilterInput.parse({}) });
    expect(JSON.stringify(log.items)).toContain('school leader');
  });

  it('the people page’s invite action takes the school-leader role; only to a school, only by its district', async () => {
    const w = await world();
    session.actor = w.leader;
    const sent = await inviteAction({ ok: true }, form({ organizationId: w.b.id, email: 'bea@example.test', role: 'SCHOOL_LEADER' }));
    expect(sent.ok).toBe(true);
    expect(await db.invitation.count({ where: { email: 'bea@example.test', organizationId: w.b.id, role: 'SCHOOL_LEADER' } })).toBe(1);
    // A district has no school-leader role; another district's leader and a principal cannot appoint one.
    expect((await errorOf(inviteMember({ actor: w.leader, organizationId: w.d.id, email: 'x@example.test', role: 'SCHOOL_LEADER' }))).code).toBe('VALIDATION');
    expect((await errorOf(inviteMember({ actor: w.otherLeader, organizationId: w.a.id, email: 'x@example.test', role: 'SCHOOL_LEADER' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(inviteMember({ actor: w.pat, organizationId: w.a.id, email: 'x@example.test', role: 'SCHOOL_LEADER' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(inviteMember({ actor: w.pat, organizationId: w.a.id, email: 'x@example.test', role: 'TEACHER' }))).code).toBe('FORBIDDEN');
  });

  it('a teacher can lead their school too, and stays its teacher', async () => {
    const w = await world();
    await inviteMember({ actor: w.leader, organizationId: w.a.id, email: w.ann.email, role: 'SCHOOL_LEADER' });
    await acceptInvitation({ token: await invitationTokenFor(w.ann.email), actor: w.ann });
    const ann = (await loadActor(w.ann.id))!;
    expect(ann.roles.map((r) => r.role).sort()).toEqual(['SCHOOL_LEADER', 'TEACHER']);
    expect([ann.districtId, ann.schoolId]).toEqual([w.d.id, w.a.id]);
    expect((await listSchoolTeachers({ actor: ann, schoolId: w.a.id, since: year.from })).items.map((t) => t.name)).toEqual(['Ann Avery']);
  });
});

describe('what a school leader reads', () => {
  it('their school’s teachers and figures, never another school’s (same district or not)', async () => {
    const w = await world();
    const home = await getSchoolHome({ actor: w.pat, schoolId: w.a.id, since: year.from });
    expect(home).toMatchObject({ teachers: 1, earned: 1, pdHours: 5, activeEnrolments: 1, inReview: 0 });
    const { items } = await listSchoolTeachers({ actor: w.pat, schoolId: w.a.id, since: year.from });
    expect(items.map((t) => [t.name, t.recent.earned, t.recent.pdHours, t.counts.enrolled])).toEqual([['Ann Avery', 1, 5, 1]]);
    for (const schoolId of [w.b.id, w.c.id, w.d.id, 'no-such-school']) {
      expect((await errorOf(getSchoolHome({ actor: w.pat, schoolId, since: year.from }))).code).toBe('FORBIDDEN');
      expect((await errorOf(listSchoolTeachers({ actor: w.pat, schoolId, since: year.from }))).code).toBe('FORBIDDEN');
      expect((await errorOf(listSchoolRecommendations({ actor: w.pat, schoolId }))).code).toBe('FORBIDDEN');
    }
    // A district's leader reads their schools under /district, not here (ADR 016).
    expect((await errorOf(getSchoolHome({ actor: w.leader, schoolId: w.a.id, since: year.from }))).code).toBe('FORBIDDEN');
  });

  it('the district’s reports with their school fixed: the same numbers, for their school only', async () => {
    const w = await world();
    const period = year;
    const own = { actor: w.pat, districtId: w.d.id, schoolId: w.a.id };
    expect((await pdHoursByTeacher({ ...own, period })).map((r) => [r.name, r.hours, r.credentials])).toEqual([['Ann Avery', 5, 1]]);
    expect((await renewalCredentials({ ...own, period })).map((r) => r.name)).toEqual(['Ann Avery']);
    expect((await salaryStepEligibility({ ...own, asOf: new Date() })).rows.map((r) => r.name)).toEqual(['Ann Avery']);
    expect((await pdHoursByMonth({ ...own, period })).reduce((s, m) => s + m.hours, 0)).toBe(5);
    expect(await expiringBadges(own)).toEqual([]);
    // The district leader's own figure for the school is the same.
    expect((await pdHoursByTeacher({ actor: w.leader, districtId: w.d.id, schoolId: w.a.id, period })).map((r) => r.hours)).toEqual([5]);
    // The school beside theirs, the whole district, or their school under another district: refused.
    for (const scope of [{ districtId: w.d.id, schoolId: w.b.id }, { districtId: w.d.id, schoolId: null }, { districtId: w.e.id, schoolId: w.a.id }, { districtId: w.e.id, schoolId: w.c.id }]) {
      expect((await errorOf(pdHoursByTeacher({ actor: w.pat, ...scope, period }))).code).toBe('FORBIDDEN');
      expect((await errorOf(salaryStepEligibility({ actor: w.pat, ...scope, asOf: new Date() }))).code).toBe('FORBIDDEN');
      expect((await errorOf(listDistrictTeachers({ actor: w.pat, ...scope }))).code).toBe('FORBIDDEN');
    }
  });

  it('the CSV export holds their school’s teachers only, and refuses any other school', async () => {
    const w = await world();
    const { filename, csv } = await schoolReportCsv({ actor: w.pat, schoolId: w.a.id, report: 'pd-hours', period: year });
    expect(filename).toMatch(/^pd-hours_alder-middle_/);
    const rows = parseCsv(csv);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Ann Avery']);
    expect((await errorOf(schoolReportCsv({ actor: w.pat, schoolId: w.b.id, report: 'pd-hours', period: year }))).code).toBe('FORBIDDEN');
    expect((await errorOf(districtReportCsv({ actor: w.pat, districtId: w.d.id, schoolId: w.a.id, report: 'pd-hours', period: year }))).code).toBe('FORBIDDEN');

    // Through the route, as the "Download CSV" links fetch it.
    session.actor = w.pat;
    const ok = await exportRoute(new Request(`http://localhost/school/reports/export?report=renewal&from=${year.fromLabel}&to=${year.toLabel}`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain('licence-renewal_alder-middle_');
    const body = await ok.text();
    expect(body).toContain('Ann Avery');
    expect(body).not.toContain('Bo Brown');
    const other = await exportRoute(new Request(`http://localhost/school/reports/export?report=pd-hours&school=${w.b.id}`));
    expect(other.status).toBe(403);
    session.actor = w.leader;
    expect((await exportRoute(new Request(`http://localhost/school/reports/export?report=pd-hours&school=${w.a.id}`))).status).toBe(403);
  });

  it('the district’s recommendations for the whole district and for their school, with their school’s uptake', async () => {
    const w = await world();
    const whole = await addRecommendation({ actor: w.leader, input: { districtId: w.d.id, kind: 'MICRO_CREDENTIAL', targetId: w.mc.id, schoolId: null, note: 'For everyone.' } });
    const forA = await addRecommendation({ actor: w.leader, input: { districtId: w.d.id, kind: 'MICRO_CREDENTIAL', targetId: w.mc2.id, schoolId: w.a.id, note: 'For Alder.' } });
    await addRecommendation({ actor: w.leader, input: { districtId: w.d.id, kind: 'MICRO_CREDENTIAL', targetId: w.mc2.id, schoolId: w.b.id, note: 'For Birch.' } });
    const recs = await listSchoolRecommendations({ actor: w.pat, schoolId: w.a.id });
    expect(recs.map((r) => r.id).sort()).toEqual([whole.id, forA.id].sort());
    const byId = new Map(recs.map((r) => [r.id, r]));
    // The whole district's (two teachers hold its badge: Ann and Bo) counted over Alder's one teacher.
    expect(byId.get(whole.id)!.uptake).toMatchObject({ teachers: 1, earned: 1 });
    expect(byId.get(forA.id)!.uptake).toMatchObject({ teachers: 1, enrolled: 1, earned: 0 });
    expect(byId.get(forA.id)!.forSchool).toBe(true);
    const districtView = await listDistrictRecommendations({ actor: w.leader, districtId: w.d.id });
    expect(districtView.find((r) => r.id === whole.id)!.uptake).toMatchObject({ teachers: 2, earned: 2 });
  });
});

describe('nothing of /district, and nothing written', () => {
  it('every district read and action is refused to a school leader', async () => {
    const w = await world();
    const proposal = await saveProposal({ actor: w.ann, microCredentialId: w.mc2.id, studentGoals: 'Students revise within a week.', plan: 'Weekly cycles.', submit: true });
    const p = w.pat;
    // Thunks: each call starts only when its turn comes.
    const refused: (() => Promise<unknown>)[] = [
      () => getDistrictHome({ actor: p, districtId: w.d.id, since: year.from }),
      () => listDistrictTeachers({ actor: p, districtId: w.d.id }),
      () => listDistrictLeaders({ actor: p, districtId: w.d.id }),
      () => listSchoolLeaders({ actor: p, districtId: w.d.id }),
      () => listDistrictRecommendations({ actor: p, districtId: w.d.id }),
      () => getDistrictPolicy({ actor: p, districtId: w.d.id }),
      () => listSchoolsWithCounts({ actor: p, districtId: w.d.id }),
      () => listAuditLog({ actor: p, organizationId: w.d.id, filter: AuditFilterInput.parse({}) }),
      () => listAuditLog({ actor: p, organizationId: w.a.id, filter: AuditFilterInput.parse({}) }),
      () => districtReportCsv({ actor: p, districtId: w.d.id, schoolId: w.a.id, report: 'renewal', period: year }),
      () => decideProposal({ actor: p, proposalId: proposal.id, decision: 'APPROVED', comment: '', version: 0 }),
      () => setTeacherSchool({ actor: p, districtId: w.d.id, userId: w.ann.id, schoolId: null }),
      () => removeTeacherFromDistrict({ actor: p, districtId: w.d.id, userId: w.ann.id }),
      () => changeRole({ actor: p, organizationId: w.a.id, userId: w.bo.id, role: 'SCHOOL_LEADER', op: 'add' }),
      () => changeRole({ actor: p, organizationId: w.a.id, userId: p.id, role: 'SCHOOL_LEADER', op: 'remove' }),
      () => addRecommendation({ actor: p, input: { districtId: w.d.id, kind: 'MICRO_CREDENTIAL', targetId: w.mc.id, schoolId: w.a.id, note: '' } }),
      () => addSchool({ actor: p, input: { districtId: w.d.id, name: 'Rogue School' } }),
      () => renameSchool({ actor: p, input: { schoolId: w.a.id, name: 'Renamed' } }),
    ];
    for (const [i, call] of refused.entries()) {
      expect(['FORBIDDEN', 'NOT_FOUND'], `call ${i}`).toContain((await errorOf(call())).code);
    }
    const [ann, prop] = await Promise.all([
      db.user.findUniqueOrThrow({ where: { id: w.ann.id }, select: { districtId: true, schoolId: true } }),
      db.proposal.findUniqueOrThrow({ where: { id: proposal.id }, select: { status: true } }),
    ]);
    expect(ann).toEqual({ districtId: w.d.id, schoolId: w.a.id });
    expect(prop.status).toBe('SUBMITTED');
    expect(await db.membership.count({ where: { userId: w.bo.id, role: 'SCHOOL_LEADER' } })).toBe(0);

    // The /district pages send them to the forbidden page.
    session.actor = p;
    expect(await redirectOf(render(DistrictHomePage(sp())))).toBe('/forbidden');
    expect(await redirectOf(render(DistrictPeoplePage(sp())))).toBe('/forbidden');
  });
});

describe('removing the role', () => {
  it('a district leader removes it (even the school’s only leader); the next request has no access', async () => {
    const w = await world();
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: w.pat.id }, select: { sessionVersion: true } });
    session.actor = w.leader;
    expect(await changeRoleAction({ ok: true }, form({ organizationId: w.a.id, userId: w.pat.id, role: 'SCHOOL_LEADER', op: 'remove' }))).toEqual({ ok: true });
    expect(await db.auditLog.count({ where: { action: 'people.role_remove', entityId: w.pat.id, organizationId: w.a.id } })).toBe(1);
    // Roles are read from the records on every request: the same session now carries none.
    const after = (await loadActor(w.pat.id, sessionVersion))!;
    expect(after.roles).toEqual([]);
    expect(homePath(after)).toBe('/dashboard');
    expect((await errorOf(getSchoolHome({ actor: after, schoolId: w.a.id, since: year.from }))).code).toBe('FORBIDDEN');
    expect((await errorOf(pdHoursByTeacher({ actor: after, districtId: w.d.id, schoolId: w.a.id, period: year }))).code).toBe('FORBIDDEN');
    session.actor = after;
    expect(await redirectOf(render(SchoolHomePage(sp())))).toBe('/forbidden');
    expect(navFor(after).map((i) => i.href)).not.toContain('/school');
  });
});

describe('the /school pages', () => {
  it('overview, teachers, reports and recommendations show their school, and only it', async () => {
    const w = await world();
    await addRecommendation({ actor: w.leader, input: { districtId: w.d.id, kind: 'MICRO_CREDENTIAL', targetId: w.mc2.id, schoolId: w.a.id, note: 'Alder’s priority this year.' } });
    await addRecommendation({ actor: w.leader, input: { districtId: w.d.id, kind: 'MICRO_CREDENTIAL', targetId: w.mc.id, schoolId: w.b.id, note: 'Birch’s priority.' } });
    session.actor = w.pat;
    expect(navFor(w.pat).map((i) => i.label)).toContain('School');

    const home = await render(SchoolHomePage(sp()));
    expect(home).toContain('Alder Middle');
    // The figure's link is named by its label too, not by "1" alone.
    expect(home).toMatch(/>Teachers<\/dt><dd[^>]*><a[^>]*aria-label="Teachers: 1"[^>]*>1<\/a>/);
    expect(home).toContain('href="/school/teachers"');

    const teachers = await render(SchoolTeachersPage(sp()));
    expect(teachers).toContain('Ann Avery');
    expect(teachers).not.toContain('Bo Brown');
    // Read only: no placing or removing teachers.
    expect(teachers).not.toContain('Remove from the district');
    expect(teachers).not.toContain('name="schoolId"');

    const reports = await render(SchoolReportsPage(sp()));
    expect(reports).toContain('Ann Avery');
    expect(reports).not.toContain('Bo Brown');
    expect(reports).toContain('/school/reports/export?report=pd-hours');
    expect(reports).not.toContain('/district/');

    const recs = await render(SchoolRecommendationsPage(sp()));
    expect(recs).toContain('Alder’s priority this year.');
    expect(recs).not.toContain('Birch’s priority.');
    expect(recs).not.toContain('<form');

    // Another school by id, even in their district: the forbidden page.
    for (const page of [SchoolHomePage, SchoolTeachersPage, SchoolReportsPage, SchoolRecommendationsPage]) {
      expect(await redirectOf(render(page(sp({ school: w.b.id }))))).toBe('/forbidden');
    }
    // Nor for a district leader or a teacher.
    for (const who of [w.leader, w.ann]) {
      session.actor = who;
      expect(await redirectOf(render(SchoolHomePage(sp())))).toBe('/forbidden');
    }
  });

  it('a principal of two schools picks one; the district’s people page lists school leaders with a remove form', async () => {
    const w = await world();
    session.actor = await appoint(w.leader, w.b.id, w.pat);
    const picked = await render(SchoolTeachersPage(sp({ school: w.b.id })));
    expect(picked).toContain('Bo Brown');
    expect(picked).not.toContain('Ann Avery');
    expect(picked).toContain('<label for="school-picker"');

    session.actor = w.leader;
    const people = await render(DistrictPeoplePage(sp()));
    expect(people).toContain('School leaders');
    expect(people).toContain('Pat Principal');
    expect(people).toContain('Invite school leader');
    expect(people).toMatch(/name="role" value="SCHOOL_LEADER"/);
  });
});

describe('review outcomes stay the teacher’s (ADR 016)', () => {
  it('returned work reads “In progress” and waiting work “In review”; no “Needs revision”, no reviewer’s words', async () => {
    const w = await world();
    const returned = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { title: 'Classroom talk moves' } });
    const waiting = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { title: 'Exit tickets that inform teaching' } });
    const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    const now = new Date();
    // Ann's first application came back from its reviewer with changes asked for, in words meant for her.
    const sent = await db.submission.create({ data: { userId: w.ann.id, microCredentialId: returned.mc.id, versionId: returned.mc.currentVersionId!, status: 'NEEDS_REVISION', lastSubmittedAt: now } });
    const attempt = await db.attempt.create({ data: { submissionId: sent.id, number: 1, status: 'RETURNED', submittedAt: now, decidedAt: now } });
    const comment = 'The student work samples do not yet show the talk moves in use.';
    const criterionNote = 'Add a transcript excerpt where students build on each other.';
    await db.review.create({
      data: {
        attemptId: attempt.id, reviewerId: reviewer.id, status: 'SUBMITTED', decision: 'REVISE', claimExpiresAt: now, submittedAt: now, overallComment: comment,
        scores: { create: [{ criterionId: returned.version.criteria[0].id, levelId: returned.version.levels[0].id, feedback: criterionNote }] },
      },
    });
    // Her second waits for its reviewer.
    const inReview = await db.submission.create({ data: { userId: w.ann.id, microCredentialId: waiting.mc.id, versionId: waiting.mc.currentVersionId!, status: 'IN_REVIEW', lastSubmittedAt: now } });
    await db.attempt.create({ data: { submissionId: inReview.id, number: 1, status: 'SUBMITTED', submittedAt: now } });

    const { items } = await listSchoolTeachers({ actor: w.pat, schoolId: w.a.id, since: year.from });
    expect(items[0].inProgress).toEqual(expect.arrayContaining([
      { title: 'Classroom talk moves', stage: 'in-progress' },
      { title: 'Exit tickets that inform teaching', stage: 'in-review' },
    ]));
    expect(JSON.stringify(items)).not.toMatch(/NEEDS_REVISION|REVISE|RETURNED/);

    session.actor = w.pat;
    const pages = [await render(SchoolTeachersPage(sp())), await render(SchoolHomePage(sp())), await render(SchoolReportsPage(sp()))];
    expect(pages[0]).toMatch(/Classroom talk moves <span[^>]*>In progress<\/span>/);
    expect(pages[0]).toMatch(/Exit tickets that inform teaching <span[^>]*>In review<\/span>/);
    for (const html of pages) {
      expect(html).not.toMatch(/needs revision|revise|returned/i);
      expect(html).not.toContain(comment);
      expect(html).not.toContain(criterionNote);
    }
  });
});

describe('work the teacher stopped', () => {
  it('is not counted or listed as in progress on the school and district lists; the district list labels it Stopped', async () => {
    const w = await world();
    const stoppedMc = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { title: 'Paused inquiry unit' } });
    const activeMc = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { title: 'Active questioning' } });
    for (const mc of [stoppedMc.mc, activeMc.mc]) {
      await db.submission.create({ data: { userId: w.ann.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'DRAFT' } });
    }
    await db.enrollment.create({ data: { userId: w.ann.id, microCredentialId: stoppedMc.mc.id, withdrawnAt: new Date() } });
    await db.enrollment.create({ data: { userId: w.ann.id, microCredentialId: activeMc.mc.id } });

    const { items } = await listSchoolTeachers({ actor: w.pat, schoolId: w.a.id, since: year.from });
    const ann = items.find((t) => t.id === w.ann.id)!;
    expect(ann.inProgress.map((s) => s.title)).toEqual(['Active questioning']);
    expect(ann.counts.inProgress).toBe(1);
    const district = await listDistrictTeachers({ actor: w.leader, districtId: w.d.id });
    const row = district.items.find((t) => t.id === w.ann.id)!;
    expect(row._count.submissions).toBe(1);
    expect(row.submissions.find((s) => s.version.title === 'Paused inquiry unit')?.stopped).toBe(true);
    expect(row.submissions.find((s) => s.version.title === 'Active questioning')?.stopped).toBe(false);
  });

  it('a long list says it shows only the most recent', async () => {
    const w = await world();
    const issuedAt = new Date();
    const list = await db.statusList.create({ data: { issuerId: w.issuer.id, purpose: 'revocation', bits: new Uint8Array(16) } });
    for (let i = 0; i < LIST_LIMIT + 2; i++) {
      await db.award.create({ data: { userId: w.ann.id, issuerId: w.issuer.id, title: `Badge ${i}`, pdHours: 1, recipientName: 'Ann', credential: {}, statusListId: list.id, statusListIndex: i, issuedAt } });
    }
    session.actor = w.pat;
    const total = await db.award.count({ where: { userId: w.ann.id, revokedAt: null } });
    expect(total).toBeGreaterThan(LIST_LIMIT);
    expect(await render(SchoolTeachersPage(sp()))).toContain(`The ${LIST_LIMIT} most recent of ${total}.`);
  });
});

describe('the school year’s figures', () => {
  it('count from 1 July: a badge issued before counts in the all-time totals only, one issued at the start counts', async () => {
    const w = await world();
    const older = (await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { level: 2 } })).mc;
    const atStart = (await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { level: 2 } })).mc;
    // Ann already holds a 5-hour badge from this year (the world's).
    await award(w.ann, older, 'Last year’s badge', 4, new Date(year.from.getTime() - 1));
    await award(w.ann, atStart, 'First day’s badge', 2, year.from);

    const home = await getSchoolHome({ actor: w.pat, schoolId: w.a.id, since: year.from });
    expect(home).toMatchObject({ earned: 2, pdHours: 7 });
    const [ann] = (await listSchoolTeachers({ actor: w.pat, schoolId: w.a.id, since: year.from })).items;
    expect(ann.recent).toEqual({ earned: 2, pdHours: 7 });
    expect(ann.counts.earned).toBe(3);
    expect(ann.awards.map((a) => a.title)).toContain('Last year’s badge');
    // The district's list, which the school's reuses, counts alike; its all-time hours include last year's.
    const [district] = (await listDistrictTeachers({ actor: w.leader, districtId: w.d.id, schoolId: w.a.id, since: year.from })).items;
    expect(district.recent).toEqual({ earned: 2, pdHours: 7 });
    expect(district.pdHours).toBe(11);
    expect(district._count.awards).toBe(3);

    session.actor = w.pat;
    const page = await render(SchoolTeachersPage(sp()));
    expect(page).toContain(`2 earned in ${schoolYearLabel()} · 7 PD hours in ${schoolYearLabel()}`);
    expect(page).toContain('Earned (3 in all)');
  });
});

describe('appointments go through invitations', () => {
  it('the invite form starts on “Choose a school”, and a missing school is refused with a field error', async () => {
    const w = await world();
    session.actor = w.leader;
    const people = await render(DistrictPeoplePage(sp()));
    const select = /<select[^>]*id="school-leader-school"[^>]*>(.*?)<\/select>/.exec(people);
    expect(select).not.toBeNull();
    expect(select![0]).toMatch(/<select[^>]*required=""/);
    // The first option is the empty one, and it is the one chosen.
    expect(select![1]).toMatch(/^<option value="" selected="">Choose a school<\/option><option value="[^"]+">Alder Middle<\/option>/);

    const refused = await inviteAction({ ok: true }, form({ organizationId: '', email: 'dana@example.test', role: 'SCHOOL_LEADER' }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { organizationId: ['Choose a school.'] } });
    const missing = new FormData();
    missing.set('email', 'dana@example.test');
    missing.set('role', 'SCHOOL_LEADER');
    expect(await inviteAction({ ok: true }, missing)).toMatchObject({ ok: false, fieldErrors: { organizationId: ['Choose a school.'] } });
    expect(await db.invitation.count({ where: { email: 'dana@example.test' } })).toBe(0);
  });

  it('a district leader cannot give the role directly, to anyone; removing it still works', async () => {
    const w = await world();
    session.actor = w.leader;
    const direct = await changeRoleAction({ ok: true }, form({ organizationId: w.b.id, userId: w.bo.id, role: 'SCHOOL_LEADER', op: 'add' }));
    expect(direct).toMatchObject({ ok: false, formError: expect.stringContaining('appointed by invitation') });
    expect((await errorOf(changeRole({ actor: w.leader, organizationId: w.a.id, userId: w.ann.id, role: 'SCHOOL_LEADER', op: 'add' }))).code).toBe('INVALID_STATE');
    expect(await db.membership.count({ where: { role: 'SCHOOL_LEADER', userId: { in: [w.bo.id, w.ann.id] } } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'people.role_add' } })).toBe(0);
    // Nor another role of a school, to someone who does not belong to it: they are invited.
    expect((await errorOf(changeRole({ actor: w.leader, organizationId: w.b.id, userId: w.ann.id, role: 'TEACHER', op: 'add' }))).code).toBe('FORBIDDEN');
    expect(await db.membership.count({ where: { role: 'TEACHER', userId: w.ann.id, organizationId: w.b.id } })).toBe(0);
    await changeRole({ actor: w.leader, organizationId: w.a.id, userId: w.pat.id, role: 'SCHOOL_LEADER', op: 'remove' });
    expect(await db.membership.count({ where: { role: 'SCHOOL_LEADER', userId: w.pat.id } })).toBe(0);
  });

  it('the people page names the school leaders section once, and says when the list is cut off', async () => {
    const w = await world();
    session.actor = w.leader;
    const people = await render(DistrictPeoplePage(sp()));
    const ids = [...people.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(people).toMatch(/<section aria-labelledby="school-leaders-h" id="school-leaders"/);
    expect(people).toMatch(/<h2 id="school-leaders-h"[^>]*>School leaders<\/h2>/);
    expect(people).not.toContain('Showing the first');

    // 500 more principals of Birch: the first 500 (by school, then name) are listed, and the page says so.
    const many = Array.from({ length: 500 }, (_, i) => ({ email: `p${i}@example.test`, name: `Principal ${String(i).padStart(3, '0')}` }));
    await db.user.createMany({ data: many });
    const users = await db.user.findMany({ where: { email: { in: many.map((m) => m.email) } }, select: { id: true } });
    await db.membership.createMany({ data: users.map((u) => ({ userId: u.id, organizationId: w.b.id, role: 'SCHOOL_LEADER' as const })) });
    const list = await listSchoolLeaders({ actor: w.leader, districtId: w.d.id });
    expect([list.items.length, list.total]).toEqual([500, 501]);
    expect(list.items[0].name).toBe('Pat Principal');
    expect(await render(DistrictPeoplePage(sp()))).toContain('Showing the first 500 of 501 school leaders, A to Z by school.');
  });
});

describe('salary steps without pay', () => {
  it('the school’s report and CSV show the step reached and what is next, never an amount', async () => {
    const w = await world();
    await db.salaryStepRule.createMany({
      data: [
        { districtId: w.d.id, label: 'Step A', credentialsRequired: 1, minLevel: 2, amountCents: 123_400, sortOrder: 0 },
        { districtId: w.d.id, label: 'Step B', credentialsRequired: 3, minLevel: 2, amountCents: 250_000, sortOrder: 1 },
      ],
    });
    const { csv } = await schoolReportCsv({ actor: w.pat, schoolId: w.a.id, report: 'salary-steps', period: year });
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(['Teacher', 'Email', 'School', 'Qualifying credentials', 'Step reached', 'Next step', 'Credentials still needed', 'Awards counted']);
    expect(rows.map((r) => r.slice(0, 7))).toEqual([['Ann Avery', w.ann.email, 'Alder Middle', '1', 'Step A', 'Step B', '2']]);
    expect(csv).not.toMatch(/amount|1234|2500/i);
    // The district's own file keeps the amounts.
    const district = await districtReportCsv({ actor: w.leader, districtId: w.d.id, schoolId: w.a.id, report: 'salary-steps', period: year });
    expect(parseCsv(district.csv)[0]).toContain('Amount (USD)');
    expect(district.csv).toContain('1234.00');

    session.actor = w.pat;
    const page = await render(SchoolReportsPage(sp()));
    expect(page).toContain('Step A');
    expect(page).toContain('2 more for “Step B”');
    expect(page).not.toContain('$');
    expect(page).not.toMatch(/1,234|2,500|<th[^>]*>Amount<\/th>/);
  });
});

describe('the query string', () => {
  it('a repeated or over-long parameter falls back to the first school on every page, never a server error', async () => {
    const w = await world();
    session.actor = w.pat;
    const odd: Record<string, string | string[]>[] = [
      { school: [w.a.id, w.b.id], from: ['2020-01-01', '2021-01-01'], to: ['x', 'y'], q: ['Ann', 'Bo'], cursor: ['a', 'b'], find: ['a', 'b'] },
      { school: 'x'.repeat(5000), from: '2'.repeat(5000), q: 'A'.repeat(5000), find: 'f'.repeat(5000) },
    ];
    for (const query of odd) {
      for (const page of [SchoolHomePage, SchoolTeachersPage, SchoolReportsPage, SchoolRecommendationsPage]) {
        const html = await render(page(sp(query)));
        expect(html).toContain('Alder Middle');
        expect(html).not.toContain('Birch High');
      }
    }
    // A platform admin counts as every school's leader, so an array would have reached the query itself.
    const platform = await createOrg({ kind: 'PLATFORM' });
    session.actor = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    for (const query of odd) {
      for (const page of [SchoolHomePage, SchoolTeachersPage, SchoolReportsPage, SchoolRecommendationsPage]) {
        expect(await render(page(sp(query)))).toMatch(/<h1[^>]*>(Alder Middle|Teachers|Reports|Recommendations)<\/h1>/);
      }
    }
  });

  it('the export reads each parameter once, refuses an id too long to be one, and an unknown report', async () => {
    const w = await world();
    const base = 'http://localhost/school/reports/export';
    session.actor = w.pat;
    const repeated = await exportRoute(new Request(`${base}?report=pd-hours&report=salary-steps&school=${w.a.id}&school=${w.b.id}`));
    expect(repeated.status).toBe(200);
    expect(repeated.headers.get('content-disposition')).toContain('pd-hours_alder-middle_');
    // The first value counts: a school they do not lead first is refused, whatever follows.
    expect((await exportRoute(new Request(`${base}?report=pd-hours&school=${w.b.id}&school=${w.a.id}`))).status).toBe(403);
    expect((await exportRoute(new Request(`${base}?report=pd-hours&school=${w.a.id}${'x'.repeat(60)}`))).status).toBe(400);
    expect((await exportRoute(new Request(`${base}?report=${'r'.repeat(5000)}`))).status).toBe(400);
    expect((await exportRoute(new Request(`${base}?report=pd-hours&from=${'9'.repeat(5000)}&to=2020-13-45`))).status).toBe(200);
  });
});

describe('the teachers page', () => {
  it('headings go down one level at a time; each teacher’s details open from a named disclosure that says Show or Hide', async () => {
    const w = await world();
    session.actor = w.pat;
    const html = await render(SchoolTeachersPage(sp()));
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1], `heading ${i}: ${levels.join(',')}`).toBeLessThanOrEqual(1);
    expect(levels).toEqual(expect.arrayContaining([2, 3, 4]));
    expect(html).toMatch(/<h3[^>]*><a href="\/district\/teachers\/[^"]+">Ann Avery<\/a> /);
    const summary = /<summary[^>]*>(.*?)<\/summary>/.exec(html)!;
    expect(summary[1]).toMatch(/<span class="group-open:hidden">Show details<\/span>/);
    expect(summary[1]).toMatch(/<span class="hidden group-open:inline">Hide details<\/span>/);
    expect(summary[1]).toMatch(/<span class="sr-only"> for Ann Avery<\/span>/);
    // Styled as a control, not as a link.
    expect(summary[0]).toMatch(/border/);
    expect(summary[0]).not.toMatch(/underline/);
    expect(html).toMatch(/<details class="group/);
  });
});

describe('a platform admin’s school picker', () => {
  it('says when it stops at 200 schools, and finds any other by name', async () => {
    const w = await world();
    const platform = await createOrg({ kind: 'PLATFORM' });
    const admin = await createActor({ name: 'Ada Admin', roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    await db.organization.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ kind: 'SCHOOL' as const, name: `Maple ${String(i).padStart(3, '0')}`, slug: `maple-${i}`, parentId: w.d.id })) });
    const last = await createOrg({ kind: 'SCHOOL', name: 'Zinnia Primary', parentId: w.e.id });

    const all = await listLedSchools(admin);
    expect([all.schools.length, all.cutOff]).toEqual([200, true]);
    expect(all.schools.map((s) => s.name)).not.toContain('Zinnia Primary');
    const found = await listLedSchools(admin, { find: 'zinn' });
    expect([found.schools.map((s) => s.name), found.cutOff]).toEqual([['Zinnia Primary'], false]);
    // A principal's own list is never searched or cut.
    expect((await listLedSchools(w.pat, { find: 'zinn' })).schools.map((s) => s.name)).toEqual(['Alder Middle']);

    session.actor = admin;
    const home = await render(SchoolHomePage(sp()));
    expect(home).toContain('The list shows the first 200 schools, A to Z. To open another, find it by name.');
    expect(home).toMatch(/<form role="search" aria-label="Find a school"[^>]*method="get"/);
    expect(home).toContain('<label for="school-find"');
    // As the search form sends it: the school shown stays, and the picker offers the matches beside it.
    const search = await render(SchoolHomePage(sp({ school: w.a.id, find: 'zinn' })));
    expect(search).toMatch(/<h1[^>]*>Alder Middle<\/h1>/);
    expect(search).toContain(`<option value="${w.a.id}" selected="">Alder Middle (Kettle Moraine)</option><option value="${last.id}">Zinnia Primary (Elsewhere)</option></select>`);
    expect(search).toContain('1 school’s name contains “zinn”.');
    // Opened by id, the school past the list is shown and chosen in the picker.
    const opened = await render(SchoolHomePage(sp({ school: last.id })));
    expect(opened).toMatch(/<h1[^>]*>Zinnia Primary<\/h1>/);
    expect(opened).toContain(`<option value="${last.id}" selected="">Zinnia Primary (Elsewhere)</option>`);
    expect(await render(SchoolHomePage(sp({ find: 'no such name' })))).toContain('No school’s name contains “no such name”.');
  });
});

describe('a teacher who moves to another district', () => {
  it('by a whole-district invitation leaves their old school: its principal no longer sees them, and the new district has them at no school', async () => {
    const w = await world();
    const cyPrincipal = await appoint(w.otherLeader, w.c.id, await createActor({ name: 'Cam Principal' }));
    expect((await listSchoolTeachers({ actor: cyPrincipal, schoolId: w.c.id, since: year.from })).items.map((t) => t.name)).toEqual(['Cy Cole']);

    await inviteMember({ actor: w.leader, organizationId: w.d.id, email: w.cy.email, role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor(w.cy.email), actor: w.cy });
    expect(await db.user.findUniqueOrThrow({ where: { id: w.cy.id }, select: { districtId: true, schoolId: true } })).toEqual({ districtId: w.d.id, schoolId: null });
    expect((await listSchoolTeachers({ actor: cyPrincipal, schoolId: w.c.id, since: year.from })).items).toEqual([]);
    expect((await getSchoolHome({ actor: cyPrincipal, schoolId: w.c.id, since: year.from })).teachers).toBe(0);
    expect(await pdHoursByTeacher({ actor: cyPrincipal, districtId: w.e.id, schoolId: w.c.id, period: year })).toEqual([]);
    const cy = (await listDistrictTeachers({ actor: w.leader, districtId: w.d.id, q: 'Cy Cole' })).items[0];
    expect([cy.schoolId, cy.school]).toEqual([null, null]);

    // Within the same district, a whole-district invitation keeps the teacher at their school.
    await inviteMember({ actor: w.leader, organizationId: w.d.id, email: w.ann.email, role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor(w.ann.email), actor: w.ann });
    expect(await db.user.findUniqueOrThrow({ where: { id: w.ann.id }, select: { districtId: true, schoolId: true } })).toEqual({ districtId: w.d.id, schoolId: w.a.id });
  });
});

describe('a disabled principal', () => {
  it('is refused on their next request: no actor, so the pages send them to sign in and the export answers 401', async () => {
    const w = await world();
    const platform = await createOrg({ kind: 'PLATFORM' });
    const admin = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: w.pat.id }, select: { sessionVersion: true } });
    await setAccountDisabled({ actor: admin, input: { userId: w.pat.id, op: 'disable', reason: 'Left the school' } });
    // As getActor reads a session on every request.
    expect(await loadActor(w.pat.id, sessionVersion)).toBeNull();
    expect(await loadActor(w.pat.id)).toBeNull();
    session.actor = await loadActor(w.pat.id, sessionVersion);
    for (const page of [SchoolHomePage, SchoolTeachersPage, SchoolReportsPage, SchoolRecommendationsPage]) {
      expect(await redirectOf(render(page(sp())))).toBe('/sign-in');
    }
    expect((await exportRoute(new Request('http://localhost/school/reports/export?report=pd-hours'))).status).toBe(401);
    // The role itself is kept (re-enabling restores it), but nothing reaches their school meanwhile.
    expect(await db.membership.count({ where: { userId: w.pat.id, role: 'SCHOOL_LEADER' } })).toBe(1);
  });
});
