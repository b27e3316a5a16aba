// An issuer admin does not choose who reviews their own application, nor a colleague's that the
// issuer's conflict rules keep them from reviewing (same school here), and does not withdraw a
// second look on it either: someone who could not review the work does not steer its review. Their
// own application record reads as its teacher would: no reviewers' names, no second look's reason.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { assignRefusal, assignReview, claimReview, submitReview } from '@/lib/review/mutations';
import { listAssignableReviewers } from '@/lib/review/queries';
import { listLiveClaimHolders } from '@/lib/review/claims';
import { requestSecondLook, withdrawSecondLook, WITHDRAW_OWN_CONFLICT } from '@/lib/review/second-look';
import { reportEvidenceConcern } from '@/lib/evidence/concerns';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import { initialActionState } from '@/lib/action-result';
import type { ReviewKind } from '@/lib/generated/prisma/enums';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { assignReviewAction } = await import('@/app/admin/review-quality/actions');
const { withdrawSecondLookAction } = await import('@/app/admin/submissions/[id]/actions');
const { default: AssignPage } = await import('@/app/admin/review-quality/assign/[attemptId]/page');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const REASON = 'Part 2 quotes three exit tickets, which the reviewer says are missing.';
const FEEDBACK = 'Show what students did after the reteach.';

/**
 * An issuer that blocks same-school reviewing. `adminTeacher` is one of its admins and applies for
 * its credential; `colleagueAdmin` is another admin at the same school, where `teacher` works too;
 * `admin` (no school) may assign both. `first` and `fresh` are qualified reviewers.
 */
async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, doubleScoreRate: 0, slaBusinessDays: 10 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const school = await createOrg({ kind: 'SCHOOL' });
  const reviewer = (name: string) => createQualifiedReviewer({ name, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const first = await reviewer('Fay First');
  const fresh = await reviewer('Finn Fresh');
  const adminTeacher = await createActor({ name: 'Ada Admin-Teacher', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }], schoolId: school.id });
  const colleagueAdmin = await createActor({ name: 'Cal Colleague', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }], schoolId: school.id });
  const teacher = await createActor({ name: 'Tess Teacher', schoolId: school.id });
  const w = { issuer, mc, version, admin, school, first, fresh, adminTeacher, colleagueAdmin, teacher };
  return { ...w, own: await submitFor(w, adminTeacher), colleagues: await submitFor(w, teacher) };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

async function submitFor(w: { mc: { id: string }; version: { parts: { id: string }[] } }, who: Actor) {
  const { id: submissionId } = await startApplication({ actor: who, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) await saveResponse({ actor: who, attemptId: attempt.id, partId: p.id, text: 'Part 2 quotes three exit tickets from my Grade 7 class.', links: [], revision: 0 });
  await submitAttempt({ actor: who, attemptId: attempt.id, attested: true });
  return { submissionId, attemptId: attempt.id };
}

/** `who` claims and submits a review of `kind` at one rank for every criterion. */
async function score(w: World, who: Actor, attemptId: string, kind: ReviewKind, rank: number) {
  const { reviewId } = await claimReview({ actor: who, attemptId, kind });
  const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: attemptId } })]);
  await submitReview({
    actor: who, reviewId, version: r.version, attemptVersion: a.version, overallComment: FEEDBACK,
    scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === rank)!.id, feedback: FEEDBACK })),
  });
  return reviewId;
}
const lowest = (w: World) => Math.min(...w.version.levels.map((l) => l.rank));
const highest = (w: World) => Math.max(...w.version.levels.map((l) => l.rank));

/** Everything assigning or withdrawing could change. */
async function snapshot(attemptId: string) {
  return {
    attempt: await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { status: true, version: true, secondLookRequestedAt: true } }),
    reviews: await db.review.findMany({ where: { attemptId }, orderBy: { createdAt: 'asc' }, select: { id: true, reviewerId: true, status: true, version: true, claimExpiresAt: true } }),
    audits: await db.auditLog.count(),
    notifications: await db.notification.count(),
  };
}

