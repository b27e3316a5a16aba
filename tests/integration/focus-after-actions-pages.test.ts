// Pages an action lands back on after its button went away, rendered as a person gets them: the
// outcome is a notice that takes focus (ArrivalNotice: tabindex -1, focused when it mounts) and is
// read out once (the Alert's own role, inside no other live region), instead of focus falling to
// the page. Also: the review page a reviewer cannot open says the same, whoever's review it is.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { liveRegionsAround } from '../setup/live-regions';
import { createActor, createPublishedCredential, createOrg } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { saveResponse, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { startApplicationAction, startRevisionAction } = await import('@/app/apply/[slug]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { markAllReadAction } = await import('@/app/notifications/actions');
const { default: NotificationsPage } = await import('@/app/notifications/page');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');
const { releaseReviewAction } = await import('@/app/review/[reviewId]/actions');
const { default: ReviewQueuePage } = await import('@/app/review/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** The notice that takes focus, opening on its Alert (role status) with `title`. */
const focusedNotice = (title: string) => new RegExp(`<div tabindex="-1" class="mt-4 [^"]*"><div role="status"[^>]*><p class="font-semibold">${title}</p>`);

const applyPage = async (slug: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve(searchParams) }));

async function teacherWithCredential() {
  const issuer = await createOrg({ kind: 'ISSUER' });
  const { mc, version } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const teacher = await createActor();
  session.actor = teacher;
  return { mc, version, teacher };
}

describe('“Start my application”', () => {
  it('lands on the application with a notice that takes focus and is read out once', async () => {
    const { mc, teacher } = await teacherWithCredential();
    expect(await redirectOf(startApplicationAction(form({ microCredentialId: mc.id, slug: mc.slug })))).toBe(`/apply/${mc.slug}?started=1`);
    expect(await db.submission.count({ where: { userId: teacher.id, microCredentialId: mc.id } })).toBe(1);

    const html = await applyPage(mc.slug, { started: '1' });
    expect(html).toMatch(focusedNotice('Your application is started'));
    expect(html).toContain('Nothing goes to reviewers until you submit it');
    expect(liveRegionsAround(html, 'Your application is started')).toHaveLength(1);
    // A later visit (no flag) has no notice.
    expect(await applyPage(mc.slug)).not.toContain('Your application is started');
  });
});

describe('“Submit for review”', () => {
  it('lands on the sent application with the Submitted notice taking focus, read out once', async () => {
    const { mc, version, teacher } = await teacherWithCredential();
    await redirectOf(startApplicationAction(form({ microCredentialId: mc.id, slug: mc.slug })));
    const attempt = await db.attempt.findFirstOrThrow({ where: { submission: { userId: teacher.id }, status: 'DRAFT' }, select: { id: true } });
    for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
    await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true });

    const html = await applyPage(mc.slug, { submitted: '1' });
    expect(html).toMatch(focusedNotice('Submitted'));
    expect(liveRegionsAround(html, 'Your evidence is with the reviewers')).toHaveLength(1);
    // Nor does the start notice show on a sent application.
    expect(await applyPage(mc.slug, { started: '1' })).not.toContain('Your application is started');
  });
});

describe('“Start revision”', () => {
  it('lands on the new attempt with a notice that takes focus, says what was copied, and is read out once', async () => {
    const w = await makeReviewWorld();
    const teacher = await createActor();
    const attemptId = await submitTextAttempt(w, teacher);
    // Context passes, Reflection is below the passing level: returned for revision.
    await scoreAttempt(w, await w.reviewer(), attemptId, 'PRIMARY', [3, 1]);
    const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true } });
    session.actor = teacher;
    expect(await applyPage(w.mc.slug)).toContain('Start revision (attempt 2)');

    expect(await redirectOf(startRevisionAction(form({ submissionId, slug: w.mc.slug })))).toBe(`/apply/${w.mc.slug}?revising=1`);
    expect(await db.attempt.count({ where: { submissionId, number: 2, status: 'DRAFT' } })).toBe(1);

    const html = await applyPage(w.mc.slug, { revising: '1' });
    expect(html).toMatch(focusedNotice('Revision started: attempt 2'));
    expect(html).toContain('Your answers and files from attempt 1 are copied in. Parts marked “Passed” stay as they are. Change what the feedback below asks for');
    expect(liveRegionsAround(html, 'Revision started: attempt 2')).toHaveLength(1);
    expect(html).not.toContain('Start revision');
    // A later visit (no flag) has no notice.
    expect(await applyPage(w.mc.slug)).not.toContain('Revision started');
  });

  it('goes nowhere else for a forged address, and shows no notice on an attempt that is not a revision', async () => {
    const { mc } = await teacherWithCredential();
    await redirectOf(startApplicationAction(form({ microCredentialId: mc.id, slug: mc.slug })));
    expect(await applyPage(mc.slug, { revising: '1' })).not.toContain('Revision started');
    const submission = await db.submission.findFirstOrThrow({ where: { microCredentialId: mc.id }, select: { id: true } });
    // A draft already open is returned as it is (startRevision); a slug that is not one redirects nowhere.
    await expect(startRevisionAction(form({ submissionId: submission.id, slug: '../../admin' }))).resolves.toBeUndefined();
  });
});

