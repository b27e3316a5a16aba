// Ending a role at a school or a district keeps it as the former placement for a year
// (Membership_former_placement, ADR 019), as leaving a placement does: a principal who leaves the
// district, or whose role a leader removes, may not at once score the school's teachers' work, nor
// they the principal's. Roles at an issuer leave the placement alone. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, createWaitingAttempt, invitationTokenFor } from '../factories';
import { acceptInvitation, changeRole, inviteMember } from '@/lib/people/mutations';
import { leaveDistrict } from '@/lib/district/requests';
import { claimReview } from '@/lib/review/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import { loadActor } from '@/lib/auth/load-actor';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

const placementOf = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { formerSchoolIds: true, formerDistrictIds: true, placementChangedAt: true } });

/**
 * District D with school S; an issuer that keeps reviewers out of their own district's work. Tess
 * teaches at S and waits for a review. Pat leads S (appointed by invitation, placed nowhere) and
 * reviews for the issuer; Lee leads D.
 */
async function world() {
  const d = await createOrg({ kind: 'DISTRICT', name: 'District D' });
  const s = await createOrg({ kind: 'SCHOOL', name: 'School S', parentId: d.id });
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, blockSameDistrict: true } });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id });
  const lee = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d.id }] });
  const tess = await createActor({ name: 'Tess Teacher', email: 'tess@gmail.com', districtId: d.id, schoolId: s.id, roles: [{ role: 'TEACHER', organizationId: s.id }] });
  const attemptId = await createWaitingAttempt(tess, mc.id);
  const invited = await createQualifiedReviewer({ name: 'Pat Principal', email: 'pat@outlook.com', issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  await inviteMember({ actor: lee, organizationId: s.id, email: invited.email, role: 'SCHOOL_LEADER' });
  await acceptInvitation({ token: await invitationTokenFor(invited.email), actor: invited });
  const pat = (await loadActor(invited.id))!;
  return { d, s, issuer, mc, admin, lee, tess, attemptId, pat };
}

/** Refused for a conflict of interest (not for want of a qualification): out of the queue, and the claim says why. */
async function expectRefused(actor: Actor, attemptId: string) {
  expect((await listReviewQueue({ actor })).items.map((i) => i.attemptId)).not.toContain(attemptId);
  await expect(claimReview({ actor, attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/school|district/i) });
}

describe('a role ended at a school or district still counts for conflicts of interest', () => {
  it('a principal whose role a leader removes may not then score the school’s teachers’ work', async () => {
    const w = await world();
    await expectRefused(w.pat, w.attemptId);
    await changeRole({ actor: w.lee, organizationId: w.s.id, userId: w.pat.id, role: 'SCHOOL_LEADER', op: 'remove' });

    expect(await placementOf(w.pat.id)).toMatchObject({ formerSchoolIds: [w.s.id], formerDistrictIds: [w.d.id], placementChangedAt: expect.any(Date) });
    await expectRefused((await loadActor(w.pat.id))!, w.attemptId);
  });

  it('a principal placed in the district who leaves it may not then score its work', async () => {
    const w = await world();
    await db.user.update({ where: { id: w.pat.id }, data: { districtId: w.d.id } });
    await leaveDistrict({ actor: (await loadActor(w.pat.id))! });
    expect(await db.membership.count({ where: { userId: w.pat.id, role: 'SCHOOL_LEADER' } })).toBe(0);
    expect(await placementOf(w.pat.id)).toMatchObject({ formerSchoolIds: [w.s.id], formerDistrictIds: [w.d.id] });
    await expectRefused((await loadActor(w.pat.id))!, w.attemptId);
  });

  it('nor may a district leader whose role ended; roles at an issuer leave the former placement alone', async () => {
    const w = await world();
    const other = await createQualifiedReviewer({ name: 'Ola Other', issuerId: w.issuer.id, otherRoles: [{ role: 'DISTRICT_LEADER', organizationId: w.d.id }], microCredentialIds: w.mc.id, grantedById: w.admin.id });
    await changeRole({ actor: w.lee, organizationId: w.d.id, userId: other.id, role: 'DISTRICT_LEADER', op: 'remove' });
    expect(await placementOf(other.id)).toMatchObject({ formerSchoolIds: [], formerDistrictIds: [w.d.id] });
    await expectRefused((await loadActor(other.id))!, w.attemptId);

    const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    await db.membership.deleteMany({ where: { userId: reviewer.id } });
    expect(await placementOf(reviewer.id)).toEqual({ formerSchoolIds: [], formerDistrictIds: [], placementChangedAt: null });
  });

  it('the teacher side too: the school’s teachers may not score the work of the principal whose role ended', async () => {
    const w = await world();
    const colleague = await createQualifiedReviewer({ email: 'cole@yahoo.com', districtId: w.d.id, schoolId: w.s.id, issuerId: w.issuer.id, otherRoles: [{ role: 'TEACHER', organizationId: w.s.id }], microCredentialIds: w.mc.id, grantedById: w.admin.id });
    const patsWork = await createWaitingAttempt(w.pat, w.mc.id);
    await changeRole({ actor: w.lee, organizationId: w.s.id, userId: w.pat.id, role: 'SCHOOL_LEADER', op: 'remove' });
    await expectRefused(colleague, patsWork);
  });

  it('deleting an account or an organisation with roles still works', async () => {
    const w = await world();
    await db.user.delete({ where: { id: w.pat.id } });
    await db.membership.deleteMany({ where: { organizationId: w.s.id } });
    expect(await placementOf(w.tess.id)).toMatchObject({ formerSchoolIds: [w.s.id] });
  });
});
