// The public summary a teacher writes when they submit is signed into their badge when it is issued
// (lib/awards/issue.ts). Until then each submission writes it again; once the application is earned
// nothing can send it again, and the badge's public page shows the text as signed, so the page and
// the signed credential cannot disagree. Against Postgres, through the real review flow.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedSubmission } from '../factories';
import { makeReviewWorld, scoreAttempt } from '../factories/review-world';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { verifyStoredCredential } from '@/lib/awards/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: CredentialPage } = await import('@/app/credentials/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const storedSummary = async (submissionId: string) => (await db.submission.findUniqueOrThrow({ where: { id: submissionId }, select: { publicSummary: true } })).publicSummary;
const credentialPage = async (id: string) => textOf(renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id }) })));

async function answerAll(w: Awaited<ReturnType<typeof makeReviewWorld>>, teacher: Parameters<typeof saveResponse>[0]['actor'], attemptId: string, revision: number) {
  for (const p of w.version.parts) await saveResponse({ actor: teacher, attemptId, partId: p.id, text: `My Grade 7 class, revision ${revision}.`, links: [], revision });
}

describe('the public summary of a badge', () => {
  it('is written on each submission until the application is earned, is signed as it then stands, and is fixed from then on', async () => {
    // One review decides (no second scoring sampled).
    const w = await makeReviewWorld({ doubleScoreRate: 0 });
    const reviewer = await w.reviewer();
    const teacher = await createActor({ name: 'Tess Teacher' });
    const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });

    // Someone else cannot send the teacher's work, nor write its summary: it is not found.
    const first = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
    await answerAll(w, teacher, first.id, 0);
    const stranger = await createActor();
    await expect(submitAttempt({ actor: stranger, attemptId: first.id, publicSummary: 'Not mine.', attested: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await storedSummary(submissionId)).toBeNull();
    // Submitting stores it.
    await submitAttempt({ actor: teacher, attemptId: first.id, publicSummary: 'Exit tickets every lesson.', attested: true });
    expect(await storedSummary(submissionId)).toBe('Exit tickets every lesson.');

    // Returned for revision: resubmitting writes the summary again.
    expect((await scoreAttempt(w, reviewer, first.id, 'PRIMARY', [1, 1])).outcome).toBe('RETURNED');
    const { attemptId: second } = await startRevision({ actor: teacher, submissionId });
    await answerAll(w, teacher, second, 1);
    await submitAttempt({ actor: teacher, attemptId: second, publicSummary: 'Students revised their answers from exit tickets.', attested: true });
    expect(await storedSummary(submissionId)).toBe('Students revised their answers from exit tickets.');

    // Passed: the badge is issued with the summary as it stood.
    expect((await scoreAttempt(w, reviewer, second, 'PRIMARY', [3, 3])).outcome).toBe('PASSED');
    const award = await db.award.findUniqueOrThrow({ where: { submissionId }, select: { id: true, credential: true } });
    const evidence = (award.credential as { evidence?: { narrative?: string }[] }).evidence;
    expect(evidence?.map((e) => e.narrative)).toEqual(['Students revised their answers from exit tickets.']);

    // From now on the summary is fixed: sending the passed attempt again (a tab left open), with new
    // words or none, changes nothing, and no revision can be opened to send another.
    expect(await submitAttempt({ actor: teacher, attemptId: second, publicSummary: 'A new summary.', attested: true })).toMatchObject({ alreadySubmitted: true });
    expect(await submitAttempt({ actor: teacher, attemptId: second, publicSummary: '', attested: true })).toMatchObject({ alreadySubmitted: true });
    await expect(startRevision({ actor: teacher, submissionId })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await storedSummary(submissionId)).toBe('Students revised their answers from exit tickets.');

    // The badge's page shows the signed text, which still verifies.
    expect(await credentialPage(award.id)).toContain('Evidence summary Students revised their answers from exit tickets.');
    expect((await verifyStoredCredential(award.credential)).verified).toBe(true);
  });

  it('shows on the badge page as signed, not as stored, for a badge whose stored summary was changed after issue', async () => {
    // Before the change was refused, a summary could be edited after the badge was issued: such a
    // badge's page shows what the badge says, not the later text.
    const w = await makeReviewWorld();
    const teacher = await createActor();
    const submissionId = await createEarnedSubmission(teacher, w.mc.id, { publicSummary: 'Signed words.' });
    const { issueAwardForSubmission } = await import('@/lib/awards/issue');
    const { awardId } = await issueAwardForSubmission(submissionId);
    await db.submission.update({ where: { id: submissionId }, data: { publicSummary: 'Words written after the badge was issued.' } });
    const page = await credentialPage(awardId);
    expect(page).toContain('Evidence summary Signed words.');
    expect(page).not.toContain('Words written after the badge was issued.');

    // A badge signed without a summary shows none, whatever was stored afterwards.
    const other = await createActor();
    const bare = await createEarnedSubmission(other, w.mc.id);
    const { awardId: bareAward } = await issueAwardForSubmission(bare);
    await db.submission.update({ where: { id: bare }, data: { publicSummary: 'Added later.' } });
    const barePage = await credentialPage(bareAward);
    expect(barePage).not.toContain('Evidence summary');
    expect(barePage).not.toContain('Added later.');
  });
});
