// A claim that simply runs out: the reviewer is told so (not that someone took it), and claiming the
// work again brings back the draft they had saved. Claims that ended on purpose bring nothing back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { textOnlyDefinition } from '../factories/definitions';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, qualify } from '../factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { assignReview, claimReview, expireStaleClaims, releaseClaimsOf, releaseReview, saveReviewDraft, submitReview } from '@/lib/review/mutations';
import { getClaimEnd, keepClaim } from '@/lib/review/claims';
import { getReviewWorkspace } from '@/lib/review/queries';

// Outside a request there is no session cookie or Next cache: who is signed in is set per test.
vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { claimReviewAction } = await import('@/app/review/actions');
const { keepClaimAction } = await import('@/app/review/[reviewId]/actions');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const MINUTES = 30;
const at = (t0: Date, minutes: number) => new Date(t0.getTime() + minutes * 60_000);

async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { claimMinutes: MINUTES, calibrationRequired: false } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const reviewer = () => createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const teacher = await createActor();
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id });
  const levelId = (rank: number) => version.levels.find((l) => l.rank === rank)!.id;
  const draft = {
    scores: [
      { criterionId: version.criteria[0].id, levelId: levelId(2), feedback: 'Clear picture of the class.' },
      { criterionId: version.criteria[1].id, levelId: levelId(1), feedback: 'Say what the students did next.' },
    ],
    overallComment: 'Half way through: check the reflection against the lesson plan.',
  };
  return { issuer, mc, version, admin, reviewer, attemptId: attempt.id, draft };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

async function savedDraft(reviewId: string) {
  const r = await db.review.findUniqueOrThrow({ where: { id: reviewId }, select: { overallComment: true, scores: { orderBy: { feedback: 'asc' }, select: { criterionId: true, levelId: true, feedback: true } } } });
  return { overallComment: r.overallComment, scores: r.scores };
}

/** A reviewer claims at t0, saves a draft, walks away; the sweep ends the claim after it ran out. */
async function claimSaveAndLetRunOut(w: World, who: Actor, t0: Date) {
  const { reviewId } = await claimReview({ actor: who, attemptId: w.attemptId, now: t0 });
  await saveReviewDraft({ actor: who, reviewId, version: 0, ...w.draft, now: at(t0, 5) });
  expect(await expireStaleClaims({ now: at(t0, 5 + MINUTES + 1) })).toBe(1);
  expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('EXPIRED');
  return reviewId;
}

const renderReview = async (reviewId: string) => renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ reviewId }) }));

