// Whoever could not review the work does not pick its reviewer either: an issuer admin who scored a
// double-scored attempt does not choose its adjudicator (nor, having given the first score, its
// second scorer), and an admin who asked for a second look, or scored the decision it sets aside,
// does not choose who takes it. assignReview refuses them, releasing another admin's claim and
// renewing one included, checked again inside its transaction; the review-quality list and the
// assign page say why instead of offering it. An uninvolved admin still may. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { holdAttempt, untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { createActor } from '../factories';
import { makeReviewWorld, scoreAttempt, submitTextAttempt } from '../factories/review-world';
import { assignReview, claimReview } from '@/lib/review/mutations';
import { assignPartyRefusal } from '@/lib/review/claims';
import { listAssignableReviewers, listOpenAttemptsForAssignment } from '@/lib/review/queries';
import { requestSecondLook } from '@/lib/review/second-look';
import { initialActionState } from '@/lib/action-result';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { assignReviewAction } = await import('@/app/admin/review-quality/actions');
const { default: AssignPage } = await import('@/app/admin/review-quality/assign/[attemptId]/page');
const { default: ReviewQualityPage } = await import('@/app/admin/review-quality/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const ADJUDICATION_REFUSAL = assignPartyRefusal('SCORED', 'ADJUDICATION');
const SECOND_REFUSAL = assignPartyRefusal('SCORED', 'SECOND');
const ASKED_REFUSAL = assignPartyRefusal('ASKED_FOR_SECOND_LOOK', 'SECOND_LOOK');
const SCORED_LOOK_REFUSAL = assignPartyRefusal('SCORED', 'SECOND_LOOK');

/**
 * An issuer that samples nothing for double scoring by itself. Ada and Bob are admins who also score;
 * Cy and Dee are admins who do not; Rae and Finn are reviewers. All qualified; nobody is placed, so
 * nobody has a conflict of interest with Tess, the teacher.
 */
async function makeWorld() {
  const w = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0, slaBusinessDays: 10 });
  const admin = { roles: [{ role: 'ISSUER_ADMIN' as const, organizationId: w.issuer.id }] };
  const ada = await w.reviewer({ name: 'Ada Scorer-Admin', ...admin });
  const bob = await w.reviewer({ name: 'Bob Scorer-Admin', ...admin });
  const cy = await createActor({ name: 'Cy Asker', ...admin });
  const dee = await createActor({ name: 'Dee Uninvolved', ...admin });
  const rae = await w.reviewer({ name: 'Rae Reviewer' });
  const finn = await w.reviewer({ name: 'Finn Fresh' });
  const tess = await createActor({ name: 'Tess Teacher' });
  return { ...w, ada, bob, cy, dee, rae, finn, tess };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** Tess's attempt, sampled for double scoring: Ada fails it first, Bob passes it second, so it needs adjudication. */
async function disagreement(w: World) {
  const attemptId = await submitTextAttempt(w, w.tess);
  await db.attempt.update({ where: { id: attemptId }, data: { doubleScore: true } });
  await scoreAttempt(w, w.ada, attemptId, 'PRIMARY', [0, 0]);
  await scoreAttempt(w, w.bob, attemptId, 'SECOND', [3, 3]);
  expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).needsAdjudication).toBe(true);
  return attemptId;
}

/** Tess's attempt, returned by Ada; Cy asks for a second look at it. */
async function secondLookAskedByCy(w: World) {
  const attemptId = await submitTextAttempt(w, w.tess);
  await scoreAttempt(w, w.ada, attemptId, 'PRIMARY', [0, 0]);
  const { version } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId } });
  await requestSecondLook({ actor: w.cy, attemptId, version, reason: 'Part 2 shows the exit tickets the review says are missing.' });
  expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: 'SUBMITTED', secondLookRequestedById: w.cy.id });
  return attemptId;
}

