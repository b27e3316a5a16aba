// Who is told when a teacher and a district part: a teacher removed by a leader is told what changes
// for them; a teacher's leaving on their own is told to the district's leaders. Each once, however
// often the form is sent. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';
import { removeTeacherFromDistrict } from '@/lib/district/people';
import { decideDistrictRequest, leaveDistrict } from '@/lib/district/requests';
import { saveProposal } from '@/lib/proposals/mutations';
import { loadActor } from '@/lib/auth/load-actor';

beforeEach(resetDatabase);

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const deputy = await createActor({ name: 'Dee Deputy', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: north.id });
  await db.membership.create({ data: { userId: ann.id, organizationId: north.id, role: 'TEACHER' } });
  return { district, north, other, leader, deputy, otherLeader, ann };
}

async function submitProposals(userId: string, count: number) {
  for (let i = 0; i < count; i++) {
    const { mc } = await createPublishedCredential();
    await saveProposal({ actor: (await loadActor(userId))!, microCredentialId: mc.id, studentGoals: 'Students give each other feedback.', plan: 'Two lessons.', submit: true });
  }
}

const noticesFor = (userId: string, kind: string) =>
  db.notification.findMany({ where: { userId, kind }, select: { title: true, body: true, href: true } });

describe('a teacher removed from the district', () => {
  it('is told once, in plain words, what changes, with the drafts their waiting proposals became', async () => {
    const w = await world();
    await submitProposals(w.ann.id, 2);

    await removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: w.ann.id });
    const notices = await noticesFor(w.ann.id, 'district.removed');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: 'Kettle Moraine removed you from its district', href: '/account' });
    expect(notices[0].body).toContain('Your account, work and badges stay yours.');
    expect(notices[0].body).toContain('Kettle Moraine’s salary steps and proposals no longer apply to you');
    expect(notices[0].body).toContain('Your 2 proposals that were waiting for its decision came back to you as drafts.');
    expect(notices[0].body).toContain('ask to join');
    // By email too (unless they turned such emails off).
    const emails = await db.job.findMany({ where: { type: 'email.notification' }, select: { payload: true } });
    expect(emails.map((e) => e.payload)).toContainEqual(expect.objectContaining({ userId: w.ann.id, title: 'Kettle Moraine removed you from its district' }));

    // A double submit (or a second leader at once) changes nothing and tells her nothing again.
    await expect(removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: w.ann.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removeTeacherFromDistrict({ actor: w.deputy, districtId: w.district.id, userId: w.ann.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.notification.count({ where: { userId: w.ann.id } })).toBe(1);
  });

  it('says one draft in the singular, and nothing about drafts when none were waiting', async () => {
    const w = await world();
    await submitProposals(w.ann.id, 1);
    const bob = await createActor({ name: 'Bob Brook', districtId: w.district.id });

    await removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: w.ann.id });
    await removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: bob.id });
    const [annNotice] = await noticesFor(w.ann.id, 'district.removed');
    expect(annNotice.body).toContain('Your proposal that was waiting for its decision came back to you as a draft.');
    const bobNotices = await noticesFor(bob.id, 'district.removed');
    expect(bobNotices).toHaveLength(1);
    expect(bobNotices[0].body).not.toMatch(/draft/);
  });

  it('is not told anything when the removal is refused', async () => {
    const w = await world();
    await expect(removeTeacherFromDistrict({ actor: w.otherLeader, districtId: w.district.id, userId: w.ann.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.notification.count({ where: { userId: w.ann.id } })).toBe(0);
  });
});

describe('a teacher leaving the district on their own', () => {
  it('tells each of the district’s leaders once, and no one else', async () => {
    const w = await world();
    await submitProposals(w.ann.id, 1);
    // The proposal told the leaders already: count only what the leaving adds.
    await db.notification.deleteMany({});

    await leaveDistrict({ actor: w.ann });
    for (const l of [w.leader, w.deputy]) {
      expect(await noticesFor(l.id, 'district.teacher_left')).toEqual([{
        title: 'Ann Avery left Kettle Moraine',
        body: 'They no longer appear among your teachers or in your reports, including reports for past periods. A proposal waiting for your decision went back to them as a draft.',
        href: `/district/teachers?district=${w.district.id}`,
      }]);
    }
    expect(await db.notification.count({ where: { userId: { in: [w.otherLeader.id, w.ann.id] } } })).toBe(0);

    // Sent twice: the second finds her in no district and tells nobody again.
    await expect(leaveDistrict({ actor: w.ann })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.notification.count({ where: { kind: 'district.teacher_left' } })).toBe(2);
  });

  it('does not tell a leader of the district about their own leaving as a teacher', async () => {
    const w = await world();
    const both = await createActor({ name: 'Bea Both', districtId: w.district.id, roles: [{ role: 'DISTRICT_LEADER', organizationId: w.district.id }] });
    await leaveDistrict({ actor: both });
    expect(await db.notification.count({ where: { userId: both.id } })).toBe(0);
    expect((await noticesFor(w.leader.id, 'district.teacher_left')).map((n) => n.title)).toEqual(['Bea Both left Kettle Moraine']);
  });
});

describe('a teacher who moves to another district', () => {
  it('is confirmed by the new district, and the one they leave is told, once', async () => {
    const w = await world();
    await db.user.update({ where: { id: w.ann.id }, data: { requestedDistrictId: w.other.id, districtRequestedAt: new Date(), emailVerified: new Date() } });
    await decideDistrictRequest({ actor: w.otherLeader, districtId: w.other.id, userId: w.ann.id, decision: 'confirm' });
    expect((await db.user.findUniqueOrThrow({ where: { id: w.ann.id } })).districtId).toBe(w.other.id);
    for (const leader of [w.leader, w.deputy]) {
      const notices = await noticesFor(leader.id, 'district.teacher_left');
      expect(notices).toHaveLength(1);
      expect(notices[0].title).toBe('Ann Avery left Kettle Moraine');
    }
    // The district that confirmed her is not told she left anything.
    expect(await noticesFor(w.otherLeader.id, 'district.teacher_left')).toHaveLength(0);
    // The district she left has its own audit entry, as when a teacher leaves on their own.
    expect(await db.auditLog.findMany({ where: { action: 'people.move_out', entityId: w.ann.id }, select: { organizationId: true, data: true } })).toEqual([{ organizationId: w.district.id, data: { toDistrictId: w.other.id, proposalsReturned: 0 } }]);
  });

  it('accepting another district’s invitation: the district she leaves is told, and its audit log says so', async () => {
    const w = await world();
    await submitProposals(w.ann.id, 1);
    await inviteMember({ actor: w.otherLeader, organizationId: w.other.id, email: w.ann.email, role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor(w.ann.email), actor: (await loadActor(w.ann.id))! });
    expect((await db.user.findUniqueOrThrow({ where: { id: w.ann.id } })).districtId).toBe(w.other.id);
    for (const leader of [w.leader, w.deputy]) {
      const notices = await noticesFor(leader.id, 'district.teacher_left');
      expect(notices).toHaveLength(1);
      expect(notices[0].body).toContain('A proposal waiting for your decision went back to them as a draft.');
    }
    expect(await db.auditLog.findMany({ where: { action: 'people.move_out', entityId: w.ann.id }, select: { organizationId: true, actorId: true, data: true } })).toEqual([{ organizationId: w.district.id, actorId: w.ann.id, data: { toDistrictId: w.other.id, proposalsReturned: 1 } }]);
  });
});
