// Joining a district by request (lib/district/requests.ts): a teacher asks at sign-up or from their
// account, a leader of that district confirms or declines. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { signUp } from '@/lib/auth/accounts';
import { loadActor } from '@/lib/auth/load-actor';
import { cancelDistrictRequest, decideDistrictRequest, leaveDistrict, listDistrictRequests, requestDistrict } from '@/lib/district/requests';
import { listDistrictTeachers, getDistrictHome } from '@/lib/district/queries';
import { pdHoursByTeacher } from '@/lib/reporting/district';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';
import { saveProposal } from '@/lib/proposals/mutations';

beforeEach(resetDatabase);

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const otherSchool = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  return { district, north, other, otherSchool, leader, otherLeader };
}
const since = resolvePeriod({}).from;

describe('asking to join a district', () => {
  it('a district chosen at sign-up is a request: not counted until a leader confirms, who is told about it', async () => {
    const w = await world();
    const di = await signUp({ name: 'Di Dawson', email: 'di@school.org', password: 'correct horse battery', districtId: w.district.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { districtId: true, requestedDistrictId: true } })).toEqual({ districtId: null, requestedDistrictId: w.district.id });
    // Nothing in the district counts her yet.
    expect((await listDistrictTeachers({ actor: w.leader, districtId: w.district.id })).items).toEqual([]);
    expect(await getDistrictHome({ actor: w.leader, districtId: w.district.id, since })).toMatchObject({ teachers: 0, joinRequests: 1 });
    expect(await db.notification.findFirst({ where: { userId: w.leader.id, kind: 'district.join_request' }, select: { title: true, href: true } }))
      .toEqual({ title: 'Di Dawson asks to join Kettle Moraine', href: `/district/people?district=${w.district.id}#requests` });

    const { items, total } = await listDistrictRequests({ actor: w.leader, districtId: w.district.id });
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ id: di.id, name: 'Di Dawson', email: 'di@school.org', emailConfirmed: false, currentDistrict: null });

    // Another district's leader sees nothing and decides nothing.
    await expect(listDistrictRequests({ actor: w.otherLeader, districtId: w.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decideDistrictRequest({ actor: w.otherLeader, districtId: w.other.id, userId: di.id, decision: 'confirm' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // Not before she has confirmed her address: anyone can type any address at sign-up.
    await expect(decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'confirm', schoolId: w.north.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('has not confirmed their email address') });
    await db.user.update({ where: { id: di.id }, data: { emailVerified: new Date() } });
    // A school of another district is refused.
    await expect(decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'confirm', schoolId: w.otherSchool.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'confirm', schoolId: w.north.id })).toEqual({ name: 'Di Dawson' });
    const placed = await db.user.findUniqueOrThrow({ where: { id: di.id }, select: { districtId: true, schoolId: true, requestedDistrictId: true, memberships: { select: { organizationId: true, role: true } } } });
    expect(placed).toEqual({ districtId: w.district.id, schoolId: w.north.id, requestedDistrictId: null, memberships: [{ organizationId: w.north.id, role: 'TEACHER' }] });
    expect((await listDistrictTeachers({ actor: w.leader, districtId: w.district.id })).items.map((t) => t.id)).toEqual([di.id]);
    expect((await pdHoursByTeacher({ actor: w.leader, districtId: w.district.id, period: resolvePeriod({}) })).map((r) => r.userId)).toEqual([di.id]);
    expect(await db.notification.count({ where: { userId: di.id, kind: 'district.join_confirmed' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'people.confirm_district_request', entityId: di.id } })).toBe(1);
    // Decided once: a second leader's click (or a replay) finds no request.
    await expect(decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: di.id, decision: 'decline' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two leaders deciding at once: one decision stands', async () => {
    const w = await world();
    const second = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: w.district.id }] });
    const teacher = await createActor();
    await requestDistrict({ actor: teacher, districtId: w.district.id });
    const results = await Promise.allSettled([
      decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: teacher.id, decision: 'confirm' }),
      decideDistrictRequest({ actor: second, districtId: w.district.id, userId: teacher.id, decision: 'decline' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const after = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, requestedDistrictId: true } });
    expect(after.requestedDistrictId).toBeNull();
    expect(await db.notification.count({ where: { userId: teacher.id, kind: { in: ['district.join_confirmed', 'district.join_declined'] } } })).toBe(1);
  });

  it('a teacher asks from their account, withdraws, asks again; a decline leaves them where they were', async () => {
    const w = await world();
    const teacher = await createActor({ name: 'Tom' });
    await expect(requestDistrict({ actor: teacher, districtId: w.north.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await requestDistrict({ actor: teacher, districtId: w.district.id })).toEqual({ districtName: 'Kettle Moraine', already: false });
    expect(await requestDistrict({ actor: teacher, districtId: w.district.id })).toEqual({ districtName: 'Kettle Moraine', already: true });
    expect(await db.notification.count({ where: { userId: w.leader.id, kind: 'district.join_request' } })).toBe(1);
    await cancelDistrictRequest({ actor: teacher });
    expect((await listDistrictRequests({ actor: w.leader, districtId: w.district.id })).total).toBe(0);

    await requestDistrict({ actor: teacher, districtId: w.district.id });
    await decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: teacher.id, decision: 'decline' });
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, requestedDistrictId: true } })).toEqual({ districtId: null, requestedDistrictId: null });
    // Each request tells the leaders, so a person can make only a few a day (two so far).
    for (let i = 0; i < 3; i++) await requestDistrict({ actor: teacher, districtId: i % 2 ? w.district.id : w.other.id });
    await expect(requestDistrict({ actor: teacher, districtId: w.district.id })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await db.notification.findFirst({ where: { userId: teacher.id, kind: 'district.join_declined' }, select: { body: true } })).toMatchObject({ body: expect.stringContaining('invitation') });
  });

  it('moving: the teacher stays in the old district until the new one confirms, then leaves it cleanly', async () => {
    const w = await world();
    const teacher = await createActor({ districtId: w.other.id, schoolId: w.otherSchool.id });
    await db.membership.create({ data: { userId: teacher.id, organizationId: w.otherSchool.id, role: 'TEACHER' } });
    const cred = await createPublishedCredential();
    await db.organization.update({ where: { id: w.other.id }, data: { requiresProposal: true } });
    const me = (await loadActor(teacher.id))!;
    await saveProposal({ actor: me, microCredentialId: cred.mc.id, studentGoals: 'Students will explain their reasoning in writing.', plan: 'Study, try it with my class, submit evidence in May.', submit: true });
    await expect(requestDistrict({ actor: me, districtId: w.other.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    await requestDistrict({ actor: me, districtId: w.district.id });
    expect((await listDistrictRequests({ actor: w.leader, districtId: w.district.id })).items[0]).toMatchObject({ currentDistrict: 'Elsewhere' });
    expect((await db.user.findUniqueOrThrow({ where: { id: teacher.id } })).districtId).toBe(w.other.id);

    await decideDistrictRequest({ actor: w.leader, districtId: w.district.id, userId: teacher.id, decision: 'confirm' });
    const moved = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, schoolId: true, memberships: { select: { organizationId: true } } } });
    expect(moved).toEqual({ districtId: w.district.id, schoolId: null, memberships: [{ organizationId: w.district.id }] });
    // The proposal waiting in the old district came back to the teacher as a draft.
    expect(await db.proposal.findFirstOrThrow({ where: { userId: teacher.id, districtId: w.other.id }, select: { status: true } })).toEqual({ status: 'DRAFT' });
  });

  it('leaving on one’s own; an invitation answers a pending request', async () => {
    const w = await world();
    const teacher = await createActor({ districtId: w.district.id, schoolId: w.north.id });
    await db.membership.create({ data: { userId: teacher.id, organizationId: w.north.id, role: 'TEACHER' } });
    await leaveDistrict({ actor: teacher });
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, schoolId: true, memberships: true } })).toEqual({ districtId: null, schoolId: null, memberships: [] });
    await expect(leaveDistrict({ actor: teacher })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.auditLog.count({ where: { action: 'people.leave_district', entityId: teacher.id } })).toBe(1);

    // She asks to join Elsewhere, then Kettle Moraine invites her: the invitation places her and ends the request.
    await requestDistrict({ actor: teacher, districtId: w.other.id });
    await inviteMember({ actor: w.leader, organizationId: w.north.id, email: teacher.email, role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor(teacher.email), actor: (await loadActor(teacher.id))! });
    expect(await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { districtId: true, schoolId: true, requestedDistrictId: true } })).toEqual({ districtId: w.district.id, schoolId: w.north.id, requestedDistrictId: null });
    expect((await listDistrictRequests({ actor: w.otherLeader, districtId: w.other.id })).total).toBe(0);
  });
});
