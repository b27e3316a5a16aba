// Calibration samples are scored against one rubric. When the issuer publishes a version whose
// rubric differs (fewer, reordered or reworded criteria), the old agreed levels no longer mean
// anything: reviewers must not be asked for them (nor blocked by them), and the admin is told.
import { beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, sampleDefinition } from '@/tests/factories';
import { getCalibration, submitCalibration } from '@/lib/review/calibration';
import { createExemplar, ExemplarInput, getExemplarEditor, rescoreExemplar, RUBRIC_CHANGED, sameRubric } from '@/lib/review/exemplars';
import { listReviewerCredentials } from '@/lib/review/context';
import { listReviewQueue } from '@/lib/review/queries';
import { claimReview } from '@/lib/review/mutations';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import type { MicroCredentialDef } from '@/lib/authoring/schemas';

beforeEach(async () => {
  await resetDatabase();
});

type Rubric = z.input<typeof MicroCredentialDef>['rubric'];
const base = sampleDefinition().rubric;
const [context, evidence, reflection] = base.criteria;
// With “Evidence of feedback” dropped, its part (the student work) is judged by a criterion on the
// whole application: publishing refuses a part no criterion judges.
const reflectionOnWhole = { ...reflection, partIndex: undefined };

async function world() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: true, doubleScoreRate: 0 } });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id, def: { rubric: base } });
  // One sample as stored before samples recorded their rubric (criterion positions only), one
  // added through the admin screen.
  const legacy = await db.calibrationExemplar.create({
    data: { microCredentialId: mc.id, title: 'Sample A', responses: [{ partTitle: 'Context', text: 'Anonymised sample A.' }], expectedRanks: { '0': 2, '1': 3, '2': 1 } },
  });
  const added = await createExemplar({ actor: admin, input: ExemplarInput.parse({ microCredentialId: mc.id, versionId: mc.currentVersionId, title: 'Sample B', responses: [{ partTitle: 'Context', text: 'Anonymised sample B.' }], expectedRanks: [1, 1, 2] }) });
  const reviewer = await createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  return { issuer, mc, admin, reviewer, legacy, added };
}

type World = Awaited<ReturnType<typeof world>>;

/** The issuer edits the credential and publishes the edit as a new version. */
async function publishNewVersion(w: World, overrides: Partial<z.input<typeof MicroCredentialDef>>) {
  await saveMicroCredentialDraft({ actor: w.admin, microCredentialId: w.mc.id, def: sampleDefinition({ slug: w.mc.slug, ...overrides }) });
  await publishMicroCredential({ actor: w.admin, microCredentialId: w.mc.id });
}

/** The version whose rubric the admin's calibration page shows now. */
const currentVersionId = async (w: World) => (await db.microCredential.findUniqueOrThrow({ where: { id: w.mc.id }, select: { currentVersionId: true } })).currentVersionId!;

async function submittedAttempt(mcId: string) {
  const teacher = await createActor();
  const mc = await db.microCredential.findUniqueOrThrow({ where: { id: mcId }, select: { currentVersionId: true } });
  const sub = await db.submission.create({
    data: { userId: teacher.id, microCredentialId: mcId, versionId: mc.currentVersionId!, status: 'SUBMITTED', attempts: { create: { number: 1, status: 'SUBMITTED', submittedAt: new Date(), dueAt: new Date(Date.now() + 86_400_000 * 20) } } },
    select: { attempts: { select: { id: true } } },
  });
  return sub.attempts[0].id;
}

const stateOf = async (w: World) => (await listReviewerCredentials(w.reviewer)).find((c) => c.microCredentialId === w.mc.id)?.state;

