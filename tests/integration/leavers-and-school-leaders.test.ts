// A principal who leaves their district (on their own, removed by its leader, or moving to another
// district by a confirmed request or an accepted invitation) stops leading its schools: leaving ends
// every membership in the district and its schools (ADR 010, 016), so /school, its reports and the
// school's teachers' records refuse them at once, each role ended is audited as removing it by hand
// is, and whoever is told of the leaving is told that too. And a principal's list of a teacher's
// work in progress never comes out empty while its count says otherwise. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { isSchoolLeader, type Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor, nextStatusIndex } from '../factories';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';
import { removeTeacherFromDistrict } from '@/lib/district/people';
import { decideDistrictRequest, leaveDistrict, requestDistrict } from '@/lib/district/requests';
import { getDistrictTeacherRecord, LIST_LIMIT, listDistrictTeachers } from '@/lib/district/queries';
import { getSchoolHome, listRecentSchoolAwards, listSchoolTeachers } from '@/lib/school/queries';
import { assertLeadsSchool, listLedSchools, resolveSchool } from '@/lib/school/access';
import { schoolReportCsv } from '@/lib/reporting/exports';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { auditActorLabel, describeAuditEntry } from '@/lib/audit/describe';
import { readFileSync } from 'node:fs';
import path from 'node:path';

beforeEach(resetDatabase);

const year = resolvePeriod({});

/**
 * District A (Kettle Moraine) with North Elementary and South Middle, district B (Elsewhere) with
 * Cedar School. Ann teaches at North. Pat teaches at North too and is its principal, appointed by
 * A's leader through an invitation; Sam is South's principal and no teacher. A leader of each.
 */
