// Where teachers' questions to the issuer show: an answered one the issuer shares appears, without
// any name, under "Questions teachers asked" on the micro-credential's public page (newest five, all
// of them on the questions page); sharing or unsharing drops every server's cached anonymous copy of
// that page (ADR 006). The teacher reads their own questions and answers on the questions page,
// linked from the public page and their application. Real Postgres; the page origin for the cache is
// a real HTTP server on loopback.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { hrefOf, textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { initialActionState } from '@/lib/action-result';
import { clearPageCache, freshPage, getOrRender } from '@/lib/http/page-cache';
import { PAGE_CACHE_CHANNEL } from '@/lib/http/page-cache-sync';
import { startApplication } from '@/lib/submissions/mutations';
import { answerCredentialQuestion, askCredentialQuestion, setCredentialQuestionShared } from '@/lib/credential-questions/mutations';
import { NOT_ANSWERED } from '@/lib/credential-questions/policy';
import { pageOriginForTests } from '../setup/page-origin';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The application page's upload control asks for the router, which only a browser has.
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { default: QuestionsPage } = await import('@/app/micro-credentials/[slug]/questions/page');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { shareCredentialQuestionAction, answerCredentialQuestionAction } = await import('@/app/admin/questions/actions');

const origin = pageOriginForTests();
beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});
afterEach(() => {
  vi.unstubAllEnvs();
  clearPageCache();
});

const QUESTION = 'Will the lesson video I recorded with my Grade 6 class last spring do for part 2?';
const ANSWER = 'Yes, if it shows the whole routine. Add a note on what you would change now.';
/** The "Questions teachers asked" section of the public page, as its markup. */
const section = (html: string) => /<section id="questions"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', name: 'Acme Learning', data: { blindReview: true } });
  const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id, def: { title: 'Checking for understanding' } });
  await db.user.update({ where: { id: admin.id }, data: { name: 'Ada Admin' } });
  const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
  const teacher = await createActor({ name: 'Tess Teacher', email: 'tess.teacher@school.example' });
  const otherTeacher = await createActor({ name: 'Otto Other', email: 'otto@school.example' });
  return { issuer, mc, admin, otherAdmin, teacher, otherTeacher };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

const publicPage = async (slug: string) => renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));
const questionsPage = async (slug: string, sp: Record<string, string> = {}) => renderToStaticMarkup(await QuestionsPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(sp) }));
async function answered(w: World, body = QUESTION, asker: Actor = w.teacher) {
  const { questionId } = await askCredentialQuestion({ actor: asker, microCredentialId: w.mc.id, body });
  await answerCredentialQuestion({ actor: w.admin, questionId, answer: ANSWER });
  return questionId;
}

