// Applications (/admin/submissions): an issuer's admins find a teacher's application without a badge
// or a review to start from: by name or email, where it stands, or credential, a page at a time. Only
// work sent at least once is listed, only to the issuer's admins, and a teacher an admin is scoring
// blind stays hidden as on the record.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import type { AttemptStatus, SubmissionStatus } from '@/lib/generated/prisma/enums';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { APPLICATIONS_PAGE_SIZE, listIssuerApplications } from '@/lib/submissions/admin-list';
import { ApplicationsQuery } from '@/lib/submissions/admin-list-schemas';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ApplicationsPage } = await import('@/app/admin/submissions/page');
const { default: AdminHomePage } = await import('@/app/admin/page');
const { default: AdminCredentialsPage } = await import('@/app/admin/credentials/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const NOT_FOUND = { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' };
const DAY = 86_400_000;
const T0 = new Date('2026-09-01T09:00:00Z');
const render = async (el: Promise<React.ReactElement>) => renderToStaticMarkup(await el);
const page = (params: Record<string, string>) => render(ApplicationsPage({ searchParams: Promise.resolve(params) }));

type Credential = Awaited<ReturnType<typeof createPublishedCredential>>;

/** An issuer (blind review as asked) with two credentials and their admin. */
async function makeWorld(opts: { blindReview?: boolean } = {}) {
  const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Institute', data: { blindReview: opts.blindReview ?? false } });
  const feedback = await createPublishedCredential({ issuerId: issuer.id, def: { ...textOnlyDefinition(), title: 'Feedback that moves learning' } });
  const admin = feedback.admin;
  const questioning = await createPublishedCredential({ issuerId: issuer.id, admin, def: { ...textOnlyDefinition(), title: 'Questioning that deepens thinking' } });
  return { issuer, admin, feedback, questioning };
}

/** The teacher answers every part and sends it through the real mutations, at `now`. */
async function send(c: Credential, teacher: Actor, now: Date) {
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: c.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of c.version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My Grade 7 class wrote exit tickets.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true, now });
  return { submissionId, attemptId: attempt.id };
}

/** An application written straight to the tables (many of them, for paging): its attempts oldest first. */
async function application(c: Credential, teacher: Actor, o: { status: SubmissionStatus; sentAt: Date | null; attempts: { status: AttemptStatus; decidedAt?: Date }[] }) {
  return db.submission.create({
    data: {
      userId: teacher.id, microCredentialId: c.mc.id, versionId: c.version.id, status: o.status, lastSubmittedAt: o.sentAt,
      attempts: { create: o.attempts.map((a, i) => ({ number: i + 1, status: a.status, submittedAt: a.status === 'DRAFT' ? null : o.sentAt, decidedAt: a.decidedAt ?? null })) },
    },
    select: { id: true },
  });
}

async function allPages(actor: Actor, issuerId: string, filter: { q?: string; status?: 'undecided' | 'earned' | 'returned'; microCredentialId?: string } = {}) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await listIssuerApplications({ actor, issuerId, ...filter, cursor });
    expect(r.items.length).toBeLessThanOrEqual(APPLICATIONS_PAGE_SIZE);
    ids.push(...r.items.map((i) => i.id));
    cursor = r.nextCursor ?? undefined;
    pages += 1;
  } while (cursor && pages < 20);
  return { ids, pages };
}

