// A teacher who accepts an invitation to another school of their own district moves there: the
// teacher role follows the placement (acceptInvitation), as when a leader moves them
// (setTeacherSchool), so the school they left stops counting them. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, invitationTokenFor } from '../factories';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';
import { setTeacherSchool } from '@/lib/district/people';

beforeEach(resetDatabase);

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const south = await createOrg({ kind: 'SCHOOL', name: 'South Elementary', parentId: district.id });
  const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const teacher = await createActor({ email: 'tia@example.org', districtId: district.id, schoolId: north.id, roles: [{ role: 'TEACHER', organizationId: north.id }] });
  return { district, north, south, leader, teacher };
}

const rolesOf = async (userId: string, names: Record<string, string>) =>
  (await db.membership.findMany({ where: { userId }, select: { organizationId: true, role: true } })).map((m) => `${names[m.organizationId] ?? m.organizationId}:${m.role}`).sort();
const placementOf = (userId: string) => db.user.findUniqueOrThrow({ where: { id: userId }, select: { districtId: true, schoolId: true } });

describe('accepting an invitation to another school of the same district', () => {
  it('keeps the teacher role at the new school only, and leaves other roles alone', async () => {
    const w = await world();
    const names = { [w.district.id]: 'district', [w.north.id]: 'north', [w.south.id]: 'south' };
    // A stray teacher role at the district itself (from an earlier district-wide invitation) and a
    // principal's role at the old school, which is not the teacher's placement to lose.
    await db.membership.createMany({ data: [{ userId: w.teacher.id, organizationId: w.district.id, role: 'TEACHER' }, { userId: w.teacher.id, organizationId: w.north.id, role: 'SCHOOL_LEADER' }] });

    await inviteMember({ actor: w.leader, organizationId: w.south.id, email: 'tia@example.org', role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor('tia@example.org'), actor: w.teacher });

    expect(await placementOf(w.teacher.id)).toEqual({ districtId: w.district.id, schoolId: w.south.id });
    expect(await rolesOf(w.teacher.id, names)).toEqual(['north:SCHOOL_LEADER', 'south:TEACHER']);
    // North's teachers are counted by their teacher role there: she is no longer one of them.
    expect(await db.membership.count({ where: { organizationId: w.north.id, role: 'TEACHER' } })).toBe(0);

    // The same as a leader moving her back and forth leaves it.
    await setTeacherSchool({ actor: w.leader, districtId: w.district.id, userId: w.teacher.id, schoolId: w.north.id });
    expect(await rolesOf(w.teacher.id, names)).toEqual(['north:SCHOOL_LEADER', 'north:TEACHER']);
  });

  it('a whole-district invitation keeps the teacher at their school, with the teacher role there only', async () => {
    const w = await world();
    const names = { [w.district.id]: 'district', [w.north.id]: 'north', [w.south.id]: 'south' };
    await inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'tia@example.org', role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor('tia@example.org'), actor: w.teacher });
    expect(await placementOf(w.teacher.id)).toEqual({ districtId: w.district.id, schoolId: w.north.id });
    expect(await rolesOf(w.teacher.id, names)).toEqual(['north:TEACHER']);

    // A district-wide teacher invited to a school moves there: the district-wide role goes.
    const free = await createActor({ email: 'free@example.org', districtId: w.district.id, roles: [{ role: 'TEACHER', organizationId: w.district.id }] });
    await inviteMember({ actor: w.leader, organizationId: w.south.id, email: 'free@example.org', role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor('free@example.org'), actor: free });
    expect(await placementOf(free.id)).toEqual({ districtId: w.district.id, schoolId: w.south.id });
    expect(await rolesOf(free.id, names)).toEqual(['south:TEACHER']);
  });
});
