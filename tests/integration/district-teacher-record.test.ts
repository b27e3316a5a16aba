// One teacher's full record (/district/teachers/[id], getDistrictTeacherRecord): what a leader
// verifying licence renewal and salary steps reads, counted as the teacher's own record and the
// district's reports count it (hidden-from-portfolio badges included, revoked and suspended ones
// listed and marked); who may read it (the teacher's current district's leaders, a platform admin,
// the leader of the school they are placed at, without pay or review outcomes) and the same "not
// found" for everyone else; and the links from both teacher lists. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, redirectOf } from '../setup/actions';
import { textJoined, textOf } from '../setup/html';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, publishNewCredential } from '../factories';
import { getDistrictTeacherRecord, RECORD_BADGES_PAGE_SIZE } from '@/lib/district/queries';
import { pdHoursByTeacher, renewalCredentials, salaryStepEligibility } from '@/lib/reporting/district';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { getLicenceRenewalProgress } from '@/lib/reporting/teacher';
import { externalLearningFields } from '@/lib/external-learning/schemas';
import { addExternalLearning } from '@/lib/external-learning/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const RecordPage = await import('@/app/district/teachers/[id]/page');
const { default: DistrictTeachersPage } = await import('@/app/district/teachers/page');
const { default: SchoolTeachersPage } = await import('@/app/school/teachers/page');