describe('a claim that ran out while nobody else took the work', () => {
  it('claiming it again from the queue brings back the saved scores and overall comment', async () => {
    const w = await makeWorld();
    const a = await w.reviewer();
    const t0 = new Date(Date.now() - 3 * 60 * 60_000);
    const oldId = await claimSaveAndLetRunOut(w, a, t0);

    const back = await claimReview({ actor: a, attemptId: w.attemptId });
    expect(back.reviewId).not.toBe(oldId);
    expect(await savedDraft(back.reviewId)).toEqual(await savedDraft(oldId));
    // The scoring page starts from it, and carrying on saves and submits as usual.
    const ws = await getReviewWorkspace({ actor: a, reviewId: back.reviewId });
    expect(ws?.review.overallComment).toBe(w.draft.overallComment);
    expect(ws?.review.scores).toHaveLength(2);
    const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: w.attemptId } })).version;
    const scores = w.version.criteria.map((c) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === 2)!.id, feedback: 'Fine.' }));
    session.actor = a;
    expect(await renderReview(back.reviewId)).toContain('Decision due');
    expect((await submitReview({ actor: a, reviewId: back.reviewId, version: 0, attemptVersion, scores, overallComment: 'Done.' })).decision).toBe('PASS');
    // Decided: the page no longer counts down to a decision date.
    expect(await renderReview(back.reviewId)).not.toContain('Decision due');
    // The old review keeps its own copy untouched.
    expect(await savedDraft(oldId)).toEqual({ overallComment: w.draft.overallComment, scores: expect.any(Array) });
  });

  it('the ended claim keeps the reviewer’s draft but not the teacher’s answers, files or name, until they claim it again', async () => {
    const w = await makeWorld();
    const a = await w.reviewer();
    const oldId = await claimSaveAndLetRunOut(w, a, new Date(Date.now() - 3 * 60 * 60_000));
    const ended = (await getReviewWorkspace({ actor: a, reviewId: oldId }))!;
    expect(ended.evidenceWithheld).toBe(true);
    expect(ended.attempt.responses).toEqual([]);
    expect(ended.attempt.files).toEqual([]);
    expect(ended.teacher).toBeNull();
    expect(ended.review.overallComment).toBe(w.draft.overallComment);
    session.actor = a;
    const html = await renderReview(oldId);
    expect(html).not.toContain('My class is a mixed Grade 7 group.');
    expect(html).toContain('shown only while you hold a claim on this work: claim it again to see them');
    const back = await claimReview({ actor: a, attemptId: w.attemptId });
    const held = (await getReviewWorkspace({ actor: a, reviewId: back.reviewId }))!;
    expect(held.evidenceWithheld).toBe(false);
    expect(held.attempt.responses.map((r) => r.text)).toContain('My class is a mixed Grade 7 group.');
    expect(held.teacher).not.toBeNull();
  });

  it('another reviewer claiming the work starts empty: a draft is only ever its own reviewer’s', async () => {
    const w = await makeWorld();
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    await claimSaveAndLetRunOut(w, a, new Date(Date.now() - 3 * 60 * 60_000));
    const taken = await claimReview({ actor: b, attemptId: w.attemptId });
    expect(await savedDraft(taken.reviewId)).toEqual({ overallComment: '', scores: [] });
  });

  it('an admin assigning the work back to the same reviewer brings the draft back too', async () => {
    const w = await makeWorld();
    const a = await w.reviewer();
    const oldId = await claimSaveAndLetRunOut(w, a, new Date(Date.now() - 3 * 60 * 60_000));
    const { reviewId } = await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: a.id });
    expect(await savedDraft(reviewId)).toEqual(await savedDraft(oldId));
  });

  it('“Keep my claim”, an autosave and a submit say the claim ran out, not that someone took it', async () => {
    const w = await makeWorld();
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const reviewId = await claimSaveAndLetRunOut(w, a, new Date(Date.now() - 3 * 60 * 60_000));

    const keep = await errorOf(keepClaim({ actor: a, reviewId }));
    expect(keep.code).toBe('CONFLICT');
    expect(keep.message).toMatch(/^Your claim ran out\. Nobody else has taken this submission/);
    expect(keep.message).not.toMatch(/another reviewer|reassigned/i);
    const save = await errorOf(saveReviewDraft({ actor: a, reviewId, version: 1, ...w.draft }));
    expect(save.message).toBe(keep.message);
    const submit = await errorOf(submitReview({ actor: a, reviewId, version: 1, attemptVersion: 0, ...w.draft }));
    expect(submit.message).toBe(keep.message);
    // The timer's button answers with the way back.
    session.actor = a;
    expect(await keepClaimAction({ reviewId })).toMatchObject({ ok: false, formError: expect.stringMatching(/ran out/), claimAgain: { attemptId: w.attemptId, kind: 'PRIMARY' } });

    // Once someone else has it, that is what it says (and still that it ran out first).
    await claimReview({ actor: b, attemptId: w.attemptId });
    const taken = await errorOf(keepClaim({ actor: a, reviewId }));
    expect(taken.message).toMatch(/^Your claim ran out and another reviewer has claimed this submission since/);
    expect(taken.message).not.toMatch(/reassigned/);
    expect(await keepClaimAction({ reviewId })).toEqual({ ok: false, formError: taken.message });
  });

  it('the review page offers “Claim it again and keep my draft”, which lands on a new review with the draft', async () => {
    const w = await makeWorld();
    const a = await w.reviewer();
    const oldId = await claimSaveAndLetRunOut(w, a, new Date(Date.now() - 3 * 60 * 60_000));
    session.actor = a;

    expect(await getClaimEnd({ actor: a, reviewId: oldId })).toMatchObject({ why: 'RAN_OUT', workNow: 'FREE', canClaimAgain: true });
    const page = await renderReview(oldId);
    expect(page).toContain('Your claim ran out');
    expect(page).toContain('Claim it again and keep my draft');
    expect(page).not.toContain('reassigned');
    // The button posts the existing claim action with this attempt and kind.
    expect(page).toContain(`value="${w.attemptId}"`);

    const to = await redirectOf(claimReviewAction({ ok: true }, form({ attemptId: w.attemptId, kind: 'PRIMARY' })));
    const newId = to.replace('/review/', '');
    expect(newId).not.toBe(oldId);
    expect(await savedDraft(newId)).toEqual(await savedDraft(oldId));
    const resumed = await renderReview(newId);
    expect(resumed).toContain(w.draft.overallComment);

    // The old page now points at the new claim instead of offering a second one.
    expect(await getClaimEnd({ actor: a, reviewId: oldId })).toMatchObject({ workNow: 'YOURS', currentReviewId: newId, canClaimAgain: false });
    const old = await renderReview(oldId);
    expect(old).not.toContain('Claim it again and keep my draft');
    expect(old).toContain(`/review/${newId}`);
  });

  it('offers no way back when the reviewer may no longer take the work, or someone else holds it', async () => {
    const w = await makeWorld();
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const oldId = await claimSaveAndLetRunOut(w, a, new Date(Date.now() - 3 * 60 * 60_000));
    session.actor = a;

    await db.reviewerQualification.deleteMany({ where: { userId: a.id } });
    expect(await getClaimEnd({ actor: a, reviewId: oldId })).toMatchObject({ workNow: 'FREE', canClaimAgain: false, cannotClaimBecause: expect.stringMatching(/not qualified/) });
    expect(await renderReview(oldId)).not.toContain('Claim it again and keep my draft');
    await qualify(a.id, w.mc.id, w.admin.id);

    await claimReview({ actor: b, attemptId: w.attemptId });
    expect(await getClaimEnd({ actor: a, reviewId: oldId })).toMatchObject({ workNow: 'OTHER', canClaimAgain: false });
    const page = await renderReview(oldId);
    expect(page).not.toContain('Claim it again and keep my draft');
    expect(page).toContain('another reviewer has claimed this submission since');
  });
});

