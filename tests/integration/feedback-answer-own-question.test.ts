// An issuer admin who applies for their own issuer's credential asks about its feedback like any
// teacher, but does not answer their own question: another admin of the issuer replies (nor does an
// admin the issuer's conflict rules keep from reviewing the teacher's work). The question stays
// waiting for the other admins, and the record tells the asker who replies instead of offering a
// form the server would refuse. Real Postgres, the real application record page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { answerFeedbackQuestion, askAboutFeedback } from '@/lib/feedback-questions/mutations';
import { answerRefusal } from '@/lib/feedback-questions/policy';
import { countUnansweredFeedbackQuestions } from '@/lib/feedback-questions/queries';
import { initialActionState } from '@/lib/action-result';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { answerFeedbackQuestionAction } = await import('@/app/admin/submissions/[id]/actions');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const OWN_REFUSAL = 'This is your own question, so you cannot reply to it. Another admin of the issuer replies to your question.';

/**
 * An issuer that blocks same-school reviewing. Ada, one of its admins, applies for its credential;
 * Cal is an admin at Tess's school. Rae returns both attempts, and both teachers ask about it.
 */
async function makeWorld() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
  const school = await createOrg({ kind: 'SCHOOL' });
  const rae = await w.reviewer({ name: 'Rae Reviewer' });
  const ada = await createActor({ name: 'Ada Admin-Teacher', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
  const cal = await createActor({ name: 'Cal Colleague', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: school.id });
  const tess = await createActor({ name: 'Tess Teacher', schoolId: school.id });
  const ask = async (teacher: Actor, body: string) => {
    const attemptId = await submitTextAttempt(w, teacher);
    await scoreAttempt(w, rae, attemptId, 'PRIMARY', [0, 0]);
    return askAboutFeedback({ actor: teacher, attemptId, body });
  };
  return { ...w, ada, cal, tess, own: await ask(ada, 'Why was criterion 1 low?'), tesss: await ask(tess, 'What should part 2 say?') };
}

const answered = async (questionId: string) => (await db.feedbackQuestion.findUniqueOrThrow({ where: { id: questionId } })).answeredAt;

describe('an admin’s own question about their own feedback', () => {
  it('is refused to them and to a conflicted colleague, stays waiting for the other admins, and one of them replies', async () => {
    const w = await makeWorld();

    const own = await errorOf(answerFeedbackQuestion({ actor: w.ada, questionId: w.own.questionId, answer: 'Because the reviewer was wrong.' }));
    expect(own).toMatchObject({ code: 'FORBIDDEN', message: OWN_REFUSAL });
    expect(answerRefusal('OWN_WORK')).toBe(OWN_REFUSAL);
    // The form's action says so as the form's error.
    session.actor = w.ada;
    expect(await answerFeedbackQuestionAction(initialActionState, form({ questionId: w.own.questionId, answer: 'Because the reviewer was wrong.' }))).toMatchObject({ ok: false, formError: OWN_REFUSAL });
    expect(await answered(w.own.questionId)).toBeNull();

    const colleague = await errorOf(answerFeedbackQuestion({ actor: w.cal, questionId: w.tesss.questionId, answer: 'Say more.' }));
    expect(colleague).toMatchObject({ code: 'FORBIDDEN', message: answerRefusal('SAME_SCHOOL') });
    expect(await answered(w.tesss.questionId)).toBeNull();

    // Still waiting for the other admins; counted for the asker, and for the colleague who may not
    // answer Tess, as another admin's to answer.
    expect(await countUnansweredFeedbackQuestions(w.admin)).toMatchObject({ count: 2, others: 0 });
    expect(await countUnansweredFeedbackQuestions(w.cal)).toEqual({ count: 1, others: 1, oldest: { questionId: w.own.questionId, submissionId: w.own.submissionId } });
    expect(await countUnansweredFeedbackQuestions(w.ada)).toEqual({ count: 1, others: 1, oldest: { questionId: w.tesss.questionId, submissionId: w.tesss.submissionId } });

    // Cal has no tie to Ada, Ada none to Tess: each replies to the other's.
    await answerFeedbackQuestion({ actor: w.cal, questionId: w.own.questionId, answer: 'The rubric asks for a named change.' });
    await answerFeedbackQuestion({ actor: w.ada, questionId: w.tesss.questionId, answer: 'Quote one exit ticket.' });
    expect(await answered(w.own.questionId)).not.toBeNull();
    expect(await answered(w.tesss.questionId)).not.toBeNull();
  });

  it('the record tells the asker and a conflicted colleague who replies, instead of a reply form', async () => {
    const w = await makeWorld();
    const record = async (actor: Actor, submissionId: string) => {
      session.actor = actor;
      return renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: submissionId }) }));
    };
    const replyBox = (questionId: string) => `id="answer-${questionId}"`;

    const own = await record(w.ada, w.own.submissionId);
    expect(own).toContain('Why was criterion 1 low?');
    expect(textJoined(own)).toContain(OWN_REFUSAL);
    expect(own).not.toContain(replyBox(w.own.questionId));
    expect(own).not.toContain('Send reply');

    const colleague = await record(w.cal, w.tesss.submissionId);
    expect(textJoined(colleague)).toContain(answerRefusal('SAME_SCHOOL'));
    expect(colleague).not.toContain(replyBox(w.tesss.questionId));

    // Another admin gets the form on Ada's record.
    const other = await record(w.admin, w.own.submissionId);
    expect(other).toContain(replyBox(w.own.questionId));
    expect(textJoined(other)).not.toContain(OWN_REFUSAL);

    // Once answered, Ada reads the reply and no refusal.
    await answerFeedbackQuestion({ actor: w.admin, questionId: w.own.questionId, answer: 'The rubric asks for a named change.' });
    const after = textJoined(await record(w.ada, w.own.submissionId));
    expect(after).toContain('The rubric asks for a named change.');
    expect(after).not.toContain(OWN_REFUSAL);
  });
});