describe('calibration after the rubric changes', () => {
  it('does not block reviewers with samples scored on criteria the rubric no longer has, and flags them for the admin', async () => {
    const w = await world();
    expect(await stateOf(w)).toBe('NEEDS_CALIBRATION');

    // Version 2 drops “Evidence of feedback”: two criteria left.
    const fewer: Rubric = { ...base, criteria: [context, reflectionOnWhole] };
    await publishNewVersion(w, { rubric: fewer });

    // Calibration is not required any more: no sample fits the rubric reviewers score with.
    expect(await stateOf(w)).toBe('READY');
    const attemptId = await submittedAttempt(w.mc.id);
    expect((await listReviewQueue({ actor: w.reviewer })).items.map((i) => i.attemptId)).toEqual([attemptId]);
    await claimReview({ actor: w.reviewer, attemptId });

    // The calibration page offers nothing to score, and submitting never asks for a third criterion.
    const view = await getCalibration({ actor: w.reviewer, microCredentialId: w.mc.id });
    expect(view?.criteria.map((c) => c.title)).toEqual(['Context', 'Reflection']);
    expect(view?.exemplars).toEqual([]);
    const e = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [w.legacy.id]: { '0': 2, '1': 1 }, [w.added.id]: { '0': 1, '1': 2 } } }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'INVALID_STATE' });
    expect(JSON.stringify(e)).not.toMatch(/criterion 3|Choose a level/);

    // The admin sees both samples as scored against the earlier rubric, with the levels they had.
    const editor = await getExemplarEditor({ actor: w.admin, microCredentialId: w.mc.id });
    expect(editor.exemplars.map((x) => [x.title, x.upToDate, x.scoredVersion])).toEqual([
      ['Sample A', false, 1],
      ['Sample B', false, 1],
    ]);
    expect(editor.exemplars[0].agreed).toEqual([
      { criterion: 'Context', level: 'Demonstrated' },
      { criterion: 'Evidence of feedback', level: 'Exemplary' },
      { criterion: 'Reflection', level: 'Developing' },
    ]);

    // Scoring one again against the new rubric brings calibration back, on two criteria only.
    const v2 = await currentVersionId(w);
    await expect(rescoreExemplar({ actor: w.admin, input: { exemplarId: w.added.id, versionId: v2, expectedRanks: [1, 1, 2] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await rescoreExemplar({ actor: w.admin, input: { exemplarId: w.added.id, versionId: v2, expectedRanks: [1, 2] } });
    const after = await getExemplarEditor({ actor: w.admin, microCredentialId: w.mc.id });
    expect(after.exemplars.map((x) => [x.title, x.upToDate])).toEqual([
      ['Sample A', false],
      ['Sample B', true],
    ]);
    expect(after.exemplars[1].agreed).toEqual([
      { criterion: 'Context', level: 'Developing' },
      { criterion: 'Reflection', level: 'Demonstrated' },
    ]);
    const other = await createQualifiedReviewer({ issuerId: w.issuer.id, microCredentialIds: w.mc.id, grantedById: w.admin.id });
    expect((await listReviewerCredentials(other))[0].state).toBe('NEEDS_CALIBRATION');
    expect((await getCalibration({ actor: other, microCredentialId: w.mc.id }))?.exemplars.map((x) => x.title)).toEqual(['Sample B']);
    // Sample A is not asked for; two criteria of Sample B are all it takes.
    const pass = await submitCalibration({ actor: other, microCredentialId: w.mc.id, ranks: { [w.added.id]: { '0': 1, '1': 2 } } });
    expect(pass).toMatchObject({ passed: true, matches: 2, total: 2 });
    expect((await listReviewerCredentials(other))[0].state).toBe('READY');
  });

  it('does not reuse agreed levels by position when criteria are reordered or reworded', async () => {
    const w = await world();
    // Same three criteria, new order: position 0 now means “Reflection”.
    await publishNewVersion(w, { rubric: { ...base, criteria: [reflection, context, evidence] } });
    expect(await stateOf(w)).toBe('READY');
    expect((await getCalibration({ actor: w.reviewer, microCredentialId: w.mc.id }))?.exemplars).toEqual([]);
    expect((await getExemplarEditor({ actor: w.admin, microCredentialId: w.mc.id })).exemplars.map((x) => x.upToDate)).toEqual([false, false]);

    // A sample added now is scored on the new order; it is the only one a reviewer scores.
    const fresh = await createExemplar({ actor: w.admin, input: ExemplarInput.parse({ microCredentialId: w.mc.id, versionId: await currentVersionId(w), title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Anonymised sample C.' }], expectedRanks: [3, 0, 2] }) });
    expect(await stateOf(w)).toBe('NEEDS_CALIBRATION');
    const view = await getCalibration({ actor: w.reviewer, microCredentialId: w.mc.id });
    expect(view?.criteria.map((c) => c.title)).toEqual(['Reflection', 'Context', 'Evidence of feedback']);
    expect(view?.exemplars.map((x) => x.title)).toEqual(['Sample C']);
    const pass = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [fresh.id]: { '0': 3, '1': 0, '2': 2 } } });
    expect(pass).toMatchObject({ passed: true, matches: 3, total: 3 });
    expect(pass.exemplars.map((x) => x.id)).toEqual([fresh.id]);

    // Rewording a criterion (same count, same order) also retires the samples scored before it.
    await publishNewVersion(w, { rubric: { ...base, criteria: [{ ...reflection, title: 'Reflection on student use' }, context, evidence] } });
    expect((await getExemplarEditor({ actor: w.admin, microCredentialId: w.mc.id })).exemplars.map((x) => x.upToDate)).toEqual([false, false, false]);
    expect((await getCalibration({ actor: w.reviewer, microCredentialId: w.mc.id }))?.exemplars).toEqual([]);
  });

  it('keeps samples in use when a new version leaves the rubric as it was', async () => {
    const w = await world();
    await publishNewVersion(w, { rubric: base, summary: 'A new summary; the rubric is unchanged.' });
    expect(await stateOf(w)).toBe('NEEDS_CALIBRATION');
    const editor = await getExemplarEditor({ actor: w.admin, microCredentialId: w.mc.id });
    expect(editor.exemplars.map((x) => x.upToDate)).toEqual([true, true]);
    // Blocked until calibrated, as before the new version.
    const attemptId = await submittedAttempt(w.mc.id);
    await expect(claimReview({ actor: w.reviewer, attemptId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const incomplete = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [w.legacy.id]: { '0': 2 } } }).catch((x: unknown) => x);
    expect(incomplete).toMatchObject({ code: 'VALIDATION' });
    const pass = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [w.legacy.id]: { '0': 2, '1': 3, '2': 1 }, [w.added.id]: { '0': 1, '1': 1, '2': 2 } } });
    expect(pass).toMatchObject({ passed: true, matches: 6, total: 6 });
    await claimReview({ actor: w.reviewer, attemptId });
  });

  it('a reviewer calibrated on the old rubric calibrates again once the samples are scored on a changed one; an unchanged rubric keeps them calibrated', async () => {
    const w = await world();
    const perfect = { [w.legacy.id]: { '0': 2, '1': 3, '2': 1 }, [w.added.id]: { '0': 1, '1': 1, '2': 2 } };
    expect(await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: perfect })).toMatchObject({ passed: true });
    expect(await stateOf(w)).toBe('READY');

    // Same rubric, new wording elsewhere: still calibrated.
    await publishNewVersion(w, { rubric: base, summary: 'A new summary; the rubric is unchanged.' });
    expect(await stateOf(w)).toBe('READY');

    // Reworded criteria: the calibration lapses, and the publish is logged as changing the rubric.
    await publishNewVersion(w, { rubric: { ...base, criteria: [{ ...context, title: 'Classroom context' }, evidence, reflection] } });
    const q = await db.reviewerQualification.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: w.reviewer.id, microCredentialId: w.mc.id } } });
    expect(q.calibratedAt).toBeNull();
    const log = await db.auditLog.findFirstOrThrow({ where: { action: 'credential.publish', entityId: w.mc.id }, orderBy: { id: 'desc' } });
    expect(log.data).toMatchObject({ rubricChanged: true, calibrationsReset: 1 });
    // No sample fits the new rubric yet, so nobody is blocked; once one is scored on it, the
    // reviewer calibrates again instead of counting as calibrated on the old rubric.
    expect(await stateOf(w)).toBe('READY');
    await rescoreExemplar({ actor: w.admin, input: { exemplarId: w.added.id, versionId: await currentVersionId(w), expectedRanks: [1, 1, 2] } });
    expect(await stateOf(w)).toBe('NEEDS_CALIBRATION');
  });

  it('reads samples stored by criterion position as scored on the version current when they were added', async () => {
    const w = await world();
    await publishNewVersion(w, { rubric: { ...base, criteria: [context, reflectionOnWhole] } });
    const [v1, v2] = await db.microCredentialVersion.findMany({ where: { microCredentialId: w.mc.id }, orderBy: { version: 'asc' }, select: { publishedAt: true } });
    const old = (title: string, createdAt: Date, expectedRanks: Record<string, number>) =>
      db.calibrationExemplar.create({ data: { microCredentialId: w.mc.id, title, createdAt, responses: [{ partTitle: 'Context', text: title }], expectedRanks } });
    // Two positions, but added while version 1 (three criteria) was current: not a version 2 sample.
    await old('Sample D', new Date(v1.publishedAt!.getTime() + 1), { '0': 2, '1': 2 });
    // Added once version 2 was current: its positions are version 2's criteria.
    const e = await old('Sample E', new Date(v2.publishedAt!.getTime() + 1), { '0': 3, '1': 1 });
    const editor = await getExemplarEditor({ actor: w.admin, microCredentialId: w.mc.id });
    expect(editor.exemplars.filter((x) => x.upToDate).map((x) => x.title)).toEqual(['Sample E']);
    expect(editor.exemplars.find((x) => x.title === 'Sample E')?.agreed).toEqual([
      { criterion: 'Context', level: 'Exemplary' },
      { criterion: 'Reflection', level: 'Developing' },
    ]);
    expect(await stateOf(w)).toBe('NEEDS_CALIBRATION');
    expect((await getCalibration({ actor: w.reviewer, microCredentialId: w.mc.id }))?.exemplars.map((x) => x.title)).toEqual(['Sample E']);
    const pass = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [e.id]: { '0': 3, '1': 1 } } });
    expect(pass).toMatchObject({ passed: true, matches: 2, total: 2 });
  });
});

