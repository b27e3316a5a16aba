// Teachers tell an issuer how a micro-credential went (how useful it was, about how many hours it
// took, a comment) once a reviewer has decided on their work; the issuer's admins read it without
// names; the public page shows stored figures (an average and typical hours) once five teachers have
// rated it, taken afresh after every five new ratings.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { renderToStaticMarkup } from 'react-dom/server';
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { createActor, createDraftCredential, createOrg, createPublishedCredential, createWaitingAttempt } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { startApplication } from '@/lib/submissions/mutations';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { deleteCredentialFeedback, saveCredentialFeedback } from '@/lib/credential-feedback/mutations';
import { FEEDBACK_COMMENTS_PAGE_SIZE, getCredentialFeedbackReport, getCredentialFeedbackSummary, getFeedbackForm, getFeedbackPromptState } from '@/lib/credential-feedback/queries';
import { feedbackInvitation } from '@/lib/credential-feedback/invitation';
import { textOf } from '../setup/html';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub-roles');
  const { redirect } = await import('next/navigation');
  const { hasRole, isPlatformAdmin } = await import('@/lib/auth/actor');
  // As lib/auth/session.ts does: a signed-out visitor goes to sign in, and back to the page after.
  const requireUser = async (returnTo?: string) => stub.session.actor ?? redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : '/sign-in');
  const requireRole = async (roles: Parameters<typeof hasRole>[1][], returnTo?: string) => {
    const actor = await requireUser(returnTo);
    if (!isPlatformAdmin(actor) && !roles.some((r) => hasRole(actor, r))) redirect('/forbidden');
    return actor;
  };
  return { ...stub, requireUser, requireRole };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// Counted, to check that a page and its title load the report once between them.
vi.mock('@/lib/credential-feedback/queries', async (original) => {
  const actual = await original<typeof import('@/lib/credential-feedback/queries')>();
  return { ...actual, getCredentialFeedbackReport: vi.fn(actual.getCredentialFeedbackReport) };
});
// React's `cache` memoizes only inside a server render, for its request, and does nothing outside one
// (as here). `newRequest()` turns on a memo keyed as React keys it (each argument in turn, by
// identity, so f(a, b) and f(a, b, undefined) are two entries) and starts it empty.
const requestCache = vi.hoisted(() => ({ on: false, memos: [] as Map<unknown, unknown>[] }));
const newRequest = () => {
  requestCache.on = true;
  for (const m of requestCache.memos) m.clear();
};
vi.mock('react', async (original) => {
  const actual = await original<typeof import('react')>();
  const RESULT = Symbol('result');
  const cache = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const root = new Map<unknown, unknown>();
    requestCache.memos.push(root);
    return (...args: A): R => {
      if (!requestCache.on) return fn(...args);
      let node = root;
      for (const a of args) {
        if (!node.has(a)) node.set(a, new Map());
        node = node.get(a) as Map<unknown, unknown>;
      }
      if (!node.has(RESULT)) node.set(RESULT, fn(...args));
      return node.get(RESULT) as R;
    };
  };
  return { ...actual, cache };
});

const { saveFeedbackAction, deleteFeedbackAction } = await import('@/app/micro-credentials/[slug]/feedback/actions');
const { default: TeacherFeedbackPage, generateMetadata: generateTeacherMetadata } = await import('@/app/micro-credentials/[slug]/feedback/page');
const { default: IssuerFeedbackPage, generateMetadata: generateIssuerMetadata } = await import('@/app/admin/credentials/[id]/feedback/page');
const { FeedbackSummary } = await import('@/components/credential-feedback/feedback-summary');
const { FeedbackPrompt } = await import('@/components/credential-feedback/feedback-prompt');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  requestCache.on = false;
});

const NOT_FOUND = { digest: 'NEXT_HTTP_ERROR_FALLBACK;404' };
const render = async (page: Promise<ReactNode> | ReactNode) => renderToStaticMarkup(await page);

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/**
 * Roughly what a server render puts in the payload it sends the browser: every element's type, key
 * and props, with each server component (a function) replaced by what it renders. A client component
 * cannot be called here (its hooks need a render); its props are what would be sent, so they stay.
 */
async function payloadOf(node: unknown): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map(payloadOf));
  if (!isValidElement(node)) return typeof node === 'function' ? undefined : node;
  const { type, key, props } = node as ReactElement<Record<string, unknown>>;
  if (typeof type === 'function') {
    try {
      return { key, rendered: await payloadOf(await (type as (p: unknown) => unknown)(props)) };
    } catch {
      // A client component: fall through to its props.
    }
  }
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) shown[k] = await payloadOf(v);
  return { type: typeof type === 'string' ? type : (type as { name?: string }).name ?? String(type), key, props: shown };
}

const teacherPage = (slug: string, sp: Record<string, string> = {}) => TeacherFeedbackPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(sp) });
const issuerPage = (id: string, sp: Record<string, string> = {}) => IssuerFeedbackPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve(sp) });
const save = (actor: Actor, microCredentialId: string, o: { rating?: number; hoursSpent?: number | null; comment?: string | null } = {}) =>
  saveCredentialFeedback({ actor, microCredentialId, rating: o.rating ?? 4, hoursSpent: o.hoursSpent ?? null, comment: o.comment ?? null });
