// Conflicts of interest reach past placement: a principal or a district leader who also reviews is
// not placed at a school or district (leading is a role), yet must not score its school's teachers'
// work, nor its district's where the issuer forbids it; and leaving a district (either side) does not end the conflict for a
// year. Checked on the queue (SQL) and on the claim (policy.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createWaitingAttempt } from '../factories';
import { claimReview } from '@/lib/review/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { leaveDistrict } from '@/lib/district/requests';
import { FORMER_PLACEMENT_DAYS } from '@/lib/review/policy';

beforeEach(resetDatabase);

async function world(rules: { blockSameDistrict: boolean }) {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, ...rules } });
  const { mc } = await createPublishedCredential({ issuerId: issuer.id });
  const district = await createOrg({ kind: 'DISTRICT' });
  const school = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  const otherSchool = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  // Public mailboxes: the email-domain rule cannot catch any of them.
  const teacher = await createActor({ email: 'teacher@gmail.com', districtId: district.id, schoolId: school.id, roles: [{ role: 'TEACHER', organizationId: school.id }] });
  const attemptId = await createWaitingAttempt(teacher, mc.id);
  const reviewerWith = async (email: string, role: 'SCHOOL_LEADER' | 'DISTRICT_LEADER', organizationId: string) => {
    const r = await createActor({ email, roles: [{ role, organizationId }, { role: 'REVIEWER', organizationId: issuer.id }] });
    await db.reviewerQualification.create({ data: { userId: r.id, microCredentialId: mc.id, grantedById: r.id } });
    return r;
  };
  const colleague = async (email: string) => {
    const r = await createActor({ email, districtId: district.id, schoolId: otherSchool.id, roles: [{ role: 'TEACHER', organizationId: otherSchool.id }, { role: 'REVIEWER', organizationId: issuer.id }] });
    await db.reviewerQualification.create({ data: { userId: r.id, microCredentialId: mc.id, grantedById: r.id } });
    return r;
  };
  return { district, school, otherSchool, attemptId, teacher, reviewerWith, colleague };
}

const queueOf = async (actor: Actor) => (await listReviewQueue({ actor })).items.map((i) => i.attemptId);

describe('leaders who also review', () => {
  it('a principal does not see or claim work from their own school, whatever the issuer’s rules', async () => {
    const w = await world({ blockSameDistrict: false });
    const principal = await w.reviewerWith('principal@outlook.com', 'SCHOOL_LEADER', w.school.id);
    expect(await queueOf(principal)).toEqual([]);
    await expect(claimReview({ actor: principal, attemptId: w.attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/own school/) });
    // The principal of another school in the same district may, under this issuer's rules.
    const neighbour = await w.reviewerWith('neighbour@outlook.com', 'SCHOOL_LEADER', w.otherSchool.id);
    expect(await queueOf(neighbour)).toEqual([w.attemptId]);
    await expect(claimReview({ actor: neighbour, attemptId: w.attemptId })).resolves.toBeTruthy();
    expect(await db.review.count({ where: { reviewerId: principal.id } })).toBe(0);
  });

  it('a district leader, and a principal of the district’s other school, do not review its teachers when same-district reviewing is blocked', async () => {
    const w = await world({ blockSameDistrict: true });
    const leader = await w.reviewerWith('lead@yahoo.com', 'DISTRICT_LEADER', w.district.id);
    const neighbour = await w.reviewerWith('neighbour@outlook.com', 'SCHOOL_LEADER', w.otherSchool.id);
    for (const r of [leader, neighbour]) {
      expect(await queueOf(r)).toEqual([]);
      await expect(claimReview({ actor: r, attemptId: w.attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.review.count()).toBe(0);
  });

  it('the district’s other leaders may review its teachers where the issuer allows reviewing the same district', async () => {
    const w = await world({ blockSameDistrict: false });
    const leader = await w.reviewerWith('lead@yahoo.com', 'DISTRICT_LEADER', w.district.id);
    expect(await queueOf(leader)).toEqual([w.attemptId]);
    // Their own school’s principal never, whatever the issuer chose (ADR 019, 26 Nov 2026).
    const principal = await w.reviewerWith('principal@outlook.com', 'SCHOOL_LEADER', w.school.id);
    expect(await queueOf(principal)).toEqual([]);
  });
});

describe('leaving a district does not end a conflict of interest', () => {
  it('a reviewer who leaves the teacher’s district still may not take their work, until a year has passed', async () => {
    const w = await world({ blockSameDistrict: true });
    const before = await w.colleague('colleague@gmail.com');
    await expect(claimReview({ actor: before, attemptId: w.attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await leaveDistrict({ actor: before });
    const after = (await loadActor(before.id))!;
    expect(after).toMatchObject({ districtId: null, schoolId: null, former: { districtIds: [w.district.id], schoolIds: [w.otherSchool.id] } });
    expect(await queueOf(after)).toEqual([]);
    await expect(claimReview({ actor: after, attemptId: w.attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A move more than a year ago no longer ties them.
    await db.user.update({ where: { id: before.id }, data: { placementChangedAt: new Date(Date.now() - (FORMER_PLACEMENT_DAYS + 1) * 86_400_000) } });
    const later = (await loadActor(before.id))!;
    expect(await queueOf(later)).toEqual([w.attemptId]);
    await expect(claimReview({ actor: later, attemptId: w.attemptId })).resolves.toBeTruthy();
  });

  it('a teacher who leaves the district after sending their work is still not reviewed by its people', async () => {
    const w = await world({ blockSameDistrict: true });
    const r = await w.colleague('colleague@gmail.com');
    await leaveDistrict({ actor: w.teacher });
    expect(await queueOf(r)).toEqual([]);
    await expect(claimReview({ actor: r, attemptId: w.attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.review.count()).toBe(0);
  });
});
