// A reviewer who loses the right to score work they hold (the badge that qualified them revoked or
// suspended, a conflict of interest that appeared, calibration asked for again) does not keep the
// claim, nor the teacher's evidence, until the claim runs out (an assigned one runs to the
// deadline, up to two weeks): the claim goes back to the queue with why, and the evidence closes.
import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { resetDatabase } from '../setup/db';
import { errorOf } from '../setup/actions';
import { createActor, createEarnedAward, createOrg, createPublishedCredential, createQualifiedReviewer, qualify, sampleDefinition } from '../factories';
import { makeReviewWorld, submitTextAttempt } from '../factories/review-world';
import { claimReview, saveReviewDraft } from '@/lib/review/mutations';
import { claimEndText, getClaimEnd, keepClaim, releaseClaimsNoLongerAllowed } from '@/lib/review/claims';
import { getReviewWorkspace } from '@/lib/review/queries';
import { canViewAttemptEvidence } from '@/lib/evidence/access';
import { revokeAward, suspendAward } from '@/lib/awards/revoke';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { createExemplar, ExemplarInput } from '@/lib/review/exemplars';
import { submitCalibration } from '@/lib/review/calibration';
import type { MicroCredentialDef } from '@/lib/authoring/schemas';

beforeEach(async () => {
  await resetDatabase();
});

async function world() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, claimMinutes: 30 });
  /** A reviewer of the issuer qualified for the credential by holding its badge only (no admin grant). */
  const earner = async () => {
    const r = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    const award = await createEarnedAward(r, w.mc, { level: 1, issuedAt: '2026-01-10T10:00:00Z' });
    return { reviewer: r, award };
  };
  return { ...w, earner };
}

type World = Awaited<ReturnType<typeof world>>;

/** The evidence access check as the file route asks it, for the attempt's files. */
async function mayOpenFiles(actor: Actor, attemptId: string) {
  const a = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, submission: { select: { userId: true, microCredential: { select: { issuerId: true } } } } } });
  return canViewAttemptEvidence(actor, { id: attemptId, ownerId: a.submission.userId, issuerId: a.submission.microCredential.issuerId, status: a.status });
}

const statusOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status;
const releaseEntry = (reviewId: string) => db.auditLog.findFirst({ where: { action: 'review.release', entityType: 'Review', entityId: reviewId }, select: { actorId: true, data: true } });
const submissionStatusOf = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submission: { select: { status: true } } } })).submission.status;

/** A reviewer holding a claim sees the teacher's answers and may open the files. */
async function expectEvidenceOpen(w: World, actor: Actor, reviewId: string, attemptId: string) {
  const ws = await getReviewWorkspace({ actor, reviewId });
  expect(ws?.evidenceWithheld).toBe(false);
  expect(ws?.attempt.responses.length).toBe(w.version.parts.length);
  expect(await mayOpenFiles(actor, attemptId)).toBe(true);
}

