// District leaders managing their people (lib/district/people.ts): placing teachers at schools,
// unlinking teachers who left, and the lists behind /district/people. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getTeacherDashboard } from '@/lib/enrollment/queries';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, invitationTokenFor } from '../factories';
import { listDistrictInvitations, listDistrictLeaders, listDistrictSchools, removeTeacherFromDistrict, setTeacherSchool } from '@/lib/district/people';
import { listDistrictTeachers } from '@/lib/district/queries';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { getOwnProposal, listDistrictProposals, needsProposal } from '@/lib/proposals/queries';
import { loadActor } from '@/lib/auth/load-actor';
import { TeacherSchoolInput } from '@/lib/people/schemas';

beforeEach(resetDatabase);

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const south = await createOrg({ kind: 'SCHOOL', name: 'South Middle', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const otherSchool = await createOrg({ kind: 'SCHOOL', name: 'Elsewhere High', parentId: other.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  const ann = await createActor({ name: 'Ann Avery', districtId: district.id, schoolId: north.id });
  await db.membership.create({ data: { userId: ann.id, organizationId: north.id, role: 'TEACHER' } });
  const xavier = await createActor({ name: 'Xavier', districtId: other.id });
  return { district, north, south, other, otherSchool, leader, otherLeader, ann, xavier };
}

describe('district people', () => {
  it('moves a teacher between the district’s schools, with memberships and the audit log following', async () => {
    const w = await world();
    expect((await listDistrictSchools({ actor: w.leader, districtId: w.district.id })).map((s) => s.name)).toEqual(['North Elementary', 'South Middle']);

    expect(await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.ann.id, schoolId: w.south.id })).toEqual({ changed: true });
    const ann = await db.user.findUniqueOrThrow({ where: { id: w.ann.id }, select: { schoolId: true, districtId: true, memberships: { select: { organizationId: true, role: true } } } });
    expect(ann).toMatchObject({ schoolId: w.south.id, districtId: w.district.id });
    expect(ann.memberships).toEqual([{ organizationId: w.south.id, role: 'TEACHER' }]);
    expect(await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.ann.id, schoolId: w.south.id })).toEqual({ changed: false });

    // District-wide (no particular school).
    await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.ann.id, schoolId: null });
    expect((await db.user.findUniqueOrThrow({ where: { id: w.ann.id } })).schoolId).toBeNull();
    // The link to the district stays on record as a membership of the district itself.
    expect(await db.membership.findMany({ where: { userId: w.ann.id }, select: { organizationId: true, role: true } })).toEqual([{ organizationId: w.district.id, role: 'TEACHER' }]);
    // And back at a school: the school's membership replaces the district's.
    await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.ann.id, schoolId: w.north.id });
    expect(await db.membership.findMany({ where: { userId: w.ann.id }, select: { organizationId: true, role: true } })).toEqual([{ organizationId: w.north.id, role: 'TEACHER' }]);
    await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.ann.id, schoolId: null });

    const audit = await db.auditLog.findMany({ where: { action: 'people.set_school', entityId: w.ann.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(audit.map((a) => a.data)).toEqual([{ from: w.north.id, to: w.south.id }, { from: w.south.id, to: null }, { from: null, to: w.north.id }, { from: w.north.id, to: null }]);

    // The form's "no particular school" is an empty string.
    expect(TeacherSchoolInput.parse({ districtId: 'd', userId: 'u', schoolId: '' }).schoolId).toBeNull();
  });

  it('refuses another district’s school, another district’s teacher and other leaders, changing nothing', async () => {
    const w = await world();
    await expect(setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.ann.id, schoolId: w.otherSchool.id })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.xavier.id, schoolId: w.north.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(setTeacherSchool({ actor: w.otherLeader, districtId: w.district.id, userId: w.ann.id, schoolId: w.south.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setTeacherSchool({ actor: w.ann, districtId: w.district.id, userId: w.ann.id, schoolId: w.south.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeTeacherFromDistrict({ actor: w.otherLeader, districtId: w.district.id, userId: w.ann.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: w.xavier.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.user.findUniqueOrThrow({ where: { id: w.ann.id }, select: { schoolId: true, districtId: true } })).toEqual({ schoolId: w.north.id, districtId: w.district.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: w.xavier.id }, select: { districtId: true } })).toEqual({ districtId: w.other.id });
    expect(await db.auditLog.count({ where: { action: { startsWith: 'people.' } } })).toBe(0);
  });

  it('unlinks a teacher who left: out of the district’s lists, waiting proposal back to a draft, work kept', async () => {
    const w = await world();
    const { mc } = await createPublishedCredential();
    const annActor = (await loadActor(w.ann.id))!;
    expect(await needsProposal(annActor, mc.id)).toBe(true);
    await saveProposal({ actor: annActor, microCredentialId: mc.id, studentGoals: 'Students give each other feedback.', plan: 'Two lessons.', submit: true });
    expect((await listDistrictProposals([w.district.id], { status: 'SUBMITTED' })).length).toBe(1);

    expect(await removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: w.ann.id })).toEqual({ name: 'Ann Avery' });
    expect(await db.user.findUniqueOrThrow({ where: { id: w.ann.id }, select: { schoolId: true, districtId: true } })).toEqual({ schoolId: null, districtId: null });
    expect(await db.membership.count({ where: { userId: w.ann.id } })).toBe(0);
    expect((await listDistrictTeachers({ actor: w.leader, districtId: w.district.id })).items).toEqual([]);
    expect(await listDistrictProposals([w.district.id], { status: 'SUBMITTED' })).toEqual([]);
    const proposal = await db.proposal.findFirstOrThrow({ where: { userId: w.ann.id } });
    expect(proposal).toMatchObject({ status: 'DRAFT', studentGoals: 'Students give each other feedback.', plan: 'Two lessons.', submittedAt: null });
    // Without a district, no proposal is needed.
    expect(await needsProposal((await loadActor(w.ann.id))!, mc.id)).toBe(false);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'people.remove_from_district' } });
    expect(audit).toMatchObject({ actorId: w.leader.id, entityId: w.ann.id, organizationId: w.district.id, data: { schoolId: w.north.id, proposalsReturned: 1 } });

    // The teacher joins another district and sends the draft again: it goes to the new district.
    await db.user.update({ where: { id: w.ann.id }, data: { districtId: w.other.id } });
    await saveProposal({ actor: (await loadActor(w.ann.id))!, microCredentialId: mc.id, studentGoals: 'Students give each other feedback.', plan: 'Two lessons.', submit: true });
    expect(await listDistrictProposals([w.district.id], { status: 'SUBMITTED' })).toEqual([]);
    expect((await listDistrictProposals([w.other.id], { status: 'SUBMITTED' })).length).toBe(1);

    // Twice (two leaders at once): the second finds nobody to remove.
    await expect(removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: w.ann.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the district’s leaders and open invitations (district and schools), and an invited teacher lands at the school', async () => {
    const w = await world();
    await inviteMember({ actor: w.leader, organizationId: w.south.id, email: 'new.teacher@example.test', role: 'TEACHER' });
    await inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'deputy@example.test', role: 'DISTRICT_LEADER' });
    await inviteMember({ actor: w.otherLeader, organizationId: w.otherSchool.id, email: 'elsewhere@example.test', role: 'TEACHER' });
    await expect(inviteMember({ actor: w.leader, organizationId: w.south.id, email: 'x@example.test', role: 'DISTRICT_LEADER' })).rejects.toMatchObject({ code: 'VALIDATION' });

    const invitations = await listDistrictInvitations({ actor: w.leader, districtId: w.district.id });
    expect(invitations.items.map((i) => [i.email, i.role, i.organization.name]).sort()).toEqual([
      ['deputy@example.test', 'DISTRICT_LEADER', 'Kettle Moraine'],
      ['new.teacher@example.test', 'TEACHER', 'South Middle'],
    ]);
    await expect(listDistrictInvitations({ actor: w.otherLeader, districtId: w.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const token = await invitationTokenFor('new.teacher@example.test');
    const { userId } = await acceptInvitation({ token, newAccount: { name: 'New Teacher', password: 'a long enough password' } });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { districtId: true, schoolId: true } })).toEqual({ districtId: w.district.id, schoolId: w.south.id });
    expect((await listDistrictInvitations({ actor: w.leader, districtId: w.district.id })).items.map((i) => i.email)).toEqual(['deputy@example.test']);

    expect((await listDistrictLeaders({ actor: w.leader, districtId: w.district.id })).map((l) => l.name)).toEqual(['Lee Leader']);
    await expect(listDistrictLeaders({ actor: w.ann, districtId: w.district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an approval counts in the district that gave it: a teacher who moves asks their new district', async () => {
    const w = await world();
    await db.organization.update({ where: { id: w.other.id }, data: { requiresProposal: true } });
    const otherLeader = (await loadActor(w.otherLeader.id))!;
    const { mc } = await createPublishedCredential();
    const goals = 'Students give each other feedback.';
    const p = await saveProposal({ actor: (await loadActor(w.ann.id))!, microCredentialId: mc.id, studentGoals: goals, plan: '', submit: true });
    await decideProposal({ actor: (await loadActor(w.leader.id))!, proposalId: p.id, decision: 'APPROVED', comment: 'Go ahead.', version: 0 });
    expect(await needsProposal((await loadActor(w.ann.id))!, mc.id)).toBe(false);

    // Ann moves to the other district (unlinked here, invited there).
    await removeTeacherFromDistrict({ actor: w.leader, districtId: w.district.id, userId: w.ann.id });
    await db.user.update({ where: { id: w.ann.id }, data: { districtId: w.other.id } });
    const moved = (await loadActor(w.ann.id))!;
    expect(await needsProposal(moved, mc.id)).toBe(true);
    // Her text is kept as a draft for the new district, without the old decision.
    expect(await getOwnProposal(moved, mc.id)).toMatchObject({ status: 'DRAFT', studentGoals: goals, decisionComment: null });
    // Her dashboard does not count the old district's approval either.
    expect((await getTeacherDashboard(moved)).proposals).toEqual([]);
    await saveProposal({ actor: moved, microCredentialId: mc.id, studentGoals: goals, plan: '', submit: true });
    const waiting = await listDistrictProposals([w.other.id], { status: 'SUBMITTED' });
    expect(waiting).toHaveLength(1);
    await decideProposal({ actor: otherLeader, proposalId: waiting[0].id, decision: 'APPROVED', comment: '', version: waiting[0].version });
    expect(await needsProposal(moved, mc.id)).toBe(false);
    // Each district keeps its own record and decision.
    const keptByA = await listDistrictProposals([w.district.id], { status: 'APPROVED' });
    expect(keptByA.map((k) => [k.id, k.decisionComment])).toEqual([[p.id, 'Go ahead.']]);
    expect((await listDistrictProposals([w.other.id], { status: 'APPROVED' })).map((k) => k.id)).toEqual([waiting[0].id]);
    expect(waiting[0].id).not.toBe(p.id);
    // Her proposal page shows the current district's decision.
    expect(await getOwnProposal(moved, mc.id)).toMatchObject({ id: waiting[0].id, status: 'APPROVED' });
    expect((await getTeacherDashboard(moved)).proposals).toEqual([{ microCredentialId: mc.id, status: 'APPROVED', decisionComment: null }]);
  });
});