const NOT_FOUND = { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' };
const ALL_TIME = resolvePeriod({ from: '2000-01-01', to: '2100-01-01' });

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const props = (id: string, query: Record<string, string> = {}) => ({ params: Promise.resolve({ id }), searchParams: Promise.resolve(query) });
const render = async (id: string, query: Record<string, string> = {}) => renderToStaticMarkup(await RecordPage.default(props(id, query)));
const titleFor = async (actor: Actor | null, id: string) => {
  session.actor = actor;
  return (await RecordPage.generateMetadata(props(id))).title;
};
/** The rows of the page's tables whose first cell starts with `label`, as text (" | " between rows). */
const rowOf = (html: string, label: string) => {
  const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => textOf(m[1])).filter((t) => t.startsWith(label));
  expect(rows.length, label).toBeGreaterThan(0);
  return rows.join(' | ');
};

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const cushing = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
  const birch = await createOrg({ kind: 'SCHOOL', name: 'Birch Middle', parentId: district.id });
  const foreign = await createOrg({ kind: 'SCHOOL', name: 'Foreign School', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }], districtId: district.id });
  const otherLeader = await createActor({ name: 'Olga Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }], districtId: other.id });
  const principal = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: cushing.id }] });
  const birchPrincipal = await createActor({ name: 'Bea Birch', roles: [{ role: 'SCHOOL_LEADER', organizationId: birch.id }] });
  const foreignPrincipal = await createActor({ name: 'Fay Foreign', roles: [{ role: 'SCHOOL_LEADER', organizationId: foreign.id }] });
  const admin = await createActor({ name: 'Pam Platform', roles: [{ role: 'PLATFORM_ADMIN', organizationId: (await createOrg({ kind: 'PLATFORM' })).id }] });
  const ann = await createActor({ name: 'Ann Avery', email: 'ann@example.test', districtId: district.id, schoolId: cushing.id });
  const bo = await createActor({ name: 'Bo Brown', districtId: district.id, schoolId: cushing.id });

  // Issuer A is on the district's approved list; issuer B is not.
  const a = await createPublishedCredential({ def: { title: 'Exit Tickets', level: 2 } });
  const b = await createPublishedCredential({ def: { title: 'Outside Course', level: 2 } });
  const reviewer = await createActor({ name: 'Rex Reviewer', roles: [{ role: 'REVIEWER', organizationId: a.issuer.id }], districtId: district.id, schoolId: cushing.id });
  const questioning = await publishNewCredential(a.admin, a.issuer.id, 'Questioning', { level: 2 });
  const seating = await publishNewCredential(a.admin, a.issuer.id, 'Seating Plans', { level: 1 });
  const feedback = await publishNewCredential(a.admin, a.issuer.id, 'Feedback Loops', { level: 2 });
  const revising = await publishNewCredential(a.admin, a.issuer.id, 'Revising Work', { level: 2 });
  const waiting = await publishNewCredential(a.admin, a.issuer.id, 'Waiting Work', { level: 2 });
  const stopped = await publishNewCredential(a.admin, a.issuer.id, 'Stopped Work', { level: 2 });

  // 2025–26: 10 + 6 (hidden from the portfolio) + 3 (issuer not approved) = 19 hours.
  // 2024–25: 5 (suspended: counted) and 4 revoked (not counted) = 5 hours. In all: 24.
  const exit = await createEarnedAward(ann, a.mc, { title: 'Exit Tickets', hours: 10, level: 2, issuedAt: '2025-09-10T10:00:00Z' });
  const hidden = await createEarnedAward(ann, questioning, { title: 'Questioning', hours: 6, level: 2, issuedAt: '2026-02-01T10:00:00Z' });
  await db.award.update({ where: { id: hidden.id }, data: { hiddenFromPortfolio: true } });
  const outside = await createEarnedAward(ann, b.mc, { title: 'Outside Course', hours: 3, level: 2, issuedAt: '2025-10-01T10:00:00Z' });
  const revoked = await createEarnedAward(ann, seating, { title: 'Seating Plans', hours: 4, level: 1, issuedAt: '2024-10-01T10:00:00Z', revoked: true });
  const suspended = await createEarnedAward(ann, feedback, { title: 'Feedback Loops', hours: 5, level: 2, issuedAt: '2024-11-01T10:00:00Z', suspended: true });
  // Bo's badge is never Ann's.
  await createEarnedAward(bo, a.mc, { title: 'Exit Tickets', hours: 99, level: 2, issuedAt: '2025-09-10T10:00:00Z' });

  // Salary steps and licence renewal count only the approved issuer's badges.
  await db.organization.update({ where: { id: district.id }, data: { salaryApprovedIssuersOnly: true, renewalApprovedOnly: true, salaryCountsExpired: true } });
  await db.districtApprovedIssuer.create({ data: { districtId: district.id, issuerId: a.issuer.id } });
  await db.salaryStepRule.createMany({
    data: [
      { districtId: district.id, label: 'Step 1', minLevel: 1, credentialsRequired: 1, amountCents: 50_000, sortOrder: 0 },
      { districtId: district.id, label: 'Step 2', minLevel: 2, credentialsRequired: 2, amountCents: 150_000, sortOrder: 1 },
      { districtId: district.id, label: 'Step 3', minLevel: 2, credentialsRequired: 4, amountCents: 300_000, sortOrder: 2 },
    ],
  });

  // Work: enrolled in three, one returned for revision, one waiting for a reviewer, one stopped.
  const sentAt = new Date('2026-10-01T09:00:00Z');
  for (const mc of [revising, waiting]) await db.enrollment.create({ data: { userId: ann.id, microCredentialId: mc.id } });
  await db.enrollment.create({ data: { userId: ann.id, microCredentialId: stopped.id, withdrawnAt: new Date() } });
  await db.submission.create({ data: { userId: ann.id, microCredentialId: revising.id, versionId: revising.currentVersionId!, status: 'NEEDS_REVISION', lastSubmittedAt: sentAt } });
  await db.submission.create({ data: { userId: ann.id, microCredentialId: waiting.id, versionId: waiting.currentVersionId!, status: 'SUBMITTED', lastSubmittedAt: sentAt } });
  await db.submission.create({ data: { userId: ann.id, microCredentialId: stopped.id, versionId: stopped.currentVersionId!, status: 'DRAFT' } });

  return { district, other, cushing, birch, foreign, leader, otherLeader, principal, birchPrincipal, foreignPrincipal, admin, ann, bo, reviewer, awards: { exit, hidden, outside, revoked, suspended } };
}

