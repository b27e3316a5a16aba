// A placement move (a leader places a teacher at another school or confirms them into the district, an
// invitation is accepted, a teacher leaves) can put a reviewer in the same school or district as a
// teacher whose work they hold, on either side. The claims the move makes disallowed go back to the
// queue as soon as the move commits, judged and told exactly as by the hourly sweep
// (releaseClaimsNoLongerAllowed), not up to an hour later; claims the move leaves allowed are kept.
// Real Postgres, through the real move functions.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createQualifiedReviewer, invitationTokenFor } from '../factories';
import { makeReviewWorld, submitTextAttempt, type ReviewWorld } from '../factories/review-world';
import { claimReview } from '@/lib/review/mutations';
import { releaseClaimsNoLongerAllowed } from '@/lib/review/claims';
import { removeTeacherFromDistrict, setTeacherSchool } from '@/lib/district/people';
import { decideDistrictRequest, decideDistrictRequests, leaveDistrict, requestDistrict } from '@/lib/district/requests';
import { acceptInvitation, inviteMember } from '@/lib/people/mutations';

beforeEach(resetDatabase);

const SAME_SCHOOL = 'you and the teacher are now at the same school, and colleagues never review each other’s work';
const SAME_DISTRICT = 'you and the teacher are now in the same district, which this issuer does not allow';

const statusOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status;
const releaseOf = async (reviewId: string) => {
  const e = await db.auditLog.findFirst({ where: { action: 'review.release', entityType: 'Review', entityId: reviewId }, select: { actorId: true, data: true } });
  return e ? { actorId: e.actorId, reason: (e.data as { reason?: string }).reason ?? null } : null;
};
const toldOf = (userId: string) => db.notification.findMany({ where: { userId, kind: 'review.released' }, select: { title: true, body: true, href: true } });
const submissionStatusOf = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submission: { select: { status: true } } } })).submission.status;

/**
 * District D with schools North and South, and district E with school East; their leaders. Two
 * issuers whose rules are `rules` (blockSameDistrict; the same school is always refused), a credential each (`w`,
 * `w2`: one teacher's work for each at once), and a teacher of each school: Nia (North), Eve (East),
 * and Otto at no school or district at all.
 */
async function world(rules: { blockSameDistrict: boolean }) {
  const d = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const north = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: d.id });
  const south = await createOrg({ kind: 'SCHOOL', name: 'South Elementary', parentId: d.id });
  const e = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const east = await createOrg({ kind: 'SCHOOL', name: 'East Middle', parentId: e.id });
  const leaderD = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: d.id }] });
  const leaderE = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: e.id }] });
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30, ...rules });
  const w2 = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30, ...rules });
  const nia = await createActor({ name: 'Nia North', districtId: d.id, schoolId: north.id, roles: [{ role: 'TEACHER', organizationId: north.id }] });
  const eve = await createActor({ name: 'Eve East', districtId: e.id, schoolId: east.id, roles: [{ role: 'TEACHER', organizationId: east.id }] });
  const otto = await createActor({ name: 'Otto Out' });
  return { d, north, south, e, east, leaderD, leaderE, w, w2, nia, eve, otto };
}

/** A reviewer of the world's issuer, qualified for its credential, placed as `place` says (a teacher role there, as the district's pages keep it). */
async function reviewer(w: ReviewWorld, place: { email?: string; districtId?: string; schoolId?: string } = {}): Promise<Actor> {
  const at = place.schoolId ?? place.districtId;
  return createQualifiedReviewer({ ...place, issuerId: w.issuer.id, otherRoles: at ? [{ role: 'TEACHER', organizationId: at }] : [], microCredentialIds: w.mc.id, grantedById: w.admin.id });
}

/** `actor` claims `teacher`'s submitted work: the claim's review and attempt. */
async function claimWorkOf(w: ReviewWorld, actor: Actor, teacher: Actor) {
  const attemptId = await submitTextAttempt(w, teacher);
  return { attemptId, reviewId: (await claimReview({ actor, attemptId })).reviewId };
}

