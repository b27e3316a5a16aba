// A teacher asks the issuer about a micro-credential before (or while) applying: what counts as
// evidence, whether last year's video will do. The issuer's admins are told (without the teacher's
// name), one of them answers once, and the teacher is told. The issuer never learns who asked: its
// admins may score the teacher's work under blind review. Real Postgres; the real actions and pages.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { textOf } from '../setup/html';
import { createActor, createDraftCredential, createEarnedSubmission, createOrg, createPublishedCredential } from '../factories';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { retireMicroCredential } from '@/lib/authoring/mutations';
import { enrollInMicroCredential, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { listRecentIssuerAudit } from '@/lib/audit/queries';
import { answerCredentialQuestion, askCredentialQuestion, QUESTIONS_PER_DAY, QUESTIONS_SENT_PER_DAY, withdrawCredentialQuestion } from '@/lib/credential-questions/mutations';
import { ALREADY_ANSWERED, ANSWERED_STAYS, MAX_OPEN_QUESTIONS, OWN_QUESTION, RETIRED_NO_WORK, TOO_MANY_OPEN } from '@/lib/credential-questions/policy';
import { countUnansweredCredentialQuestions, getAskState, getIssuerQuestion, hasWorkOn, INBOX_PAGE_SIZE, listIssuerQuestions } from '@/lib/credential-questions/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { askCredentialQuestionAction, withdrawCredentialQuestionAction } = await import('@/app/micro-credentials/[slug]/questions/actions');
const { answerCredentialQuestionAction } = await import('@/app/admin/questions/actions');
const { default: AdminQuestionsPage } = await import('@/app/admin/questions/page');
const { default: AdminQuestionPage } = await import('@/app/admin/questions/[id]/page');
const { default: AdminHomePage } = await import('@/app/admin/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const QUESTION = 'Part 2 asks for a lesson video. Will the one I recorded with my Grade 6 class last spring do?';
const ANSWER = 'Yes, if it shows the routine from start to finish. Add a note on what you would change now.';

async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', name: 'Acme Learning', data: { blindReview: true } });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id, def: { title: 'Checking for understanding' } });
  const coAdmin = await createActor({ name: 'Cora Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  const disabledAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  await db.user.update({ where: { id: disabledAdmin.id }, data: { disabledAt: new Date() } });
  const reviewer = await createActor({ name: 'Rae Reviewer', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  const otherIssuer = await createOrg({ kind: 'ISSUER' });
  const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
  const platformAdmin = await createActor({ name: 'Pat Platform', roles: [{ role: 'PLATFORM_ADMIN', organizationId: (await createOrg({ kind: 'PLATFORM' })).id }] });
  const teacher = await createActor({ name: 'Tess Teacher', email: 'tess.teacher@school.example' });
  const otherTeacher = await createActor({ name: 'Otto Other' });
  return { issuer, mc, admin, coAdmin, disabledAdmin, reviewer, otherIssuer, otherAdmin, platformAdmin, teacher, otherTeacher };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

const ask = (w: World, body = QUESTION, actor: Actor = w.teacher, now?: Date) => askCredentialQuestion({ actor, microCredentialId: w.mc.id, body, now });
const rows = () => db.credentialQuestion.findMany({ orderBy: { createdAt: 'asc' } });
const dailyCount = async (userId: string) => (await db.rateLimit.findUnique({ where: { key: `credential-question:user:${userId}` } }))?.count ?? 0;
const notices = (userId: string, kind: string) => db.notification.findMany({ where: { userId, kind }, select: { title: true, body: true, href: true } });

describe('asking the issuer', () => {
  it('a signed-in teacher asks about a published credential; the issuer’s enabled admins are told without the teacher’s name or the question', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    const r = (await askCredentialQuestionAction(initialActionState, form({ microCredentialId: w.mc.id, body: `  ${QUESTION}  ` }))) as ActionResult;
    expect(r).toMatchObject({ ok: true, message: expect.stringContaining('Your question was sent') });
    const [q] = await rows();
    expect(q).toMatchObject({ microCredentialId: w.mc.id, userId: w.teacher.id, body: QUESTION, answer: null, answeredAt: null, sharedAt: null });
    for (const admin of [w.admin, w.coAdmin]) {
      const [n] = await notices(admin.id, 'credential.question');
      expect(n).toMatchObject({ title: 'A teacher asks about “Checking for understanding”', href: `/admin/questions/${q.id}` });
      // Not named (blind review), and the question stays in the app (teachers may name students).
      expect(`${n.title} ${n.body}`).not.toMatch(/Tess|tess\.teacher|Grade 6/);
    }
    for (const nobody of [w.disabledAdmin, w.otherAdmin, w.reviewer, w.teacher]) expect(await db.notification.count({ where: { userId: nobody.id } })).toBe(0);
    // Recorded, but not in the issuer's log, where the teacher's name would stand beside it.
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'credential.question-ask' } })).toMatchObject({ actorId: w.teacher.id, organizationId: null, entityId: w.mc.id, data: { questionId: q.id } });
    expect(await db.auditLog.count({ where: { organizationId: w.issuer.id, actorId: w.teacher.id } })).toBe(0);
  });

  it('a draft looks missing; a retired credential takes questions only from a teacher still working on it', async () => {
    const w = await makeWorld();
    const draft = await createDraftCredential(w.admin, w.issuer.id, 'Not out yet');
    expect(await errorOf(askCredentialQuestion({ actor: w.teacher, microCredentialId: draft.id, body: QUESTION }))).toMatchObject({ code: 'NOT_FOUND' });
    session.actor = w.teacher;
    expect(await askCredentialQuestionAction(initialActionState, form({ microCredentialId: draft.id, body: QUESTION }))).toEqual({ ok: false, formError: 'That micro-credential could not be found.', fieldErrors: undefined });

    await enrollInMicroCredential({ actor: w.teacher, microCredentialId: w.mc.id });
    await retireMicroCredential({ actor: w.admin, microCredentialId: w.mc.id });
    expect(await errorOf(ask(w, QUESTION, w.otherTeacher))).toMatchObject({ code: 'INVALID_STATE', message: RETIRED_NO_WORK });
    expect(await rows()).toEqual([]);
    await expect(ask(w)).resolves.toMatchObject({ repeated: false });
    expect(await rows()).toHaveLength(1);
  });

  it('a retired credential: the questions page and the ask go by one rule of who is still working on it', async () => {
    const w = await makeWorld();
    const [kept, left, applied, never] = await Promise.all(['Kim Kept', 'Lee Left', 'Ari Applied', 'Nia Never'].map((name) => createActor({ name })));
    for (const t of [kept, left]) await enrollInMicroCredential({ actor: t, microCredentialId: w.mc.id });
    await withdrawFromMicroCredential({ actor: left, microCredentialId: w.mc.id });
    // An application counts even without the enrolment (one gone through to the end, say).
    await createEarnedSubmission(applied, w.mc.id);
    await db.enrollment.updateMany({ where: { userId: applied.id }, data: { withdrawnAt: new Date() } });
    await retireMicroCredential({ actor: w.admin, microCredentialId: w.mc.id });
    for (const [t, working] of [[kept, true], [left, false], [applied, true], [never, false]] as const) {
      expect(await hasWorkOn(t.id, w.mc.id)).toBe(working);
      expect((await getAskState(t, { id: w.mc.id, status: 'RETIRED' })).refusal).toBe(working ? null : RETIRED_NO_WORK);
      if (working) await expect(ask(w, QUESTION, t)).resolves.toMatchObject({ repeated: false });
      else expect(await errorOf(ask(w, QUESTION, t))).toMatchObject({ code: 'INVALID_STATE', message: RETIRED_NO_WORK });
    }
  });

  it(`at most ${MAX_OPEN_QUESTIONS} wait for an answer per teacher and credential; an answer frees a place; a refusal costs nothing of the daily limit`, async () => {
    const w = await makeWorld();
    const made = [];
    for (let i = 1; i <= MAX_OPEN_QUESTIONS; i++) made.push(await ask(w, `Question ${i}: does a photo of the board count?`));
    expect(await errorOf(ask(w, 'One more.'))).toMatchObject({ code: 'INVALID_STATE', message: TOO_MANY_OPEN });
    session.actor = w.teacher;
    expect(await askCredentialQuestionAction(initialActionState, form({ microCredentialId: w.mc.id, body: 'One more.' }))).toMatchObject({ ok: false, formError: TOO_MANY_OPEN });
    expect(await rows()).toHaveLength(MAX_OPEN_QUESTIONS);
    expect((await db.rateLimit.findFirstOrThrow({ where: { key: `credential-question:user:${w.teacher.id}` } })).count).toBe(MAX_OPEN_QUESTIONS);
    // Another teacher is not held up by this one's questions.
    await expect(ask(w, 'One more.', w.otherTeacher)).resolves.toMatchObject({ repeated: false });

    await answerCredentialQuestion({ actor: w.admin, questionId: made[0].questionId, answer: ANSWER });
    await expect(ask(w, 'One more.')).resolves.toMatchObject({ repeated: false });
  });

  it('a double submit makes one question: two at once, or the same words again within minutes, tell the admins once', async () => {
    const w = await makeWorld();
    const both = await Promise.all([ask(w), ask(w)]);
    expect(both[0].questionId).toBe(both[1].questionId);
    expect(both.map((b) => b.repeated).sort()).toEqual([false, true]);
    session.actor = w.teacher;
    const again = (await askCredentialQuestionAction(initialActionState, form({ microCredentialId: w.mc.id, body: `${QUESTION}\n` }))) as ActionResult;
    expect(again).toMatchObject({ ok: true, message: expect.stringContaining('You sent this question a moment ago') });
    expect(await rows()).toHaveLength(1);
    expect(await db.notification.count({ where: { userId: w.admin.id, kind: 'credential.question' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'credential.question-ask' } })).toBe(1);
    // Repeats take nothing from the daily limit.
    expect((await db.rateLimit.findFirstOrThrow({ where: { key: `credential-question:user:${w.teacher.id}` } })).count).toBe(1);
    // The same words later on are a new question (asked again after the first was answered, say).
    await expect(ask(w, QUESTION, w.teacher, new Date(Date.now() + 11 * 60_000))).resolves.toMatchObject({ repeated: false });
    expect(await rows()).toHaveLength(2);
  });

  it('is limited to a few a day per teacher, across credentials (each one notifies the issuer’s admins)', async () => {
    const w = await makeWorld();
    for (let i = 0; i < QUESTIONS_PER_DAY; i++) {
      await ask(w, `Question number ${i}?`);
      await db.credentialQuestion.updateMany({ where: { answeredAt: null }, data: { answer: 'Answered.', answeredAt: new Date() } });
    }
    expect(await errorOf(ask(w, 'Yet another?'))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await rows()).toHaveLength(QUESTIONS_PER_DAY);
  });

  it('a withdrawn question gives its place in the daily limit back (“You can ask again at any time”); one asked over a day ago has none to give', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    for (let i = 0; i < QUESTIONS_PER_DAY + 2; i++) {
      const { questionId } = await ask(w, `Question ${i}: does a photo of the board count?`);
      expect(await redirectOf(withdrawCredentialQuestionAction(initialActionState, form({ questionId })))).toBe(`/micro-credentials/${w.mc.slug}/questions?withdrawn=1`);
    }
    expect(await dailyCount(w.teacher.id)).toBe(0);
    const kept = await ask(w);
    expect(await dailyCount(w.teacher.id)).toBe(1);
    // Asked yesterday: its place was in yesterday's count, so today's is not lowered by withdrawing it.
    const old = await ask(w, 'A question from yesterday?', w.teacher, new Date(Date.now() - 25 * 60 * 60 * 1000));
    expect(await dailyCount(w.teacher.id)).toBe(2);
    await withdrawCredentialQuestion({ actor: w.teacher, questionId: old.questionId });
    expect(await dailyCount(w.teacher.id)).toBe(2);
    // Withdrawn twice at once: given back once.
    await Promise.allSettled([withdrawCredentialQuestion({ actor: w.teacher, questionId: kept.questionId }), withdrawCredentialQuestion({ actor: w.teacher, questionId: kept.questionId })]);
    expect(await dailyCount(w.teacher.id)).toBe(1);
  });

  it(`asking and withdrawing in a loop stops at ${QUESTIONS_SENT_PER_DAY} a day, so the issuer’s admins are not emailed without end`, async () => {
    const w = await makeWorld();
    for (let i = 0; i < QUESTIONS_SENT_PER_DAY; i++) {
      const { questionId } = await ask(w, `Loop ${i}?`);
      await withdrawCredentialQuestion({ actor: w.teacher, questionId });
    }
    expect(await errorOf(ask(w, 'One more?'))).toMatchObject({ code: 'RATE_LIMITED', message: 'You have asked and withdrawn many questions today. Try again tomorrow.' });
    expect(await rows()).toEqual([]);
    // Refused, so it takes nothing from the daily limit.
    expect(await dailyCount(w.teacher.id)).toBe(0);
    await expect(ask(w, 'One more?', w.otherTeacher)).resolves.toMatchObject({ repeated: false });
  });

  it('takes 1 to 2,000 characters, checked on the server and said at the field; nothing is written otherwise', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    for (const body of ['', '   ', 'x'.repeat(2001)]) {
      const r = (await askCredentialQuestionAction(initialActionState, form({ microCredentialId: w.mc.id, body }))) as ActionResult;
      if (r.ok) throw new Error('accepted');
      expect(r.fieldErrors?.body?.[0]).toMatch(/Write your question|at most 2,000 characters/);
    }
    expect(await askCredentialQuestionAction(initialActionState, form({ body: QUESTION }))).toMatchObject({ ok: false, fieldErrors: { microCredentialId: expect.any(Array) } });
    expect(await rows()).toEqual([]);

    // What the box allowed (2,000 characters as it counts them, each line break one) is taken, though
    // the browser sends each break as CRLF; it is kept with one \n per break.
    const lines = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'b' : 'a'));
    const sent = `${lines.join('\r\n')}?`;
    expect(sent.length).toBe(2999);
    expect(await askCredentialQuestionAction(initialActionState, form({ microCredentialId: w.mc.id, body: sent }))).toMatchObject({ ok: true });
    const [q] = await rows();
    expect(q.body).toBe(`${lines.join('\n')}?`);
    expect(q.body).toHaveLength(2000);

    session.actor = w.admin;
    const answer = `${Array.from({ length: 2000 }, () => 'y').join('\r\n')}!`;
    expect(await redirectOf(answerCredentialQuestionAction(initialActionState, form({ questionId: q.id, answer })))).toBe(`/admin/questions/${q.id}?done=answered`);
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: q.id } })).answer).toHaveLength(4000);
  });
});