describe('sharing an answer on the public page', () => {
  it('only once answered; shown without any name to anonymous visitors, and gone when no longer shared', async () => {
    const w = await makeWorld();
    const { questionId } = await askCredentialQuestion({ actor: w.teacher, microCredentialId: w.mc.id, body: QUESTION });
    expect(await errorOf(setCredentialQuestionShared({ actor: w.admin, questionId, shared: true }))).toMatchObject({ code: 'INVALID_STATE', message: NOT_ANSWERED });
    session.actor = w.admin;
    expect(await shareCredentialQuestionAction(initialActionState, form({ questionId, shared: 'true' }))).toMatchObject({ ok: false, formError: NOT_ANSWERED });
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).sharedAt).toBeNull();
    // The database holds the line too, whatever code writes.
    await expect(db.credentialQuestion.update({ where: { id: questionId }, data: { sharedAt: new Date() } })).rejects.toThrow();

    await answerCredentialQuestion({ actor: w.admin, questionId, answer: ANSWER });
    session.actor = null;
    expect(textOf(await publicPage(w.mc.slug))).not.toContain(QUESTION);

    // Not another issuer's admin, nor the teacher.
    for (const actor of [w.otherAdmin, w.teacher]) expect(await errorOf(setCredentialQuestionShared({ actor, questionId, shared: true }))).toMatchObject({ code: 'NOT_FOUND' });

    session.actor = w.admin;
    expect(await redirectOf(shareCredentialQuestionAction(initialActionState, form({ questionId, shared: 'true' })))).toBe(`/admin/questions/${questionId}?done=shared`);
    expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: questionId } })).sharedAt).toEqual(expect.any(Date));
    const [told] = await db.notification.findMany({ where: { userId: w.teacher.id, kind: 'credential.answer-shared' } });
    expect(told).toMatchObject({ href: `/micro-credentials/${w.mc.slug}/questions#question-${questionId}` });
    expect(told.body).toContain('Your name is not shown');
    expect(await db.auditLog.count({ where: { action: 'credential.question-share', organizationId: w.issuer.id, actorId: w.admin.id } })).toBe(1);
    // Sharing again (a second tab) changes nothing and tells nobody twice.
    await expect(setCredentialQuestionShared({ actor: w.admin, questionId, shared: true })).resolves.toMatchObject({ changed: false });
    expect(await db.notification.count({ where: { userId: w.teacher.id, kind: 'credential.answer-shared' } })).toBe(1);

    session.actor = null;
    const html = await publicPage(w.mc.slug);
    const shared = textOf(section(html));
    expect(shared).toContain('Questions teachers asked');
    expect(shared).toContain(QUESTION);
    expect(shared).toContain(`Answer from Acme Learning`);
    expect(shared).toContain(ANSWER);
    // Nothing personal on the copy every anonymous visitor is served: not the teacher, not the admin.
    expect(html).not.toMatch(/Tess|tess\.teacher|Ada Admin/);
    expect(html).not.toContain(w.teacher.id);

    session.actor = w.admin;
    expect(await redirectOf(shareCredentialQuestionAction(initialActionState, form({ questionId, shared: 'false' })))).toBe(`/admin/questions/${questionId}?done=unshared`);
    session.actor = null;
    expect(textOf(await publicPage(w.mc.slug))).not.toContain(QUESTION);
    expect(await db.auditLog.count({ where: { action: 'credential.question-unshare' } })).toBe(1);
  });

  it('sharing, unsharing and answering with “share” drop every server’s cached copy of the public page at once', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const w = await makeWorld();
    const key = `/micro-credentials/${w.mc.slug}`;
    const questionId = await answered(w);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    let notices = 0;
    other.on('notification', (msg) => {
      if (msg.channel === PAGE_CACHE_CHANNEL) notices++;
    });
    await other.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
    const waitFor = async (n: number) => {
      const start = Date.now();
      while (notices < n && Date.now() - start < 5_000) await new Promise((res) => setTimeout(res, 20));
      expect(notices).toBe(n);
    };
    try {
      await getOrRender(origin.url(), key);
      expect(freshPage(key)).toBeDefined();
      await setCredentialQuestionShared({ actor: w.admin, questionId, shared: true });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(1);

      // Sharing what is already shared (a second tab) changes nothing, so no server drops its copy.
      await getOrRender(origin.url(), key);
      await expect(setCredentialQuestionShared({ actor: w.admin, questionId, shared: true })).resolves.toMatchObject({ changed: false });
      expect(freshPage(key)).toBeDefined();

      await setCredentialQuestionShared({ actor: w.admin, questionId, shared: false });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(2);

      // Nor stopping what is already stopped.
      await getOrRender(origin.url(), key);
      await expect(setCredentialQuestionShared({ actor: w.admin, questionId, shared: false })).resolves.toMatchObject({ changed: false });
      expect(freshPage(key)).toBeDefined();
      // No notice went out for either (the count would be off by one below otherwise).
      await new Promise((res) => setTimeout(res, 200));
      expect(notices).toBe(2);

      const { questionId: second } = await askCredentialQuestion({ actor: w.otherTeacher, microCredentialId: w.mc.id, body: 'Do exit tickets count as evidence?' });
      await getOrRender(origin.url(), key);
      session.actor = w.admin;
      expect(await redirectOf(answerCredentialQuestionAction(initialActionState, form({ questionId: second, answer: ANSWER, share: 'on' })))).toBe(`/admin/questions/${second}?done=answered-shared`);
      expect(freshPage(key)).toBeUndefined();
      await waitFor(3);
      expect((await db.credentialQuestion.findUniqueOrThrow({ where: { id: second } })).sharedAt).toEqual(expect.any(Date));
    } finally {
      await other.end();
    }
  });

  it('two admins sharing the same answer at once: one share, one notice to the teacher, one audit row, one cache notice', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const w = await makeWorld();
    const questionId = await answered(w);
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([listener.connect(), holder.connect()]);
    let notices = 0;
    listener.on('notification', (msg) => {
      if (msg.channel === PAGE_CACHE_CHANNEL) notices++;
    });
    await listener.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
    try {
      // Another transaction holds the question's row, so both shares read it unshared, pass the
      // early "already shared" check, and reach their write together: the race two tabs make.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM "CredentialQuestion" WHERE "id" = $1 FOR UPDATE', [questionId]);
      const both = Promise.all([
        setCredentialQuestionShared({ actor: w.admin, questionId, shared: true }),
        setCredentialQuestionShared({ actor: w.admin, questionId, shared: true }),
      ]);
      // Both are waiting on the row's lock once neither has finished after a moment.
      let settled = false;
      void both.finally(() => { settled = true; });
      await new Promise((res) => setTimeout(res, 300));
      expect(settled).toBe(false);
      await holder.query('COMMIT');
      const results = await both;
      expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
      expect(await db.notification.count({ where: { userId: w.teacher.id, kind: 'credential.answer-shared' } })).toBe(1);
      expect(await db.auditLog.count({ where: { action: 'credential.question-share' } })).toBe(1);
      const start = Date.now();
      while (notices < 1 && Date.now() - start < 5_000) await new Promise((res) => setTimeout(res, 20));
      // The tab that lost announced nothing: a second notice would make every server drop its copy for no change.
      await new Promise((res) => setTimeout(res, 200));
      expect(notices).toBe(1);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await Promise.all([listener.end(), holder.end()]);
    }
  });
});

