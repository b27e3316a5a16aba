// A files-only part that passed is kept as it was on revision: locked for the teacher (no new or
// removed files), marked as passed for them and for the next reviewer.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, SAMPLE_PDF } from '@/tests/factories';
import { uploadPdf } from '@/tests/factories/evidence';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { removeFile, requestUpload } from '@/lib/evidence/uploads';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { getReviewWorkspace } from '@/lib/review/queries';
import { getApplication } from '@/lib/submissions/queries';

beforeEach(resetDatabase);

/** Context (text), Student work (files) and Reflection (text); returned with only the reflection below passing. */
async function returnedWithFilesPassed() {
  // No second scoring (the default samples 10 %): one review decides, every run.
  const issuer = await createOrg({ kind: 'ISSUER', data: { doubleScoreRate: 0 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id });
  const [context, work, reflection] = version.parts;
  const teacher = await createActor();
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const first = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
  await saveResponse({ actor: teacher, attemptId: first.id, partId: context.id, text: 'Grade 7 science.', links: [], revision: 0 });
  await saveResponse({ actor: teacher, attemptId: first.id, partId: reflection.id, text: 'It went well.', links: [], revision: 0 });
  await uploadPdf(teacher, first.id, work.id);
  await submitAttempt({ actor: teacher, attemptId: first.id });
  const reviewer = await createQualifiedReviewer({ issuerId: mc.issuerId, microCredentialIds: mc.id, grantedById: admin.id });
  const { reviewId } = await claimReview({ actor: reviewer, attemptId: first.id });
  const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: first.id } })).version;
  const rank = (r: number) => version.levels.find((l) => l.rank === r)!.id;
  const scores = version.criteria.map((c, i) => ({ criterionId: c.id, levelId: rank(i === 2 ? 1 : 3), feedback: i === 2 ? 'Say what students did with it.' : '' }));
  expect((await submitReview({ actor: reviewer, reviewId, version: 0, attemptVersion, scores, overallComment: '' })).outcome).toBe('RETURNED');
  const { attemptId } = await startRevision({ actor: teacher, submissionId });
  return { mc, teacher, reviewer, admin, submissionId, attemptId, context, work, reflection };
}

describe('a files-only part that passed', () => {
  it('is carried over locked: no new files, no removals, shown as passed to the teacher and the next reviewer', async () => {
    const w = await returnedWithFilesPassed();
    const row = await db.partResponse.findUniqueOrThrow({ where: { attemptId_partId: { attemptId: w.attemptId, partId: w.work.id } } });
    expect(row.carriedOver).toBe(true);
    const carriedFile = await db.evidenceFile.findFirstOrThrow({ where: { attemptId: w.attemptId, partId: w.work.id } });
    expect(carriedFile.carriedOver).toBe(true);

    // The server refuses to change the kept part, whatever the page shows.
    await expect(requestUpload({ actor: w.teacher, attemptId: w.attemptId, partId: w.work.id, fileName: 'more.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(removeFile({ actor: w.teacher, fileId: carriedFile.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.evidenceFile.count({ where: { attemptId: w.attemptId, partId: w.work.id } })).toBe(1);

    const view = await getApplication(w.teacher, w.mc.slug);
    expect(view!.submission!.attempts[0].responses.find((r) => r.partId === w.work.id)?.carriedOver).toBe(true);

    // The revised part is open; the next reviewer sees which part passed before.
    await saveResponse({ actor: w.teacher, attemptId: w.attemptId, partId: w.reflection.id, text: 'Students rewrote their lab reports.', links: [], revision: 1 });
    await submitAttempt({ actor: w.teacher, attemptId: w.attemptId });
    const next = await createQualifiedReviewer({ issuerId: w.mc.issuerId, microCredentialIds: w.mc.id, grantedById: w.admin.id });
    const { reviewId } = await claimReview({ actor: next, attemptId: w.attemptId });
    const ws = await getReviewWorkspace({ actor: next, reviewId });
    expect(ws!.attempt.responses.find((r) => r.partId === w.work.id)?.carriedOver).toBe(true);
  });

  it('stays locked in a revision opened before such parts got a row (only its files say it passed)', async () => {
    const w = await returnedWithFilesPassed();
    await db.partResponse.delete({ where: { attemptId_partId: { attemptId: w.attemptId, partId: w.work.id } } });
    await expect(requestUpload({ actor: w.teacher, attemptId: w.attemptId, partId: w.work.id, fileName: 'more.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    // A file that got into the kept part anyway cannot be removed either.
    const carried = await db.evidenceFile.findFirstOrThrow({ where: { attemptId: w.attemptId, partId: w.work.id } });
    const stray = await db.evidenceFile.create({ data: { attemptId: w.attemptId, partId: w.work.id, ownerId: w.teacher.id, storageKey: carried.storageKey, fileName: 'stray.pdf', declaredType: 'application/pdf', sizeBytes: carried.sizeBytes, status: 'UPLOADED' } });
    await expect(removeFile({ actor: w.teacher, fileId: stray.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(saveResponse({ actor: w.teacher, attemptId: w.attemptId, partId: w.work.id, text: 'x', links: [], revision: 0 })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    // Parts that did not pass are still open.
    await saveResponse({ actor: w.teacher, attemptId: w.attemptId, partId: w.reflection.id, text: 'Students rewrote their lab reports.', links: [], revision: 1 });
  });
});
