// A small review world for integration tests: an issuer with one text-only credential, reviewers
// qualified for it, submitted attempts and scored reviews (through the real mutations).
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { createActor, createOrg, createPublishedCredential, qualify } from './index';
import { textOnlyDefinition } from './definitions';

export async function makeReviewWorld(issuerData: Record<string, unknown> = {}) {
  const issuer = await createOrg({ kind: 'ISSUER', data: issuerData });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  /** A reviewer of this issuer (or `roles`), qualified for the credential (or `qualifyFor`). */
  const reviewer = async (opts: { name?: string; roles?: { role: 'REVIEWER' | 'ISSUER_ADMIN'; organizationId: string }[]; schoolId?: string; qualifyFor?: string } = {}) => {
    const r = await createActor({ name: opts.name, roles: opts.roles ?? [{ role: 'REVIEWER', organizationId: issuer.id }], schoolId: opts.schoolId });
    await qualify(r.id, opts.qualifyFor ?? mc.id, admin.id);
    return r;
  };
  return { issuer, mc, version, admin, reviewer };
}

export type ReviewWorld = Awaited<ReturnType<typeof makeReviewWorld>>;

/** The teacher answers every part and submits; the attempt's id. */
export async function submitTextAttempt(w: ReviewWorld, teacher: Actor): Promise<string> {
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  return attempt.id;
}

/** `actor` claims and submits a review of `kind` with these ranks, one per criterion. */
export async function scoreAttempt(w: ReviewWorld, actor: Actor, attemptId: string, kind: ReviewKind, ranks: [number, number]) {
  const { reviewId } = await claimReview({ actor, attemptId, kind });
  const version = (await db.review.findUniqueOrThrow({ where: { id: reviewId } })).version;
  const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).version;
  const scores = w.version.criteria.map((c, i) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === ranks[i])!.id, feedback: 'Say more about what students did.' }));
  return { reviewId, ...(await submitReview({ actor, reviewId, version, attemptVersion, scores, overallComment: 'Thanks.' })) };
}

/**
 * An issuer, with the admins whose ties the admin pages must respect: Ada is one of its admins and
 * applies for its credential; Cal is an admin at Tess's school (`school`), so a colleague of hers
 * (the same school is always a conflict of interest); Sam is an admin who also scores; Rae and Finn are reviewers. `disagree(teacher,
 * second)` sends the teacher's work, which Rae fails and `second` passes, so it waits for
 * adjudication; it returns the attempt's id. `doubleScoreRate` is the issuer's setting (disagree marks
 * its attempt for a second score either way).
 */
export async function makeConflictedAdminWorld(opts: { doubleScoreRate: number }) {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: opts.doubleScoreRate });
  const school = await createOrg({ kind: 'SCHOOL' });
  const rae = await w.reviewer({ name: 'Rae Reviewer' });
  const finn = await w.reviewer({ name: 'Finn Second' });
  const sam = await w.reviewer({ name: 'Sam Scorer-Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
  const ada = await createActor({ name: 'Ada Admin-Teacher', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
  const cal = await createActor({ name: 'Cal Colleague', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: school.id });
  const tess = await createActor({ name: 'Tess Teacher', schoolId: school.id });
  const disagree = async (teacher: Actor, second: Actor) => {
    const attemptId = await submitTextAttempt(w, teacher);
    await db.attempt.update({ where: { id: attemptId }, data: { doubleScore: true } });
    await scoreAttempt(w, rae, attemptId, 'PRIMARY', [0, 0]);
    await scoreAttempt(w, second, attemptId, 'SECOND', [3, 3]);
    const { needsAdjudication } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { needsAdjudication: true } });
    if (!needsAdjudication) throw new Error('the two scores should disagree');
    return attemptId;
  };
  return { ...w, school, rae, finn, sam, ada, cal, tess, disagree };
}