describe('answering', () => {
  it('the issuer’s admin answers; the teacher is told with a link to their question; the answer is in the issuer’s log', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    session.actor = w.admin;
    expect(await redirectOf(answerCredentialQuestionAction(initialActionState, form({ questionId, answer: ANSWER })))).toBe(`/admin/questions/${questionId}?done=answered`);
    expect(await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).toMatchObject({ answer: ANSWER, answeredById: w.admin.id, answeredAt: expect.any(Date), sharedAt: null });
    const [n] = await notices(w.teacher.id, 'credential.answer');
    expect(n).toMatchObject({ title: 'Your question about “Checking for understanding” has an answer', href: `/micro-credentials/${w.mc.slug}/questions#question-${questionId}` });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'credential.question-answer' } })).toMatchObject({ actorId: w.admin.id, organizationId: w.issuer.id, entityId: w.mc.id, data: { questionId, shared: false } });
    // Its wording in the issuer's log names the admin and the credential, never the teacher.
    expect(JSON.stringify(await listRecentIssuerAudit({ actor: w.coAdmin, issuerIds: [w.issuer.id], take: 50 }))).not.toMatch(/Tess|tess\.teacher/);
  });

  it('another issuer’s admin, a reviewer, the teacher and another teacher cannot answer; nothing changes', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    for (const actor of [w.otherAdmin, w.reviewer, w.teacher, w.otherTeacher]) {
      expect(await errorOf(answerCredentialQuestion({ actor, questionId, answer: ANSWER }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await getIssuerQuestion({ actor, questionId })).toBeNull();
    }
    session.actor = w.otherAdmin;
    expect(await answerCredentialQuestionAction(initialActionState, form({ questionId, answer: ANSWER }))).toMatchObject({ ok: false, formError: 'That question could not be found.' });
    expect(await listIssuerQuestions({ actor: w.otherAdmin, issuerIds: [w.issuer.id, w.otherIssuer.id], status: 'waiting' })).toEqual({ items: [], nextCursor: null });
    expect(await countUnansweredCredentialQuestions(w.otherAdmin)).toBe(0);
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).answeredAt).toBeNull();
    expect(await db.notification.count({ where: { kind: 'credential.answer' } })).toBe(0);
  });

  it('two admins at once: the first answer stands and the other admin is told', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    const both = await Promise.allSettled([
      answerCredentialQuestion({ actor: w.admin, questionId, answer: 'Answer from the first admin.' }),
      answerCredentialQuestion({ actor: w.coAdmin, questionId, answer: 'Answer from the second admin.' }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'CONFLICT', message: ALREADY_ANSWERED });
    const winner = both[0].status === 'fulfilled' ? 'first' : 'second';
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).answer).toBe(`Answer from the ${winner} admin.`);
    expect(await db.notification.count({ where: { userId: w.teacher.id, kind: 'credential.answer' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'credential.question-answer' } })).toBe(1);
    // Later, through the form: said plainly, and what was typed is not lost (the form keeps it).
    session.actor = w.coAdmin;
    expect(await answerCredentialQuestionAction(initialActionState, form({ questionId, answer: 'Late.' }))).toMatchObject({ ok: false, formError: ALREADY_ANSWERED });
  });

  it('a platform admin may answer for any issuer; an admin who asked about their own issuer’s credential waits for another admin', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    await answerCredentialQuestion({ actor: w.platformAdmin, questionId, answer: ANSWER });
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).answeredById).toBe(w.platformAdmin.id);

    const own = await ask(w, 'Does the rubric apply to co-taught lessons?', w.admin);
    expect(await errorOf(answerCredentialQuestion({ actor: w.admin, questionId: own.questionId, answer: 'Yes.' }))).toMatchObject({ code: 'FORBIDDEN', message: OWN_QUESTION });
    // Not counted on their home page, nor notified to them; the other admin answers it.
    expect(await countUnansweredCredentialQuestions(w.admin)).toBe(0);
    expect(await countUnansweredCredentialQuestions(w.coAdmin)).toBe(1);
    expect(await db.notification.count({ where: { userId: w.admin.id, kind: 'credential.question' } })).toBe(1);
    await expect(answerCredentialQuestion({ actor: w.coAdmin, questionId: own.questionId, answer: 'Yes.' })).resolves.toMatchObject({ questionId: own.questionId });
  });

  it('an empty or too long answer is refused at the field; nothing is written', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    session.actor = w.admin;
    for (const answer of ['', '  ', 'x'.repeat(4001)]) {
      expect(await answerCredentialQuestionAction(initialActionState, form({ questionId, answer }))).toMatchObject({ ok: false, fieldErrors: { answer: [expect.stringMatching(/Write your answer|at most 4,000/)] } });
    }
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).answeredAt).toBeNull();
  });
});

