// A teacher whose attempt was returned can ask the issuer about the feedback ("Ask about this
// feedback"); the issuer's admins are told, one of them replies on the application record, and the
// teacher is told and reads the reply on their application page. Only the attempt's teacher asks,
// one open question at a time; only the credential's issuer answers; reviewers never see any of it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { answerFeedbackQuestion, askAboutFeedback, ALREADY_ANSWERED, QUESTIONS_PER_DAY } from '@/lib/feedback-questions/mutations';
import { NOT_LATEST, ALREADY_ASKED, NOT_RETURNED } from '@/lib/feedback-questions/policy';
import { countUnansweredFeedbackQuestions } from '@/lib/feedback-questions/queries';
import { getApplication } from '@/lib/submissions/queries';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import { initialActionState, type ActionResult } from '@/lib/action-result';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The application page's upload control asks for the router, which only a browser has.
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { askAboutFeedbackAction } = await import('@/app/apply/[slug]/actions');
const { answerFeedbackQuestionAction } = await import('@/app/admin/submissions/[id]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const QUESTION = 'The reflection criterion says I did not name what changed, but paragraph two describes the new exit ticket routine.';
const REPLY = 'Thank you. We read paragraph two again: the next reviewer will be asked to look at it closely.';

/** An issuer with blind review, a teacher whose first attempt a reviewer returned for revision. */
async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: true, calibrationRequired: false, doubleScoreRate: 0 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const coAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  const disabledAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  await db.user.update({ where: { id: disabledAdmin.id }, data: { disabledAt: new Date() } });
  const otherIssuer = await createOrg({ kind: 'ISSUER' });
  const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
  const reviewer = await createActor({ name: 'Rae Reviewer', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  await db.reviewerQualification.create({ data: { userId: reviewer.id, microCredentialId: mc.id, grantedById: admin.id } });
  const teacher = await createActor({ name: 'Tess Teacher' });
  const otherTeacher = await createActor({ name: 'Otto Other' });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  const answerAll = async (attemptId: string, revisionOf = 0) => {
    for (const p of version.parts) await saveResponse({ actor: teacher, attemptId, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: revisionOf });
  };
  await answerAll(attempt.id);
  await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true });
  const review = async (who: Actor, attemptId: string) => {
    const { reviewId } = await claimReview({ actor: who, attemptId });
    const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: attemptId } })]);
    return { reviewId, version: r.version, attemptVersion: a.version };
  };
  const first = await review(reviewer, attempt.id);
  const lowest = version.levels.reduce((lo, l) => (l.rank < lo.rank ? l : lo));
  await submitReview({
    actor: reviewer, reviewId: first.reviewId, version: first.version, attemptVersion: first.attemptVersion,
    scores: version.criteria.map((c) => ({ criterionId: c.id, levelId: lowest.id, feedback: 'Name what changed for the students.' })),
    overallComment: 'Please say what changed.',
  });
  expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('RETURNED');
  return { issuer, mc, version, admin, coAdmin, disabledAdmin, otherAdmin, reviewer, teacher, otherTeacher, submissionId, attemptId: attempt.id, firstReviewId: first.reviewId, review, answerAll };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

const ask = (w: World, body = QUESTION) => askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body });
const questionRows = () => db.feedbackQuestion.findMany({ orderBy: { createdAt: 'asc' } });
const notificationsOf = (userId: string, kind: string) => db.notification.findMany({ where: { userId, kind }, select: { title: true, body: true, href: true } });