describe('a district leader reads a teacher’s record', () => {
  it('with the totals the teacher’s own record and the district’s reports give', async () => {
    const w = await world();
    const record = await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id });
    expect(record.reader).toBe('district');
    expect(record.teacher).toMatchObject({ name: 'Ann Avery', email: 'ann@example.test', schoolName: 'Cushing Elementary', districtName: 'Kettle Moraine' });
    // Every badge, revoked and suspended ones and the one hidden from the portfolio included.
    expect(record.badges.total).toBe(5);
    expect(record.badges.items.map((b) => b.id)).toEqual([w.awards.hidden.id, w.awards.outside.id, w.awards.exit.id, w.awards.suspended.id, w.awards.revoked.id]);
    const byId = new Map(record.badges.items.map((b) => [b.id, b]));
    expect(byId.get(w.awards.revoked.id)).toMatchObject({ state: 'revoked', countedHours: 0, renewal: 'revoked' });
    expect(byId.get(w.awards.suspended.id)).toMatchObject({ state: 'suspended', countedHours: 5, renewal: 'on-hold' });
    expect(byId.get(w.awards.hidden.id)).toMatchObject({ state: 'valid', countedHours: 6, renewal: 'counts' });
    expect(byId.get(w.awards.outside.id)).toMatchObject({ countedHours: 3, renewal: 'not-approved' });

    const summary = record.summary!;
    expect(summary.totalHours).toBe(24);
    expect(summary.years).toEqual([
      { label: '2024–25', startYear: 2024, credentials: 1, hours: 5, renewalHours: 5 },
      { label: '2025–26', startYear: 2025, credentials: 3, hours: 19, renewalHours: 16 },
    ]);
    expect(summary.renewalHours).toBe(21);
    // Held and counted: Exit Tickets and Questioning (level 2, approved issuer); Outside Course set aside.
    expect(summary.salary).toMatchObject({
      reached: { label: 'Step 2', amountCents: 150_000 },
      next: { label: 'Step 3', amountCents: 300_000, missing: 2 },
      notApproved: { count: 1 },
    });
    expect(summary.salary!.steps.map((s) => [s.label, s.have, s.mark])).toEqual([['Step 1', 2, 'met'], ['Step 2', 2, 'reached'], ['Step 3', 2, 'next']]);
    // Work: the stopped application is neither enrolled nor in progress.
    expect(record.work!.enrolled).toBe(2);
    expect(record.work!.inProgressTotal).toBe(2);
    expect(record.work!.inProgress.map((s) => [s.title, s.stage]).sort()).toEqual([['Revising Work', 'needs-revision'], ['Waiting Work', 'submitted']]);

    // The district's own reports count Ann the same way.
    const hours = (await pdHoursByTeacher({ actor: w.leader, districtId: w.district.id, period: ALL_TIME })).find((r) => r.userId === w.ann.id)!;
    expect(hours.hours).toBe(summary.totalHours);
    const renewal = (await renewalCredentials({ actor: w.leader, districtId: w.district.id, period: ALL_TIME })).filter((r) => r.userId === w.ann.id && r.approved);
    expect(renewal.reduce((s, r) => s + r.hours, 0)).toBe(summary.renewalHours);
    const step = (await salaryStepEligibility({ actor: w.leader, districtId: w.district.id, asOf: new Date() })).rows.find((r) => r.userId === w.ann.id)!;
    expect(step.rule?.label).toBe(summary.salary!.reached!.label);
    expect(step.notApproved).toBe(summary.salary!.notApproved.count);
  });

  it('as a printable page named for the teacher, every status and rule in words', async () => {
    const w = await world();
    session.actor = w.leader;
    expect(await titleFor(w.leader, w.ann.id)).toBe('Teacher record: Ann Avery');
    const html = await render(w.ann.id);
    const text = textJoined(html);
    expect(html).toMatch(/<h1[^>]*>Ann Avery<\/h1>/);
    expect(text).toContain('ann@example.test');
    expect(text).toContain('Cushing Elementary');
    // Tables have captions and header cells with a scope.
    expect(html).toContain('PD hours per school year (July to June)</caption>');
    const headerCells = [...html.matchAll(/<th[\s>][^>]*/g)].map((m) => m[0]);
    expect(headerCells.length).toBeGreaterThan(10);
    for (const cell of headerCells) expect(cell).toMatch(/ scope="(col|row)"/);
    expect(rowOf(html, '2025–26')).toBe('2025–26 3 19 16');
    expect(rowOf(html, 'Total')).toBe('Total 4 24 21');
    expect(text).toContain('Your district counts only credentials from its 1 approved issuer toward licence renewal.');
    // Salary: the step reached, what it pays, and the one set aside.
    expect(text).toContain('Ann Avery reaches Step 2 ($1,500).');
    expect(text).toContain('Next: Step 3 ($3,000) needs 2 more badges at level 2 or above.');
    expect(text).toContain('which the district has not approved, so it does not count toward salary steps.');
    // Withdrawn badges are listed, marked in words.
    expect(rowOf(html, 'Seating Plans')).toContain('Revoked by the issuer');
    expect(rowOf(html, 'Seating Plans')).toContain('Does not count: revoked');
    expect(rowOf(html, 'Feedback Loops')).toContain('Suspended by the issuer');
    expect(rowOf(html, 'Feedback Loops')).toContain('On hold while suspended: check before filing');
    expect(rowOf(html, 'Outside Course')).toContain('Does not count: not approved by Kettle Moraine');
    expect(rowOf(html, 'Questioning')).toContain(`/credentials/${w.awards.hidden.id}`);
    // Work in progress, with the review outcome the district may see.
    expect(rowOf(html, 'Revising Work')).toContain('Returned for revision');
    expect(rowOf(html, 'Waiting Work')).toContain('Sent, waiting for a reviewer');
    expect(text).not.toContain('Stopped Work');
    // Printing: the print button and the way back are not printed.
    expect(html).toMatch(/<div class="no-print[^"]*"><a href="\/district\/teachers">Back to the teachers in Kettle Moraine<\/a><button/);
  });
});

