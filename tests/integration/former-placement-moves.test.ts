// The schools and districts a person leaves are kept by a trigger (User_former_placement, ADR 019),
// every one left since the last year without a move: the second step of an ordinary move (join
// another district, then be placed at one of its schools) must not erase the school and district
// left in the first, nor a second move within the year the first district.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, createWaitingAttempt } from '../factories';
import { claimReview } from '@/lib/review/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import { loadActor } from '@/lib/auth/load-actor';
import { FORMER_PLACEMENT_DAYS } from '@/lib/review/policy';

beforeEach(resetDatabase);

const DAY = 86_400_000;
const placementOf = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { schoolId: true, districtId: true, formerSchoolIds: true, formerDistrictIds: true, placementChangedAt: true } });
/** The single slots the previous release reads (no longer mapped by this one's client; still kept by the trigger for it). */
const slotsOf = async (id: string) => (await db.$queryRaw<{ formerSchoolId: string | null; formerDistrictId: string | null }[]>`SELECT "formerSchoolId", "formerDistrictId" FROM "User" WHERE id = ${id}`)[0];

async function places() {
  const d = await createOrg({ kind: 'DISTRICT', name: 'District D' });
  const s1 = await createOrg({ kind: 'SCHOOL', name: 'School S1', parentId: d.id });
  const e = await createOrg({ kind: 'DISTRICT', name: 'District E' });
  const s2 = await createOrg({ kind: 'SCHOOL', name: 'School S2', parentId: e.id });
  return { d, s1, e, s2 };
}

describe('the former placements', () => {
  it('keeps the school and district left when the person is then placed at a school of their new district', async () => {
    const { d, s1, e, s2 } = await places();
    const teacher = await createActor({ districtId: d.id, schoolId: s1.id });
    // Joins district E (a leader of E confirms: the school is cleared), then E places them at S2.
    await db.user.update({ where: { id: teacher.id }, data: { districtId: e.id, schoolId: null } });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: s2.id } });
    expect(await placementOf(teacher.id)).toMatchObject({ schoolId: s2.id, districtId: e.id, formerSchoolIds: [s1.id], formerDistrictIds: [d.id] });
    // A move to another school of the same district adds the school left; the district stays.
    const s3 = await createOrg({ kind: 'SCHOOL', parentId: e.id });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: s3.id } });
    expect(await placementOf(teacher.id)).toMatchObject({ formerSchoolIds: [s1.id, s2.id], formerDistrictIds: [d.id] });
    // The previous release's slots hold the latest of each, as they did.
    expect(await slotsOf(teacher.id)).toEqual({ formerSchoolId: s2.id, formerDistrictId: d.id });
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
    expect(after).toMatchObject({ formerSchoolIds: [s2.id], formerDistrictIds: [] });
    expect(await slotsOf(teacher.id)).toEqual({ formerSchoolId: s2.id, formerDistrictId: null });
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
    expect((await loadActor(colleague.id))!).toMatchObject({ former: { schoolIds: [s1.id], districtIds: [d.id] } });
    expect(await db.review.count()).toBe(0);
  });

  it('a reviewer who moved district twice within the year is still tied to the first (one slot forgot it)', async () => {
    const { d, s1, e, s2 } = await places();
    const f = await createOrg({ kind: 'DISTRICT', name: 'District F' });
    const s4 = await createOrg({ kind: 'SCHOOL', name: 'School S4', parentId: f.id });
    const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, blockSameDistrict: true } });
    const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id });
    // Dee reviews; she taught at S1 in D, moved to S2 in E, then to S4 in F, all within the year.
    const dee = await createQualifiedReviewer({ email: 'dee@outlook.com', districtId: d.id, schoolId: s1.id, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
    await db.user.update({ where: { id: dee.id }, data: { districtId: e.id, schoolId: s2.id } });
    await db.user.update({ where: { id: dee.id }, data: { districtId: f.id, schoolId: s4.id } });
    expect(await placementOf(dee.id)).toMatchObject({ formerSchoolIds: [s1.id, s2.id], formerDistrictIds: [d.id, e.id] });
    // A teacher of D's other school (not S1): only the district ties them, and this issuer keeps districts apart.
    const s5 = await createOrg({ kind: 'SCHOOL', parentId: d.id });
    const teacher = await createActor({ email: 'tia@gmail.com', districtId: d.id, schoolId: s5.id });
    const attemptId = await createWaitingAttempt(teacher, mc.id);
    const reviewer = (await loadActor(dee.id))!;
    expect((await listReviewQueue({ actor: reviewer })).items.map((i) => i.attemptId)).toEqual([]);
    await expect(claimReview({ actor: reviewer, attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/district/i) });
    // The teacher side too: a teacher who left D for E and then F is still D's for a reviewer placed in D.
    const leaver = await createActor({ email: 'lev@gmail.com', districtId: d.id, schoolId: s1.id });
    await db.user.update({ where: { id: leaver.id }, data: { districtId: e.id, schoolId: s2.id } });
    await db.user.update({ where: { id: leaver.id }, data: { districtId: f.id, schoolId: s4.id } });
    const leaversWork = await createWaitingAttempt(leaver, mc.id);
    const inD = await createQualifiedReviewer({ email: 'ray@yahoo.com', districtId: d.id, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
    expect((await listReviewQueue({ actor: inD })).items.map((i) => i.attemptId)).not.toContain(leaversWork);
    await expect(claimReview({ actor: inD, attemptId: leaversWork })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.review.count()).toBe(0);
  });

  it('a school left again moves to the end of the list, and the list keeps its newest 20', async () => {
    const d = await createOrg({ kind: 'DISTRICT' });
    const schools = [];
    for (let i = 0; i < 23; i++) schools.push(await createOrg({ kind: 'SCHOOL', parentId: d.id }));
    const teacher = await createActor({ districtId: d.id, schoolId: schools[0].id });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: schools[1].id } });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: schools[0].id } });
    await db.user.update({ where: { id: teacher.id }, data: { schoolId: schools[2].id } });
    expect((await placementOf(teacher.id)).formerSchoolIds).toEqual([schools[1].id, schools[0].id]);
    for (let i = 3; i < 23; i++) await db.user.update({ where: { id: teacher.id }, data: { schoolId: schools[i].id } });
    const list = (await placementOf(teacher.id)).formerSchoolIds;
    expect(list).toHaveLength(20);
    expect(list.at(-1)).toBe(schools[21].id);
    expect(list).not.toContain(schools[1].id);
  });
});
