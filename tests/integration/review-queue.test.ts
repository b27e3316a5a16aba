import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { listReviewQueue } from '@/lib/review/queries';

beforeEach(resetDatabase);

async function world(issuerSettings: Record<string, unknown> = {}) {
  const district = await createOrg({ kind: 'DISTRICT' });
  const school = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  const otherSchool = await createOrg({ kind: 'SCHOOL', parentId: district.id });
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, ...issuerSettings } });
  const { mc } = await createPublishedCredential({ issuerId: issuer.id });
  const reviewer = await createActor({ name: 'Rev', schoolId: school.id, districtId: district.id, roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  await db.reviewerQualification.create({ data: { userId: reviewer.id, microCredentialId: mc.id, grantedById: reviewer.id } });
  return { district, school, otherSchool, issuer, mc, reviewer };
}

async function submitted(mcId: string, teacher: Awaited<ReturnType<typeof createActor>>, submittedAt: Date) {
  const sub = await startApplication({ actor: teacher, microCredentialId: mcId });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  await db.attempt.update({ where: { id: attempt.id }, data: { status: 'SUBMITTED', submittedAt, dueAt: new Date(submittedAt.getTime() + 20 * 86_400_000) } });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'SUBMITTED', lastSubmittedAt: submittedAt } });
  return attempt.id;
}