describe('badges to renew', () => {
  it('lists a badge near its end date, and whether the teacher has started renewing it', async () => {
    const w = await world();
    const ends = new Date(Date.now() + 30 * 86_400_000);
    await db.award.update({ where: { id: w.awards.exit.id }, data: { validUntil: ends } });
    session.actor = w.leader;
    const html = await render(w.ann.id);
    expect(html).toMatch(/<h2[^>]*>Badges to renew<\/h2>/);
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(ends);
    expect(rowOf(html, 'Exit Tickets')).toContain(`Ends on ${day} Not started`);
    // Without one, the section is not there.
    await db.award.update({ where: { id: w.awards.exit.id }, data: { validUntil: null } });
    expect(await render(w.ann.id)).not.toContain('Badges to renew');
  });
});

describe('who may read it', () => {
  it('the principal of the teacher’s school: the record without pay or review outcomes', async () => {
    const w = await world();
    const record = await getDistrictTeacherRecord({ actor: w.principal, userId: w.ann.id });
    expect(record.reader).toBe('school');
    expect(record.summary!.totalHours).toBe(24);
    expect(record.summary!.salary!.reached).toEqual({ label: 'Step 2', amountCents: null });
    expect(record.summary!.salary!.steps.every((s) => s.amountCents === null)).toBe(true);
    expect(record.work!.inProgress.map((s) => [s.title, s.stage, s.lastSentAt]).sort()).toEqual([['Revising Work', 'in-progress', null], ['Waiting Work', 'in-review', null]]);

    session.actor = w.principal;
    expect(await titleFor(w.principal, w.ann.id)).toBe('Teacher record: Ann Avery');
    const html = await render(w.ann.id);
    const text = textJoined(html);
    expect(text).toContain('Ann Avery reaches Step 2.');
    expect(text).not.toContain('$');
    expect(text).not.toContain('Returned for revision');
    expect(text).not.toContain('Last sent');
    expect(rowOf(html, 'Revising Work')).toContain('In progress');
    expect(html).toContain('<a href="/school/teachers">Back to the teachers at Cushing Elementary</a>');
  });

  it('a platform admin', async () => {
    const w = await world();
    expect((await getDistrictTeacherRecord({ actor: w.admin, userId: w.ann.id })).reader).toBe('district');
    session.actor = w.admin;
    expect(await render(w.ann.id)).toContain(`href="/district/teachers?district=${w.district.id}"`);
  });

  it('nobody else: the same “not found” as an id that is no one, and the plain title', async () => {
    const w = await world();
    const nobody = 'cnotateacher0000000000000';
    for (const [who, actor] of [['another district’s leader', w.otherLeader], ['another school’s principal, same district', w.birchPrincipal], ['another district’s principal', w.foreignPrincipal], ['a teacher of the same school', w.bo], ['a reviewer placed at the school', w.reviewer], ['the teacher herself', w.ann]] as const) {
      expect((await errorOf(getDistrictTeacherRecord({ actor, userId: w.ann.id }))).code, who).toBe('NOT_FOUND');
      expect(await titleFor(actor, w.ann.id), who).toBe('Teacher record');
    }
    for (const id of [nobody, 'not an id at all', w.district.id]) {
      expect((await errorOf(getDistrictTeacherRecord({ actor: w.leader, userId: id }))).code, id).toBe('NOT_FOUND');
    }
    // Leaders who may not read her get the page an id that is no one gets.
    for (const actor of [w.otherLeader, w.birchPrincipal, w.foreignPrincipal]) {
      session.actor = actor;
      await expect(render(w.ann.id)).rejects.toMatchObject(NOT_FOUND);
      await expect(render(nobody)).rejects.toMatchObject(NOT_FOUND);
    }
    // Without a leader's role at all: the forbidden page, whoever the id is, as on every /district page.
    for (const actor of [w.bo, w.reviewer, w.ann]) {
      session.actor = actor;
      expect(await redirectOf(render(w.ann.id))).toBe('/forbidden');
      expect(await redirectOf(render(nobody))).toBe('/forbidden');
    }
  });

  it('follows the teacher’s current district and school, not a former one', async () => {
    const w = await world();
    const elsewhere = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: w.other.id });
    const newPrincipal = await createActor({ roles: [{ role: 'SCHOOL_LEADER', organizationId: elsewhere.id }] });
    await db.user.update({ where: { id: w.ann.id }, data: { districtId: w.other.id, schoolId: elsewhere.id } });
    for (const actor of [w.leader, w.principal]) expect((await errorOf(getDistrictTeacherRecord({ actor, userId: w.ann.id }))).code).toBe('NOT_FOUND');
    expect((await getDistrictTeacherRecord({ actor: w.otherLeader, userId: w.ann.id })).teacher.districtName).toBe('Elsewhere');
    expect((await getDistrictTeacherRecord({ actor: newPrincipal, userId: w.ann.id })).reader).toBe('school');
    // Out of every district: no district's record, a platform admin's included.
    await db.user.update({ where: { id: w.ann.id }, data: { districtId: null, schoolId: null } });
    for (const actor of [w.otherLeader, w.admin]) expect((await errorOf(getDistrictTeacherRecord({ actor, userId: w.ann.id }))).code).toBe('NOT_FOUND');
  });

  it('a principal whose school is not the teacher’s district’s is refused even with the teacher placed there', async () => {
    const w = await world();
    // Data that should never be: Ann's school belongs to another district than hers.
    await db.user.update({ where: { id: w.ann.id }, data: { schoolId: w.foreign.id } });
    expect((await errorOf(getDistrictTeacherRecord({ actor: w.foreignPrincipal, userId: w.ann.id }))).code).toBe('NOT_FOUND');
    expect((await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id })).reader).toBe('district');
  });
});

