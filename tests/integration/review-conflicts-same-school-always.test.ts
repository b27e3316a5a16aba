// "A reviewer never scores their own or a colleague's work." Colleagues at one school never review
// each other's work, whatever the issuer: it was an issuer's setting (blockSameSchool), off unless
// turned on, so under an issuer with the default settings two teachers at one school could score
// each other, and a principal their own staff. Now there is no setting (ADR 019, 26 Nov 2026). An
// issuer created with its defaults: the queue (SQL), the claim, an admin's assignment and the
// reviewer digest all keep a school's people off its teachers' work; someone at another school of
// the same district may take it (the district is the issuer's choice, off by default).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, createWaitingAttempt } from '../factories';
import { assignReview, claimReview } from '@/lib/review/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import { computeReviewerDigests } from '@/lib/review/digest';
import { denialMessages } from '@/lib/review/policy';

beforeEach(resetDatabase);

const queueOf = async (actor: Actor) => (await listReviewQueue({ actor, limit: 100 })).items.map((i) => i.attemptId);
const digestOf = async (userId: string) => (await computeReviewerDigests()).find((d) => d.userId === userId)?.waiting ?? 0;

/**
 * An issuer with every setting at its default (none passed to createOrg), a credential of it, a
 * district with schools Lincoln and Adams, and Tess, a teacher at Lincoln, whose work waits for
 * review. Public mailboxes throughout: no email-domain rule could be what refuses anyone.
 */
async function world() {
  const issuer = await createOrg({ kind: 'ISSUER' });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id });
  const district = await createOrg({ kind: 'DISTRICT' });
  const lincoln = await createOrg({ kind: 'SCHOOL', name: 'Lincoln Middle', parentId: district.id });
  const adams = await createOrg({ kind: 'SCHOOL', name: 'Adams Middle', parentId: district.id });
  const tess = await createActor({ name: 'Tess Teacher', email: 'tess@gmail.com', schoolId: lincoln.id, districtId: district.id, roles: [{ role: 'TEACHER', organizationId: lincoln.id }] });
  const attemptId = await createWaitingAttempt(tess, mc.id);
  /** A reviewer for the issuer, qualified by an admin's grant, with `roles` and placed as `place` says. */
  const reviewer = (email: string, place: { schoolId?: string; districtId?: string }, roles: { role: 'TEACHER' | 'SCHOOL_LEADER'; organizationId: string }[] = []) =>
    createQualifiedReviewer({ email, ...place, issuerId: issuer.id, otherRoles: roles, microCredentialIds: mc.id, grantedById: admin.id });
  return { issuer, mc, admin, district, lincoln, adams, tess, attemptId, reviewer };
}

type World = Awaited<ReturnType<typeof world>>;

/** `r` is not offered the attempt, may not claim it (SAME_SCHOOL), may not be given it, and is not told of it. */
async function expectKeptOff(w: World, r: Actor) {
  expect(await queueOf(r)).toEqual([]);
  await expect(claimReview({ actor: r, attemptId: w.attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: denialMessages.SAME_SCHOOL });
  await expect(assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: r.id })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/teacher’s school/) });
  expect(await digestOf(r.id)).toBe(0);
  expect(await db.review.count({ where: { reviewerId: r.id } })).toBe(0);
}

describe('under an issuer with the default settings', () => {
  it('the issuer blocks nothing it may choose: its same-district rule is off', async () => {
    const w = await world();
    expect(await db.organization.findUniqueOrThrow({ where: { id: w.issuer.id }, select: { blockSameDistrict: true } })).toEqual({ blockSameDistrict: false });
  });

  it('a teacher at the same school, qualified to review, neither sees nor may claim a colleague’s work', async () => {
    const w = await world();
    const colleague = await w.reviewer('cole@gmail.com', { schoolId: w.lincoln.id, districtId: w.district.id }, [{ role: 'TEACHER', organizationId: w.lincoln.id }]);
    await expectKeptOff(w, colleague);
    // Someone at another school of the district may: the district is the issuer's choice.
    const neighbour = await w.reviewer('nell@gmail.com', { schoolId: w.adams.id, districtId: w.district.id }, [{ role: 'TEACHER', organizationId: w.adams.id }]);
    expect(await queueOf(neighbour)).toEqual([w.attemptId]);
    expect(await digestOf(neighbour.id)).toBe(1);
    await expect(claimReview({ actor: neighbour, attemptId: w.attemptId })).resolves.toMatchObject({ reviewId: expect.any(String) });
  });

  it('the school’s principal, who also reviews for the issuer, neither sees nor may claim their teacher’s work', async () => {
    const w = await world();
    // Leading adds a role, not a placement (ADR 016): the principal is at no school of their own.
    const principal = await w.reviewer('pat@gmail.com', {}, [{ role: 'SCHOOL_LEADER', organizationId: w.lincoln.id }]);
    await expectKeptOff(w, principal);
    const otherPrincipal = await w.reviewer('abe@gmail.com', {}, [{ role: 'SCHOOL_LEADER', organizationId: w.adams.id }]);
    expect(await queueOf(otherPrincipal)).toEqual([w.attemptId]);
  });

  it('nor the other way round: the school’s teachers do not review their principal’s own work', async () => {
    const w = await world();
    const principal = await createActor({ email: 'pat@gmail.com', roles: [{ role: 'SCHOOL_LEADER', organizationId: w.lincoln.id }] });
    const own = await createWaitingAttempt(principal, w.mc.id);
    const colleague = await w.reviewer('cole@gmail.com', { schoolId: w.lincoln.id, districtId: w.district.id }, [{ role: 'TEACHER', organizationId: w.lincoln.id }]);
    expect(await queueOf(colleague)).toEqual([]);
    await expect(claimReview({ actor: colleague, attemptId: own })).rejects.toMatchObject({ code: 'FORBIDDEN', message: denialMessages.SAME_SCHOOL });
  });
});