/** Everything assigning could change. */
async function snapshot(attemptId: string) {
  return {
    attempt: await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, version: true } }),
    reviews: await db.review.findMany({ where: { attemptId }, orderBy: { createdAt: 'asc' }, select: { id: true, reviewerId: true, status: true, version: true, claimExpiresAt: true, assignedById: true } }),
    audits: await db.auditLog.count(),
    notifications: await db.notification.count(),
  };
}

const page = async (attemptId: string, actor: Actor) => {
  session.actor = actor;
  return renderToStaticMarkup(await AssignPage({ params: Promise.resolve({ attemptId }) }));
};
/** The review-quality page's "Assign and reassign" section as `actor` sees it. */
const assignSection = async (actor: Actor) => {
  session.actor = actor;
  const html = renderToStaticMarkup(await ReviewQualityPage({ searchParams: Promise.resolve({}) }));
  return html.slice(html.indexOf('id="assign"'));
};
const assignLink = (attemptId: string) => `/admin/review-quality/assign/${attemptId}`;

describe('an admin who scored a double-scored attempt', () => {
  it('does not choose its adjudicator, nor release another admin’s adjudication claim to reassign it; an uninvolved admin may', async () => {
    const w = await makeWorld();
    const attemptId = await disagreement(w);

    // Scenario A: Ada scored it first and gives the adjudication to whoever she picks: refused.
    let before = await snapshot(attemptId);
    for (const scorer of [w.ada, w.bob]) {
      expect(await errorOf(assignReview({ actor: scorer, attemptId, reviewerId: w.cy.id, kind: 'ADJUDICATION' }))).toMatchObject({ code: 'FORBIDDEN', message: ADJUDICATION_REFUSAL });
      expect(await snapshot(attemptId)).toEqual(before);
    }
    expect(ADJUDICATION_REFUSAL).toMatch(/^You scored this submission, so another admin of the issuer assigns its adjudication/);
    // Through the form: the same words, still nothing changed.
    session.actor = w.ada;
    expect(await assignReviewAction(initialActionState, form({ attemptId, reviewerId: w.cy.id, kind: 'ADJUDICATION' }))).toMatchObject({ ok: false, formError: ADJUDICATION_REFUSAL });
    expect(await snapshot(attemptId)).toEqual(before);

    // Cy (uninvolved) is settling it. Ada confirming the release of his claim to give it to Dee, or
    // making his claim an assignment, is refused the same way, and his claim stays his.
    const { reviewId: cysClaim } = await claimReview({ actor: w.cy, attemptId, kind: 'ADJUDICATION' });
    before = await snapshot(attemptId);
    expect(await errorOf(assignReview({ actor: w.ada, attemptId, reviewerId: w.dee.id, kind: 'ADJUDICATION', releaseReviewId: cysClaim }))).toMatchObject({ code: 'FORBIDDEN', message: ADJUDICATION_REFUSAL });
    expect(await errorOf(assignReview({ actor: w.ada, attemptId, reviewerId: w.cy.id, kind: 'ADJUDICATION' }))).toMatchObject({ code: 'FORBIDDEN', message: ADJUDICATION_REFUSAL });
    expect(await snapshot(attemptId)).toEqual(before);
    expect((await db.review.findUniqueOrThrow({ where: { id: cysClaim } })).status).toBe('CLAIMED');

    // Dee, who scored nothing, may reassign it (confirming the release of Cy's claim).
    const { reviewId, reassigned } = await assignReview({ actor: w.dee, attemptId, reviewerId: w.admin.id, kind: 'ADJUDICATION', releaseReviewId: cysClaim });
    expect(reassigned).toBe(true);
    expect(await db.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({ reviewerId: w.admin.id, assignedById: w.dee.id, kind: 'ADJUDICATION', status: 'CLAIMED' });
    expect((await db.review.findUniqueOrThrow({ where: { id: cysClaim } })).status).toBe('RELEASED');
  });

  it('who gave the first score does not choose the second scorer', async () => {
    const w = await makeWorld();
    const attemptId = await submitTextAttempt(w, w.tess);
    await db.attempt.update({ where: { id: attemptId }, data: { doubleScore: true } });
    await scoreAttempt(w, w.ada, attemptId, 'PRIMARY', [0, 0]);
    const before = await snapshot(attemptId);
    expect(await errorOf(assignReview({ actor: w.ada, attemptId, reviewerId: w.rae.id, kind: 'SECOND' }))).toMatchObject({ code: 'FORBIDDEN', message: SECOND_REFUSAL });
    expect(await snapshot(attemptId)).toEqual(before);
    expect((await listAssignableReviewers({ actor: w.ada, attemptId }))!).toMatchObject({ waitingFor: 'SECOND', assignerParty: 'SCORED', reviewers: [] });
    const html = await page(attemptId, w.ada);
    expect(textJoined(html)).toContain(SECOND_REFUSAL);
    expect(html).not.toContain('<form');
    // Bob, who did not score it, may.
    const { reviewId } = await assignReview({ actor: w.bob, attemptId, reviewerId: w.rae.id, kind: 'SECOND' });
    expect(await db.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({ reviewerId: w.rae.id, kind: 'SECOND', assignedById: w.bob.id });
  });

  it('is told why on the assign page and in the review-quality list, with no form or link; an uninvolved admin is offered both', async () => {
    const w = await makeWorld();
    const attemptId = await disagreement(w);

    expect((await listAssignableReviewers({ actor: w.ada, attemptId }))!).toMatchObject({ assignerConflict: null, waitingFor: 'ADJUDICATION', assignerParty: 'SCORED', reviewers: [] });
    expect((await listAssignableReviewers({ actor: w.dee, attemptId }))!).toMatchObject({ waitingFor: 'ADJUDICATION', assignerParty: null });
    expect((await listAssignableReviewers({ actor: w.dee, attemptId }))!.reviewers.map((r) => r.name)).toContain('Cy Asker');

    const adas = await page(attemptId, w.ada);
    expect(textJoined(adas)).toContain(ADJUDICATION_REFUSAL);
    expect(adas).not.toContain('<form');
    expect(adas).not.toContain('Cy Asker');
    const dees = await page(attemptId, w.dee);
    expect(dees).toContain('<form');
    expect(textJoined(dees)).not.toContain('so another admin of the issuer assigns');

    const listed = async (actor: Actor) => (await listOpenAttemptsForAssignment({ actor })).items.find((i) => i.attemptId === attemptId);
    expect(await listed(w.ada)).toMatchObject({ conflict: null, waitingFor: 'ADJUDICATION', party: 'SCORED' });
    expect(await listed(w.bob)).toMatchObject({ party: 'SCORED' });
    expect(await listed(w.dee)).toMatchObject({ waitingFor: 'ADJUDICATION', party: null });

    const adasList = await assignSection(w.ada);
    expect(textJoined(adasList)).toContain(ADJUDICATION_REFUSAL);
    expect(adasList).not.toContain(assignLink(attemptId));
    const deesList = await assignSection(w.dee);
    expect(deesList).toContain(assignLink(attemptId));
    expect(textJoined(deesList)).not.toContain(ADJUDICATION_REFUSAL);
  });
});

describe('a second look', () => {
  it('is not assigned by the admin who asked for it, nor by the admin who scored the decision it sets aside; an uninvolved admin may', async () => {
    const w = await makeWorld();
    const attemptId = await secondLookAskedByCy(w);

    // Scenario B: Cy asked for it, then gives it to a reviewer of his choice: refused.
    const before = await snapshot(attemptId);
    expect(await errorOf(assignReview({ actor: w.cy, attemptId, reviewerId: w.finn.id, kind: 'SECOND_LOOK' }))).toMatchObject({ code: 'FORBIDDEN', message: ASKED_REFUSAL });
    expect(ASKED_REFUSAL).toMatch(/^You asked for this second look, so another admin of the issuer assigns it/);
    // Ada returned it: she does not choose who looks at her decision again.
    expect(await errorOf(assignReview({ actor: w.ada, attemptId, reviewerId: w.finn.id, kind: 'SECOND_LOOK' }))).toMatchObject({ code: 'FORBIDDEN', message: SCORED_LOOK_REFUSAL });
    session.actor = w.cy;
    expect(await assignReviewAction(initialActionState, form({ attemptId, reviewerId: w.finn.id, kind: 'SECOND_LOOK' }))).toMatchObject({ ok: false, formError: ASKED_REFUSAL });
    expect(await snapshot(attemptId)).toEqual(before);

    // Nor over a claim: Finn took it; Cy releasing it for Rae is refused and Finn keeps it.
    const { reviewId: finns } = await claimReview({ actor: w.finn, attemptId, kind: 'SECOND_LOOK' });
    expect(await errorOf(assignReview({ actor: w.cy, attemptId, reviewerId: w.rae.id, kind: 'SECOND_LOOK', releaseReviewId: finns }))).toMatchObject({ code: 'FORBIDDEN', message: ASKED_REFUSAL });
    expect((await db.review.findUniqueOrThrow({ where: { id: finns } })).status).toBe('CLAIMED');

    // The pages say why.
    expect((await listAssignableReviewers({ actor: w.cy, attemptId }))!).toMatchObject({ waitingFor: 'SECOND_LOOK', assignerParty: 'ASKED_FOR_SECOND_LOOK', reviewers: [] });
    expect((await listAssignableReviewers({ actor: w.ada, attemptId }))!).toMatchObject({ assignerParty: 'SCORED' });
    const cys = await page(attemptId, w.cy);
    expect(textJoined(cys)).toContain(ASKED_REFUSAL);
    expect(cys).not.toContain('<form');
    expect(textJoined(await assignSection(w.cy))).toContain(ASKED_REFUSAL);
    expect(await assignSection(w.cy)).not.toContain(assignLink(attemptId));

    // Dee may: she reassigns it from Finn to Rae.
    expect((await listAssignableReviewers({ actor: w.dee, attemptId }))!.assignerParty).toBeNull();
    const { reviewId, reassigned } = await assignReview({ actor: w.dee, attemptId, reviewerId: w.rae.id, kind: 'SECOND_LOOK', releaseReviewId: finns });
    expect(reassigned).toBe(true);
    expect(await db.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({ reviewerId: w.rae.id, kind: 'SECOND_LOOK', assignedById: w.dee.id });
  });

  it('is refused inside the transaction when the record, as it stands once the attempt is held, names the assigning admin as the one who asked', async () => {
    const w = await makeWorld();
    const attemptId = await secondLookAskedByCy(w);
    // Dee starts assigning while another request holds the attempt; by the time hers gets it, the
    // record says she asked for this second look (the request was withdrawn and asked again by her).
    const held = await holdAttempt(attemptId);
    try {
      const assigning = watch(assignReview({ actor: w.dee, attemptId, reviewerId: w.finn.id, kind: 'SECOND_LOOK' }));
      await untilWaitingOnLocksOr(1, () => (assigning.settled ? 1 : 0), 'the assignment never waited for the attempt');
      expect(assigning.settled).toBe(false);
      await held.query(`UPDATE "Attempt" SET "secondLookRequestedById" = $1 WHERE "id" = $2`, [w.dee.id, attemptId]);
      await held.commit();
      const outcome = await assigning.outcome;
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.error).toMatchObject({ code: 'FORBIDDEN', message: ASKED_REFUSAL });
    } finally {
      await held.release();
    }
    expect(await db.review.count({ where: { attemptId, kind: 'SECOND_LOOK' } })).toBe(0);
  });
});