describe('the teacher lists link each name to the record', () => {
  it('on /district/teachers and /school/teachers, outside the details’ summary', async () => {
    const w = await world();
    session.actor = w.leader;
    const district = await renderToStaticMarkup(await DistrictTeachersPage({ searchParams: Promise.resolve({}) }));
    expect(district).toContain(`<a class="font-semibold" href="/district/teachers/${w.ann.id}">Ann Avery</a>`);
    expect(district).toContain(`href="/district/teachers/${w.bo.id}"`);
    // A summary is a button to assistive technology: no link inside one.
    for (const m of district.matchAll(/<summary[^>]*>(.*?)<\/summary>/g)) expect(m[1]).not.toContain('<a ');
    expect(district).toContain('Show details<span class="sr-only"> for Ann Avery</span>');

    session.actor = w.principal;
    const school = await renderToStaticMarkup(await SchoolTeachersPage({ searchParams: Promise.resolve({}) }));
    expect(school).toContain(`<a href="/district/teachers/${w.ann.id}">Ann Avery</a>`);
  });
});

describe('a teacher with more badges than a page', () => {
  it('lists them a page at a time, says which, and keeps the totals over all of them', async () => {
    const w = await world();
    const extra = RECORD_BADGES_PAGE_SIZE;
    const list = await db.statusList.findFirstOrThrow({ select: { id: true, issuerId: true } });
    await db.$executeRaw`
      INSERT INTO "Award" ("id", "userId", "issuerId", "title", "pdHours", "level", "recipientName", "issuedAt", "credential", "statusListId", "statusListIndex")
      SELECT gen_random_uuid(), ${w.ann.id}, ${list.issuerId}, 'Workshop ' || g, 1, NULL, 'Ann Avery', TIMESTAMP '2026-06-01' + make_interval(hours => g), '{}'::jsonb, ${list.id}, 5000 + g
        FROM generate_series(1, ${extra}) AS g`;
    const first = await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id });
    expect(first.badges.items).toHaveLength(RECORD_BADGES_PAGE_SIZE);
    expect(first.badges.total).toBe(extra + 5);
    expect(first.summary!.totalHours).toBe(24 + extra);
    expect(first.badges.nextCursor).not.toBeNull();

    session.actor = w.leader;
    const html = await render(w.ann.id, { cursor: first.badges.nextCursor! });
    const text = textJoined(html);
    expect(text).toContain(`Badges ${RECORD_BADGES_PAGE_SIZE + 1} to ${extra + 5} of ${extra + 5}, newest first`);
    expect(text).toContain('Seating Plans');
    expect(text).not.toContain('Workshop 1 ');
    // The rest of the record is on the first page, which the later one links back to.
    expect(text).not.toContain('PD hours per school year');
    expect(html).toContain(`href="/district/teachers/${w.ann.id}">the first page of the record</a>`);
    expect(html).toMatch(/<h2[^>]*>Badges \(continued\)<\/h2>/);
    // A cursor that is not ours shows the first page.
    expect(textJoined(await render(w.ann.id, { cursor: 'not-a-cursor' }))).toContain('PD hours per school year');
  });
});