const rows = () => db.credentialFeedback.findMany({ orderBy: { createdAt: 'asc' } });

/**
 * An issuer with one text-only credential (10 PD hours) and its reviewer; teachers at every stage:
 * Rita's work was returned, Paul's passed (his badge issued), Dana has only a draft, Wes waits for
 * review, Nell never applied. Another issuer with its own admin.
 */
async function makeWorld() {
  const w = await makeReviewWorld({ calibrationRequired: false });
  const reviewer = await w.reviewer({ name: 'Rae Reviewer' });
  const rita = await createActor({ name: 'Rita Returned', email: 'rita.returned@example.test' });
  const paul = await createActor({ name: 'Paul Passed', email: 'paul.passed@example.test' });
  const dana = await createActor({ name: 'Dana Draft' });
  const wes = await createActor({ name: 'Wes Waiting' });
  const nell = await createActor({ name: 'Nell Never' });
  const returnedAttempt = await submitTextAttempt(w, rita);
  expect((await scoreAttempt(w, reviewer, returnedAttempt, 'PRIMARY', [0, 0])).outcome).toBe('RETURNED');
  const passedAttempt = await submitTextAttempt(w, paul);
  expect((await scoreAttempt(w, reviewer, passedAttempt, 'PRIMARY', [3, 3])).outcome).toBe('PASSED');
  await startApplication({ actor: dana, microCredentialId: w.mc.id });
  await createWaitingAttempt(wes, w.mc.id);
  const otherIssuer = await createOrg({ kind: 'ISSUER' });
  const otherAdmin = await createActor({ name: 'Olga Other-Issuer', roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
  return { ...w, reviewer, rita, paul, dana, wes, nell, returnedAttempt, otherAdmin };
}

describe('who may give feedback', () => {
  it('a teacher whose work was returned, or who earned the badge, may; the row holds what they said', async () => {
    const w = await makeWorld();
    expect(await save(w.rita, w.mc.id, { rating: 2, hoursSpent: 14.5, comment: 'The reflection prompt was unclear.' })).toEqual({ slug: w.mc.slug, created: true, publicChanged: false });
    expect(await save(w.paul, w.mc.id, { rating: 5 })).toEqual({ slug: w.mc.slug, created: true, publicChanged: false });
    const [r, p] = await rows();
    expect(r).toMatchObject({ userId: w.rita.id, microCredentialId: w.mc.id, rating: 2, comment: 'The reflection prompt was unclear.' });
    expect(Number(r.hoursSpent)).toBe(14.5);
    expect(p).toMatchObject({ userId: w.paul.id, rating: 5, hoursSpent: null, comment: null });
    expect(await db.award.count({ where: { userId: w.paul.id, microCredentialId: w.mc.id } })).toBe(1);
  });

  it('a teacher with only a draft, work still in review, or no application is refused in plain words, and nothing is written', async () => {
    const w = await makeWorld();
    for (const [who, words] of [[w.dana, /still a draft/], [w.wes, /with the reviewers now/], [w.nell, /not sent any work/]] as const) {
      const e = await errorOf(save(who, w.mc.id));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/once a reviewer has made a decision on your work/);
      expect(e.message).toMatch(words);
    }
    session.actor = w.dana;
    const r = (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, rating: '5' }))) as ActionResult;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.formError).toMatch(/still a draft: send it for review first/);
    expect(await rows()).toEqual([]);
  });

  it('a second look puts the only decision back in review: a new teacher waits, one who already gave feedback may still change it', async () => {
    const w = await makeWorld();
    await save(w.rita, w.mc.id, { rating: 2 });
    await db.attempt.update({ where: { id: w.returnedAttempt }, data: { status: 'SUBMITTED', decidedAt: null, secondLookRequestedAt: new Date() } });
    expect((await getFeedbackForm(w.rita, w.mc.slug))?.standing).toBe('waiting');
    expect(await save(w.rita, w.mc.id, { rating: 3 })).toEqual({ slug: w.mc.slug, created: false, publicChanged: false });
    expect((await rows())[0].rating).toBe(3);
  });

  it('only on a credential with a public page: a draft one is not found', async () => {
    const w = await makeWorld();
    const draft = await createDraftCredential(w.admin, w.issuer.id, 'Never published');
    expect((await errorOf(save(w.rita, draft.id))).code).toBe('NOT_FOUND');
    expect((await errorOf(save(w.rita, 'no-such-credential'))).code).toBe('NOT_FOUND');
    expect(await getFeedbackForm(w.rita, draft.slug)).toBeNull();
    session.actor = w.rita;
    await expect(teacherPage(draft.slug)).rejects.toMatchObject(NOT_FOUND);
    await expect(teacherPage('no-such-credential')).rejects.toMatchObject(NOT_FOUND);
  });
});