describe('asking about feedback', () => {
  it('the attempt’s teacher asks; the issuer’s enabled admins are told with a link to the record, and it is audited', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    const result = (await askAboutFeedbackAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, body: `  ${QUESTION}  ` }))) as ActionResult;
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('Your question was sent') });
    const [q] = await questionRows();
    expect(q).toMatchObject({ attemptId: w.attemptId, userId: w.teacher.id, body: QUESTION, answer: null, answeredAt: null });
    for (const admin of [w.admin, w.coAdmin]) {
      const [n] = await notificationsOf(admin.id, 'feedback.question');
      expect(n.href).toBe(`/admin/submissions/${w.submissionId}#question-${q.id}`);
      // Not named: an admin may be scoring the revision under blind review.
      expect(n.title).toContain('A teacher asks about the feedback');
      expect(n.title).not.toContain('Tess');
      // The question itself is not emailed.
      expect(n.body).not.toContain('paragraph two');
    }
    for (const nobody of [w.disabledAdmin, w.otherAdmin, w.reviewer]) expect(await db.notification.count({ where: { userId: nobody.id, kind: 'feedback.question' } })).toBe(0);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'feedback.ask' } });
    expect(entry).toMatchObject({ actorId: w.teacher.id, entityType: 'Submission', entityId: w.submissionId, organizationId: w.issuer.id, data: { questionId: q.id, attemptId: w.attemptId, number: 1 } });
  });

  it('no other teacher can ask about it or read it', async () => {
    const w = await makeWorld();
    const e = await errorOf(askAboutFeedback({ actor: w.otherTeacher, attemptId: w.attemptId, body: QUESTION }));
    expect(e.code).toBe('NOT_FOUND');
    session.actor = w.otherTeacher;
    const result = (await askAboutFeedbackAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, body: QUESTION }))) as ActionResult;
    expect(result).toMatchObject({ ok: false, formError: 'That attempt could not be found.' });
    expect(await questionRows()).toEqual([]);
    expect(await db.notification.count({ where: { kind: 'feedback.question' } })).toBe(0);

    await ask(w);
    expect((await getApplication(w.otherTeacher, w.mc.slug))?.submission).toBeNull();
    const html = textJoined(renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) })));
    expect(html).not.toContain('paragraph two');
  });

  it('one open question per attempt: asking again, twice at once, or through the form again is refused with a clear message', async () => {
    const w = await makeWorld();
    const both = await Promise.allSettled([ask(w), ask(w)]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'CONFLICT', message: ALREADY_ASKED });
    session.actor = w.teacher;
    const again = (await askAboutFeedbackAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, body: 'Another one.' }))) as ActionResult;
    expect(again).toEqual({ ok: false, formError: ALREADY_ASKED, fieldErrors: undefined });
    expect(await questionRows()).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: 'feedback.ask' } })).toBe(1);
    // The database holds the line too (the partial unique index), whatever code writes.
    await expect(db.feedbackQuestion.create({ data: { attemptId: w.attemptId, userId: w.teacher.id, body: 'Direct.' } })).rejects.toThrow();
  });

  it('takes 1 to 1,000 characters, checked on the server, and writes nothing otherwise', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    for (const body of ['', '   ', 'x'.repeat(1001)]) {
      const r = (await askAboutFeedbackAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, body }))) as ActionResult;
      expect(r.ok).toBe(false);
      if (r.ok) throw new Error('unreachable');
      expect(r.fieldErrors?.body?.[0]).toMatch(/Write your question|at most 1,000 characters/);
    }
    expect(await questionRows()).toEqual([]);
    expect(await askAboutFeedbackAction(initialActionState, form({ attemptId: w.attemptId, slug: w.mc.slug, body: 'x'.repeat(1000) }))).toMatchObject({ ok: true });
  });

  it('is only for a returned attempt', async () => {
    const w = await makeWorld();
    const next = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    const e = await errorOf(askAboutFeedback({ actor: w.teacher, attemptId: next.attemptId, body: QUESTION }));
    expect(e).toMatchObject({ code: 'INVALID_STATE', message: NOT_RETURNED });
    expect(await questionRows()).toEqual([]);
    // While the revision is a draft, the returned attempt's feedback can still be asked about.
    await ask(w);
    expect(await questionRows()).toHaveLength(1);
  });

  it('is only for the latest attempt sent: once the revision is sent, the earlier feedback is settled', async () => {
    const w = await makeWorld();
    const next = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    await w.answerAll(next.attemptId, 1);
    await submitAttempt({ actor: w.teacher, attemptId: next.attemptId, attested: true });
    const e = await errorOf(ask(w));
    expect(e).toMatchObject({ code: 'INVALID_STATE', message: NOT_LATEST });
    expect(await questionRows()).toEqual([]);
  });

  it('is limited to a few questions a day per teacher (each one emails the issuer’s admins)', async () => {
    const w = await makeWorld();
    for (let i = 0; i < QUESTIONS_PER_DAY; i++) {
      await ask(w);
      await db.feedbackQuestion.updateMany({ where: { answeredAt: null }, data: { answeredAt: new Date(), answer: 'Answered.' } });
    }
    expect(await errorOf(ask(w))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await questionRows()).toHaveLength(QUESTIONS_PER_DAY);
  });
});