describe('a leader placing a teacher at a school', () => {
  it('gives back at once the claims the move made disallowed, of the moved reviewer, and keeps the rest', async () => {
    const x = await world({ blockSameDistrict: false });
    // Rae teaches in D district-wide and reviews; she holds Nia's work (North) and Otto's.
    const rae = await reviewer(x.w, { districtId: x.d.id });
    const onNia = await claimWorkOf(x.w, rae, x.nia);
    const onOtto = await claimWorkOf(x.w, rae, x.otto);
    // Lee's claim lapsed for another reason (his grant removed by hand): the hourly sweep's, not the moves'.
    const lee = await reviewer(x.w2);
    const leeOnOtto = await claimWorkOf(x.w2, lee, x.otto);
    await db.reviewerQualification.deleteMany({ where: { userId: lee.id } });

    // Placed at South: no school of hers is Nia's, and the issuer does not mind the district.
    expect(await setTeacherSchool({ actor: x.leaderD, districtId: x.d.id, userId: rae.id, schoolId: x.south.id })).toEqual({ changed: true });
    expect(await statusOf(onNia.reviewId)).toBe('CLAIMED');
    expect(await statusOf(onOtto.reviewId)).toBe('CLAIMED');
    expect(await toldOf(rae.id)).toEqual([]);

    // Placed at North, Nia's school: that claim goes back now, with the sweep's reason and notice.
    await setTeacherSchool({ actor: x.leaderD, districtId: x.d.id, userId: rae.id, schoolId: x.north.id });
    expect(await statusOf(onNia.reviewId)).toBe('RELEASED');
    expect(await releaseOf(onNia.reviewId)).toEqual({ actorId: null, reason: SAME_SCHOOL });
    expect(await submissionStatusOf(onNia.attemptId)).toBe('SUBMITTED');
    expect(await statusOf(onOtto.reviewId)).toBe('CLAIMED');
    const told = await toldOf(rae.id);
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain(`returned to the queue (${SAME_SCHOOL})`);
    expect(told[0].href).toBe('/review');
    // Only the moved person's claims were judged: Lee's is left for the hourly sweep.
    expect(await statusOf(leeOnOtto.reviewId)).toBe('CLAIMED');
    expect(await releaseClaimsNoLongerAllowed()).toBe(1);
    expect(await statusOf(leeOnOtto.reviewId)).toBe('RELEASED');
  });

  it('gives back other reviewers’ claims on the moved teacher’s own work', async () => {
    const x = await world({ blockSameDistrict: false });
    const sol = await reviewer(x.w, { districtId: x.d.id, schoolId: x.south.id });
    const ray = await reviewer(x.w2);
    const bySol = await claimWorkOf(x.w, sol, x.nia);
    const byRay = await claimWorkOf(x.w2, ray, x.nia);

    // Nia moves to South, Sol's school: Sol's claim on her work goes; Ray, unplaced, keeps his.
    await setTeacherSchool({ actor: x.leaderD, districtId: x.d.id, userId: x.nia.id, schoolId: x.south.id });
    expect(await statusOf(bySol.reviewId)).toBe('RELEASED');
    expect(await releaseOf(bySol.reviewId)).toEqual({ actorId: null, reason: SAME_SCHOOL });
    expect(await toldOf(sol.id)).toHaveLength(1);
    expect(await statusOf(byRay.reviewId)).toBe('CLAIMED');
    expect(await toldOf(ray.id)).toEqual([]);
    expect(await submissionStatusOf(bySol.attemptId)).toBe('SUBMITTED');
    expect(await submissionStatusOf(byRay.attemptId)).toBe('IN_REVIEW');
  });
});

