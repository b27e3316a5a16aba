// A change to a credential's calibration samples can ask for calibration where none was asked for:
// its first sample that fits the rubric, added or scored again on it. A reviewer that leaves
// uncalibrated gives back the work of it they hold at once, with why, instead of keeping the claim
// (and the teacher's evidence) until it runs out; a reviewer whose calibration still stands keeps
// theirs.
import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, createWaitingAttempt, sampleDefinition } from '../factories';
import { claimReview } from '@/lib/review/mutations';
import { claimEndText, getClaimEnd } from '@/lib/review/claims';
import { createExemplar, deleteExemplar, ExemplarInput, rescoreExemplar, RescoreExemplarInput } from '@/lib/review/exemplars';
import { submitCalibration } from '@/lib/review/calibration';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import type { MicroCredentialDef } from '@/lib/authoring/schemas';

beforeEach(resetDatabase);

type Rubric = z.input<typeof MicroCredentialDef>['rubric'];
const base: Rubric = sampleDefinition().rubric;

async function world() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: true, doubleScoreRate: 0 } });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id, def: { rubric: base } });
  const reviewer = (name: string) => createQualifiedReviewer({ name, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const addSample = async (title: string) => {
    const versionId = (await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { currentVersionId: true } })).currentVersionId!;
    await createExemplar({ actor: admin, input: ExemplarInput.parse({ microCredentialId: mc.id, versionId, title, responses: [{ partTitle: 'Context', text: 'Anonymised sample.' }], expectedRanks: [1, 1, 2] }) });
    return db.calibrationExemplar.findFirstOrThrow({ where: { microCredentialId: mc.id, title }, select: { id: true } });
  };
  const claimOne = async (who: Actor) => {
    const attemptId = await createWaitingAttempt(await createActor(), mc.id);
    const { reviewId } = await claimReview({ actor: who, attemptId });
    return { attemptId, reviewId };
  };
  return { issuer, mc, admin, reviewer, addSample, claimOne };
}

const statusOf = async (reviewId: string) => (await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { status: true } })).status;
const releaseEntry = (reviewId: string) => db.auditLog.findFirst({ where: { action: 'review.release', entityType: 'Review', entityId: reviewId }, select: { actorId: true, data: true } });
const submissionStatusOf = async (attemptId: string) => (await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submission: { select: { status: true } } } })).submission.status;

describe('a calibration sample that asks for calibration again', () => {
  it('(added) gives back the claims of a reviewer it leaves uncalibrated, with why; a reviewer still calibrated keeps theirs', async () => {
    const w = await world();
    // Cal passed calibration on a first sample, which was then taken away: nothing is asked for now.
    const first = await w.addSample('Sample A');
    const cal = await w.reviewer('Cal Calibrated');
    expect(await submitCalibration({ actor: cal, microCredentialId: w.mc.id, ranks: { [first.id]: { '0': 1, '1': 1, '2': 2 } } })).toMatchObject({ passed: true });
    await deleteExemplar({ actor: w.admin, exemplarId: first.id });
    // Una never calibrated: with no sample to calibrate on, she may claim.
    const una = await w.reviewer('Una Uncalibrated');
    const unas = await w.claimOne(una);
    const cals = await w.claimOne(cal);
    expect(await submissionStatusOf(unas.attemptId)).toBe('IN_REVIEW');

    await w.addSample('Sample B');

    expect(await statusOf(unas.reviewId)).toBe('RELEASED');
    expect(await releaseEntry(unas.reviewId)).toMatchObject({
      actorId: w.admin.id,
      data: { attemptId: unas.attemptId, kind: 'PRIMARY', reviewerId: una.id, reason: 'a calibration sample was added, so you need to pass the calibration exercise first' },
    });
    // Back in the queue, and Una is told why her claim ended.
    expect(await submissionStatusOf(unas.attemptId)).toBe('SUBMITTED');
    const end = await getClaimEnd({ actor: una, reviewId: unas.reviewId });
    expect(claimEndText(end!)).toBe('Your claim on this submission has ended: it was returned to the queue (a calibration sample was added, so you need to pass the calibration exercise first), so it can no longer be scored here.');
    // Cal's calibration still stands: the claim and the work stay theirs.
    expect(await statusOf(cals.reviewId)).toBe('CLAIMED');
    expect(await releaseEntry(cals.reviewId)).toBeNull();
    expect(await submissionStatusOf(cals.attemptId)).toBe('IN_REVIEW');
  });

  it('(added while samples already counted) changes nobody’s claims: whoever holds work already passed', async () => {
    const w = await world();
    const first = await w.addSample('Sample A');
    const cal = await w.reviewer('Cal Calibrated');
    await submitCalibration({ actor: cal, microCredentialId: w.mc.id, ranks: { [first.id]: { '0': 1, '1': 1, '2': 2 } } });
    const cals = await w.claimOne(cal);
    await w.addSample('Sample B');
    expect(await statusOf(cals.reviewId)).toBe('CLAIMED');
  });

  it('(scored again on a new rubric) gives back the claims of a reviewer it leaves uncalibrated, with why', async () => {
    const w = await world();
    const sample = await w.addSample('Sample A');
    // A reworded criterion: the sample no longer fits, so no calibration is asked for and Una may claim.
    const [context, evidence, reflection] = base.criteria;
    await saveMicroCredentialDraft({ actor: w.admin, microCredentialId: w.mc.id, def: sampleDefinition({ slug: w.mc.slug, rubric: { ...base, criteria: [{ ...context, title: 'Classroom context' }, evidence, reflection] } }) });
    const { versionId } = await publishMicroCredential({ actor: w.admin, microCredentialId: w.mc.id });
    const una = await w.reviewer('Una Uncalibrated');
    const unas = await w.claimOne(una);

    // The admin scores the sample on the new rubric: it counts again, and Una must calibrate first.
    await rescoreExemplar({ actor: w.admin, input: RescoreExemplarInput.parse({ exemplarId: sample.id, versionId, expectedRanks: [1, 1, 2] }) });

    expect(await statusOf(unas.reviewId)).toBe('RELEASED');
    expect(await releaseEntry(unas.reviewId)).toMatchObject({
      actorId: w.admin.id,
      data: { attemptId: unas.attemptId, reviewerId: una.id, reason: 'a calibration sample was scored on the current rubric, so you need to pass the calibration exercise first' },
    });
    expect(await submissionStatusOf(unas.attemptId)).toBe('SUBMITTED');
  });
});