async function world() {
  const a = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: a.id });
  const south = await createOrg({ kind: 'SCHOOL', name: 'South Middle', parentId: a.id });
  const b = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const cedar = await createOrg({ kind: 'SCHOOL', name: 'Cedar School', parentId: b.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: a.id }] });
  const otherLeader = await createActor({ name: 'Olu Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: b.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: a.id, schoolId: north.id, roles: [{ role: 'TEACHER', organizationId: north.id }] });
  const teacherPat = await createActor({ name: 'Pat Principal', districtId: a.id, schoolId: north.id, roles: [{ role: 'TEACHER', organizationId: north.id }] });
  const pat = await appoint(leader, north.id, teacherPat);
  const sam = await appoint(leader, south.id, await createActor({ name: 'Sam South' }));
  return { a, north, south, b, cedar, leader, otherLeader, ann, pat, sam };
}

/** A school leader appointed as ADR 016 says: invited by the district's leader, and accepting. */
async function appoint(leader: Actor, schoolId: string, who: Actor) {
  await inviteMember({ actor: leader, organizationId: schoolId, email: who.email, role: 'SCHOOL_LEADER' });
  await acceptInvitation({ token: await invitationTokenFor(who.email), actor: who });
  return (await loadActor(who.id))!;
}

/** What Pat could read as North's principal: each of these must refuse once Pat has left. */
function principalReads(actor: Actor, schoolId: string) {
  return {
    assertLeadsSchool: () => assertLeadsSchool(actor, schoolId),
    resolveSchool: () => resolveSchool(actor, schoolId),
    getSchoolHome: () => getSchoolHome({ actor, schoolId, since: year.from }),
    listSchoolTeachers: () => listSchoolTeachers({ actor, schoolId, since: year.from }),
    listRecentSchoolAwards: () => listRecentSchoolAwards({ actor, schoolId }),
    schoolReportCsv: () => schoolReportCsv({ actor, schoolId, report: 'pd-hours', period: year }),
  };
}

/** Pat reads North and Ann's record while leading it (so the refusals below are the leaving's doing). */
async function expectLeadsNorth(w: Awaited<ReturnType<typeof world>>) {
  expect(isSchoolLeader(w.pat, w.north.id)).toBe(true);
  for (const read of Object.values(principalReads(w.pat, w.north.id))) await expect(read()).resolves.toBeTruthy();
  expect((await listSchoolTeachers({ actor: w.pat, schoolId: w.north.id, since: year.from })).items.map((t) => t.name)).toContain('Ann Avery');
  expect((await getDistrictTeacherRecord({ actor: w.pat, userId: w.ann.id })).reader).toBe('school');
}

/** Pat, read again from the database (as every request does), no longer leads North, and reads none of it. */
async function expectNoLongerLeadsNorth(w: Awaited<ReturnType<typeof world>>) {
  const pat = (await loadActor(w.pat.id))!;
  expect(isSchoolLeader(pat, w.north.id)).toBe(false);
  expect(await db.membership.count({ where: { userId: pat.id, role: 'SCHOOL_LEADER' } })).toBe(0);
  expect((await listLedSchools(pat)).schools).toEqual([]);
  for (const [name, read] of Object.entries(principalReads(pat, w.north.id))) {
    await expect(read(), name).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }
  await expect(resolveSchool(pat)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  // North's teachers' records answer as for anyone else: not found.
  await expect(getDistrictTeacherRecord({ actor: pat, userId: w.ann.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  // South's principal, who never was a teacher of the district, keeps their school.
  const sam = (await loadActor(w.sam.id))!;
  expect(isSchoolLeader(sam, w.south.id)).toBe(true);
  await expect(assertLeadsSchool(sam, w.south.id)).resolves.toMatchObject({ id: w.south.id });
  return pat;
}

/** The role's end is audited against the school, as changeRole records a removal. */
async function expectRoleRemovalAudited(w: Awaited<ReturnType<typeof world>>, actorId: string) {
  const entries = await db.auditLog.findMany({ where: { action: 'people.role_remove', entityId: w.pat.id }, select: { actorId: true, entityType: true, organizationId: true, data: true } });
  expect(entries).toEqual([{ actorId, entityType: 'User', organizationId: w.north.id, data: { role: 'SCHOOL_LEADER' } }]);
}

const leavingNotices = (userId: string) => db.notification.findMany({ where: { userId, kind: 'district.teacher_left' }, select: { title: true, body: true } });

describe('a principal who leaves the district stops leading its schools', () => {
  it('moving to another district (its leader confirms the request)', async () => {
    const w = await world();
    await expectLeadsNorth(w);
    await requestDistrict({ actor: w.pat, districtId: w.b.id });
    await decideDistrictRequest({ actor: w.otherLeader, districtId: w.b.id, userId: w.pat.id, decision: 'confirm', schoolId: w.cedar.id });

    const pat = await expectNoLongerLeadsNorth(w);
    expect(pat).toMatchObject({ districtId: w.b.id, schoolId: w.cedar.id });
    // Confirmed by B's leader: theirs is the change, as with the move's own entry.
    await expectRoleRemovalAudited(w, w.otherLeader.id);
    const [notice] = await leavingNotices(w.leader.id);
    expect(notice.title).toBe('Pat Principal left Kettle Moraine');
    expect(notice.body).toContain('They no longer appear among your teachers or in your reports, including reports for past periods, and no longer lead North Elementary.');
  });

  it('moving by accepting another district’s invitation', async () => {
    const w = await world();
    await inviteMember({ actor: w.otherLeader, organizationId: w.cedar.id, email: w.pat.email, role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor(w.pat.email), actor: w.pat });

    await expectNoLongerLeadsNorth(w);
    await expectRoleRemovalAudited(w, w.pat.id);
    const [notice] = await leavingNotices(w.leader.id);
    expect(notice.body).toContain('and no longer lead North Elementary.');
  });

  it('leaving on their own', async () => {
    const w = await world();
    await leaveDistrict({ actor: w.pat });

    await expectNoLongerLeadsNorth(w);
    await expectRoleRemovalAudited(w, w.pat.id);
    const [notice] = await leavingNotices(w.leader.id);
    expect(notice.body).toContain('and no longer lead North Elementary.');
  });

  it('removed from the Teachers page by the district’s leader, and told so', async () => {
    const w = await world();
    expect(await removeTeacherFromDistrict({ actor: w.leader, districtId: w.a.id, userId: w.pat.id })).toEqual({ name: 'Pat Principal' });

    await expectNoLongerLeadsNorth(w);
    await expectRoleRemovalAudited(w, w.leader.id);
    const [told] = await db.notification.findMany({ where: { userId: w.pat.id, kind: 'district.removed' }, select: { body: true } });
    expect(told.body).toContain('You no longer lead North Elementary: your school leader role there ended.');
  });

  it('ends the leading of every school of the district they left, and of no other district’s', async () => {
    const w = await world();
    // Pat leads South as well, and (by an old appointment) Cedar, in district B.
    await appoint(w.leader, w.south.id, w.pat);
    await db.membership.create({ data: { userId: w.pat.id, organizationId: w.cedar.id, role: 'SCHOOL_LEADER' } });
    await leaveDistrict({ actor: (await loadActor(w.pat.id))! });

    const pat = (await loadActor(w.pat.id))!;
    expect((await listLedSchools(pat)).schools.map((s) => s.name)).toEqual(['Cedar School']);
    expect(await db.auditLog.findMany({ where: { action: 'people.role_remove', entityId: w.pat.id }, orderBy: { id: 'asc' }, select: { organizationId: true } })).toEqual([{ organizationId: w.north.id }, { organizationId: w.south.id }]);
    const [notice] = await leavingNotices(w.leader.id);
    expect(notice.body).toContain('and no longer lead North Elementary and South Middle.');
  });

  it('says nothing of leading when the teacher who left led no school', async () => {
    const w = await world();
    const bo = await createActor({ name: 'Bo Brown', districtId: w.a.id, schoolId: w.north.id, roles: [{ role: 'TEACHER', organizationId: w.north.id }] });
    await leaveDistrict({ actor: bo });
    const [notice] = await leavingNotices(w.leader.id);
    expect(notice.body).not.toMatch(/lead/);
    expect(await db.auditLog.count({ where: { action: 'people.role_remove' } })).toBe(0);
    // Pat still leads North and still reads it.
    await expectLeadsNorth(w);
  });
});

describe('the one-off cleanup of principals who left before leaving ended their roles', () => {
  it('ends a school leader role older than its holder’s leaving of that district, audited as automatic; keeps the rest', async () => {
    const w = await world();
    const hourAgo = new Date(Date.now() - 3_600_000);
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    // Pat left Kettle Moraine on their own before the fix: the teacher role and the placement went, the
    // leading of North stayed.
    await db.membership.updateMany({ where: { userId: w.pat.id, role: 'SCHOOL_LEADER' }, data: { createdAt: twoHoursAgo } });
    await db.membership.deleteMany({ where: { userId: w.pat.id, role: 'TEACHER' } });
    await db.user.update({ where: { id: w.pat.id }, data: { districtId: null, schoolId: null } });
    await db.auditLog.create({ data: { actorId: w.pat.id, action: 'people.leave_district', entityType: 'User', entityId: w.pat.id, organizationId: w.a.id, at: hourAgo } });
    // Sam left Kettle Moraine too, then was appointed South's principal again afterwards: kept.
    await db.auditLog.create({ data: { actorId: w.leader.id, action: 'people.remove_from_district', entityType: 'User', entityId: w.sam.id, organizationId: w.a.id, at: twoHoursAgo } });
    await db.membership.updateMany({ where: { userId: w.sam.id, role: 'SCHOOL_LEADER' }, data: { createdAt: hourAgo } });
    // Ann moved out of district B, not A, and leads North: kept.
    await db.membership.create({ data: { userId: w.ann.id, organizationId: w.north.id, role: 'SCHOOL_LEADER', createdAt: twoHoursAgo } });
    await db.auditLog.create({ data: { actorId: w.ann.id, action: 'people.move_out', entityType: 'User', entityId: w.ann.id, organizationId: w.b.id, at: hourAgo } });
    expect(isSchoolLeader((await loadActor(w.pat.id))!, w.north.id)).toBe(true);

    await db.$executeRawUnsafe(readFileSync(path.resolve('prisma/migrations/20261126192000_end_leaders_who_left/migration.sql'), 'utf8'));

    const pat = (await loadActor(w.pat.id))!;
    expect(isSchoolLeader(pat, w.north.id)).toBe(false);
    await expect(assertLeadsSchool(pat, w.north.id)).rejects.toThrow();
    expect(isSchoolLeader((await loadActor(w.sam.id))!, w.south.id)).toBe(true);
    expect(isSchoolLeader((await loadActor(w.ann.id))!, w.north.id)).toBe(true);
    const ended = await db.auditLog.findMany({ where: { action: 'people.role_remove' }, select: { actorId: true, entityId: true, organizationId: true, entityType: true, data: true } });
    expect(ended).toEqual([expect.objectContaining({ actorId: null, entityType: 'User', entityId: w.pat.id, organizationId: w.north.id })]);
    expect(auditActorLabel('people.role_remove', null)).toBe('Automatic');
    expect(describeAuditEntry({ action: 'people.role_remove', entityType: 'User', entityId: w.pat.id, data: ended[0].data, subject: { person: 'Pat Principal' } })).toBe(
      'Removed the school leader role from Pat Principal. Reason: left the district before leaving ended school leader roles',
    );
  });
});

describe('a principal’s list of a teacher’s work in progress', () => {
  type Mc = { id: string; issuerId: string; currentVersionId: string | null };
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  /** An application, last changed `minutesAgo`. */
  async function application(user: Actor, mc: Mc, status: 'DRAFT' | 'NEEDS_REVISION' | 'IN_REVIEW' | 'EARNED', cycle: number, minutesAgo: number) {
    const s = await db.submission.create({ data: { userId: user.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status, cycle } });
    await db.$executeRaw`UPDATE "Submission" SET "updatedAt" = ${at(minutesAgo)} WHERE "id" = ${s.id}`;
    return s;
  }
  /** An earned application with its badge, changed `minutesAgo`. */
  async function earned(user: Actor, mc: Mc, cycle: number, minutesAgo: number) {
    const s = await application(user, mc, 'EARNED', cycle, minutesAgo);
    const list = (await db.statusList.findFirst({ where: { issuerId: mc.issuerId } })) ?? (await db.statusList.create({ data: { issuerId: mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
    await db.award.create({
      data: {
        userId: user.id, issuerId: mc.issuerId, microCredentialId: mc.id, submissionId: s.id, title: 'Reading badge', pdHours: new Prisma.Decimal(1), level: 1,
        recipientName: user.name, issuedAt: at(minutesAgo), credential: {}, statusListId: list.id, statusListIndex: nextStatusIndex(),
      },
    });
  }

  it('shows the open work of a teacher with more than LIST_LIMIT newer earned applications, as many as the count says', async () => {
    const w = await world();
    const { issuer, admin, mc: often } = await createPublishedCredential({ def: { title: 'Reading conferences' } });
    const open = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Questioning for depth' } })).mc;
    const stopped = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Stopped for now' } })).mc;
    // Ann's oldest application is the one she is working on; then 21 earned ones (renewed each
    // cycle), and a draft she stopped (its enrolment withdrawn), newest of all.
    await application(w.ann, open, 'NEEDS_REVISION', 1, 10_000);
    for (let cycle = 1; cycle <= LIST_LIMIT + 1; cycle++) await earned(w.ann, often, cycle, 5_000 - cycle);
    await db.enrollment.create({ data: { userId: w.ann.id, microCredentialId: stopped.id, withdrawnAt: at(1) } });
    await application(w.ann, stopped, 'DRAFT', 1, 1);

    const [ann] = (await listSchoolTeachers({ actor: w.pat, schoolId: w.north.id, q: 'Ann', since: year.from })).items;
    expect(ann.counts.inProgress).toBe(1);
    // Returned work reads "in progress": whether a reviewer asked for changes is not the school's to see.
    expect(ann.inProgress).toEqual([{ title: 'Questioning for depth', stage: 'in-progress' }]);

    // The district's list still shows the most recent applications of any kind, stopped ones marked.
    const [inDistrict] = (await listDistrictTeachers({ actor: w.leader, districtId: w.a.id, q: 'Ann' })).items;
    expect(inDistrict.openWork).toBeNull();
    expect(inDistrict._count.submissions).toBe(1);
    expect(inDistrict.submissions).toHaveLength(LIST_LIMIT);
    expect(inDistrict.submissions[0]).toMatchObject({ status: 'DRAFT', stopped: true });
    expect(inDistrict.submissions.slice(1).every((s) => s.status === 'EARNED')).toBe(true);
  });

  it('lists the newest LIST_LIMIT when there is more open work, with the count of all of it', async () => {
    const w = await world();
    const { issuer, admin, mc } = await createPublishedCredential({ def: { title: 'Reading conferences' } });
    const inReview = (await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Questioning for depth' } })).mc;
    for (let cycle = 1; cycle <= LIST_LIMIT + 2; cycle++) await application(w.ann, mc, 'DRAFT', cycle, 1_000 - cycle);
    await application(w.ann, inReview, 'IN_REVIEW', 1, 1);

    const [ann] = (await listSchoolTeachers({ actor: w.pat, schoolId: w.north.id, q: 'Ann', since: year.from })).items;
    expect(ann.counts.inProgress).toBe(LIST_LIMIT + 3);
    expect(ann.inProgress).toHaveLength(LIST_LIMIT);
    expect(ann.inProgress[0]).toEqual({ title: 'Questioning for depth', stage: 'in-review' });
    expect(ann.inProgress.slice(1).every((s) => s.title === 'Reading conferences' && s.stage === 'in-progress')).toBe(true);
  });
});
