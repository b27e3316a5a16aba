// A principal or a district leader who applies for a credential is the teacher whose work is
// reviewed. Leading adds a role, not a placement (ADR 016), so the conflict rules read the teacher's
// roles too, as they read a reviewer's (ADR 019): the school's teachers never review their principal,
// nor, where the issuer forbids it, the district's teachers their district's leader. Checked on the
// queue (SQL), the claim and an admin's assignment (policy.ts), the digest and the adjudication
// notice; and the queue's SQL is compared with the policy over many people at once.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, createWaitingAttempt } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { assignReview, claimReview, releaseReview } from '@/lib/review/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import { computeReviewerDigests } from '@/lib/review/digest';
import { loadAttemptForReview, teacherOf } from '@/lib/review/context';
import { conflictOfInterest, FORMER_PLACEMENT_DAYS } from '@/lib/review/policy';
import { loadActor } from '@/lib/auth/load-actor';
import { closeEvidenceConcern, reportEvidenceConcern, RULING_CONFLICT } from '@/lib/evidence/concerns';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/generated/prisma/enums';

beforeEach(resetDatabase);

const queueOf = async (actor: Actor) => (await listReviewQueue({ actor, limit: 100 })).items.map((i) => i.attemptId).sort();
const digestOf = async (userId: string) => (await computeReviewerDigests()).find((d) => d.userId === userId)?.waiting ?? 0;