describe('answering', () => {
  it('an admin of another issuer, the reviewer and the teacher cannot answer; nothing changes', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    for (const actor of [w.otherAdmin, w.reviewer, w.teacher]) {
      const e = await errorOf(answerFeedbackQuestion({ actor, questionId, answer: REPLY }));
      expect(e.code).toBe('NOT_FOUND');
    }
    session.actor = w.otherAdmin;
    expect(await answerFeedbackQuestionAction(initialActionState, form({ questionId, answer: REPLY }))).toMatchObject({ ok: false, formError: 'That question could not be found.' });
    expect((await db.feedbackQuestion.findUniqueOrThrow({ where: { id: questionId } })).answeredAt).toBeNull();
    expect(await db.notification.count({ where: { kind: 'feedback.answer' } })).toBe(0);
    // Nor do they see it on the record or count it.
    expect(await getSubmissionRecord({ actor: w.otherAdmin, submissionId: w.submissionId })).toBeNull();
    expect((await countUnansweredFeedbackQuestions(w.otherAdmin)).count).toBe(0);
  });

  it('the issuer’s admin replies once; the teacher is told and reads it on their application; they may then ask again', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    expect(await countUnansweredFeedbackQuestions(w.admin)).toEqual({ count: 1, others: 0, oldest: { questionId, submissionId: w.submissionId } });

    session.actor = w.admin;
    // Too long, or empty: refused, nothing written.
    for (const answer of ['', 'x'.repeat(2001)]) {
      expect(await answerFeedbackQuestionAction(initialActionState, form({ questionId, answer }))).toMatchObject({ ok: false, fieldErrors: { answer: [expect.any(String)] } });
    }
    expect((await db.feedbackQuestion.findUniqueOrThrow({ where: { id: questionId } })).answeredAt).toBeNull();
    const result = await answerFeedbackQuestionAction(initialActionState, form({ questionId, answer: REPLY }));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('Reply sent') });
    const q = await db.feedbackQuestion.findUniqueOrThrow({ where: { id: questionId } });
    expect(q).toMatchObject({ answer: REPLY, answeredById: w.admin.id, answeredAt: expect.any(Date) });
    const [n] = await notificationsOf(w.teacher.id, 'feedback.answer');
    expect(n.href).toBe(`/apply/${w.mc.slug}?cycle=1#question-${questionId}`);
    expect(await db.auditLog.findFirst({ where: { action: 'feedback.answer', actorId: w.admin.id, entityId: w.submissionId, organizationId: w.issuer.id } })).not.toBeNull();
    expect((await countUnansweredFeedbackQuestions(w.admin)).count).toBe(0);

    // A second reply (another admin, another tab) does not overwrite the first.
    const e = await errorOf(answerFeedbackQuestion({ actor: w.coAdmin, questionId, answer: 'Something else.' }));
    expect(e).toMatchObject({ code: 'CONFLICT', message: ALREADY_ANSWERED });
    expect((await db.feedbackQuestion.findUniqueOrThrow({ where: { id: questionId } })).answer).toBe(REPLY);

    // The teacher reads question and reply under the feedback.
    session.actor = w.teacher;
    const html = textJoined(renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) })));
    expect(html).toContain(QUESTION);
    expect(html).toContain(REPLY);
    expect(html).toContain('Ask about this feedback');
    // Answered, so a follow-up can be asked.
    await expect(ask(w, 'A follow-up.')).resolves.toMatchObject({ questionId: expect.any(String) });
  });
});

describe('who sees the questions', () => {
  it('the admin record shows them with the reply form; reviewers never see them, also when they score the revision', async () => {
    const w = await makeWorld();
    await ask(w);

    session.actor = w.admin;
    const adminHtml = textJoined(renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) })));
    expect(adminHtml).toContain('Questions from the teacher about the feedback');
    expect(adminHtml).toContain(QUESTION);
    expect(adminHtml).toContain('Your reply to Tess Teacher');

    // The reviewer of the returned attempt.
    session.actor = w.reviewer;
    const decided = textJoined(renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId: w.firstReviewId }) })));
    expect(decided).toContain('Please say what changed.');
    expect(decided).not.toContain('paragraph two');

    // The teacher revises and submits; a reviewer of attempt 2 reads attempt 1's feedback, not the question.
    const { attemptId: second } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    await w.answerAll(second, 1);
    await submitAttempt({ actor: w.teacher, attemptId: second, attested: true });
    const next = await w.review(w.reviewer, second);
    const scoring = textJoined(renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId: next.reviewId }) })));
    expect(scoring).toContain('Feedback on earlier attempts');
    expect(scoring).not.toContain('paragraph two');
    expect(scoring).not.toContain('Tess Teacher');

    // The admin can give the waiting attempt 2 to a reviewer they choose, from the record.
    session.actor = w.admin;
    const after = renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
    expect(after).toContain(`href="/admin/review-quality/assign/${second}"`);
  });
});
