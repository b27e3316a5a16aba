// Refusals on the teacher's application page (app/apply/[slug]/actions.ts). "Start my application"
// and "Start revision" refused because things changed as the teacher clicked (an issuer asked for a
// second look, the credential closed) land back on the page, which says why where focus lands, not
// on the generic error page. An answer's autosave refused for good (the attempt was sent from another
// tab, the answer changed in another window) tells the editor to stop trying, not to retry every second.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { liveRegionsAround } from '../setup/live-regions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { saveResponse, SECOND_LOOK_UNDER_WAY, startApplication } from '@/lib/submissions/mutations';
import { requestSecondLook } from '@/lib/review/second-look';
import { retireMicroCredential } from '@/lib/authoring/mutations';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { saveResponseAction, startApplicationAction, startRevisionAction } = await import('@/app/apply/[slug]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const applyPage = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));

/** The notice that takes focus (ArrivalNotice), opening on its Alert (role status) with `title`. */
const focusedNotice = (title: string) => new RegExp(`<div tabindex="-1" class="mt-4 [^"]*"><div role="status"[^>]*><p class="font-semibold">${title}</p>`);

/** A teacher whose attempt 1 was returned for revision; `fresh` can still take a second look. */
async function returnedAttempt() {
  const w = await makeReviewWorld();
  const first = await w.reviewer({ name: 'Fay First' });
  await w.reviewer({ name: 'Finn Fresh' });
  const teacher = await createActor({ name: 'Tess Teacher' });
  const attemptId = await submitTextAttempt(w, teacher);
  await scoreAttempt(w, first, attemptId, 'PRIMARY', [3, 1]);
  const { submissionId, version } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true, version: true } });
  return { w, teacher, attemptId, submissionId, version };
}

describe('“Start revision” refused', () => {
  it('after an issuer asked for a second look just before: back on the page, which says why where focus lands', async () => {
    const { w, teacher, attemptId, submissionId, version } = await returnedAttempt();
    session.actor = teacher;
    // The teacher's page still shows the button; meanwhile an issuer admin asks for a second look.
    expect(await applyPage(w.mc.slug)).toContain('Start revision (attempt 2)');
    await requestSecondLook({ actor: w.admin, attemptId, version, reason: 'Part 2 shows what the reviewer missed.' });

    expect(await redirectOf(startRevisionAction(form({ submissionId, slug: w.mc.slug })))).toBe(`/apply/${w.mc.slug}?refused=second-look`);
    expect(await db.attempt.count({ where: { submissionId } })).toBe(1);

    const html = await applyPage(w.mc.slug, { refused: 'second-look' });
    expect(html).toMatch(focusedNotice('Your revision was not started'));
    expect(textJoined(html)).toContain(SECOND_LOOK_UNDER_WAY);
    expect(liveRegionsAround(html, 'Your revision was not started')).toHaveLength(1);
    expect(html).not.toContain('Start revision');
  });

  it('when the application is not waiting for a revision any more', async () => {
    const w = await makeReviewWorld();
    const teacher = await createActor();
    await submitTextAttempt(w, teacher);
    const { id: submissionId } = await db.submission.findFirstOrThrow({ where: { userId: teacher.id }, select: { id: true } });
    session.actor = teacher;
    // Sent and waiting for review: there is nothing to revise.
    expect(await redirectOf(startRevisionAction(form({ submissionId, slug: w.mc.slug })))).toBe(`/apply/${w.mc.slug}?refused=revision`);
    const html = await applyPage(w.mc.slug, { refused: 'revision' });
    expect(html).toMatch(focusedNotice('Your revision was not started'));
    expect(html).toContain('This application is not waiting for a revision any more. This page shows where it stands now.');
  });

  it('shows no refusal once a revision is open, nor for a code the actions never send', async () => {
    const { w, teacher, submissionId } = await returnedAttempt();
    session.actor = teacher;
    expect(await applyPage(w.mc.slug, { refused: 'made-up words' })).not.toContain('was not started');
    expect(await redirectOf(startRevisionAction(form({ submissionId, slug: w.mc.slug })))).toBe(`/apply/${w.mc.slug}?revising=1`);
    expect(await applyPage(w.mc.slug, { refused: 'second-look' })).not.toContain('Your revision was not started');
  });
});

describe('“Start my application” refused', () => {
  it('when the credential closed meanwhile: says so on the page instead of the error page', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const { mc, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
    const teacher = await createActor();
    session.actor = teacher;
    expect(await applyPage(mc.slug)).toContain('Start my application');
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });

    expect(await redirectOf(startApplicationAction(form({ microCredentialId: mc.id, slug: mc.slug })))).toBe(`/apply/${mc.slug}?refused=start`);
    expect(await db.submission.count({ where: { userId: teacher.id } })).toBe(0);
    const html = await applyPage(mc.slug, { refused: 'start' });
    expect(html).toMatch(focusedNotice('Your application was not started'));
    expect(html).toContain('This micro-credential is not open for new applications any more.');
    expect(html).toContain('href="/catalog"');
    // Without the code, the closed credential is not found, as before.
    await expect(applyPage(mc.slug)).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_HTTP_ERROR_FALLBACK;404') });
  });
});

describe('an answer’s autosave refused', () => {
  async function draft() {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const { mc, version } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
    const teacher = await createActor();
    const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
    session.actor = teacher;
    return { teacher, attemptId: attempt.id, partId: version.parts[0].id };
  }

  it('for good once the attempt was sent from another tab: saving stops, with the reason', async () => {
    const w = await makeReviewWorld();
    const teacher = await createActor();
    const attemptId = await submitTextAttempt(w, teacher);
    session.actor = teacher;
    const r = await saveResponseAction({ attemptId, partId: w.version.parts[0].id, text: 'One more sentence.', links: [], revision: 1 });
    expect(r).toEqual({ ok: false, formError: 'This attempt has been submitted and can no longer change.', stop: true, invalid: false });
  });

  it('for good when the answer changed in another window, or the part is not there', async () => {
    const { teacher, attemptId, partId } = await draft();
    await saveResponse({ actor: teacher, attemptId, partId, text: 'From the other window.', links: [], revision: 0 });
    expect(await saveResponseAction({ attemptId, partId, text: 'From this window.', links: [], revision: 0 })).toMatchObject({ ok: false, stop: true });
    expect(await saveResponseAction({ attemptId, partId: 'c00000000000000000000000', text: 'Hello.', links: [], revision: 0 })).toMatchObject({ ok: false, stop: true });
  });

  it('not for good when the next try can get through: it saves, and a check of the input does not stop it', async () => {
    const { attemptId, partId } = await draft();
    expect(await saveResponseAction({ attemptId, partId, text: 'Hello.', links: [], revision: 0 })).toMatchObject({ ok: true, revision: 1 });
    expect(await saveResponseAction({ attemptId, partId, text: 'Hello.', links: ['not a link'], revision: 1 })).toMatchObject({ ok: false, stop: false, invalid: true });
  });
});
