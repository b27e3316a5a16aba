// One address has one open teacher invitation in a district at a time, whether invited one at a
// time (inviteMember) or from a file (inviteTeachersFromFile): the district and its schools are
// checked together, so nobody holds live links placing them at several places at once. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg } from '../factories';
import { cancelInvitation, inviteMember } from '@/lib/people/mutations';
import { inviteTeachersFromFile } from '@/lib/people/bulk-invite';

beforeEach(resetDatabase);

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const south = await createOrg({ kind: 'SCHOOL', name: 'South Elementary', parentId: district.id });
  const other = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: other.id }] });
  return { district, north, south, other, leader, otherLeader };
}

const openFor = (email: string) => db.invitation.findMany({ where: { email, acceptedAt: null, withdrawnAt: null }, select: { organizationId: true, role: true } });
const until = /\(the link works until \d{1,2} [A-Z][a-z]+ \d{4}\), so not invited again\./;

describe('a single teacher invitation checks the whole district', () => {
  it('refuses a second teacher invitation to the district or another of its schools, as the file flow does', async () => {
    const w = await world();
    await inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'x@example.org', role: 'TEACHER' });

    await expect(inviteMember({ actor: w.leader, organizationId: w.north.id, email: 'x@example.org', role: 'TEACHER' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/^x@example\.org is already invited to Kettle Moraine /),
      fieldErrors: { email: [expect.stringMatching(until)] },
    });
    const toSchool = await inviteMember({ actor: w.leader, organizationId: w.south.id, email: 'X@Example.org ', role: 'TEACHER' }).catch((e: Error) => e.message);
    expect(toSchool).toMatch(until);
    expect(toSchool).toContain('To invite them to South Elementary instead, cancel that invitation under Open invitations, then invite them again.');
    expect(await openFor('x@example.org')).toEqual([{ organizationId: w.district.id, role: 'TEACHER' }]);
    // Nothing was sent for the refused ones, and they do not count against the address.
    expect(await db.emailMessage.count({ where: { to: 'x@example.org' } })).toBe(1);
    expect(await db.rateLimit.findUnique({ where: { key: 'invite:x@example.org' }, select: { count: true } })).toEqual({ count: 1 });

    // Cancelled, the address can be invited to the school instead.
    const first = await db.invitation.findFirstOrThrow({ where: { email: 'x@example.org' }, select: { id: true } });
    await cancelInvitation({ actor: w.leader, invitationId: first.id });
    await inviteMember({ actor: w.leader, organizationId: w.north.id, email: 'x@example.org', role: 'TEACHER' });
    // …and from there, the district as a whole is refused in the same words.
    await expect(inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'x@example.org', role: 'TEACHER' })).rejects.toMatchObject({
      message: expect.stringContaining('is already invited to North Elementary (the link works until'),
    });
    await expect(inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'x@example.org', role: 'TEACHER' })).rejects.toMatchObject({
      message: expect.stringContaining('To invite them to Kettle Moraine as a whole instead'),
    });
    expect(await openFor('x@example.org')).toEqual([{ organizationId: w.north.id, role: 'TEACHER' }]);
  });

  it('the same place keeps its own message; a leader role, another district and a file invitation are told apart', async () => {
    const w = await world();
    await inviteMember({ actor: w.leader, organizationId: w.north.id, email: 'x@example.org', role: 'TEACHER' });
    await expect(inviteMember({ actor: w.leader, organizationId: w.north.id, email: 'x@example.org', role: 'TEACHER' })).rejects.toMatchObject({
      message: expect.stringContaining('already has an open invitation for this role here'),
    });
    // A leader invitation is another thing; another district has its own teachers.
    await inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'x@example.org', role: 'DISTRICT_LEADER' });
    await inviteMember({ actor: w.otherLeader, organizationId: w.other.id, email: 'x@example.org', role: 'TEACHER' });
    expect((await openFor('x@example.org')).length).toBe(3);

    // One from a file counts as well.
    await inviteTeachersFromFile({ actor: w.leader, districtId: w.district.id, csv: 'email,name,school\nfile@example.org,File Person,South Elementary' });
    await expect(inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'file@example.org', role: 'TEACHER' })).rejects.toMatchObject({
      message: expect.stringContaining('file@example.org is already invited to South Elementary'),
    });
  });
});