describe('what the issuer sees', () => {
  it('the inbox, the question’s own page, the home count and the notices never name the asker', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    const item = await getIssuerQuestion({ actor: w.admin, questionId });
    expect(Object.keys(item!)).not.toContain('userId');
    expect(JSON.stringify(item)).not.toContain(w.teacher.id);

    session.actor = w.admin;
    const inbox = renderToStaticMarkup(await AdminQuestionsPage({ searchParams: Promise.resolve({}) }));
    const one = renderToStaticMarkup(await AdminQuestionPage({ params: Promise.resolve({ id: questionId }), searchParams: Promise.resolve({}) }));
    for (const html of [inbox, one]) {
      expect(textOf(html)).toContain(QUESTION);
      expect(html).toContain(`id="answer-${questionId}"`);
      expect(html).toMatch(/aria-describedby="answer-[^"]+-hint"/);
      expect(html).not.toMatch(/Tess|tess\.teacher/);
      expect(html).not.toContain(w.teacher.id);
    }
    expect(textOf(inbox)).toContain('About “Checking for understanding”');
    const home = textOf(renderToStaticMarkup(await AdminHomePage()));
    expect(home).toContain('Unanswered questions about feedback');
    expect(home).toMatch(/Unanswered questions about micro-credentials 1/);

    // Answered: the admin's name is there for the admins, never the teacher's.
    await answerCredentialQuestion({ actor: w.coAdmin, questionId, answer: ANSWER });
    const answered = textOf(renderToStaticMarkup(await AdminQuestionsPage({ searchParams: Promise.resolve({ status: 'answered' }) })));
    expect(answered).toContain(ANSWER);
    expect(answered).toContain('Answered by Cora Admin');
    expect(answered).toContain('Share on the public page');
    expect(answered).not.toMatch(/Tess|tess\.teacher/);

    // Another issuer's admin: the page is not found, as for a missing question.
    session.actor = w.otherAdmin;
    await expect(AdminQuestionPage({ params: Promise.resolve({ id: questionId }), searchParams: Promise.resolve({}) })).rejects.toThrow();
  });

  it('the inbox lists waiting questions oldest first, a page at a time; answered ones on their own list', async () => {
    const w = await makeWorld();
    const start = Date.now() - 3 * 86_400_000;
    const teachers = await Promise.all(Array.from({ length: 9 }, (_, i) => createActor({ name: `Teacher ${i}` })));
    const total = INBOX_PAGE_SIZE + 3;
    for (let i = 0; i < total; i++) {
      await db.credentialQuestion.create({ data: { microCredentialId: w.mc.id, userId: teachers[i % teachers.length].id, body: `Waiting question ${i}`, createdAt: new Date(start + i * 60_000) } });
    }
    await db.credentialQuestion.create({ data: { microCredentialId: w.mc.id, userId: w.teacher.id, body: 'Answered question', answer: 'Done.', answeredAt: new Date(), answeredById: w.admin.id } });
    const first = await listIssuerQuestions({ actor: w.admin, issuerIds: [w.issuer.id], status: 'waiting' });
    expect(first.items.map((q) => q.body)).toEqual(Array.from({ length: INBOX_PAGE_SIZE }, (_, i) => `Waiting question ${i}`));
    expect(first.nextCursor).not.toBeNull();
    const second = await listIssuerQuestions({ actor: w.admin, issuerIds: [w.issuer.id], status: 'waiting', cursor: first.nextCursor! });
    expect(second.items.map((q) => q.body)).toEqual(['Waiting question 20', 'Waiting question 21', 'Waiting question 22']);
    expect(second.nextCursor).toBeNull();
    expect((await listIssuerQuestions({ actor: w.admin, issuerIds: [w.issuer.id], status: 'answered' })).items.map((q) => q.body)).toEqual(['Answered question']);
    expect((await listIssuerQuestions({ actor: w.admin, issuerIds: [w.issuer.id], status: 'shared' })).items).toEqual([]);
    // A tampered cursor starts from the first page rather than failing.
    expect((await listIssuerQuestions({ actor: w.admin, issuerIds: [w.issuer.id], status: 'waiting', cursor: 'not-a-cursor' })).items).toHaveLength(INBOX_PAGE_SIZE);

    session.actor = w.admin;
    const html = textOf(renderToStaticMarkup(await AdminQuestionsPage({ searchParams: Promise.resolve({ cursor: first.nextCursor! }) })));
    expect(html).toContain('Waiting question 22');
    expect(html).not.toContain('Waiting question 0 ');
    expect(html).toContain('Back to the first page');
  });
});