describe('listIssuerApplications', () => {
  it('lists only the issuer’s sent work, to its admins (and platform admins): never a draft never sent, nobody else', async () => {
    const w = await makeWorld();
    const tess = await createActor({ name: 'Tess Teacher', email: 'tess@lincoln.test' });
    const sent = await send(w.feedback, tess, T0);
    // Started and never sent: the teacher's alone.
    const unsent = await startApplication({ actor: await createActor({ name: 'Dana Draft' }), microCredentialId: w.questioning.mc.id });
    // Another issuer's application, sent.
    const other = await makeWorld();
    const otherSent = await send(other.feedback, await createActor({ name: 'Olly Other' }), T0);

    const mine = await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id });
    expect(mine.items.map((i) => i.id)).toEqual([sent.submissionId]);
    expect(mine.items[0]).toMatchObject({
      teacher: { name: 'Tess Teacher', email: 'tess@lincoln.test' }, teacherHidden: false, title: 'Feedback that moves learning', status: 'SUBMITTED', cycle: 1,
      latestAttempt: { number: 1, status: 'SUBMITTED' }, lastSubmittedAt: T0, decidedAt: null, secondLookUnderWay: false, unansweredQuestion: false,
    });
    expect(JSON.stringify(mine)).not.toContain(unsent.id);
    expect(mine.credentials.map((c) => c.title)).toEqual(['Feedback that moves learning', 'Questioning that deepens thinking']);

    // The other issuer's admin is refused here, and their own list holds only their issuer's work.
    expect(await errorOf(listIssuerApplications({ actor: other.admin, issuerId: w.issuer.id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await listIssuerApplications({ actor: other.admin, issuerId: other.issuer.id })).items.map((i) => i.id)).toEqual([otherSent.submissionId]);
    // A teacher, and a reviewer of the issuer, are refused.
    const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    for (const actor of [tess, reviewer]) expect(await errorOf(listIssuerApplications({ actor, issuerId: w.issuer.id }))).toMatchObject({ code: 'FORBIDDEN' });
    // Another issuer's credential is not a filter of this issuer: refused as not found, never read as "no filter".
    expect(await errorOf(listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, microCredentialId: other.feedback.mc.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, microCredentialId: "x' OR 1=1 --" }))).toMatchObject({ code: 'NOT_FOUND' });
    // A platform admin may look into any issuer's.
    const platform = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: (await createOrg({ kind: 'PLATFORM' })).id }] });
    expect((await listIssuerApplications({ actor: platform, issuerId: w.issuer.id })).items.map((i) => i.id)).toEqual([sent.submissionId]);
  });

  it('filters by where the application stands and by credential, and says what came of each', async () => {
    const w = await makeWorld();
    const t = async (name: string) => createActor({ name });
    const waiting = await application(w.feedback, await t('Wren Waiting'), { status: 'SUBMITTED', sentAt: new Date(T0.getTime() + 1 * DAY), attempts: [{ status: 'SUBMITTED' }] });
    const inReview = await application(w.questioning, await t('Ivy In-review'), { status: 'IN_REVIEW', sentAt: new Date(T0.getTime() + 2 * DAY), attempts: [{ status: 'SUBMITTED' }] });
    const returned = await application(w.feedback, await t('Rory Returned'), { status: 'NEEDS_REVISION', sentAt: new Date(T0.getTime() + 3 * DAY), attempts: [{ status: 'RETURNED', decidedAt: new Date(T0.getTime() + 5 * DAY) }] });
    // Returned, and the teacher has started attempt 2 without sending it: the application is a draft again, still listed.
    const revising = await application(w.questioning, await t('Rae Revising'), { status: 'DRAFT', sentAt: new Date(T0.getTime() + 4 * DAY), attempts: [{ status: 'RETURNED', decidedAt: new Date(T0.getTime() + 6 * DAY) }, { status: 'DRAFT' }] });
    const earned = await application(w.feedback, await t('Eli Earned'), { status: 'EARNED', sentAt: new Date(T0.getTime() + 5 * DAY), attempts: [{ status: 'PASSED', decidedAt: new Date(T0.getTime() + 7 * DAY) }] });
    await application(w.feedback, await t('Nell Never-sent'), { status: 'DRAFT', sentAt: null, attempts: [{ status: 'DRAFT' }] });

    const ids = async (f: Omit<Parameters<typeof listIssuerApplications>[0], 'actor' | 'issuerId'>) =>
      (await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, ...f })).items.map((i) => i.id);
    expect(await ids({})).toEqual([earned.id, revising.id, returned.id, inReview.id, waiting.id]);
    expect(await ids({ status: 'undecided' })).toEqual([inReview.id, waiting.id]);
    expect(await ids({ status: 'waiting' })).toEqual([waiting.id]);
    expect(await ids({ status: 'in-review' })).toEqual([inReview.id]);
    expect(await ids({ status: 'returned' })).toEqual([returned.id]);
    expect(await ids({ status: 'revising' })).toEqual([revising.id]);
    expect(await ids({ status: 'earned' })).toEqual([earned.id]);
    expect(await ids({ microCredentialId: w.questioning.mc.id })).toEqual([revising.id, inReview.id]);
    expect(await ids({ microCredentialId: w.feedback.mc.id, status: 'undecided' })).toEqual([waiting.id]);

    const rows = (await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id })).items;
    const row = (id: string) => rows.find((r) => r.id === id)!;
    // The decision shown for a revision in progress is the one on the attempt the teacher sent.
    expect(row(revising.id)).toMatchObject({ status: 'DRAFT', latestAttempt: { number: 2, status: 'DRAFT' }, decidedAt: new Date(T0.getTime() + 6 * DAY) });
    expect(row(earned.id)).toMatchObject({ latestAttempt: { number: 1, status: 'PASSED' }, decidedAt: new Date(T0.getTime() + 7 * DAY) });
    expect(row(waiting.id).decidedAt).toBeNull();

    // A second look at the returned attempt (ADR 015), and a teacher's question waiting for a reply.
    const returnedAttempt = await db.attempt.findFirstOrThrow({ where: { submissionId: returned.id } });
    await db.attempt.update({ where: { id: returnedAttempt.id }, data: { status: 'SUBMITTED', decidedAt: null, secondLookRequestedAt: new Date(), secondLookRequestedById: w.admin.id, secondLookReason: 'Part 2 shows it.' } });
    await db.submission.update({ where: { id: returned.id }, data: { status: 'SUBMITTED' } });
    const revisingFirst = await db.attempt.findFirstOrThrow({ where: { submissionId: revising.id, number: 1 } });
    const teacherId = (await db.submission.findUniqueOrThrow({ where: { id: revising.id } })).userId;
    await db.feedbackQuestion.create({ data: { attemptId: revisingFirst.id, userId: teacherId, body: 'Why was my reflection not enough?' } });
    const after = (await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id })).items;
    expect(after.find((r) => r.id === returned.id)).toMatchObject({ secondLookUnderWay: true, decidedAt: null, unansweredQuestion: false });
    expect(after.find((r) => r.id === revising.id)).toMatchObject({ secondLookUnderWay: false, unansweredQuestion: true });
    // Under way means waiting for a decision: the home's figure counts it, and so does its filter.
    expect(await ids({ status: 'undecided' })).toEqual([returned.id, inReview.id, waiting.id]);
    // Answered: no longer flagged.
    await db.feedbackQuestion.updateMany({ where: { attemptId: revisingFirst.id }, data: { answer: 'The criterion asks what students did next.', answeredAt: new Date(), answeredById: w.admin.id } });
    expect((await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id })).items.find((r) => r.id === revising.id)!.unansweredQuestion).toBe(false);
  });

  it('finds a teacher by part of their name or email, in any case; wildcards in the search match only themselves', async () => {
    const w = await makeWorld();
    const tess = await application(w.feedback, await createActor({ name: 'Tess O’Brien', email: 'tess.obrien@lincoln.test' }), { status: 'NEEDS_REVISION', sentAt: T0, attempts: [{ status: 'RETURNED', decidedAt: T0 }] });
    const tim = await application(w.questioning, await createActor({ name: 'Tim Okafor', email: 'tokafor@harbour.test' }), { status: 'SUBMITTED', sentAt: new Date(T0.getTime() + DAY), attempts: [{ status: 'SUBMITTED' }] });
    await application(w.feedback, await createActor({ name: 'Uma Unsent', email: 'uma@lincoln.test' }), { status: 'DRAFT', sentAt: null, attempts: [{ status: 'DRAFT' }] });
    const ids = async (q: string, status?: 'returned') => (await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, q, status })).items.map((i) => i.id);
    expect(await ids('tess')).toEqual([tess.id]);
    expect(await ids('OKAFOR')).toEqual([tim.id]);
    expect(await ids('lincoln.test')).toEqual([tess.id]);
    expect(await ids('T')).toEqual([tim.id, tess.id]);
    expect(await ids('t', 'returned')).toEqual([tess.id]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('_')).toEqual([]);
    expect(await ids('nobody-by-that-name')).toEqual([]);
    // The page's schema keeps NUL and over-long text away from the query.
    expect(ApplicationsQuery.parse({ q: 'te\u0000ss' }).q).toBe('tess');
    expect(ApplicationsQuery.parse({ q: 'x'.repeat(101), status: 'nope', credential: ['a', 'b'] })).toEqual({ q: undefined, status: undefined, credential: undefined, issuer: undefined, cursor: undefined });
  });

  it('pages through every application once, in order, also when many were sent at the same moment', async () => {
    const w = await makeWorld();
    const teachers = await Promise.all(Array.from({ length: 30 }, (_, i) => createActor({ name: `Teacher ${String(i).padStart(2, '0')}` })));
    const made: { id: string; sentAt: Date }[] = [];
    for (const [i, teacher] of teachers.entries()) {
      for (const c of [w.feedback, w.questioning]) {
        // Groups of five share a moment, across both credentials: only the id orders them.
        const sentAt = new Date(T0.getTime() + Math.floor(i / 5) * DAY);
        const status: SubmissionStatus = i % 3 === 0 ? 'EARNED' : 'SUBMITTED';
        const { id } = await application(c, teacher, { status, sentAt, attempts: [{ status: status === 'EARNED' ? 'PASSED' : 'SUBMITTED' }] });
        made.push({ id, sentAt });
      }
    }
    // Never sent: not on any page.
    await application(w.feedback, await createActor({ name: 'Teacher Unsent' }), { status: 'DRAFT', sentAt: null, attempts: [{ status: 'DRAFT' }] });
    const expected = [...made].sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((m) => m.id);

    const all = await allPages(w.admin, w.issuer.id);
    expect(all.pages).toBe(3);
    expect(all.ids).toEqual(expected);
    expect(new Set(all.ids).size).toBe(60);

    // Filtered lists page the same way.
    const oneCredential = await allPages(w.admin, w.issuer.id, { microCredentialId: w.questioning.mc.id });
    expect(oneCredential.pages).toBe(2);
    expect(new Set(oneCredential.ids).size).toBe(30);
    const earned = new Set((await db.submission.findMany({ where: { status: 'EARNED' }, select: { id: true } })).map((s) => s.id));
    expect((await allPages(w.admin, w.issuer.id, { status: 'earned' })).ids).toEqual(expected.filter((id) => earned.has(id)));
    expect((await allPages(w.admin, w.issuer.id, { q: 'teacher 1' })).ids).toHaveLength(20);
    // A cursor that is not one starts from the first page.
    expect((await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, cursor: 'not-a-cursor' })).items[0].id).toBe(expected[0]);
  });

  it('under blind review, hides the teacher an admin is scoring right now, and does not find them by name', async () => {
    const w = await makeWorld({ blindReview: true });
    const tess = await createActor({ name: 'Tess Teacher', email: 'tess@lincoln.test' });
    const { submissionId, attemptId } = await send(w.feedback, tess, T0);
    const row = async () => (await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id })).items[0];
    // Blind review hides teachers from reviewers, not from the issuer's own admins.
    expect(await row()).toMatchObject({ teacher: { name: 'Tess Teacher' }, teacherHidden: false });
    // The admin claims the attempt to score it: now they see it as a scorer would, as on the record.
    await db.review.create({ data: { attemptId, reviewerId: w.admin.id, kind: 'PRIMARY', status: 'CLAIMED', claimExpiresAt: new Date(Date.now() + 3_600_000) } });
    expect(await row()).toMatchObject({ id: submissionId, teacher: { name: 'The teacher', email: null }, teacherHidden: true });
    expect((await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, q: 'Tess' })).items).toEqual([]);
    // Another admin, not scoring it, still sees and finds the teacher.
    const colleague = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    expect((await listIssuerApplications({ actor: colleague, issuerId: w.issuer.id, q: 'Tess' })).items[0]).toMatchObject({ teacher: { name: 'Tess Teacher' }, teacherHidden: false });
    // Without blind review, scoring hides nothing.
    await db.organization.update({ where: { id: w.issuer.id }, data: { blindReview: false } });
    expect(await row()).toMatchObject({ teacher: { name: 'Tess Teacher' }, teacherHidden: false });
  });
});