async function world(rules: { blockSameDistrict: boolean }) {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, ...rules } });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id });
  const district = await createOrg({ kind: 'DISTRICT' });
  const school = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  const otherSchool = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  const otherDistrict = await createOrg({ kind: 'DISTRICT' });
  const farSchool = await createOrg({ kind: 'SCHOOL', parentId: otherDistrict.id });
  // Public mailboxes throughout: the email-domain rule cannot catch anyone here.
  const principal = await createActor({ email: 'principal@gmail.com', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
  const leader = await createActor({ email: 'leader@gmail.com', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  /** A teacher placed at `at` (a school of `district`) who reviews for the issuer. */
  const teacherAt = (email: string, at: { id: string; parentId: string | null }) =>
    createQualifiedReviewer({ email, schoolId: at.id, districtId: at.parentId ?? undefined, issuerId: issuer.id, otherRoles: [{ role: 'TEACHER', organizationId: at.id }], microCredentialIds: mc.id, grantedById: admin.id });
  return { issuer, mc, admin, district, school, otherSchool, farSchool, principal, leader, teacherAt };
}

/** `r` may not see, claim or be given the attempt. */
async function expectKeptFrom(r: Actor, attemptId: string, admin: Actor, reason: RegExp) {
  expect(await queueOf(r)).toEqual([]);
  await expect(claimReview({ actor: r, attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(reason) });
  await expect(assignReview({ actor: admin, attemptId, reviewerId: r.id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(reason) });
  expect(await digestOf(r.id)).toBe(0);
}

/** `r` sees the attempt, may claim it, and may be given it. */
async function expectOpenTo(r: Actor, attemptId: string, admin: Actor) {
  expect(await queueOf(r)).toEqual([attemptId]);
  expect(await digestOf(r.id)).toBe(1);
  const { reviewId } = await claimReview({ actor: r, attemptId });
  await releaseReview({ actor: r, reviewId });
  await expect(assignReview({ actor: admin, attemptId, reviewerId: r.id })).resolves.toMatchObject({ reviewId: expect.any(String) });
}

describe('a principal’s own work', () => {
  it('is kept from the teachers of their school, whatever the issuer’s rules, not from another school’s', async () => {
    const w = await world({ blockSameDistrict: false });
    const attemptId = await createWaitingAttempt(w.principal, w.mc.id);
    const colleague = await w.teacherAt('colleague@gmail.com', w.school);
    const neighbour = await w.teacherAt('neighbour@gmail.com', w.otherSchool);
    await expectKeptFrom(colleague, attemptId, w.admin, /own school|teacher’s school/);
    await expectOpenTo(neighbour, attemptId, w.admin);
    expect(await db.review.count({ where: { reviewerId: colleague.id } })).toBe(0);
  });

  it('is kept from every teacher of the school’s district where the issuer blocks same-district reviewing', async () => {
    const w = await world({ blockSameDistrict: true });
    const attemptId = await createWaitingAttempt(w.principal, w.mc.id);
    // The principal has no district of their own: the school's district is theirs through the role.
    const neighbour = await w.teacherAt('neighbour@gmail.com', w.otherSchool);
    const faraway = await w.teacherAt('faraway@gmail.com', w.farSchool);
    await expectKeptFrom(neighbour, attemptId, w.admin, /own district|teacher’s district/);
    await expectOpenTo(faraway, attemptId, w.admin);
  });

  it('is kept from the school’s teachers even where the issuer blocks nothing it may choose', async () => {
    // Issuers once could allow reviewing colleagues at one's school (blockSameSchool, off by default); no longer.
    const w = await world({ blockSameDistrict: false });
    const attemptId = await createWaitingAttempt(w.principal, w.mc.id);
    const colleague = await w.teacherAt('colleague@gmail.com', w.school);
    await expectKeptFrom(colleague, attemptId, w.admin, /own school|teacher’s school/);
    expect(await db.review.count({ where: { reviewerId: colleague.id } })).toBe(0);
  });
});

describe('a district leader’s own work', () => {
  it('is kept from the teachers of the district’s schools where the issuer blocks same-district reviewing, not from another district’s', async () => {
    const w = await world({ blockSameDistrict: true });
    const attemptId = await createWaitingAttempt(w.leader, w.mc.id);
    const inDistrict = await w.teacherAt('teacher@gmail.com', w.school);
    const faraway = await w.teacherAt('faraway@gmail.com', w.farSchool);
    await expectKeptFrom(inDistrict, attemptId, w.admin, /own district|teacher’s district/);
    await expectOpenTo(faraway, attemptId, w.admin);
  });

  it('is not kept from the district’s teachers by the same-school rule alone: a district leader belongs to no school', async () => {
    const w = await world({ blockSameDistrict: false });
    const attemptId = await createWaitingAttempt(w.leader, w.mc.id);
    await expectOpenTo(await w.teacherAt('teacher@gmail.com', w.school), attemptId, w.admin);
  });
});

describe('settling a principal’s double-scored work', () => {
  it('is neither offered to nor allowed for an admin who teaches at the principal’s school', async () => {
    const w = await makeReviewWorld({ doubleScoreRate: 1 });
    const school = await createOrg({ kind: 'SCHOOL' });
    const principal = await createActor({ email: 'principal@gmail.com', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
    const sameSchoolAdmin = await createActor({ email: 'admin@gmail.com', schoolId: school.id, roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const [ann, bob] = [await w.reviewer(), await w.reviewer()];
    const attemptId = await submitTextAttempt(w, principal);
    await scoreAttempt(w, ann, attemptId, 'PRIMARY', [3, 3]);
    expect((await scoreAttempt(w, bob, attemptId, 'SECOND', [1, 1])).outcome).toBe('NEEDS_ADJUDICATION');
    const notices = (userId: string) => db.notification.count({ where: { userId, kind: 'review.adjudication' } });
    expect(await notices(sameSchoolAdmin.id)).toBe(0);
    expect(await notices(w.admin.id)).toBe(1);
    await expect(claimReview({ actor: sameSchoolAdmin, attemptId, kind: 'ADJUDICATION' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/own school/) });
    await expect(claimReview({ actor: w.admin, attemptId, kind: 'ADJUDICATION' })).resolves.toBeTruthy();
  });
});

describe('a concern about a principal’s evidence', () => {
  it('is not for an admin who teaches at the principal’s school to decide', async () => {
    const w = await world({ blockSameDistrict: false });
    const attemptId = await createWaitingAttempt(w.principal, w.mc.id);
    const reviewer = await w.teacherAt('faraway@gmail.com', w.farSchool);
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    const { concernId } = await reportEvidenceConcern({ actor: reviewer, reviewId, fileId: null, reason: 'OTHER', note: 'A student’s full name is in the reflection.' });
    const colleagueAdmin = await createActor({ email: 'cora@gmail.com', schoolId: w.school.id, districtId: w.district.id, roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const submissionId = (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true } })).submissionId;
    expect((await getSubmissionRecord({ actor: colleagueAdmin, submissionId }))?.concernRulingRefusal).toBe(RULING_CONFLICT);
    await expect(closeEvidenceConcern({ actor: colleagueAdmin, concernId, note: 'Fine.' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: RULING_CONFLICT });
    expect((await getSubmissionRecord({ actor: w.admin, submissionId }))?.concernRulingRefusal).toBeNull();
    await expect(closeEvidenceConcern({ actor: w.admin, concernId, note: 'Fine.' })).resolves.toBeTruthy();
  });
});

describe('the queue’s SQL and the policy agree', () => {
  it('on who may take whose work, for every mix of placement, former placement and roles on either side', async () => {
    const d1 = await createOrg({ kind: 'DISTRICT' });
    const d2 = await createOrg({ kind: 'DISTRICT' });
    const s1 = await createOrg({ kind: 'SCHOOL', parentId: d1.id });
    const s2 = await createOrg({ kind: 'SCHOOL', parentId: d1.id });
    const s3 = await createOrg({ kind: 'SCHOOL', parentId: d2.id });
    const lone = await createOrg({ kind: 'SCHOOL' });
    const issuers = await Promise.all(
      [false, true].map((blockSameDistrict) => createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, blockSameDistrict } })),
    );
    const mcs = await Promise.all(issuers.map(async (issuer) => (await createPublishedCredential({ issuerId: issuer.id })).mc));
    type Person = { schoolId?: string; districtId?: string; roles?: { role: Role; organizationId: string }[]; movedFrom?: { schoolId: string; districtId: string; daysAgo: number } };
    let n = 0;
    const person = async (p: Person, extraRoles: { role: Role; organizationId: string }[] = []) => {
      const a = await createActor({ email: `p${n++}@gmail.com`, schoolId: p.movedFrom?.schoolId ?? p.schoolId, districtId: p.movedFrom?.districtId ?? p.districtId, roles: [...(p.roles ?? []), ...extraRoles] });
      if (p.movedFrom) {
        // Left: the database keeps the placement they left (ADR 019), dated now unless told otherwise.
        await db.user.update({ where: { id: a.id }, data: { schoolId: null, districtId: null } });
        if (p.movedFrom.daysAgo) await db.user.update({ where: { id: a.id }, data: { placementChangedAt: new Date(Date.now() - p.movedFrom.daysAgo * 86_400_000) } });
      }
      return (await loadActor(a.id))!;
    };
    const kinds: Person[] = [
      { schoolId: s1.id, districtId: d1.id, roles: [{ role: 'TEACHER', organizationId: s1.id }] },
      { schoolId: s2.id, districtId: d1.id },
      { schoolId: s3.id, districtId: d2.id },
      { districtId: d1.id },
      { roles: [{ role: 'SCHOOL_LEADER', organizationId: s1.id }] },
      { roles: [{ role: 'SCHOOL_LEADER', organizationId: s2.id }] },
      { roles: [{ role: 'SCHOOL_LEADER', organizationId: lone.id }] },
      { roles: [{ role: 'DISTRICT_LEADER', organizationId: d1.id }] },
      { roles: [{ role: 'DISTRICT_LEADER', organizationId: d2.id }] },
      { schoolId: s3.id, districtId: d2.id, roles: [{ role: 'SCHOOL_LEADER', organizationId: s1.id }] },
      { movedFrom: { schoolId: s1.id, districtId: d1.id, daysAgo: 0 } },
      { movedFrom: { schoolId: s2.id, districtId: d1.id, daysAgo: FORMER_PLACEMENT_DAYS + 1 } },
      { schoolId: lone.id },
      {},
    ];
    const teachers: Actor[] = [];
    for (const k of kinds) teachers.push(await person(k));
    const attempts: string[] = [];
    for (const t of teachers) for (const mc of mcs) attempts.push(await createWaitingAttempt(t, mc.id));
    const reviewers: Actor[] = [];
    for (const k of kinds) {
      const r = await person(k, issuers.map((i) => ({ role: 'REVIEWER' as const, organizationId: i.id })));
      await db.reviewerQualification.createMany({ data: mcs.map((mc) => ({ userId: r.id, microCredentialId: mc.id, grantedById: r.id })) });
      reviewers.push(r);
    }

    const loaded = await Promise.all(attempts.map(async (id) => (await loadAttemptForReview(id))!));
    const digests = new Map((await computeReviewerDigests()).map((d) => [d.userId, d.waiting]));
    const denials = new Set<string>();
    for (const r of reviewers) {
      const verdicts = loaded.map((a) => ({ id: a.id, denial: conflictOfInterest(r, teacherOf(a), a.submission.microCredential.issuer) }));
      for (const v of verdicts) if (v.denial) denials.add(v.denial);
      const allowed = verdicts.filter((v) => !v.denial).map((v) => v.id).sort();
      expect(await queueOf(r), `queue of reviewer ${reviewers.indexOf(r)}`).toEqual(allowed);
      expect(digests.get(r.id) ?? 0, `digest of reviewer ${reviewers.indexOf(r)}`).toBe(allowed.length);
    }
    // Not agreement on nothing: both rules refused someone, and leaders' own work was refused to someone.
    expect([...denials].sort()).toEqual(['SAME_DISTRICT', 'SAME_SCHOOL']);
    const leadersWork = loaded.filter((a) => [teachers[4].id, teachers[7].id].includes(a.submission.userId));
    expect(reviewers.some((r) => leadersWork.some((a) => conflictOfInterest(r, teacherOf(a), a.submission.microCredential.issuer)))).toBe(true);
  });
});