describe('saving, changing and deleting', () => {
  it('saving again changes the one row, blanks clear hours and comment, and a double submit leaves one row', async () => {
    const w = await makeWorld();
    await save(w.rita, w.mc.id, { rating: 2, hoursSpent: 12, comment: 'First thoughts.' });
    expect(await save(w.rita, w.mc.id, { rating: 4, hoursSpent: 9.5, comment: 'On reflection, useful.' })).toMatchObject({ created: false });
    let [row] = await rows();
    expect(await db.credentialFeedback.count()).toBe(1);
    expect(row).toMatchObject({ rating: 4, comment: 'On reflection, useful.' });
    expect(Number(row.hoursSpent)).toBe(9.5);

    // Through the form: empty boxes are "not given".
    session.actor = w.rita;
    const r = (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, rating: '5', hoursSpent: '', comment: '   ' }))) as ActionResult;
    expect(r).toEqual({ ok: true, message: 'Your feedback was updated. The issuer now sees your new answers.' });
    [row] = await rows();
    expect(row).toMatchObject({ rating: 5, hoursSpent: null, comment: null });

    // Two clicks at once on a first save: one row, no error.
    const both = await Promise.allSettled([save(w.paul, w.mc.id, { rating: 3 }), save(w.paul, w.mc.id, { rating: 3 })]);
    expect(both.map((b) => b.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await db.credentialFeedback.count({ where: { userId: w.paul.id } })).toBe(1);
    // The database keeps one per teacher and credential whatever writes.
    await expect(db.credentialFeedback.create({ data: { userId: w.paul.id, microCredentialId: w.mc.id, rating: 1 } })).rejects.toThrow();
  });

  it('the first save thanks the teacher; deleting removes only their own row, twice is harmless, and the page says it is gone', async () => {
    const w = await makeWorld();
    await save(w.paul, w.mc.id, { rating: 5, comment: 'Paul’s words.' });
    const pauls = (await rows())[0];
    session.actor = w.rita;
    const r = (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, rating: '3', hoursSpent: '7,5', comment: 'Rita’s words.' }))) as ActionResult;
    expect(r).toEqual({ ok: true, message: 'Thank you. Your feedback was sent to the issuer without your name. You can change it here at any time.' });

    expect(await redirectOf(deleteFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id })))).toBe(`/micro-credentials/${w.mc.slug}/feedback?deleted=1`);
    expect(await db.credentialFeedback.count({ where: { userId: w.rita.id } })).toBe(0);
    // Paul's feedback is exactly as it was.
    expect(await rows()).toEqual([pauls]);
    expect(await deleteCredentialFeedback({ actor: w.rita, microCredentialId: w.mc.id })).toEqual({ deleted: false, slug: w.mc.slug, publicChanged: false });
    // Another teacher's save or delete never reaches Paul's row either.
    await deleteCredentialFeedback({ actor: w.otherAdmin, microCredentialId: w.mc.id });
    expect(await rows()).toEqual([pauls]);

    const html = textOf(await render(teacherPage(w.mc.slug, { deleted: '1' })));
    expect(html).toContain('Your feedback was deleted');
    expect(html).toContain('Send my feedback');
    expect(html).not.toContain('Rita’s words.');
  });

  it('refuses bad input with a message at each field, writing nothing', async () => {
    const w = await makeWorld();
    session.actor = w.rita;
    const post = async (fields: Record<string, string>) => (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, ...fields }))) as ActionResult;
    const cases: [Record<string, string>, string, string][] = [
      [{}, 'rating', 'Choose how useful it was, from 1 (not useful) to 5 (very useful).'],
      [{ rating: '6' }, 'rating', 'Choose how useful it was, from 1 (not useful) to 5 (very useful).'],
      [{ rating: '4', hoursSpent: '0' }, 'hoursSpent', 'Enter more than 0 hours, or leave the box empty.'],
      [{ rating: '4', hoursSpent: '1001' }, 'hoursSpent', 'Enter at most 1,000 hours.'],
      [{ rating: '4', hoursSpent: '6.25' }, 'hoursSpent', 'Round to the nearest half hour, for example 6 or 6.5.'],
      [{ rating: '4', hoursSpent: 'about six' }, 'hoursSpent', 'Enter the hours as a number, for example 6 or 7.5, or leave the box empty.'],
      [{ rating: '4', comment: 'x'.repeat(4001) }, 'comment', 'Use at most 4,000 characters.'],
    ];
    for (const [fields, field, message] of cases) {
      const r = await post(fields);
      expect(r).toMatchObject({ ok: false, formError: 'Some fields need attention.' });
      expect(!r.ok && r.fieldErrors?.[field]).toEqual([message]);
    }
    // A forged id is a plain "not found", never a server error.
    expect(await post({ rating: '4', microCredentialId: 'x\u0000y' })).toMatchObject({ ok: false, formError: 'That micro-credential could not be found.' });
    expect(await rows()).toEqual([]);
    // The database holds the same limits (migration teacher_voice), whatever code writes.
    for (const data of [{ rating: 0 }, { rating: 6 }, { rating: 3, hoursSpent: new Prisma.Decimal(0) }, { rating: 3, hoursSpent: new Prisma.Decimal(1000.5) }, { rating: 3, comment: 'x'.repeat(4001) }]) {
      await expect(db.credentialFeedback.create({ data: { userId: w.rita.id, microCredentialId: w.mc.id, ...data } })).rejects.toThrow();
    }
  });

  it('a signed-out visitor is sent to sign in and back; signed-out saves are refused', async () => {
    const w = await makeWorld();
    expect(await redirectOf(teacherPage(w.mc.slug))).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`/micro-credentials/${w.mc.slug}/feedback`)}`);
    const r = (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, rating: '4' }))) as ActionResult;
    expect(r).toMatchObject({ ok: false, formError: expect.stringContaining('Sign in again') });
    expect(await rows()).toEqual([]);
  });
});

describe('the teacher’s page', () => {
  it('asks the questions, shows the stated PD hours and says who sees it; saved answers come back to edit', async () => {
    const w = await makeWorld();
    session.actor = w.rita;
    let html = await render(teacherPage(w.mc.slug));
    let text = textOf(html);
    expect(text).toContain('How useful was this for your teaching?');
    for (const words of ['1 Not useful', '2 A little useful', '3 Fairly useful', '4 Useful', '5 Very useful']) expect(text).toContain(words);
    expect(text).toContain('About how many hours did it take you?');
    expect(text).toContain('The issuer states 10 PD hours.');
    expect(text).toMatch(/sees your rating, hours and comment without your name/);
    expect(html).toMatch(/<fieldset[^>]*role="radiogroup"[^>]*aria-labelledby="rating-legend"/);
    expect(html).toMatch(/<label for="hoursSpent"/);
    expect(text).not.toContain('Delete my feedback');

    await save(w.rita, w.mc.id, { rating: 2, hoursSpent: 14.5, comment: 'The reflection prompt was unclear.' });
    html = await render(teacherPage(w.mc.slug));
    text = textOf(html);
    expect(html).toMatch(/<input id="rating-2"[^>]*checked=""/);
    expect(html).not.toMatch(/id="rating-4"[^>]*checked/);
    expect(html).toContain('value="14.5"');
    expect(text).toContain('The reflection prompt was unclear.');
    expect(text).toContain('Save changes');
    expect(text).toContain('Delete my feedback');
  });

  it('says when the teacher last saved it in their own time zone, or in labelled UTC when it is not known', async () => {
    const w = await makeWorld();
    await save(w.rita, w.mc.id, { rating: 3 });
    const [row] = await rows();
    // 20:30 on 14 March in UTC is already the morning of the 15th in Auckland (UTC+13 then).
    await db.credentialFeedback.update({ where: { id: row.id }, data: { updatedAt: new Date('2026-03-14T20:30:00Z') } });
    session.actor = { ...w.rita, timeZone: 'Pacific/Auckland' };
    const html = await render(teacherPage(w.mc.slug));
    expect(textOf(html)).toMatch(/You last saved this on 15 Mar 2026, 09:30 ?\. Change anything and save again\./);
    expect(html).toContain('<time dateTime="2026-03-14T20:30:00.000Z">');
    session.actor = { ...w.rita, timeZone: 'America/Chicago' };
    expect(textOf(await render(teacherPage(w.mc.slug)))).toMatch(/You last saved this on 14 Mar 2026, 15:30 ?\./);
    session.actor = { ...w.rita, timeZone: null };
    expect(textOf(await render(teacherPage(w.mc.slug)))).toMatch(/You last saved this on 14 Mar 2026, 20:30 UTC ?\./);
  });

  it('a teacher who may not give feedback yet reads why, with the way to their application, and no form', async () => {
    const w = await makeWorld();
    session.actor = w.dana;
    const text = textOf(await render(teacherPage(w.mc.slug)));
    expect(text).toContain('Your application is still a draft: send it for review first.');
    expect(text).toContain('Continue your application');
    expect(text).not.toContain('How useful was this for your teaching?');
    session.actor = w.nell;
    expect(textOf(await render(teacherPage(w.mc.slug)))).toContain('Back to the micro-credential');
  });

  it('the prompt on a teacher’s own pages: an invitation once decided, their rating once given, nothing before', async () => {
    const w = await makeWorld();
    const prompt = async (who: Actor) => textOf(await render(FeedbackPrompt({ state: await getFeedbackPromptState(who.id, w.mc.id), slug: w.mc.slug })));
    expect(await prompt(w.dana)).toBe('');
    expect(await prompt(w.wes)).toBe('');
    expect(await prompt(w.rita)).toContain('Tell the issuer how it went');
    await save(w.rita, w.mc.id, { rating: 2 });
    expect(await prompt(w.rita)).toContain('You rated it 2 out of 5');
    // The decision notices' invitation sentence, until feedback is given.
    expect(await feedbackInvitation(db, { userId: w.paul.id, microCredentialId: w.mc.id, slug: w.mc.slug })).toBe(
      `How useful was it for your teaching? Tell the issuer, without your name: http://127.0.0.1:3100/micro-credentials/${w.mc.slug}/feedback`,
    );
    expect(await feedbackInvitation(db, { userId: w.rita.id, microCredentialId: w.mc.id, slug: w.mc.slug })).toBe('');
  });
});