describe('joining a district', () => {
  it('a confirmed request gives back the claims on the district’s teachers’ work, and not the others', async () => {
    const x = await world({ blockSameDistrict: true });
    const rae = await reviewer(x.w);
    const onEve = await claimWorkOf(x.w, rae, x.eve);
    const onNia = await claimWorkOf(x.w, rae, x.nia);

    await requestDistrict({ actor: rae, districtId: x.e.id });
    // Only asking places nobody.
    expect(await statusOf(onEve.reviewId)).toBe('CLAIMED');
    await decideDistrictRequest({ actor: x.leaderE, districtId: x.e.id, userId: rae.id, decision: 'confirm' });
    expect(await statusOf(onEve.reviewId)).toBe('RELEASED');
    expect(await releaseOf(onEve.reviewId)).toEqual({ actorId: null, reason: SAME_DISTRICT });
    expect(await statusOf(onNia.reviewId)).toBe('CLAIMED');
    expect(await toldOf(rae.id)).toHaveLength(1);
  });

  it('a declined request moves nobody and gives nothing back', async () => {
    const x = await world({ blockSameDistrict: true });
    const rae = await reviewer(x.w);
    const onEve = await claimWorkOf(x.w, rae, x.eve);
    await requestDistrict({ actor: rae, districtId: x.e.id });
    await decideDistrictRequest({ actor: x.leaderE, districtId: x.e.id, userId: rae.id, decision: 'decline' });
    expect(await statusOf(onEve.reviewId)).toBe('CLAIMED');
  });

  it('requests confirmed together give back each one’s disallowed claims', async () => {
    const x = await world({ blockSameDistrict: true });
    const rae = await reviewer(x.w);
    const ned = await reviewer(x.w);
    const raeOnEve = await claimWorkOf(x.w, rae, x.eve);
    const nedOnOtto = await claimWorkOf(x.w, ned, x.otto);
    // Eve's own work, held by Sol of D: Eve is not moving, so it stays.
    const sol = await reviewer(x.w2, { districtId: x.d.id });
    const solOnEve = await claimWorkOf(x.w2, sol, x.eve);
    for (const r of [rae, ned]) await requestDistrict({ actor: r, districtId: x.e.id });

    const out = await decideDistrictRequests({ actor: x.leaderE, districtId: x.e.id, userIds: [rae.id, ned.id], decision: 'confirm', schoolId: x.east.id });
    expect(out.decided.map((p) => p.id).sort()).toEqual([rae.id, ned.id].sort());
    expect(await statusOf(raeOnEve.reviewId)).toBe('RELEASED');
    expect(await statusOf(nedOnOtto.reviewId)).toBe('CLAIMED');
    expect(await statusOf(solOnEve.reviewId)).toBe('CLAIMED');
  });

  it('accepting an invitation to a school gives back the claims on that school’s work', async () => {
    const x = await world({ blockSameDistrict: false });
    const rae = await reviewer(x.w, { email: 'rae@example.org' });
    const onEve = await claimWorkOf(x.w, rae, x.eve);
    const onNia = await claimWorkOf(x.w, rae, x.nia);

    await inviteMember({ actor: x.leaderE, organizationId: x.east.id, email: 'rae@example.org', role: 'TEACHER' });
    await acceptInvitation({ token: await invitationTokenFor('rae@example.org'), actor: rae });
    expect(await statusOf(onEve.reviewId)).toBe('RELEASED');
    expect(await releaseOf(onEve.reviewId)).toEqual({ actorId: null, reason: SAME_SCHOOL });
    expect(await statusOf(onNia.reviewId)).toBe('CLAIMED');
    expect(await toldOf(rae.id)).toHaveLength(1);
  });
});

describe('leaving a district', () => {
  it('creates no conflict, so every claim is kept, whether the teacher leaves or is removed', async () => {
    const x = await world({ blockSameDistrict: true });
    const rae = await reviewer(x.w, { districtId: x.d.id, schoolId: x.south.id });
    const sol = await reviewer(x.w, { districtId: x.d.id, schoolId: x.south.id });
    const raeOnEve = await claimWorkOf(x.w, rae, x.eve);
    const solOnOtto = await claimWorkOf(x.w, sol, x.otto);

    await leaveDistrict({ actor: rae });
    await removeTeacherFromDistrict({ actor: x.leaderD, districtId: x.d.id, userId: sol.id });
    expect(await statusOf(raeOnEve.reviewId)).toBe('CLAIMED');
    expect(await statusOf(solOnOtto.reviewId)).toBe('CLAIMED');
    expect(await db.notification.count({ where: { kind: 'review.released' } })).toBe(0);
  });
});
