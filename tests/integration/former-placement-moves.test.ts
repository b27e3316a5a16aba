// The placement a person leaves is kept by a trigger (User_former_placement, ADR 019), school and
// district each on their own: the second step of an ordinary move (join another district, then be
// placed at one of its schools) must not erase the school and district left in the first.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createWaitingAttempt } from '../factories';
import { claimReview } from '@/lib/review/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import { loadActor } from '@/lib/auth/load-actor';
import { FORMER_PLACEMENT_DAYS } from '@/lib/review/policy';

beforeEach(resetDatabase);

const DAY = 86_400_000;
const placementOf = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { schoolId: true, districtId: true, formerSchoolId: true, formerDistrictId: true, placementChangedAt: true } });

async function places() {
  const d = await createOrg({ kind: 'DISTRICT', name: 'District D' });
  const s1 = await createOrg({ kind: 'SCHOOL', name: 'School S1', parentId: d.id });
  const e = await createOrg({ kind: 'DISTRICT', name: 'District E' });
  const s2 = await createOrg({ kind: 'SCHOOL', name: 'School S2', parentId: e.id });
  return { d, s1, e, s2 };
}

describe('the former placement, slot by slot', () => {
  it('keeps the school and district left when the person is then placed at a school of their new district', async () => {
    const { d, s1, e, s2 } = await places();
    const teacher = await createActor({ districtId: d.id, schoolId: s1.id });
    // Joins district E (a leader of E confirms: the school is cleared), then E places them at S2.
    await db.user.update({ where: { id: teacher.id }, data: { districtId: e.id, schoolId: null } });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: s2.id } });
    expect(await placementOf(teacher.id)).toMatchObject({ schoolId: s2.id, districtId: e.id, formerSchoolId: s1.id, formerDistrictId: d.id });
    // A move to another school of the same district replaces the former school only.
    const s3 = await createOrg({ kind: 'SCHOOL', parentId: e.id });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: s3.id } });
    expect(await placementOf(teacher.id)).toMatchObject({ formerSchoolId: s2.id, formerDistrictId: d.id });
  });

  it('does not bring back a placement left more than a year before the new move', async () => {
    const { d, s1, e, s2 } = await places();
    const teacher = await createActor({ districtId: d.id, schoolId: s1.id });
    await db.user.update({ where: { id: teacher.id }, data: { districtId: e.id, schoolId: null } });
    await db.user.update({ where: { id: teacher.id }, data: { placementChangedAt: new Date(Date.now() - (FORMER_PLACEMENT_DAYS + 2) * DAY) } });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: s2.id } });
    // Leaving S2 now: S2 is the former school; D, left over a year ago, is not kept with it.
    const s3 = await createOrg({ kind: 'SCHOOL', parentId: e.id });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: s3.id } });
    const after = await placementOf(teacher.id);
    expect(after).toMatchObject({ formerSchoolId: s2.id, formerDistrictId: null });
    expect(after.placementChangedAt!.getTime()).toBeGreaterThan(Date.now() - DAY);
  });

  it('a reviewer from the teacher’s old school still may not take their work after both steps of the move', async () => {
    const { d, s1, e, s2 } = await places();
    const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, blockSameDistrict: true } });
    const { mc } = await createPublishedCredential({ issuerId: issuer.id });
    const teacher = await createActor({ email: 'teacher@gmail.com', districtId: d.id, schoolId: s1.id, roles: [{ role: 'TEACHER', organizationId: s1.id }] });
    const attemptId = await createWaitingAttempt(teacher, mc.id);
    const colleague = await createActor({ email: 'colleague@outlook.com', districtId: d.id, schoolId: s1.id, roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    await db.reviewerQualification.create({ data: { userId: colleague.id, microCredentialId: mc.id, grantedById: colleague.id } });

    // The teacher moves to district E in two steps.
    await db.user.update({ where: { id: teacher.id }, data: { districtId: e.id, schoolId: null } });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: s2.id } });
    const reviewer = (await loadActor(colleague.id))!;
    expect((await listReviewQueue({ actor: reviewer })).items.map((i) => i.attemptId)).toEqual([]);
    await expect(claimReview({ actor: reviewer, attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // So does the reviewer, in two steps: still tied to S1 and D, whose teacher this is no more.
    await db.user.update({ where: { id: colleague.id }, data: { districtId: e.id, schoolId: null } });
    await db.user.update({ where: { id: colleague.id }, data: { schoolId: s2.id } });
    expect((await loadActor(colleague.id))!).toMatchObject({ former: { schoolId: s1.id, districtId: d.id } });
    expect(await db.review.count()).toBe(0);
  });
});