describe('“Mark all as read”', () => {
  it('lands back on the list (the same page of it) with a notice that takes focus and is read out once', async () => {
    const me = await createActor();
    session.actor = me;
    await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Proposal approved', createdAt: new Date(Date.now() - 60_000) } });
    expect(await redirectOf(markAllReadAction(form({ upTo: new Date().toISOString() })))).toBe('/notifications?marked=1');
    expect(await db.notification.count({ where: { userId: me.id, readAt: null } })).toBe(0);
    expect(await redirectOf(markAllReadAction(form({ upTo: new Date().toISOString(), cursor: 'abc123' })))).toBe('/notifications?cursor=abc123&marked=1');
    // A cursor the list would not take is dropped, not passed on.
    expect(await redirectOf(markAllReadAction(form({ upTo: new Date().toISOString(), cursor: 'x/../y' })))).toBe('/notifications?marked=1');

    const html = renderToStaticMarkup(await NotificationsPage({ searchParams: Promise.resolve({ marked: '1' }) }));
    expect(html).toMatch(/<div tabindex="-1" class="mb-4 [^"]*"><div role="status"[^>]*><div>Your notifications are marked as read\.<\/div>/);
    expect(liveRegionsAround(html, 'Your notifications are marked as read.')).toHaveLength(1);
    expect(html).not.toContain('Mark all as read');
    expect(renderToStaticMarkup(await NotificationsPage({ searchParams: Promise.resolve({}) }))).not.toContain('marked as read');
  });
});

describe('a reviewer’s submitted review', () => {
  const renderReview = async (reviewId: string) => renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));

  it('has its notice in the place the page keeps for it, saying what became of the attempt, read out once', async () => {
    const w = await makeReviewWorld();
    const reviewer = await w.reviewer({ name: 'Rita Reviewer' });
    const attemptId = await submitTextAttempt(w, await createActor({ name: 'Tess Teacher' }));
    session.actor = reviewer;
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    expect(await renderReview(reviewId)).not.toContain('You submitted this review');

    const { version } = await db.review.findUniqueOrThrow({ where: { id: reviewId } });
    const { version: attemptVersion } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    const met = w.version.levels.find((l) => l.rank === 3)!.id;
    await submitReview({ actor: reviewer, reviewId, version, attemptVersion, scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: met, feedback: '' })), overallComment: 'Thanks.' });
    const html = await renderReview(reviewId);
    expect(html).toContain('You submitted this review: meets the standard');
    expect(html).toContain('The attempt meets the standard: the credential was awarded and the teacher notified.');
    expect(html).toMatch(/It can no longer be changed\.<\/p><p class="mt-2"><a href="\/review">Back to the review queue<\/a>/);
    expect(liveRegionsAround(html, 'You submitted this review')).toHaveLength(1);
  });

  it('says a sampled submission waits for a second review', async () => {
    const w = await makeReviewWorld({ doubleScoreRate: 1 });
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor());
    session.actor = reviewer;
    const { reviewId } = await scoreAttempt(w, reviewer, attemptId, 'PRIMARY', [3, 3]);
    expect(await renderReview(reviewId)).toContain('This submission is scored twice');
  });
});

describe('“Release”', () => {
  it('lands on the queue with a notice that takes focus and is read out once', async () => {
    const w = await makeReviewWorld();
    const reviewer = await w.reviewer();
    const attemptId = await submitTextAttempt(w, await createActor());
    const { reviewId } = await claimReview({ actor: reviewer, attemptId });
    session.actor = reviewer;
    expect(await redirectOf(releaseReviewAction({ ok: true }, form({ reviewId })))).toBe('/review?released=1');
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('RELEASED');
    const html = renderToStaticMarkup(await ReviewQueuePage({ searchParams: Promise.resolve({ released: '1' }) }));
    expect(html).toMatch(/<div tabindex="-1" class="mb-4 [^"]*"><div role="status"[^>]*><div>The submission is back in the queue/);
    expect(liveRegionsAround(html, 'The submission is back in the queue')).toHaveLength(1);
  });
});

describe('a review the reviewer cannot open', () => {
  it('is answered alike whether it is someone else’s or does not exist (the review’s own not-found page)', async () => {
    const w = await makeReviewWorld();
    const owner = await w.reviewer({ name: 'Olga Owner' });
    const other = await w.reviewer({ name: 'Otto Other' });
    const attemptId = await submitTextAttempt(w, await createActor({ name: 'Tess Teacher' }));
    const { reviewId } = await claimReview({ actor: owner, attemptId });
    session.actor = other;
    const theirs = await ReviewPage({ params: Promise.resolve({ reviewId }) }).then(() => null, (e: unknown) => e);
    const missing = await ReviewPage({ params: Promise.resolve({ reviewId: 'clnotarealreview000000000' }) }).then(() => null, (e: unknown) => e);
    expect(theirs).toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
    expect(missing).toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
  });
});
