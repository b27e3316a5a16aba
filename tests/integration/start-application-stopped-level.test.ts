// "Start my application" (startApplication) on a level the teacher stopped working on picks it up
// again, as "Pick up where you left off" does: the level and its badge track are enrolled in again,
// once, in the audit log once, also when the application was kept from before (which used to come
// back as it was, with the teacher still stopped). The application page shows kept work as it is,
// with "Pick up where you left off", until then. Two tabs at once still make one draft; a retired
// credential lets a teacher back to work they kept, and tells one with nothing kept why it is closed.
// Real Postgres, the real domain code, action and page; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { liveRegionsAround } from '../setup/live-regions';
import { textOf } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { createTrack, retireMicroCredential } from '@/lib/authoring/mutations';
import { enrollInMicroCredential, enrollInTrack, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { getTeacherDashboard } from '@/lib/enrollment/queries';
import { saveResponse, startApplication } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { startApplicationAction } = await import('@/app/apply/[slug]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const applyPage = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));
/** The notice that takes focus (ArrivalNotice), opening on its Alert (role status) titled `title`. */
const focusedNotice = (title: string) => new RegExp(`<div tabindex="-1" class="mt-4 [^"]*"><div role="status"[^>]*><p class="font-semibold">${title}</p>`);

const levelStopped = async (t: Actor, microCredentialId: string) =>
  (await db.enrollment.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: t.id, microCredentialId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
const trackStopped = async (t: Actor, trackId: string) =>
  (await db.enrollment.findUniqueOrThrow({ where: { userId_trackId: { userId: t.id, trackId } }, select: { withdrawnAt: true } })).withdrawnAt !== null;
const enrolmentAudits = (t: Actor, microCredentialId: string) =>
  db.auditLog.count({ where: { actorId: t.id, action: 'enrollment.create', entityType: 'MicroCredential', entityId: microCredentialId } });

/** A teacher who enrolled in a one-level track, started the level's application, wrote in it and stopped. */
async function stoppedDraft() {
  const { mc, issuer, admin, version } = await createPublishedCredential({ def: { ...textOnlyDefinition(), title: 'Exit Tickets' } });
  const track = await createTrack({ actor: admin, issuerId: issuer.id, publish: true, def: { slug: 'assessment-track', title: 'Empowering Assessment', summary: 'One level.', topic: 'Assessment', levels: [mc.slug] } });
  const teacher = await createActor({ name: 'Tess Teacher', emailVerified: true });
  await enrollInTrack({ actor: teacher, trackId: track.id });
  const draft = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: draft.id }, select: { id: true } });
  await saveResponse({ actor: teacher, attemptId: attempt.id, partId: version.parts[0].id, text: 'My Grade 7 class wrote exit tickets.', links: [], revision: 0 });
  await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
  expect([await levelStopped(teacher, mc.id), await trackStopped(teacher, track.id)]).toEqual([true, true]);
  return { mc, issuer, admin, track, teacher, draft };
}

describe('starting the application of a level the teacher stopped, whose draft was kept', () => {
  it('picks the level and its track up again, with the kept draft, recorded once, as "Pick up where you left off" does', async () => {
    const { mc, track, teacher, draft } = await stoppedDraft();
    const audits = await enrolmentAudits(teacher, mc.id);

    const started = await startApplication({ actor: teacher, microCredentialId: mc.id });
    expect([await levelStopped(teacher, mc.id), await trackStopped(teacher, track.id)]).toEqual([false, false]);
    expect(started).toEqual({ id: draft.id, pickedUp: true });
    expect(await db.submission.count({ where: { userId: teacher.id } })).toBe(1);
    expect(await enrolmentAudits(teacher, mc.id)).toBe(audits + 1);
    // Back among the work in progress on the dashboard, no longer under "Stopped".
    const dashboard = await getTeacherDashboard(teacher);
    expect(dashboard.stopped).toEqual([]);
    expect(dashboard.enrollments.map((e) => e.microCredential?.id)).toContain(mc.id);

    // Pressed again (an older tab): nothing more to do, and nothing more recorded.
    expect(await startApplication({ actor: teacher, microCredentialId: mc.id })).toEqual({ id: draft.id, pickedUp: false });
    expect(await enrolmentAudits(teacher, mc.id)).toBe(audits + 1);
  });

  it('from two tabs at once: the one draft, the level enrolled in once, one entry in the audit log', async () => {
    const { mc, track, teacher, draft } = await stoppedDraft();
    const audits = await enrolmentAudits(teacher, mc.id);

    const results = await Promise.all([1, 2, 3].map(() => startApplication({ actor: teacher, microCredentialId: mc.id })));
    expect(results.map((r) => r.id)).toEqual([draft.id, draft.id, draft.id]);
    expect(await db.submission.count({ where: { userId: teacher.id } })).toBe(1);
    expect(await db.enrollment.count({ where: { userId: teacher.id, microCredentialId: mc.id, withdrawnAt: null } })).toBe(1);
    expect(await trackStopped(teacher, track.id)).toBe(false);
    expect(await enrolmentAudits(teacher, mc.id)).toBe(audits + 1);
  });

  it('on a credential retired since: the kept draft is theirs again (retiring strands no one); with nothing kept, refused with the reason', async () => {
    const { mc, issuer, admin, track, teacher, draft } = await stoppedDraft();
    const quitter = await createActor();
    await enrollInMicroCredential({ actor: quitter, microCredentialId: mc.id });
    await withdrawFromMicroCredential({ actor: quitter, microCredentialId: mc.id });
    // The track keeps a published level, so the credential can be retired.
    const other = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Wait Time' } });
    await db.microCredential.update({ where: { id: other.mc.id }, data: { trackId: track.id } });
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });

    const started = await startApplication({ actor: teacher, microCredentialId: mc.id });
    expect(await levelStopped(teacher, mc.id)).toBe(false);
    expect(started).toEqual({ id: draft.id, pickedUp: true });

    const refusal = await errorOf(startApplication({ actor: quitter, microCredentialId: mc.id }));
    expect(refusal).toMatchObject({ code: 'NOT_FOUND', message: 'This micro-credential was retired by its issuer and takes no new enrolments.' });
    expect(await levelStopped(quitter, mc.id)).toBe(true);
    expect(await db.submission.count({ where: { userId: quitter.id } })).toBe(0);
    // From the page's button: back on the page, which says why, not the error page.
    session.actor = quitter;
    expect(await redirectOf(startApplicationAction(form({ microCredentialId: mc.id, slug: mc.slug })))).toBe(`/apply/${mc.slug}?refused=start`);
    expect(await levelStopped(quitter, mc.id)).toBe(true);
  });
});