describe('the badge that qualified a reviewer is revoked or suspended', () => {
  for (const [what, change] of [['revoked', revokeAward], ['suspended', suspendAward]] as const) {
    it(`(${what}) gives back their claims on its work at once, with why, and closes its evidence to them`, async () => {
      const w = await world();
      const { reviewer, award } = await w.earner();
      const attemptId = await submitTextAttempt(w, await createActor());
      // Assigned claims run to the deadline: a long claim, to show it does not run on.
      const { reviewId } = await claimReview({ actor: reviewer, attemptId });
      await db.review.update({ where: { id: reviewId }, data: { claimExpiresAt: new Date(Date.now() + 10 * 86_400_000) } });
      await expectEvidenceOpen(w, reviewer, reviewId, attemptId);
      expect(await submissionStatusOf(attemptId)).toBe('IN_REVIEW');

      await change({ actor: w.admin, awardId: award.id, reason: 'The evidence behind this badge was not the holder’s own.' });

      expect(await statusOf(reviewId)).toBe('RELEASED');
      expect(await releaseEntry(reviewId)).toMatchObject({ actorId: w.admin.id, data: { attemptId, kind: 'PRIMARY', reviewerId: reviewer.id, reason: `the badge that qualified you to review it was ${what}` } });
      // Back in the queue.
      expect(await submissionStatusOf(attemptId)).toBe('SUBMITTED');
      // The review page shows their draft only, and says why the claim ended.
      const ws = await getReviewWorkspace({ actor: reviewer, reviewId });
      expect(ws).toMatchObject({ evidenceWithheld: true, teacher: null, review: { status: 'RELEASED' }, attempt: { responses: [], files: [] } });
      const end = await getClaimEnd({ actor: reviewer, reviewId });
      expect(end).toMatchObject({ why: 'WITHDRAWN', canClaimAgain: false });
      expect(claimEndText(end!)).toMatch(`returned to the queue (the badge that qualified you to review it was ${what})`);
      expect(await mayOpenFiles(reviewer, attemptId)).toBe(false);
      expect((await errorOf(keepClaim({ actor: reviewer, reviewId }))).code).toBe('CONFLICT');
    });
  }

  it('leaves the claims of a holder who still qualifies (an admin’s grant), and of other holders', async () => {
    const w = await world();
    const granted = await w.earner();
    await qualify(granted.reviewer.id, w.mc.id, w.admin.id);
    const other = await w.earner();
    const [a1, a2] = [await submitTextAttempt(w, await createActor()), await submitTextAttempt(w, await createActor())];
    const kept = await claimReview({ actor: granted.reviewer, attemptId: a1 });
    const theirs = await claimReview({ actor: other.reviewer, attemptId: a2 });

    await revokeAward({ actor: w.admin, awardId: granted.award.id, reason: 'Issued to the wrong account.' });

    expect(await statusOf(kept.reviewId)).toBe('CLAIMED');
    expect(await statusOf(theirs.reviewId)).toBe('CLAIMED');
    expect(await db.auditLog.count({ where: { action: 'review.release' } })).toBe(0);
    await expectEvidenceOpen(w, granted.reviewer, kept.reviewId, a1);
  });
});

describe('a reviewer who may no longer score what they hold, though nothing has ended the claim', () => {
  it('(their badge lapsed another way) cannot open its files; opening the review ends nothing, the sweep does', async () => {
    const w = await world();
    const { reviewer, award } = await w.earner();
    const attemptId = await submitTextAttempt(w, await createActor());
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    // Not through revokeAward (an import, a fix by hand): nothing gave the claim back.
    await db.award.update({ where: { id: award.id }, data: { revokedAt: new Date() } });

    expect(await mayOpenFiles(reviewer, attemptId)).toBe(false);
    // Refusing a file changes nothing.
    expect(await statusOf(reviewId)).toBe('CLAIMED');

    const ws = await getReviewWorkspace({ actor: reviewer, reviewId });
    expect(ws).toMatchObject({ cannotScoreBecause: 'you are no longer qualified to review this micro-credential', evidenceWithheld: true, teacher: null, review: { status: 'CLAIMED' }, attempt: { responses: [], files: [] } });
    expect(await statusOf(reviewId)).toBe('CLAIMED');
    // The hourly sweep of live claims ('review.release-disallowed-claims').
    expect(await releaseClaimsNoLongerAllowed()).toBe(1);
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await releaseEntry(reviewId)).toMatchObject({ actorId: null, data: { reviewerId: reviewer.id, reason: 'you are no longer qualified to review this micro-credential' } });
    expect(await submissionStatusOf(attemptId)).toBe('SUBMITTED');
  });

  it('(a conflict of interest appeared: they moved to the teacher’s school) cannot open its files, and their next autosave ends the claim', async () => {
    const w = await world();
    const school = await createOrg({ kind: 'SCHOOL' });
    const teacher = await createActor({ schoolId: school.id });
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, teacher);
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    await expectEvidenceOpen(w, reviewer, reviewId, attemptId);

    await db.user.update({ where: { id: reviewer.id }, data: { schoolId: school.id } });
    const moved = (await loadActor(reviewer.id))!;
    expect(await mayOpenFiles(moved, attemptId)).toBe(false);

    const e = await errorOf(saveReviewDraft({ actor: moved, reviewId, version: 0, scores: [], overallComment: 'Still reading.' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/own school.*Your claim on this submission has ended and the work has gone back to the queue/);
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await releaseEntry(reviewId)).toMatchObject({ data: { reason: 'you and the teacher are now at the same school, and colleagues never review each other’s work' } });
    // Nothing they typed after losing the right was written.
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { overallComment: true } })).overallComment).toBe('');
    expect(await getReviewWorkspace({ actor: moved, reviewId })).toMatchObject({ evidenceWithheld: true, review: { status: 'RELEASED' } });
  });

  it('a reviewer who still may score keeps the claim and the evidence when the page is opened again', async () => {
    const w = await world();
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor());
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    await expectEvidenceOpen(w, reviewer, reviewId, attemptId);
    await expectEvidenceOpen(w, reviewer, reviewId, attemptId);
    expect(await statusOf(reviewId)).toBe('CLAIMED');
    expect(await db.auditLog.count({ where: { action: 'review.release' } })).toBe(0);
  });
});