describe('assigning the review of work the admin may not review', () => {
  it('is refused for their own attempt and for a same-school colleague’s, and nothing changes; an admin without a conflict may', async () => {
    const w = await makeWorld();
    for (const [actor, attemptId, why] of [
      [w.adminTeacher, w.own.attemptId, 'OWN_WORK'],
      [w.colleagueAdmin, w.colleagues.attemptId, 'SAME_SCHOOL'],
      [w.adminTeacher, w.colleagues.attemptId, 'SAME_SCHOOL'],
      [w.colleagueAdmin, w.own.attemptId, 'SAME_SCHOOL'],
    ] as const) {
      const before = await snapshot(attemptId);
      expect(await errorOf(assignReview({ actor, attemptId, reviewerId: w.first.id }))).toMatchObject({ code: 'FORBIDDEN', message: assignRefusal(why) });
      expect(await snapshot(attemptId)).toEqual(before);
    }
    expect(assignRefusal('OWN_WORK')).toMatch(/your own application.*Another admin of the issuer must assign it/);
    expect(assignRefusal('SAME_SCHOOL')).toMatch(/conflict-of-interest rules.*Another admin of the issuer must assign it/);

    // Through the form: the same plain refusal, and still nothing changed.
    session.actor = w.adminTeacher;
    const before = await snapshot(w.own.attemptId);
    expect(await assignReviewAction(initialActionState, form({ attemptId: w.own.attemptId, reviewerId: w.first.id, kind: 'PRIMARY' }))).toMatchObject({ ok: false, formError: assignRefusal('OWN_WORK') });
    expect(await snapshot(w.own.attemptId)).toEqual(before);

    // Replacing someone else's claim on it is refused the same way, before anything is asked about it.
    const { reviewId: held } = await claimReview({ actor: w.first, attemptId: w.own.attemptId });
    const claimed = await snapshot(w.own.attemptId);
    expect(await errorOf(assignReview({ actor: w.adminTeacher, attemptId: w.own.attemptId, reviewerId: w.fresh.id, releaseReviewId: held }))).toMatchObject({ code: 'FORBIDDEN', message: assignRefusal('OWN_WORK') });
    expect(await snapshot(w.own.attemptId)).toEqual(claimed);

    // Another admin of the issuer, without a conflict, can.
    const { reviewId } = await assignReview({ actor: w.admin, attemptId: w.colleagues.attemptId, reviewerId: w.first.id });
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).assignedById).toBe(w.admin.id);
  });

  it('the assign page says plainly that another admin must assign it, with no form and no reviewers’ names', async () => {
    const w = await makeWorld();
    await claimReview({ actor: w.first, attemptId: w.own.attemptId });

    const mine = (await listAssignableReviewers({ actor: w.adminTeacher, attemptId: w.own.attemptId }))!;
    expect(mine).toMatchObject({ assignerConflict: 'OWN_WORK', reviewers: [], reviews: [] });
    expect(await listLiveClaimHolders({ actor: w.adminTeacher, attemptId: w.own.attemptId })).toEqual([]);
    expect((await listAssignableReviewers({ actor: w.colleagueAdmin, attemptId: w.colleagues.attemptId }))!.assignerConflict).toBe('SAME_SCHOOL');
    // An admin without a conflict sees the candidates and who holds the claim.
    const theirs = (await listAssignableReviewers({ actor: w.admin, attemptId: w.own.attemptId }))!;
    expect(theirs.assignerConflict).toBeNull();
    expect(theirs.reviewers.map((r) => r.name)).toContain('Finn Fresh');
    expect((await listLiveClaimHolders({ actor: w.admin, attemptId: w.own.attemptId }))!.map((h) => h.reviewerName)).toEqual(['Fay First']);

    session.actor = w.adminTeacher;
    const html = renderToStaticMarkup(await AssignPage({ params: Promise.resolve({ attemptId: w.own.attemptId }) }));
    expect(textJoined(html)).toContain(assignRefusal('OWN_WORK'));
    expect(html).not.toContain('<form');
    expect(html).not.toContain('Fay First');
    expect(html).not.toContain('Finn Fresh');

    session.actor = w.colleagueAdmin;
    const colleague = textJoined(renderToStaticMarkup(await AssignPage({ params: Promise.resolve({ attemptId: w.colleagues.attemptId }) })));
    expect(colleague).toContain(assignRefusal('SAME_SCHOOL'));
    expect(colleague).not.toContain('Finn Fresh');

    session.actor = w.admin;
    const allowed = renderToStaticMarkup(await AssignPage({ params: Promise.resolve({ attemptId: w.own.attemptId }) }));
    expect(allowed).toContain('<form');
    expect(textJoined(allowed)).not.toContain('Another admin of the issuer must assign it');
  });
});

