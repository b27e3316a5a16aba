// The one loader of people's school and district roles read in bulk, and the two shapes built from
// it: a reviewer's roles (schoolAndDistrictRoles: the digest's reviewers, the adjudication notice)
// and a teacher's memberships (the digest's waiting work, through the conflict rules). Both must see
// the same rows, or the digest would count work that claiming then refuses.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg } from '../factories';
import { loadSchoolAndDistrictMemberships, schoolAndDistrictRoles } from '@/lib/review/reviewer-roles';

beforeEach(async () => {
  await resetDatabase();
});

async function people() {
  const district = await createOrg({ kind: 'DISTRICT' });
  const school = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  const issuer = await createOrg({ kind: 'ISSUER' });
  // A principal who also sits on the district office, and reviews for an issuer.
  const leader = await createActor({ roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }, { role: 'DISTRICT_LEADER', organizationId: district.id }, { role: 'REVIEWER', organizationId: issuer.id }] });
  // Placed at the school (a column, not a role) and reviewing elsewhere: no school or district role.
  const placed = await createActor({ schoolId: school.id, roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  return { district, school, leader, placed };
}

describe('loadSchoolAndDistrictMemberships', () => {
  it('reads every school and district role of everyone asked for in one go, and no other kind of organisation', async () => {
    const { district, school, leader, placed } = await people();
    const rows = await loadSchoolAndDistrictMemberships([leader.id, placed.id, 'nobody-with-this-id']);
    expect([...rows.keys()].sort()).toEqual([leader.id, placed.id, 'nobody-with-this-id'].sort());
    expect(rows.get(leader.id)!.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { organizationId: district.id, kind: 'DISTRICT', parentId: null },
      { organizationId: school.id, kind: 'SCHOOL', parentId: district.id },
    ]);
    expect(rows.get(placed.id)).toEqual([]);
    expect(rows.get('nobody-with-this-id')).toEqual([]);
    expect((await loadSchoolAndDistrictMemberships([])).size).toBe(0);
  });

  it('reads inside a transaction too', async () => {
    const { school, leader } = await people();
    const rows = await db.$transaction((tx) => loadSchoolAndDistrictMemberships([leader.id], tx));
    expect(rows.get(leader.id)!.map((m) => m.organizationId)).toContain(school.id);
  });
});

describe('schoolAndDistrictRoles', () => {
  it('shapes the same rows as a reviewer’s roles, as the conflict rules read them', async () => {
    const { district, school, leader, placed } = await people();
    const roles = await schoolAndDistrictRoles([leader.id, placed.id]);
    expect(roles.get(leader.id)!.sort((a, b) => String(a.organizationKind).localeCompare(String(b.organizationKind)))).toEqual([
      { organizationId: district.id, organizationKind: 'DISTRICT', parentOrganizationId: null },
      { organizationId: school.id, organizationKind: 'SCHOOL', parentOrganizationId: district.id },
    ]);
    expect(roles.get(placed.id)).toEqual([]);
  });
});