describe('review queue', () => {
  it('marks a renewal (the teacher held this badge before), so the reviewer knows what they are judging', async () => {
    const w = await world();
    const first = await submitted(w.mc.id, await createActor(), new Date(Date.UTC(2026, 0, 1)));
    const teacher = await createActor();
    const earlier = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
    await db.submission.update({ where: { id: earlier.id }, data: { status: 'EARNED' } });
    const renewal = await db.submission.create({ data: { userId: teacher.id, microCredentialId: w.mc.id, versionId: w.mc.currentVersionId!, cycle: 2, status: 'SUBMITTED', attempts: { create: { number: 1, status: 'SUBMITTED', submittedAt: new Date(Date.UTC(2026, 0, 2)) } } }, select: { attempts: { select: { id: true } } } });
    const { items } = await listReviewQueue({ actor: w.reviewer });
    expect(items.map((i) => [i.attemptId, i.renewal])).toEqual([[first, false], [renewal.attempts[0].id, true]]);
  });

  it('lists what the reviewer may score, oldest first, across pages, without their own work', async () => {
    const w = await world();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await submitted(w.mc.id, await createActor(), new Date(Date.UTC(2026, 0, 10 - i))));
    await submitted(w.mc.id, w.reviewer, new Date(Date.UTC(2025, 0, 1)));
    const p1 = await listReviewQueue({ actor: w.reviewer, limit: 3 });
    const p2 = await listReviewQueue({ actor: w.reviewer, limit: 3, cursor: p1.nextCursor! });
    expect([...p1.items, ...p2.items].map((i) => i.attemptId)).toEqual([...ids].reverse());
    expect(p2.nextCursor).toBeNull();
    expect((await listReviewQueue({ actor: w.reviewer, olderThanDays: 366, now: new Date(Date.UTC(2027, 0, 8)) })).items.map((i) => i.attemptId)).toEqual([ids[4], ids[3]]);
  });

  it('still fills the page when many of the oldest attempts are taken (batches, then one query for the rest)', async () => {
    const w = await world();
    const other = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    // 130 waiting attempts: the 125 oldest have a live claim by someone else, more than the four
    // batches of candidates the queue reads before it asks for the rest in one query.
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) ids.push(await submitted(w.mc.id, await createActor(), new Date(Date.UTC(2026, 0, 1, 0, i))));
    await db.review.createMany({ data: ids.slice(0, 125).map((attemptId) => ({ attemptId, reviewerId: other.id, claimExpiresAt: new Date(Date.now() + 3_600_000) })) });
    // The copy of the credential the queue's index reads is filled in by the database.
    expect(await db.attempt.count({ where: { id: { in: ids }, microCredentialId: w.mc.id } })).toBe(130);

    const p1 = await listReviewQueue({ actor: w.reviewer, limit: 3 });
    expect(p1.items.map((i) => i.attemptId)).toEqual(ids.slice(125, 128));
    // The credential filter's counts: every undecided submitted attempt, claimed or not.
    expect(p1.submitted.get(w.mc.id)).toBe(130);
    expect((await listReviewQueue({ actor: w.reviewer, kind: 'SECOND' })).submitted.size).toBe(0);
    const p2 = await listReviewQueue({ actor: w.reviewer, limit: 3, cursor: p1.nextCursor! });
    expect(p2.items.map((i) => i.attemptId)).toEqual(ids.slice(128, 130));
    expect(p2.nextCursor).toBeNull();
    // Claims expire: the oldest come back first, across the batches.
    await db.review.updateMany({ data: { claimExpiresAt: new Date(Date.now() - 1000) } });
    expect((await listReviewQueue({ actor: w.reviewer, limit: 2 })).items.map((i) => i.attemptId)).toEqual(ids.slice(0, 2));
  });

  it('hides work from the reviewer’s own school whatever the issuer, and from their district only when the issuer blocks it', async () => {
    const open = await world();
    const teacher = await createActor({ schoolId: open.school.id, districtId: open.district.id });
    await submitted(open.mc.id, teacher, new Date(Date.UTC(2026, 0, 1)));
    const neighbour = await submitted(open.mc.id, await createActor({ schoolId: open.otherSchool.id, districtId: open.district.id }), new Date(Date.UTC(2026, 0, 2)));
    expect((await listReviewQueue({ actor: open.reviewer })).items.map((i) => i.attemptId)).toEqual([neighbour]);

    const strict = await world();
    const colleague = await createActor({ schoolId: strict.school.id, districtId: strict.district.id });
    const elsewhere = await createActor({ schoolId: strict.otherSchool.id, districtId: strict.district.id });
    await submitted(strict.mc.id, colleague, new Date(Date.UTC(2026, 0, 1)));
    const b = await submitted(strict.mc.id, elsewhere, new Date(Date.UTC(2026, 0, 2)));
    expect((await listReviewQueue({ actor: strict.reviewer })).items.map((i) => i.attemptId)).toEqual([b]);

    // A teacher with no school (or no district) is in no conflict: their work stays in the queue.
    const schoolless = await submitted(strict.mc.id, await createActor({ districtId: strict.district.id }), new Date(Date.UTC(2026, 0, 3)));
    expect((await listReviewQueue({ actor: strict.reviewer })).items.map((i) => i.attemptId)).toEqual([b, schoolless]);

    const district = await world({ blockSameDistrict: true });
    await submitted(district.mc.id, await createActor({ schoolId: district.otherSchool.id, districtId: district.district.id }), new Date());
    expect((await listReviewQueue({ actor: district.reviewer })).items).toHaveLength(0);
    const unlinked = await submitted(district.mc.id, await createActor(), new Date());
    expect((await listReviewQueue({ actor: district.reviewer })).items.map((i) => i.attemptId)).toEqual([unlinked]);
  });

  it('hides attempts with a live claim by someone else, shows them again once the claim expires', async () => {
    const w = await world();
    const a = await submitted(w.mc.id, await createActor(), new Date());
    const other = await createActor();
    const review = await db.review.create({ data: { attemptId: a, reviewerId: other.id, status: 'CLAIMED', claimExpiresAt: new Date(Date.now() + 3600_000) } });
    expect((await listReviewQueue({ actor: w.reviewer })).items).toHaveLength(0);
    await db.review.update({ where: { id: review.id }, data: { claimExpiresAt: new Date(Date.now() - 1000) } });
    expect((await listReviewQueue({ actor: w.reviewer })).items.map((i) => i.attemptId)).toEqual([a]);
  });

  it('offers second scoring of sampled attempts only to someone other than the first reviewer', async () => {
    const w = await world();
    const a = await submitted(w.mc.id, await createActor(), new Date());
    await db.attempt.update({ where: { id: a }, data: { doubleScore: true } });
    const first = await createActor();
    await db.review.create({ data: { attemptId: a, reviewerId: first.id, status: 'SUBMITTED', decision: 'PASS', submittedAt: new Date(), claimExpiresAt: new Date() } });
    expect((await listReviewQueue({ actor: w.reviewer })).items).toHaveLength(0);
    expect((await listReviewQueue({ actor: w.reviewer, kind: 'SECOND' })).items.map((i) => i.attemptId)).toEqual([a]);
  });
});