describe('calibration asked for again by a new rubric', () => {
  type Rubric = z.input<typeof MicroCredentialDef>['rubric'];
  const base: Rubric = sampleDefinition().rubric;
  const [context, evidence, reflection] = base.criteria;

  it('gives back the work of reviewers who must calibrate first, not of those who need not yet', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: true, doubleScoreRate: 0 } });
    const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id, def: { rubric: base } });
    await createExemplar({ actor: admin, input: ExemplarInput.parse({ microCredentialId: mc.id, versionId: mc.currentVersionId, title: 'Sample', responses: [{ partTitle: 'Context', text: 'Anonymised sample.' }], expectedRanks: [1, 1, 2] }) });
    const exemplar = await db.calibrationExemplar.findFirstOrThrow({ where: { microCredentialId: mc.id } });
    const reviewer = await createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
    expect(await submitCalibration({ actor: reviewer, microCredentialId: mc.id, ranks: { [exemplar.id]: { '0': 1, '1': 1, '2': 2 } } })).toMatchObject({ passed: true });
    const teacher = await createActor();
    const sub = await db.submission.create({
      data: { userId: teacher.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'SUBMITTED', attempts: { create: { number: 1, status: 'SUBMITTED', submittedAt: new Date(), dueAt: new Date(Date.now() + 20 * 86_400_000) } } },
      select: { attempts: { select: { id: true } } },
    });
    const attemptId = sub.attempts[0].id;
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    const publish = async (rubric: Rubric) => {
      await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ slug: mc.slug, rubric }) });
      await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    };

    // A reworded criterion: calibrations are reset, but no sample fits the new rubric yet, so
    // nobody is asked to calibrate and the claim stays.
    await publish({ ...base, criteria: [{ ...context, title: 'Classroom context' }, evidence, reflection] });
    expect(await statusOf(reviewId)).toBe('CLAIMED');
    expect(await mayOpenFiles(reviewer, attemptId)).toBe(true);

    // The rubric put back as it was: its sample counts again, and the reviewer must calibrate first.
    await publish(base);
    expect(await statusOf(reviewId)).toBe('RELEASED');
    expect(await releaseEntry(reviewId)).toMatchObject({ actorId: admin.id, data: { reason: 'the rubric changed, so you need to pass the calibration exercise again first' } });
    expect(await mayOpenFiles(reviewer, attemptId)).toBe(false);
  });
});