describe('the Applications page', () => {
  it('lists rows linking to each record, with filters that keep their values, a next page and a plain empty state', async () => {
    const w = await makeWorld();
    const tess = await createActor({ name: 'Tess Teacher', email: 'tess@lincoln.test' });
    const { submissionId } = await send(w.feedback, tess, T0);
    for (let i = 0; i < APPLICATIONS_PAGE_SIZE; i++) {
      await application(w.questioning, await createActor({ name: `Filler ${i}` }), { status: 'EARNED', sentAt: new Date(T0.getTime() - (i + 1) * DAY), attempts: [{ status: 'PASSED', decidedAt: T0 }] });
    }
    session.actor = w.admin;

    const html = await page({});
    const text = textJoined(html);
    expect(text).toContain('Applications');
    expect(html).toContain('<caption class="sr-only">Applications for Lakeside Institute’s micro-credentials, most recently sent first</caption>');
    expect(html).toContain(`href="/admin/submissions/${submissionId}"`);
    expect(text).toContain('Tess Teacher’s application for Feedback that moves learning');
    expect(text).toContain('tess@lincoln.test');
    expect(text).toContain('Waiting for review');
    expect(text).toContain('Attempt 1: sent, not decided yet');
    expect(html).toContain(`<time dateTime="${T0.toISOString()}">${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(T0)}</time>`);
    for (const id of ['q', 'credential', 'status']) expect(html).toMatch(new RegExp(`<label for="${id}"`));
    expect(html).toMatch(/rel="next" href="\/admin\/submissions\?cursor=[^"]+">Next page/);

    // Searched: the form keeps what was typed and the row is found; the next page is gone.
    const found = await page({ q: 'tess', status: 'undecided', credential: w.feedback.mc.id });
    expect(found).toContain('value="tess"');
    expect(found).toMatch(new RegExp(`<option value="${w.feedback.mc.id}" selected="">Feedback that moves learning</option>`));
    expect(found).toMatch(/<option value="undecided" selected="">/);
    expect(found).toContain(`href="/admin/submissions/${submissionId}"`);
    expect(found).not.toContain('rel="next"');
    expect(textJoined(found)).toContain('Clear filters');

    const none = textJoined(await page({ q: 'nobody-by-that-name' }));
    expect(none).toContain('No application matches these filters');
    expect(none).toContain('Check the spelling of the name or email');
    // Another issuer's credential in the address is not found, rather than quietly ignored.
    const other = await makeWorld();
    await expect(page({ credential: other.feedback.mc.id })).rejects.toMatchObject(NOT_FOUND);
  });

  it('opens on the credential’s issuer from a credential link, refuses an issuer that is not the admin’s, and has nothing for a teacher', async () => {
    const w = await makeWorld();
    const second = await createOrg({ kind: 'ISSUER', name: 'Harbour College' });
    await db.membership.create({ data: { userId: w.admin.id, organizationId: second.id, role: 'ISSUER_ADMIN' } });
    const admin = (await loadActor(w.admin.id))!;
    const harbour = await createPublishedCredential({ issuerId: second.id, admin, def: { ...textOnlyDefinition(), title: 'Harbour inquiry' } });
    const { submissionId } = await send(harbour, await createActor({ name: 'Hal Harbour' }), T0);
    session.actor = admin;
    // Harbour College sorts first by name, but the link names a Lakeside credential.
    const lakeside = textJoined(await page({ credential: w.feedback.mc.id }));
    expect(lakeside).toContain('Lakeside Institute’s micro-credentials');
    expect(lakeside).toContain('No application matches these filters');
    const fromCredential = await page({ credential: harbour.mc.id });
    expect(fromCredential).toContain(`href="/admin/submissions/${submissionId}"`);
    expect(fromCredential).toMatch(new RegExp(`<option value="${second.id}" selected="">Harbour College</option>`));
    const stranger = await createOrg({ kind: 'ISSUER' });
    expect(await redirectOf(page({ issuer: stranger.id }))).toBe('/forbidden');

    session.actor = await createActor({ name: 'Tess Teacher' });
    const teacherView = textJoined(await page({}));
    expect(teacherView).toContain('You do not administer an issuing organisation');
    expect(teacherView).not.toContain('Hal Harbour');
  });

  it('the admin home links its waiting figure, and the credentials list its submission counts, to the filtered list', async () => {
    const w = await makeWorld();
    await send(w.feedback, await createActor(), T0);
    await send(w.feedback, await createActor(), T0);
    session.actor = w.admin;
    const home = await render(AdminHomePage());
    expect(home).toMatch(/href="\/admin\/submissions\?status=undecided"[^>]*>2<span class="sr-only">: list the applications waiting for a decision<\/span>/);
    const credentials = await render(AdminCredentialsPage({ searchParams: Promise.resolve({}) }));
    expect(credentials).toMatch(new RegExp(`href="/admin/submissions\\?credential=${w.feedback.mc.id}"[^>]*>2<span class="sr-only">: the applications for Feedback that moves learning</span>`));
    expect(credentials).toMatch(new RegExp(`href="/admin/submissions\\?credential=${w.questioning.mc.id}"[^>]*>0<span`));
    // The filtered list holds what the figure counts.
    expect((await listIssuerApplications({ actor: w.admin, issuerId: w.issuer.id, status: 'undecided' })).items).toHaveLength(2);
  });
});