describe('the public page and the questions page', () => {
  it('the public page lists the newest five shared questions and links to all of them on the questions page', async () => {
    const w = await makeWorld();
    const teachers = await Promise.all(Array.from({ length: 7 }, (_, i) => createActor({ name: `Asker ${i}` })));
    for (let i = 0; i < 7; i++) {
      const id = await answered(w, `Shared question number ${i}?`, teachers[i]);
      await setCredentialQuestionShared({ actor: w.admin, questionId: id, shared: true, now: new Date(Date.now() + i * 1000) });
    }
    // Answered but not shared: never public.
    await answered(w, 'A private question?');

    const html = section(await publicPage(w.mc.slug));
    const text = textOf(html);
    for (let i = 2; i < 7; i++) expect(text).toContain(`Shared question number ${i}?`);
    for (const i of [0, 1]) expect(text).not.toContain(`Shared question number ${i}?`);
    expect(text).not.toContain('A private question?');
    // Newest first.
    expect(text.indexOf('number 6?')).toBeLessThan(text.indexOf('number 2?'));
    expect(hrefOf(html, 'See all the questions Acme Learning has answered')).toBe(`/micro-credentials/${w.mc.slug}/questions#shared`);
    // Anonymous: asking goes through sign-in and back to the questions page.
    expect(hrefOf(html, 'Ask the issuer a question')).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`/micro-credentials/${w.mc.slug}/questions`)}`);

    // The questions page shows every shared one to anyone, and asks a visitor to sign in to ask.
    const all = await questionsPage(w.mc.slug);
    for (let i = 0; i < 7; i++) expect(textOf(all)).toContain(`Shared question number ${i}?`);
    expect(textOf(all)).not.toContain('A private question?');
    expect(textOf(all)).toContain('Sign in to ask a question');
    expect(all).not.toMatch(/Asker \d|Tess|Ada Admin/);

    // Signed in: the link goes straight to the form.
    session.actor = w.otherTeacher;
    expect(hrefOf(section(await publicPage(w.mc.slug)), 'Ask the issuer a question')).toBe(`/micro-credentials/${w.mc.slug}/questions#ask`);
  });

  it('dates are in the reader’s own time zone (ADR 023); an anonymous visitor reads UTC days', async () => {
    const w = await makeWorld();
    // 20:30 UTC on 4 March is 14:30 in Chicago; 03:00 UTC on 5 March is still 21:00 on 4 March there.
    const askedAt = new Date('2026-03-04T20:30:00Z');
    const answeredAt = new Date('2026-03-05T03:00:00Z');
    const { questionId } = await askCredentialQuestion({ actor: w.teacher, microCredentialId: w.mc.id, body: QUESTION, now: askedAt });
    await answerCredentialQuestion({ actor: w.admin, questionId, answer: ANSWER, now: answeredAt });
    await setCredentialQuestionShared({ actor: w.admin, questionId, shared: true, now: answeredAt });

    session.actor = { ...w.teacher, timeZone: 'America/Chicago' };
    const html = await questionsPage(w.mc.slug);
    // Their own list: asked and answered on one clock, theirs.
    const mine = textOf(/<section id="mine"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');
    expect(mine).toContain('You asked on 4 Mar, 14:30');
    expect(mine).toContain('Answer from Acme Learning, 4 Mar, 21:00');
    const shared = textOf(/<section id="shared"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');
    expect(shared).toContain('A teacher asked (shared 4 March 2026 )');
    expect(shared).toContain('Answer from Acme Learning, 4 March 2026');
    const signedIn = textOf(section(await publicPage(w.mc.slug)));
    expect(signedIn).toContain('A teacher asked (shared 4 March 2026 )');
    expect(signedIn).toContain('Answer from Acme Learning, 4 March 2026');

    // Anonymous: the same UTC days for everyone, as the cached copy of the public page needs.
    session.actor = null;
    for (const text of [textOf(section(await publicPage(w.mc.slug))), textOf(await questionsPage(w.mc.slug))]) {
      expect(text).toContain('A teacher asked (shared 5 March 2026 )');
      expect(text).toContain('Answer from Acme Learning, 5 March 2026');
      expect(text).not.toContain('4 March');
    }
  });

  it('a credential nobody has asked about says so and still offers to ask', async () => {
    const w = await makeWorld();
    const text = textOf(section(await publicPage(w.mc.slug)));
    expect(text).toContain('Acme Learning has not shared any answers here yet.');
    expect(text).toContain('Ask the issuer a question');
  });

  it('the questions page shows the teacher their own questions, newest first, with answers and what is shared; never another teacher’s', async () => {
    const w = await makeWorld();
    const first = await answered(w, 'First: does a photo count?');
    await setCredentialQuestionShared({ actor: w.admin, questionId: first, shared: true });
    await askCredentialQuestion({ actor: w.teacher, microCredentialId: w.mc.id, body: 'Second: is a transcript enough?', now: new Date(Date.now() + 1000) });
    await askCredentialQuestion({ actor: w.otherTeacher, microCredentialId: w.mc.id, body: 'Otto asks something private.' });

    session.actor = w.teacher;
    const html = await questionsPage(w.mc.slug);
    const mine = textOf(/<section id="mine"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '');
    expect(mine.indexOf('Second: is a transcript enough?')).toBeGreaterThan(-1);
    expect(mine.indexOf('Second: is a transcript enough?')).toBeLessThan(mine.indexOf('First: does a photo count?'));
    expect(mine).toContain(ANSWER);
    expect(mine).toContain('Answered · shared on the public page without your name');
    expect(mine).toContain('Waiting for an answer from Acme Learning');
    expect(mine).toContain('Withdraw this question');
    expect(html).toContain(`id="question-${first}"`);
    expect(textOf(html)).not.toContain('Otto asks something private.');
    // The form, with its guidance about students' privacy tied to the field.
    expect(textOf(html)).toContain('Do not include students’ names or other private information.');
    expect(html).toMatch(/<textarea[^>]*id="question-body"[^>]*aria-describedby="question-body-hint"/);

    // Three waiting: the form gives way to why no more can be asked for now.
    await askCredentialQuestion({ actor: w.teacher, microCredentialId: w.mc.id, body: 'Third?' });
    await askCredentialQuestion({ actor: w.teacher, microCredentialId: w.mc.id, body: 'Fourth?' });
    const full = textOf(await questionsPage(w.mc.slug));
    expect(full).toContain('You have 3 questions about this micro-credential waiting for an answer.');
    expect(full).not.toContain('Send my question');
  });

  it('the application page links to asking the issuer and to the teacher’s answered questions', async () => {
    const w = await makeWorld();
    session.actor = w.teacher;
    const apply = async () => renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
    // Before the application is started, too: that is when a teacher wonders what counts.
    const notStarted = await apply();
    expect(textOf(notStarted)).toContain('Start my application');
    expect(hrefOf(notStarted, 'Ask Acme Learning a question')).toBe(`/micro-credentials/${w.mc.slug}/questions#ask`);
    await startApplication({ actor: w.teacher, microCredentialId: w.mc.id });
    const before = await apply();
    expect(hrefOf(before, 'Ask Acme Learning a question')).toBe(`/micro-credentials/${w.mc.slug}/questions#ask`);
    expect(textOf(before)).not.toContain('Your questions and answers');

    await answered(w);
    await askCredentialQuestion({ actor: w.teacher, microCredentialId: w.mc.id, body: 'Another one?' });
    // Not counted here: another credential's question, and another teacher's.
    const { mc: other } = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin, def: { title: 'Another credential' } });
    await askCredentialQuestion({ actor: w.teacher, microCredentialId: other.id, body: 'About the other one?' });
    await askCredentialQuestion({ actor: w.otherTeacher, microCredentialId: w.mc.id, body: 'Otto’s question?' });
    const after = await apply();
    expect(hrefOf(after, 'Your questions and answers')).toBe(`/micro-credentials/${w.mc.slug}/questions#mine`);
    expect(textOf(after)).toContain('(1 answered, 1 waiting for an answer)');
  });
});