describe('a calibration form shown before a new rubric was published', () => {
  it('is refused with a clear message instead of being scored against the new rubric’s criteria', async () => {
    const w = await world();
    const shown = (await getCalibration({ actor: w.reviewer, microCredentialId: w.mc.id }))!;
    const ranks = Object.fromEntries(shown.exemplars.map((e) => [e.id, Object.fromEntries(shown.criteria.map((c) => [String(c.index), 1]))]));
    // The same rubric in a new order: old samples go out of date, a sample scored on it is added.
    await publishNewVersion(w, { rubric: { ...base, criteria: [reflection, context, evidence] } as Rubric });
    await expect(submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, versionId: shown.versionId, ranks })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('new rubric') });
    expect(await db.calibrationResult.count({ where: { reviewerId: w.reviewer.id } })).toBe(0);
  });

  it('a publish that rolls back leaves nothing cached: a later rubric edit still resets calibration', async () => {
    const w = await world();
    await db.reviewerQualification.updateMany({ where: { userId: w.reviewer.id }, data: { calibratedAt: new Date() } });
    // A draft with the same rubric; a publish reads it as settled, then its transaction fails.
    await saveMicroCredentialDraft({ actor: w.admin, microCredentialId: w.mc.id, def: sampleDefinition({ slug: w.mc.slug, rubric: base }) });
    const live = await db.microCredential.findUniqueOrThrow({ where: { id: w.mc.id }, select: { currentVersionId: true } });
    const draft = await db.microCredentialVersion.findFirstOrThrow({ where: { microCredentialId: w.mc.id, status: 'DRAFT' }, select: { id: true } });
    await db.$transaction(async (tx) => {
      await tx.microCredentialVersion.update({ where: { id: draft.id }, data: { status: 'PUBLISHED' } });
      expect(await sameRubric(tx, live.currentVersionId!, draft.id)).toBe(true);
      throw new Error('rolled back');
    }).catch(() => undefined);

    // The draft is edited again (a criterion dropped) and published: the rubric changed.
    await publishNewVersion(w, { rubric: { ...base, criteria: [context, reflectionOnWhole] } });
    expect((await db.reviewerQualification.findFirstOrThrow({ where: { userId: w.reviewer.id } })).calibratedAt).toBeNull();
  });
});