describe('starting an application afresh', () => {
  it('from two tabs at once still makes one draft; a stopped level with nothing kept is picked up, recorded once', async () => {
    const { mc } = await createPublishedCredential({ def: textOnlyDefinition() });
    const teacher = await createActor();
    await enrollInMicroCredential({ actor: teacher, microCredentialId: mc.id });
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: mc.id });
    const audits = await enrolmentAudits(teacher, mc.id);

    const results = await Promise.all([1, 2].map(() => startApplication({ actor: teacher, microCredentialId: mc.id })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await db.submission.count({ where: { userId: teacher.id } })).toBe(1);
    expect(await db.attempt.count({ where: { submission: { userId: teacher.id } } })).toBe(1);
    expect(await levelStopped(teacher, mc.id)).toBe(false);
    expect(await enrolmentAudits(teacher, mc.id)).toBe(audits + 1);
    // A new draft, not kept work: "started", not "picked up".
    expect(results.map((r) => r.pickedUp)).toEqual([false, false]);
  });
});

describe('the application page of stopped work', () => {
  it('shows a stopped draft as it is, with "Pick up where you left off", which enrols again and opens the draft to edit', async () => {
    const { mc, track, teacher, draft } = await stoppedDraft();
    session.actor = teacher;

    const stopped = await applyPage(mc.slug);
    expect(textOf(stopped)).toContain('You stopped working on this micro-credential');
    expect(textOf(stopped)).toContain('Your draft is off your dashboard. Everything you wrote or uploaded is kept and shown below.');
    expect(textOf(stopped)).toContain('My Grade 7 class wrote exit tickets.');
    expect(textOf(stopped)).toContain('Stopped: your work is kept');
    // Nothing to type into or send until it is picked up; the button says what it does.
    expect(stopped).not.toContain('<textarea');
    expect(textOf(stopped)).not.toContain('Submit for review');
    expect(stopped).toMatch(/<form[^>]*>(?:(?!<\/form>).)*name="microCredentialId" value="[^"]+"(?:(?!<\/form>).)*aria-describedby="pick-up-what"[^>]*>Pick up where you left off<\/button>/);

    const to = await redirectOf(startApplicationAction(form({ microCredentialId: mc.id, slug: mc.slug })));
    expect([await levelStopped(teacher, mc.id), await trackStopped(teacher, track.id)]).toEqual([false, false]);
    expect(to).toBe(`/apply/${mc.slug}?resumed=1`);
    expect(await db.submission.count({ where: { userId: teacher.id } })).toBe(1);

    const html = await applyPage(mc.slug, { resumed: '1' });
    expect(html).toMatch(focusedNotice('Your draft is back on your dashboard'));
    expect(liveRegionsAround(html, 'Your draft is back on your dashboard')).toHaveLength(1);
    expect(html).toContain('<textarea');
    expect(textOf(html)).toContain('Submit for review');
    expect(textOf(html)).not.toContain('You stopped working on this micro-credential');
    expect(textOf(html)).not.toContain('Pick up where you left off');
    // A later visit has no notice.
    expect(await applyPage(mc.slug)).not.toContain('Your draft is back on your dashboard');
    expect((await db.submission.findFirstOrThrow({ where: { userId: teacher.id }, select: { id: true } })).id).toBe(draft.id);
  });

  it('a stopped revision keeps its feedback in sight; "Start revision" waits until it is picked up', async () => {
    const w = await makeReviewWorld();
    const reviewer = await w.reviewer({ name: 'Fay First' });
    const teacher = await createActor({ name: 'Tess Teacher' });
    const attemptId = await submitTextAttempt(w, teacher);
    await scoreAttempt(w, reviewer, attemptId, 'PRIMARY', [3, 1]);
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: w.mc.id });
    session.actor = teacher;

    const stopped = textOf(await applyPage(w.mc.slug));
    expect(stopped).toContain('Your revision is off your dashboard.');
    expect(stopped).toContain('To revise it, pick it up again');
    expect(stopped).toContain('Say more about what students did.');
    expect(stopped).not.toContain('Start revision');

    const to = await redirectOf(startApplicationAction(form({ microCredentialId: w.mc.id, slug: w.mc.slug })));
    expect(await levelStopped(teacher, w.mc.id)).toBe(false);
    expect(to).toBe(`/apply/${w.mc.slug}?resumed=1`);
    const html = await applyPage(w.mc.slug, { resumed: '1' });
    expect(html).toMatch(focusedNotice('Your revision is back on your dashboard'));
    expect(textOf(html)).toContain('Read the feedback and start your revision below.');
    expect(textOf(html)).toContain('Start revision (attempt 2)');
  });
});