describe('the issuer’s view', () => {
  it('is for admins of the issuing organisation and platform admins only', async () => {
    const w = await makeWorld();
    await save(w.rita, w.mc.id, { rating: 2, comment: 'Unclear prompt.' });
    const platform = await createOrg({ kind: 'PLATFORM' });
    const platformAdmin = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    for (const allowed of [w.admin, platformAdmin]) expect((await getCredentialFeedbackReport({ actor: allowed, microCredentialId: w.mc.id })).count).toBe(1);
    for (const denied of [w.otherAdmin, w.rita, w.reviewer]) expect((await errorOf(getCredentialFeedbackReport({ actor: denied, microCredentialId: w.mc.id }))).code).toBe('NOT_FOUND');

    // Pages: another issuer's admin gets "not found" (as on the credential's other admin pages);
    // a teacher or reviewer is not an issuer admin at all; a signed-out visitor signs in first.
    session.actor = w.otherAdmin;
    await expect(issuerPage(w.mc.id)).rejects.toMatchObject(NOT_FOUND);
    for (const who of [w.rita, w.reviewer]) {
      session.actor = who;
      expect(await redirectOf(issuerPage(w.mc.id))).toBe('/forbidden');
    }
    session.actor = null;
    expect(await redirectOf(issuerPage(w.mc.id))).toBe(`/sign-in?callbackUrl=${encodeURIComponent(`/admin/credentials/${w.mc.id}/feedback`)}`);
    session.actor = w.admin;
    await expect(issuerPage('no-such-credential')).rejects.toMatchObject(NOT_FOUND);
    expect(textOf(await render(issuerPage(w.mc.id)))).toContain('Unclear prompt.');
  });

  it('shows the figures, the distribution in words and numbers, hours against the stated PD hours, and comments without any name', async () => {
    const w = await makeWorld();
    await save(w.rita, w.mc.id, { rating: 2, hoursSpent: 14, comment: 'The reflection prompt was unclear.' });
    await save(w.paul, w.mc.id, { rating: 5, hoursSpent: 16, comment: 'Changed how I plan exit tickets.' });
    // Three more, as rows: their eligibility is tested above.
    for (const [i, rating, hours] of [[1, 4, 12], [2, 4, null], [3, 1, 20]] as const) {
      const t = await createActor({ name: `Zed Teacher${i}`, email: `zed${i}@example.test` });
      await db.credentialFeedback.create({ data: { userId: t.id, microCredentialId: w.mc.id, rating, hoursSpent: hours === null ? null : new Prisma.Decimal(hours) } });
    }
    const report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id });
    expect(report).toMatchObject({ count: 5, statedHours: 10, hours: { count: 4, median: 15 } });
    expect(report.average).toBeCloseTo(3.2);
    expect(report.distribution).toEqual([{ rating: 1, count: 1 }, { rating: 2, count: 1 }, { rating: 3, count: 0 }, { rating: 4, count: 2 }, { rating: 5, count: 1 }]);
    expect(JSON.stringify(report)).not.toContain(w.rita.id);

    session.actor = w.admin;
    const html = await render(issuerPage(w.mc.id));
    const text = textOf(html);
    expect(text).toContain('Teachers who rated it 5');
    expect(text).toContain('3.2 out of 5');
    expect(text).toContain('4 · Useful : 2 teachers (40%)');
    expect(text).toContain('3 · Fairly useful : 0 teachers (0%)');
    // The numbers are a table too, not only bars.
    expect(html).toMatch(/<th scope="row"[^>]*>5 · Very useful<\/th><td[^>]*>1 teacher \(20%\)<\/td>/);
    expect(text).toContain('Half of the 4 teachers who said took 15 hours or less');
    expect(text).toContain('That is well over the 10 hours you state');
    expect(text).toContain('The reflection prompt was unclear.');
    expect(text).toContain('Changed how I plan exit tickets.');
    // Anonymous: no teacher's name, address or account id anywhere on the page.
    for (const t of [w.rita, w.paul]) {
      for (const s of [t.name, t.name.split(' ')[0], t.email, t.id]) expect(html).not.toContain(s);
    }
    expect(html).not.toContain('Zed');
    // Dated by month only.
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    expect(text).toContain(month);
    expect(text).not.toMatch(new RegExp(`\\b${new Date().getUTCDate()} ${month}`));
  });

  it('pages through comments by number, newest month first; a bad ?page= is the first page, one past the last says so', async () => {
    const w = await makeWorld();
    const total = FEEDBACK_COMMENTS_PAGE_SIZE + 3;
    // Three written in March 2026, the rest on different days of January 2026.
    for (let i = 0; i < total; i++) {
      const t = await createActor();
      const updatedAt = i < 3 ? new Date(Date.UTC(2026, 2, 2 + i, 9)) : new Date(Date.UTC(2026, 0, i, 9 + (i % 10), i));
      await db.credentialFeedback.create({ data: { userId: t.id, microCredentialId: w.mc.id, rating: 3, comment: `Comment number ${i}`, updatedAt } });
    }
    // One without a comment is counted but not listed.
    await db.credentialFeedback.create({ data: { userId: (await createActor()).id, microCredentialId: w.mc.id, rating: 5 } });
    const report = (page?: string | number | string[]) => getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id, page });
    const first = await report();
    expect(first.count).toBe(total + 1);
    expect(first.comments).toMatchObject({ total, page: 1, pageCount: 2 });
    expect(first.comments.items).toHaveLength(FEEDBACK_COMMENTS_PAGE_SIZE);
    const second = await report('2');
    expect(second.comments).toMatchObject({ total, page: 2, pageCount: 2 });
    expect(second.comments.items).toHaveLength(3);
    // Every comment once, newest month first.
    const all = [...first.comments.items, ...second.comments.items];
    expect(all.map((c) => c.comment).sort()).toEqual(Array.from({ length: total }, (_, i) => `Comment number ${i}`).sort());
    expect(all.map((c) => c.writtenIn)).toEqual([...Array(3).fill('March 2026'), ...Array(total - 3).fill('January 2026')]);
    expect(all.map((c) => c.month)).toEqual([...Array(3).fill('2026-03'), ...Array(total - 3).fill('2026-01')]);
    // Within a month, in the order of a hash of the row id: nothing to do with when each was written.
    const written = await db.credentialFeedback.findMany({ where: { microCredentialId: w.mc.id, comment: { not: null } }, select: { id: true, comment: true, updatedAt: true } });
    const byHash = (month: number) => written.filter((r) => r.updatedAt.getUTCMonth() === month).sort((a, b) => (md5(a.id) < md5(b.id) ? -1 : 1)).map((r) => r.comment);
    expect(all.map((c) => c.comment)).toEqual([...byHash(2), ...byHash(0)]);
    const byTime = written.filter((r) => r.updatedAt.getUTCMonth() === 0).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).map((r) => r.comment);
    expect(byHash(0)).not.toEqual(byTime);

    // Anything but a page number is the first page, never an error; a number is the same page however written.
    for (const bad of ['0', '-1', '1.5', 'abc', '', 'x\u0000', '99999999', ['1', '2'], Buffer.from(JSON.stringify({ t: '2026-01-05T00:00:00.000Z', id: 'a' })).toString('base64url')]) {
      expect((await report(bad)).comments).toEqual(first.comments);
    }
    expect((await report(2)).comments).toEqual(second.comments);
    // A page past the last is empty.
    expect((await report('3')).comments).toMatchObject({ page: 3, pageCount: 2, items: [] });

    session.actor = w.admin;
    const base = `/admin/credentials/${w.mc.id}/feedback`;
    let html = await render(issuerPage(w.mc.id));
    expect(html).toContain(`<a rel="next" href="${base}?page=2">Next page →</a>`);
    expect(textOf(html)).toContain('Page 1 of 2');
    expect(textOf(html)).toContain('23 comments, by the month they were written, newest month first (page 1 of 2)');
    expect(html).not.toContain('rel="prev"');
    html = await render(issuerPage(w.mc.id, { page: '2' }));
    expect(html).toContain(`<a rel="prev" href="${base}">← Previous page</a>`);
    expect(textOf(html)).toContain('Page 2 of 2');
    expect(html).not.toContain('rel="next"');
    for (const c of second.comments.items) expect(textOf(html)).toContain(c.comment);
    html = await render(issuerPage(w.mc.id, { page: '7' }));
    expect(textOf(html)).toMatch(/There is no page 7 of comments: they fill 2 pages\. Go to the first page of comments ?\./);
    expect(html).toContain(`<a href="${base}">Go to the first page of comments</a>`);
    expect(html).not.toContain('aria-label="Pages of comments"');
    // A crafted page number or an old-style cursor in the address is the first page, with nothing more on it.
    const plain = await render(issuerPage(w.mc.id));
    expect(await render(issuerPage(w.mc.id, { page: 'abc' }))).toBe(plain);
    expect(await render(issuerPage(w.mc.id, { cursor: Buffer.from(JSON.stringify({ t: '2026-01-05T00:00:00.000Z', id: written[0].id })).toString('base64url') }))).toBe(plain);
    expect(html + plain).not.toContain('cursor=');
  });

  it('nothing finer than the month a comment was written reaches the page: no row id, no day, no time, in the data, the markup or the React keys', async () => {
    const w = await makeWorld();
    // Written at moments a reviewer's decision could be matched to.
    for (const [i, at] of ['2026-03-03T14:07:31.250Z', '2026-03-17T08:45:02.004Z', '2026-03-30T23:59:59.999Z', '2026-02-11T10:00:00.000Z'].entries()) {
      await db.credentialFeedback.create({ data: { userId: (await createActor()).id, microCredentialId: w.mc.id, rating: 2 + i, comment: `Said on day ${i}`, updatedAt: new Date(at) } });
    }
    const feedback = await db.credentialFeedback.findMany({ where: { microCredentialId: w.mc.id }, select: { id: true, userId: true, createdAt: true, updatedAt: true } });
    const secrets = feedback.flatMap((r) => [r.id, r.userId, r.id.slice(0, 9), r.createdAt.toISOString(), r.updatedAt.toISOString(), String(r.updatedAt.getTime()), String(r.createdAt.getTime())]);
    const leaks = (json: string) => {
      for (const s of secrets) expect(json).not.toContain(s);
      // No date with a day or a time of day: a month ("2026-03") is all there is.
      expect(json).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    };
    for (const page of [undefined, '1', '2', 'abc', Buffer.from(JSON.stringify({ t: '2026-03-17T08:45:02.004Z', id: feedback[1].id })).toString('base64url')]) {
      const report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id, page });
      leaks(JSON.stringify(report));
    }
    const report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id });
    expect(report.comments.items.map((c) => c.writtenIn)).toEqual(['March 2026', 'March 2026', 'March 2026', 'February 2026']);

    // What a server render sends the browser: every element's key and props, through each server component.
    session.actor = w.admin;
    const tree = await payloadOf(await issuerPage(w.mc.id));
    const json = JSON.stringify(tree);
    expect(json).toContain('Said on day 1');
    expect(json).toContain('"key":"0"');
    leaks(json);
    const html = await render(issuerPage(w.mc.id));
    leaks(html);
    expect(html).toContain('<time dateTime="2026-03">March 2026</time>');

    // When in the month each was written changes nothing on the page: the same comments, in the same order.
    const march = feedback.filter((r) => r.updatedAt.getUTCMonth() === 2);
    const times = march.map((r) => r.updatedAt).reverse();
    for (const [k, r] of march.entries()) await db.credentialFeedback.update({ where: { id: r.id }, data: { updatedAt: times[k] } });
    expect((await db.credentialFeedback.findUniqueOrThrow({ where: { id: march[0].id } })).updatedAt).toEqual(times[0]);
    expect(await render(issuerPage(w.mc.id))).toBe(html);
  });

  it('loads the report once per request, for the page and its title alike', async () => {
    const w = await makeWorld();
    await save(w.rita, w.mc.id, { rating: 2, comment: 'Unclear prompt.' });
    const loads = vi.mocked(getCredentialFeedbackReport);
    session.actor = w.admin;
    for (const sp of [{}, { page: '2' }, { page: 'abc' }] as Record<string, string>[]) {
      newRequest();
      loads.mockClear();
      await generateIssuerMetadata({ params: Promise.resolve({ id: w.mc.id }), searchParams: Promise.resolve(sp) });
      await render(issuerPage(w.mc.id, sp));
      expect(loads).toHaveBeenCalledTimes(1);
    }
  });

  it('headings in order under one h1, and page titles that name the credential', async () => {
    const w = await makeWorld();
    await save(w.rita, w.mc.id, { rating: 2, hoursSpent: 3, comment: 'Unclear prompt.' });
    const { title } = await db.microCredentialVersion.findFirstOrThrow({ where: { microCredentialId: w.mc.id }, select: { title: true } });
    const headings = (html: string) => [...html.matchAll(/<h([1-6])[^>]*>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${textOf(m[2]).trim()}`);
    session.actor = w.admin;
    expect(headings(await render(issuerPage(w.mc.id)))).toEqual(['h1 Teacher feedback', 'h2 How useful teachers found it', 'h2 How long it took', 'h2 Comments']);
    expect((await generateIssuerMetadata({ params: Promise.resolve({ id: w.mc.id }), searchParams: Promise.resolve({}) })).title).toBe(`Teacher feedback: ${title}`);
    session.actor = w.otherAdmin;
    expect((await generateIssuerMetadata({ params: Promise.resolve({ id: w.mc.id }), searchParams: Promise.resolve({}) })).title).toBe('Teacher feedback');
    session.actor = w.rita;
    expect(headings(await render(teacherPage(w.mc.slug)))).toEqual([`h1 How did “${title}” go?`, 'h2 Your feedback', 'h2 Delete your feedback']);
    expect((await generateTeacherMetadata({ params: Promise.resolve({ slug: w.mc.slug }) })).title).toBe(`Your feedback: ${title}`);
  });

  it('with no feedback yet, says so', async () => {
    const w = await makeWorld();
    session.actor = w.admin;
    expect(textOf(await render(issuerPage(w.mc.id)))).toContain('No feedback yet');
  });
});

describe('the public summary', () => {
  it('is the stored figures, read by their key, or nothing: ratings alone are not what the page shows', async () => {
    const { mc } = await createPublishedCredential();
    const line = async () => textOf(await render(FeedbackSummary({ summary: await getCredentialFeedbackSummary(mc.id) }))).trim();
    expect(await getCredentialFeedbackSummary(mc.id)).toBeNull();
    expect(await line()).toBe('');
    // Five ratings written around the mutations: nothing took the figures, so nothing shows.
    for (const rating of [5, 4, 4, 5, 4]) await db.credentialFeedback.create({ data: { userId: (await createActor()).id, microCredentialId: mc.id, rating, hoursSpent: new Prisma.Decimal(6) } });
    expect(await getCredentialFeedbackSummary(mc.id)).toBeNull();
    // The stored figures, whatever the ratings now are.
    await db.credentialFeedbackPublic.create({ data: { microCredentialId: mc.id, count: 12, average: 4.44, typicalHours: 6, takenAt: new Date() } });
    expect(await getCredentialFeedbackSummary(mc.id)).toEqual({ count: 12, average: 4.44, typicalHours: 6 });
    expect(await line()).toBe('Teachers who went through it rate it 4.4 out of 5 (from 12 ratings; updated after every five new ones) · most took about 6 hours');
    await db.credentialFeedbackPublic.update({ where: { microCredentialId: mc.id }, data: { typicalHours: null } });
    expect(await line()).toBe('Teachers who went through it rate it 4.4 out of 5 (from 12 ratings; updated after every five new ones)');
    // An id from anywhere reads as no feedback, never an error.
    for (const bad of ['', 'x\u0000y', 'z'.repeat(500)]) expect(await getCredentialFeedbackSummary(bad)).toBeNull();
    // The database never holds figures the page must not show: from fewer than five, or out of range.
    for (const data of [{ count: 4 }, { average: 0.5 }, { average: 5.5 }, { typicalHours: 0 }]) {
      await expect(db.credentialFeedbackPublic.update({ where: { microCredentialId: mc.id }, data })).rejects.toThrow();
    }
  });
});

describe('the limit on feedback writes', () => {
  it('refuses the 21st save or deletion in an hour, saying nothing was written and when to try again; nothing is', async () => {
    const w = await makeWorld();
    for (let i = 0; i < 20; i++) await save(w.rita, w.mc.id, { rating: 1 + (i % 5), comment: `Take ${i}` });
    const before = await rows();
    expect(before).toMatchObject([{ rating: 5, comment: 'Take 19' }]);
    session.actor = w.rita;
    const r = (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, rating: '1', comment: 'Take 20' }))) as ActionResult;
    expect(r).toEqual({ ok: false, formError: 'You have saved or deleted your feedback many times in the last hour. Nothing was saved this time: try again in about an hour.' });
    const d = (await deleteFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id }))) as ActionResult;
    expect(d).toEqual({ ok: false, formError: 'You have saved or deleted your feedback many times in the last hour. Nothing was deleted this time: try again in about an hour.' });
    expect((await errorOf(save(w.rita, w.mc.id, { rating: 2 }))).code).toBe('RATE_LIMITED');
    expect(await rows()).toEqual(before);

    // Each teacher has their own limit.
    expect(await save(w.paul, w.mc.id, { rating: 4 })).toMatchObject({ created: true });
    // A teacher refused because they may not rate yet wrote nothing, and keeps being told why.
    for (let i = 0; i < 22; i++) expect((await errorOf(save(w.dana, w.mc.id))).code).toBe('FORBIDDEN');
    // Once the hour has passed, Rita may write again.
    await db.rateLimit.updateMany({ where: { key: { contains: w.rita.id } }, data: { windowStart: new Date(Date.now() - 61 * 60_000) } });
    expect(await save(w.rita, w.mc.id, { rating: 2 })).toMatchObject({ created: false });
    expect((await rows()).find((x) => x.userId === w.rita.id)).toMatchObject({ rating: 2 });
  });
});

describe('the invitation in the notice of a first badge', () => {
  it('asks the new holder how it went, with the feedback page’s address; not once they gave feedback, nor on a return', async () => {
    const w = await makeWorld();
    const body = async (userId: string, kind: string) => (await db.notification.findFirstOrThrow({ where: { userId, kind }, orderBy: { createdAt: 'desc' }, select: { body: true } })).body;
    expect(await body(w.paul.id, 'award.issued')).toMatch(new RegExp(`How useful was it for your teaching\\? Tell the issuer, without your name: http\\S+/micro-credentials/${w.mc.slug}/feedback$`));
    expect(await body(w.rita.id, 'review.returned')).not.toContain('How useful');

    // A teacher who already said how it went (after a return) is not asked again when the badge comes.
    await save(w.rita, w.mc.id, { rating: 3 });
    const revision = await db.attempt.findFirstOrThrow({ where: { id: w.returnedAttempt }, select: { submissionId: true } });
    const { startRevision, saveResponse, submitAttempt } = await import('@/lib/submissions/mutations');
    const second = await startRevision({ actor: w.rita, submissionId: revision.submissionId });
    for (const p of w.version.parts) await saveResponse({ actor: w.rita, attemptId: second.attemptId, partId: p.id, text: 'Now with three exit tickets quoted.', links: [], revision: 1 });
    await submitAttempt({ actor: w.rita, attemptId: second.attemptId, attested: true });
    // makeWorld's `reviewer` is Rae herself; scoreAttempt reads only the world's rubric.
    expect((await scoreAttempt({ ...w, reviewer: async () => w.reviewer }, w.reviewer, second.attemptId, 'PRIMARY', [3, 3])).outcome).toBe('PASSED');
    expect(await body(w.rita.id, 'award.issued')).toBe('Your verifiable badge is ready to share.');
  });
});