describe('agreed levels chosen on the samples page before a new version was published', () => {
  it('are refused with a message to reload when the rubric changed, and taken when it did not', async () => {
    const w = await world();
    // The admin opens the samples page on version 1; meanwhile version 2 puts the criteria in another order.
    const shown = await currentVersionId(w);
    await publishNewVersion(w, { rubric: { ...base, criteria: [reflection, context, evidence] } });
    const stored = () => db.calibrationExemplar.findMany({ where: { microCredentialId: w.mc.id }, orderBy: { createdAt: 'asc' }, select: { id: true, expectedRanks: true } });
    const before = await stored();

    // Levels chosen by position on version 1 would land on version 2's other criteria: refused, nothing saved.
    await expect(rescoreExemplar({ actor: w.admin, input: { exemplarId: w.added.id, versionId: shown, expectedRanks: [3, 0, 2] } })).rejects.toMatchObject({ code: 'VALIDATION', message: RUBRIC_CHANGED });
    const sample = { microCredentialId: w.mc.id, title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Anonymised sample C.' }], expectedRanks: [3, 0, 2] };
    await expect(createExemplar({ actor: w.admin, input: ExemplarInput.parse({ ...sample, versionId: shown }) })).rejects.toMatchObject({ code: 'VALIDATION', message: RUBRIC_CHANGED });
    expect(await stored()).toEqual(before);

    // Another credential's version is not this one's rubric, even one that reads the same.
    const lookalike = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { rubric: { ...base, criteria: [reflection, context, evidence] } } });
    await expect(rescoreExemplar({ actor: w.admin, input: { exemplarId: w.added.id, versionId: lookalike.version.id, expectedRanks: [3, 0, 2] } })).rejects.toMatchObject({ message: RUBRIC_CHANGED });

    // Version 3 changes only the summary: a page opened on version 2 still scores the same rubric.
    const v2 = await currentVersionId(w);
    await publishNewVersion(w, { rubric: { ...base, criteria: [reflection, context, evidence] }, summary: 'A new summary; the rubric is unchanged.' });
    const v3 = await currentVersionId(w);
    await rescoreExemplar({ actor: w.admin, input: { exemplarId: w.added.id, versionId: v2, expectedRanks: [3, 0, 2] } });
    const criteria = await db.rubricCriterion.findMany({ where: { versionId: v3 }, orderBy: { sortOrder: 'asc' }, select: { id: true } });
    const row = await db.calibrationExemplar.findUniqueOrThrow({ where: { id: w.added.id }, select: { expectedRanks: true } });
    expect(row.expectedRanks).toEqual({ versionId: v3, ranks: { [criteria[0].id]: 3, [criteria[1].id]: 0, [criteria[2].id]: 2 } });
  });
});