describe('licence renewal over the district’s cycle ending today', () => {
  const NOW = new Date('2026-11-24T12:00:00Z');
  /** The district asks for `hours` each renewal, over `years`; Ann keeps her own renewal date and licence number on her account. */
  async function renewalWorld(policy: { renewalHoursRequired: number | null; renewalCycleYears?: number | null }) {
    const w = await world();
    await db.organization.update({ where: { id: w.district.id }, data: { renewalCycleYears: null, ...policy } });
    await db.user.update({ where: { id: w.ann.id }, data: { licenceRenewsOn: new Date('2027-06-30T00:00:00Z'), licenceNumber: 'WI-998877' } });
    return w;
  }

  it('counts the cycle’s badges by the renewal report’s rule against the district’s hours, never from the teacher’s own date', async () => {
    const w = await renewalWorld({ renewalHoursRequired: 20, renewalCycleYears: 2 });
    const record = await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id, now: NOW });
    // 25 Nov 2024 (the day after 24 Nov 2024, two years back) to today: Exit Tickets (10) and
    // Questioning (6) count; Outside Course (3) is not approved; Feedback Loops (1 Nov 2024) is before
    // the cycle; Seating Plans is revoked.
    expect(record.licenceCycle).toEqual({
      set: true, hoursRequired: 20, cycleYears: 2, cycleAssumed: false, onlyApproved: true, fromLabel: '2024-11-25', toLabel: '2026-11-24',
      hours: 16, badges: 2, suspendedHours: 0, notApproved: { hours: 3, badges: 1 }, selfReported: { entries: 0, hours: 0 },
    });
    // The district's licence-renewal report says the same of those days.
    const period = { from: new Date('2024-11-25T00:00:00Z'), to: new Date('2026-11-25T00:00:00Z'), fromLabel: '2024-11-25', toLabel: '2026-11-24' };
    const rows = (await renewalCredentials({ actor: w.leader, districtId: w.district.id, period })).filter((r) => r.userId === w.ann.id);
    expect(rows.filter((r) => r.approved).reduce((s, r) => s + r.hours, 0)).toBe(16);
    // The teacher's own card counts the two years before her own date: another cycle, which the record does not read.
    expect((await getLicenceRenewalProgress(w.ann))?.due).toMatchObject({ fromLabel: '2025-07-01', toLabel: '2027-06-30' });
    // Neither her renewal date nor her licence number is in what the record carries.
    const carried = JSON.stringify(record);
    expect(carried).not.toContain('WI-998877');
    expect(carried).not.toContain('2027-06-30');

    // Three years reach the suspended badge: counted, and said to be suspended.
    await db.organization.update({ where: { id: w.district.id }, data: { renewalCycleYears: 3 } });
    expect((await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id, now: NOW })).licenceCycle).toMatchObject({ fromLabel: '2023-11-25', hours: 21, badges: 3, suspendedHours: 5 });
    // Counting every credential, the one from the issuer not approved counts too; no cycle set: five years.
    await db.organization.update({ where: { id: w.district.id }, data: { renewalApprovedOnly: false, renewalCycleYears: null } });
    expect((await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id, now: NOW })).licenceCycle).toMatchObject({ cycleYears: 5, cycleAssumed: true, onlyApproved: false, fromLabel: '2021-11-25', hours: 24, notApproved: { hours: 0, badges: 0 } });
  });

  it('says the count on the page, to the district’s leaders and the teacher’s principal alike, without her date or number', async () => {
    const w = await renewalWorld({ renewalHoursRequired: 20, renewalCycleYears: 5 });
    // Self-reported learning in the cycle is said beside the count, never in it.
    await addExternalLearning({ actor: w.ann, input: externalLearningFields('2026-11-24').parse({ title: 'Reading Summit', provider: 'DPI', completedOn: '2025-10-02', pdHours: '6', url: '', note: '' }) });
    for (const actor of [w.leader, w.principal]) {
      session.actor = actor;
      const html = await render(w.ann.id);
      const text = textJoined(html);
      expect(html).toMatch(/<h2 id="licence-cycle-heading"[^>]*>PD hours toward licence renewal<\/h2>/);
      expect(text).toMatch(/21 of 20 PD hours toward licence renewal in the 5 years up to today \(\d{1,2} \w{3} 20\d\d to \d{1,2} \w{3} 20\d\d\)\. That meets the 20 PD hours Kettle Moraine asks for each renewal\./);
      expect(html).toMatch(/role="progressbar" aria-label="PD hours toward licence renewal, cycle ending today"[^>]*aria-valuetext="21 of 20 PD hours"/);
      expect(text).toContain('Only badges from issuers and micro-credentials Kettle Moraine has approved count. Not counted: 1 badge (3 PD hours) that Kettle Moraine has not approved. The count includes 5 PD hours from suspended badges: check them before filing.');
      expect(text).toContain('Not counted either: 6 PD hours of other professional learning Ann Avery recorded themselves in the same period');
      expect(text).toContain('This counts back from today, not from Ann Avery’s own renewal date: the date their licence is due and its number are theirs to share, so this record does not show them.');
      expect(text).not.toContain('WI-998877');
      expect(text).not.toContain('30 Jun 2027');
      expect(html).not.toContain('2027-06-30');
    }
  });

  it('ends the cycle on the reader’s own today, in their time zone, not on UTC’s', async () => {
    const w = await renewalWorld({ renewalHoursRequired: 20, renewalCycleYears: 2 });
    // Exit Tickets (10 hours) issued on 25 Nov 2024: the first day of a cycle ending 24 Nov 2026, and
    // the previous renewal day of one ending 25 Nov, which it is not part of.
    await db.award.update({ where: { id: w.awards.exit.id }, data: { issuedAt: new Date('2024-11-25T15:00:00Z') } });
    const cycleFor = async (timeZone: string | null, now: Date) => (await getDistrictTeacherRecord({ actor: { ...w.leader, timeZone }, userId: w.ann.id, now })).licenceCycle;
    // 9 pm on 24 Nov in Chicago is already 25 Nov in UTC: the Chicago leader's cycle ends on the 24th and starts with Exit Tickets.
    const chicagoEvening = new Date('2026-11-25T03:00:00Z');
    expect(await cycleFor('America/Chicago', chicagoEvening)).toMatchObject({ fromLabel: '2024-11-25', toLabel: '2026-11-24', hours: 16, badges: 2 });
    // A leader whose zone is not known reads UTC's day, as their times are shown in UTC.
    expect(await cycleFor(null, chicagoEvening)).toMatchObject({ fromLabel: '2024-11-26', toLabel: '2026-11-25', hours: 6, badges: 1 });
    expect(await cycleFor('Not/AZone', chicagoEvening)).toMatchObject({ toLabel: '2026-11-25' });
    // Ahead of UTC: just after midnight in Auckland it is already the 25th there.
    const aucklandMorning = new Date('2026-11-24T11:30:00Z');
    expect(await cycleFor('Pacific/Auckland', aucklandMorning)).toMatchObject({ fromLabel: '2024-11-26', toLabel: '2026-11-25', hours: 6 });
    expect(await cycleFor('UTC', aucklandMorning)).toMatchObject({ fromLabel: '2024-11-25', toLabel: '2026-11-24', hours: 16 });
  });

  it('says when the district asks for no hours', async () => {
    const w = await renewalWorld({ renewalHoursRequired: null });
    expect((await getDistrictTeacherRecord({ actor: w.leader, userId: w.ann.id, now: NOW })).licenceCycle).toEqual({ set: false });
    session.actor = w.leader;
    expect(textJoined(await render(w.ann.id))).toContain('Kettle Moraine has not set the PD hours a licence renewal needs, so there is no renewal count to show.');
  });
});