describe('a second look at an admin’s own application', () => {
  /** `first` returns the admin-teacher's attempt (and reports a concern about it); `admin` asks for a second look. */
  async function returnedAndAsked() {
    const w = await makeWorld();
    const firstReviewId = await score(w, w.first, w.own.attemptId, 'PRIMARY', lowest(w));
    await reportEvidenceConcern({ actor: w.first, reviewId: firstReviewId, fileId: null, reason: 'STUDENT_IDENTIFIABLE', note: 'A student’s full name is in part 2.' });
    const { version } = await db.attempt.findUniqueOrThrow({ where: { id: w.own.attemptId } });
    await requestSecondLook({ actor: w.admin, attemptId: w.own.attemptId, version, reason: REASON });
    return w;
  }

  it('cannot be withdrawn by the teacher-admin or a same-school colleague, and nothing changes; another admin can', async () => {
    const w = await returnedAndAsked();
    const before = await snapshot(w.own.attemptId);
    const withdraw = (actor: Actor) => withdrawSecondLook({ actor, attemptId: w.own.attemptId, version: before.attempt.version });
    expect(await errorOf(withdraw(w.adminTeacher))).toMatchObject({ code: 'FORBIDDEN', message: WITHDRAW_OWN_CONFLICT });
    expect(await errorOf(withdraw(w.colleagueAdmin))).toMatchObject({ code: 'FORBIDDEN', message: WITHDRAW_OWN_CONFLICT });
    expect(await snapshot(w.own.attemptId)).toEqual(before);
    session.actor = w.adminTeacher;
    expect(await withdrawSecondLookAction(initialActionState, form({ attemptId: w.own.attemptId, version: String(before.attempt.version) }))).toMatchObject({ ok: false, formError: WITHDRAW_OWN_CONFLICT });
    expect(await snapshot(w.own.attemptId)).toEqual(before);

    // Their record offers no withdrawal; an admin without a conflict's does, and it works.
    const offered = async (actor: Actor) => (await getSubmissionRecord({ actor, submissionId: w.own.submissionId }))!.attempts[0].secondLook!.withdrawable;
    expect(await offered(w.adminTeacher)).toBe(false);
    expect(await offered(w.colleagueAdmin)).toBe(false);
    expect(await offered(w.admin)).toBe(true);
    await withdraw(w.admin);
    expect((await db.attempt.findUniqueOrThrow({ where: { id: w.own.attemptId } })).status).toBe('RETURNED');
  });

  it('their own submitted attempt’s record says another admin chooses its reviewer, and offers no assign link', async () => {
    const w = await makeWorld();
    session.actor = w.adminTeacher;
    const mine = renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.own.submissionId }) }));
    expect(textJoined(mine)).toContain('This is your own application: another admin of the issuer chooses its reviewer');
    expect(mine).not.toContain(`/admin/review-quality/assign/${w.own.attemptId}`);
    session.actor = w.admin;
    const theirs = renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.own.submissionId }) }));
    expect(theirs).toContain(`/admin/review-quality/assign/${w.own.attemptId}`);
  });

  it('their own record shows neither reviewers’ names nor the reason, before or after it is decided; other admins’ records do', async () => {
    const w = await returnedAndAsked();
    const check = async () => {
      const mine = (await getSubmissionRecord({ actor: w.adminTeacher, submissionId: w.own.submissionId }))!;
      expect(mine.ownApplication).toBe(true);
      const [attempt] = mine.attempts;
      expect(attempt.secondLook).toMatchObject({ reason: null, reasonHidden: false });
      expect(attempt.reviews.length).toBeGreaterThan(0);
      expect(attempt.reviews.map((r) => r.reviewer.name)).toEqual(attempt.reviews.map(() => 'a reviewer'));
      expect(attempt.concerns.map((c) => c.reporter)).toEqual(['a reviewer']);
      expect(JSON.stringify(mine)).not.toContain(REASON);
      expect(JSON.stringify(mine)).not.toContain('Fay First');
      expect(JSON.stringify(mine)).not.toContain('Finn Fresh');
      session.actor = w.adminTeacher;
      const page = textJoined(renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.own.submissionId }) })));
      expect(page).toContain('by a reviewer');
      expect(page).not.toContain(REASON);
      expect(page).not.toContain('Fay First');
      expect(page).not.toContain('Finn Fresh');

      // The admin who asked sees all of it, names and reason (they are not the teacher).
      const theirs = (await getSubmissionRecord({ actor: w.admin, submissionId: w.own.submissionId }))!;
      expect(theirs.ownApplication).toBe(false);
      expect(theirs.attempts[0].secondLook!.reason).toBe(REASON);
      expect(theirs.attempts[0].reviews.map((r) => r.reviewer.name)).toContain('Fay First');
      expect(theirs.attempts[0].concerns.map((c) => c.reporter)).toEqual(['Fay First']);
    };
    await check();
    // Decided (a pass): every other admin sees the reason now; the teacher-admin still does not.
    await score(w, w.fresh, w.own.attemptId, 'SECOND_LOOK', highest(w));
    expect((await db.attempt.findUniqueOrThrow({ where: { id: w.own.attemptId } })).status).toBe('PASSED');
    await check();
    expect((await getSubmissionRecord({ actor: w.colleagueAdmin, submissionId: w.own.submissionId }))!.attempts[0].secondLook!.reason).toBe(REASON);
  });
});
