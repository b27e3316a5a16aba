// A double-scored attempt returned for revision: the teacher reads the feedback of every review
// that made the decision, and the revision keeps only parts that passed in each of them.
import { beforeEach, describe, expect, it } from 'vitest';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '@/tests/factories';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { getApplication } from '@/lib/submissions/queries';
import type { ReviewKind } from '@/lib/generated/prisma/enums';

beforeEach(resetDatabase);

type World = Awaited<ReturnType<typeof makeWorld>>;

async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { doubleScoreRate: 1 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const reviewer = (name: string) => createQualifiedReviewer({ name, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const [contextPart, reflectionPart] = version.parts.map((p) => p.id);
  return { mc, version, admin, contextPart, reflectionPart, ann: await reviewer('Ann Primary'), bob: await reviewer('Bob Second') };
}

async function submitText(w: World, teacher: Actor) {
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  return { submissionId, attemptId: attempt.id };
}

/** Scores [context, reflection] at the given ranks; criteria below the passing level get `feedback`. */
async function score(w: World, actor: Actor, attemptId: string, kind: ReviewKind, ranks: [number, number], feedback: string) {
  const { reviewId } = await claimReview({ actor, attemptId, kind });
  const version = (await db.review.findUniqueOrThrow({ where: { id: reviewId } })).version;
  const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).version;
  const scores = w.version.criteria.map((c, i) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === ranks[i])!.id, feedback: ranks[i] < 2 ? feedback : '' }));
  return submitReview({ actor, reviewId, version, attemptVersion, scores, overallComment: `Overall: ${feedback}` });
}

async function carriedParts(w: World, attemptId: string) {
  const rows = await db.partResponse.findMany({ where: { attemptId }, select: { partId: true, carriedOver: true } });
  return Object.fromEntries(rows.map((r) => [r.partId === w.contextPart ? 'context' : 'reflection', r.carriedOver]));
}

describe('revising a double-scored attempt', () => {
  it('both reviewers returned it on different parts: the teacher reads both, and neither part is locked', async () => {
    const w = await makeWorld();
    const teacher = await createActor();
    const { submissionId, attemptId } = await submitText(w, teacher);
    expect((await score(w, w.ann, attemptId, 'PRIMARY', [1, 3], 'Describe the class in more detail.')).outcome).toBe('AWAITING_SECOND');
    // Nothing is shown to the teacher before the decision.
    expect((await getApplication(teacher, w.mc.slug))!.submission!.attempts[0].reviews).toEqual([]);
    expect((await score(w, w.bob, attemptId, 'SECOND', [3, 1], 'Say what students did next.')).outcome).toBe('RETURNED');

    const view = await getApplication(teacher, w.mc.slug);
    const reviews = view!.submission!.attempts[0].reviews;
    expect(reviews.map((r) => r.label)).toEqual(['Reviewer 1', 'Reviewer 2']);
    expect(reviews.map((r) => r.overallComment)).toEqual(['Overall: Describe the class in more detail.', 'Overall: Say what students did next.']);
    expect(reviews.flatMap((r) => r.scores.map((s) => s.feedback)).filter(Boolean).sort()).toEqual(['Describe the class in more detail.', 'Say what students did next.']);
    // Who the reviewers are is never part of the teacher's view.
    expect(JSON.stringify(reviews)).not.toMatch(/Ann|Bob|reviewerId|email/);

    const { attemptId: next } = await startRevision({ actor: teacher, submissionId });
    expect(await carriedParts(w, next)).toEqual({ context: false, reflection: false });
    // The teacher can act on both reviewers' feedback.
    await saveResponse({ actor: teacher, attemptId: next, partId: w.contextPart, text: 'Grade 7, 28 students, four English learners.', links: [], revision: 1 });
    await saveResponse({ actor: teacher, attemptId: next, partId: w.reflectionPart, text: 'Students rewrote their conclusions.', links: [], revision: 1 });
  });

  it('both reviewers returned the same part: the part both passed is locked', async () => {
    const w = await makeWorld();
    const teacher = await createActor();
    const { submissionId, attemptId } = await submitText(w, teacher);
    await score(w, w.ann, attemptId, 'PRIMARY', [3, 1], 'Reflect on what students did.');
    await score(w, w.bob, attemptId, 'SECOND', [2, 0], 'There is no reflection yet.');
    const { attemptId: next } = await startRevision({ actor: teacher, submissionId });
    expect(await carriedParts(w, next)).toEqual({ context: true, reflection: false });
  });

  it('after a disagreement, the adjudication alone is the decision the teacher reads and the revision follows', async () => {
    const w = await makeWorld();
    const teacher = await createActor();
    const { submissionId, attemptId } = await submitText(w, teacher);
    await score(w, w.ann, attemptId, 'PRIMARY', [3, 3], '');
    expect((await score(w, w.bob, attemptId, 'SECOND', [1, 3], 'Context is thin.')).outcome).toBe('NEEDS_ADJUDICATION');
    expect((await getApplication(teacher, w.mc.slug))!.submission!.attempts[0].reviews).toEqual([]);
    expect((await score(w, w.admin, attemptId, 'ADJUDICATION', [3, 1], 'The reflection needs what students did.')).outcome).toBe('RETURNED');

    const reviews = (await getApplication(teacher, w.mc.slug))!.submission!.attempts[0].reviews;
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ label: null, decision: 'REVISE', overallComment: 'Overall: The reflection needs what students did.' });
    const { attemptId: next } = await startRevision({ actor: teacher, submissionId });
    expect(await carriedParts(w, next)).toEqual({ context: true, reflection: false });
  });
});