describe('a claim that ended on purpose', () => {
  it('released by an admin’s reassignment: says so, and its draft does not come back when the reviewer later claims the work', async () => {
    const w = await makeWorld();
    const [a, b] = [await w.reviewer(), await w.reviewer()];
    const { reviewId } = await claimReview({ actor: a, attemptId: w.attemptId });
    await saveReviewDraft({ actor: a, reviewId, version: 0, ...w.draft });
    const given = await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: b.id, releaseReviewId: reviewId });
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('RELEASED');

    const keep = await errorOf(keepClaim({ actor: a, reviewId }));
    expect(keep.message).toMatch(/an admin reassigned the submission/);
    expect(keep.message).not.toMatch(/ran out/);
    expect(await getClaimEnd({ actor: a, reviewId })).toMatchObject({ why: 'REASSIGNED', canClaimAgain: false });

    // The assignee gives it back; the first reviewer takes it from the queue and starts afresh.
    await releaseReview({ actor: b, reviewId: given.reviewId });
    const again = await claimReview({ actor: a, attemptId: w.attemptId });
    expect(await savedDraft(again.reviewId)).toEqual({ overallComment: '', scores: [] });
  });

  it('given back by the reviewer, or withdrawn with their rights: nothing comes back, not even an older draft that ran out', async () => {
    const w = await makeWorld();
    const a = await w.reviewer();
    const t0 = new Date(Date.now() - 5 * 60 * 60_000);
    await claimSaveAndLetRunOut(w, a, t0);
    // Back with the draft, then "Release and discard my draft".
    const second = await claimReview({ actor: a, attemptId: w.attemptId, now: at(t0, 2 * MINUTES) });
    expect((await savedDraft(second.reviewId)).overallComment).toBe(w.draft.overallComment);
    await releaseReview({ actor: a, reviewId: second.reviewId, now: at(t0, 2 * MINUTES + 1) });
    expect((await errorOf(keepClaim({ actor: a, reviewId: second.reviewId }))).message).toMatch(/you released it/);
    const third = await claimReview({ actor: a, attemptId: w.attemptId, now: at(t0, 2 * MINUTES + 2) });
    expect(await savedDraft(third.reviewId)).toEqual({ overallComment: '', scores: [] });

    // Withdrawn when the qualification went (and later came back).
    await saveReviewDraft({ actor: a, reviewId: third.reviewId, version: 0, ...w.draft, now: at(t0, 2 * MINUTES + 3) });
    await db.$transaction((tx) => releaseClaimsOf(tx, a.id, w.admin.id, at(t0, 2 * MINUTES + 4), { microCredentialId: w.mc.id, reason: 'qualification withdrawn' }));
    expect((await errorOf(keepClaim({ actor: a, reviewId: third.reviewId }))).message).toMatch(/returned to the queue \(qualification withdrawn\)/);
    const fourth = await claimReview({ actor: a, attemptId: w.attemptId, now: at(t0, 2 * MINUTES + 5) });
    expect(await savedDraft(fourth.reviewId)).toEqual({ overallComment: '', scores: [] });
  });
});