describe('withdrawing', () => {
  it('the teacher withdraws a waiting question: it is gone, with the admins’ notices of it; an answered one stays; nobody else can', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    expect(await errorOf(withdrawCredentialQuestion({ actor: w.otherTeacher, questionId }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(withdrawCredentialQuestion({ actor: w.admin, questionId }))).toMatchObject({ code: 'NOT_FOUND' });
    session.actor = w.teacher;
    expect(await redirectOf(withdrawCredentialQuestionAction(initialActionState, form({ questionId })))).toBe(`/micro-credentials/${w.mc.slug}/questions?withdrawn=1`);
    expect(await rows()).toEqual([]);
    expect(await db.notification.count({ where: { kind: 'credential.question' } })).toBe(0);
    expect(await countUnansweredCredentialQuestions(w.admin)).toBe(0);
    expect(await db.auditLog.findFirstOrThrow({ where: { action: 'credential.question-withdraw' } })).toMatchObject({ actorId: w.teacher.id, organizationId: null });
    // The admin who opens the old link finds nothing, and answering it says so.
    expect(await getIssuerQuestion({ actor: w.admin, questionId })).toBeNull();
    expect(await errorOf(answerCredentialQuestion({ actor: w.admin, questionId, answer: ANSWER }))).toMatchObject({ code: 'NOT_FOUND' });

    const answered = await ask(w, 'Can I send a transcript instead of a video?');
    await answerCredentialQuestion({ actor: w.admin, questionId: answered.questionId, answer: ANSWER });
    expect(await errorOf(withdrawCredentialQuestion({ actor: w.teacher, questionId: answered.questionId }))).toMatchObject({ code: 'INVALID_STATE', message: ANSWERED_STAYS });
    expect(await withdrawCredentialQuestionAction(initialActionState, form({ questionId: answered.questionId }))).toMatchObject({ ok: false, formError: ANSWERED_STAYS });
    expect(await rows()).toHaveLength(1);
  });
});

describe('hostile input', () => {
  it('broken, foreign or oversized ids and text end in a clear refusal at the form, never a fault, and write nothing', async () => {
    const w = await makeWorld();
    const { questionId } = await ask(w);
    const ids = ['', 'x'.repeat(5000), `${questionId}\u0000`, '\u0000', "' OR 1=1 --", questionId.slice(0, -1) + 'z', '{"__proto__":{}}'];
    session.actor = w.otherAdmin;
    for (const id of ids) {
      for (const r of [
        await answerCredentialQuestionAction(initialActionState, form({ questionId: id, answer: ANSWER })),
        await answerCredentialQuestionAction(initialActionState, form({ questionId: id, answer: '\u0000'.repeat(10) })),
      ]) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(`${r.formError ?? ''} ${Object.values(r.fieldErrors ?? {}).flat().join(' ')}`).not.toMatch(/Prisma|Error:|SELECT|invocation/);
      }
      expect(await getIssuerQuestion({ actor: w.admin, questionId: id })).toBeNull();
    }
    session.actor = w.otherTeacher;
    for (const id of ids) {
      expect((await askCredentialQuestionAction(initialActionState, form({ microCredentialId: id, body: QUESTION }))).ok).toBe(false);
      expect((await withdrawCredentialQuestionAction(initialActionState, form({ questionId: id }))).ok).toBe(false);
    }
    session.actor = w.admin;
    for (const status of ['', 'WAITING', '<script>', 'shared\u0000']) {
      for (const cursor of ['', 'bm90LWpzb24', Buffer.from(JSON.stringify({ t: '0000-01-01', id: 'a' })).toString('base64url'), Buffer.from(JSON.stringify({ t: '2020-01-01', id: 'x'.repeat(100) })).toString('base64url')]) {
        const html = textOf(renderToStaticMarkup(await AdminQuestionsPage({ searchParams: Promise.resolve({ status, cursor, issuer: 'not-an-issuer'.repeat(10) }) })));
        expect(html).toContain(QUESTION);
      }
    }
    expect(await rows()).toHaveLength(1);
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).answeredAt).toBeNull();
  });
});
