// "Take it back to edit" (lib/submissions/withdraw.ts): a teacher withdraws the attempt they sent,
// back to a draft with every answer and file, while no reviewer has claimed, been given or scored
// it. Exactly one of a withdrawal and a claim made at the same moment wins, and no review is ever
// left on a draft.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form, redirectOf } from '../setup/actions';
import { holdAttempt, untilWaitingOnLocksOr } from '../setup/row-locks';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { uploadPdf } from '../factories/evidence';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { removeFile } from '@/lib/evidence/uploads';
import { assignReview, claimReview, expireStaleClaims, releaseReview, submitReview } from '@/lib/review/mutations';
import { requestSecondLook } from '@/lib/review/second-look';
import { listReviewQueue } from '@/lib/review/queries';
import {
  getSentAttemptWithdrawal, TAKE_BACK_ASSIGNED, TAKE_BACK_DECIDED, TAKE_BACK_OPENED, TAKE_BACK_SECOND_LOOK, TAKE_BACK_UNVERIFIED, withdrawSentAttempt,
} from '@/lib/submissions/withdraw';
import { describeAuditEntry } from '@/lib/audit/describe';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { ATTESTATION_MISSING } from '@/lib/submissions/schemas';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { submitAttemptAction, withdrawSentAttemptAction } = await import('@/app/apply/[slug]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const BUTTON = 'Take it back to edit';
const HINT = 'You can take it back while no reviewer has opened it; you will confirm the statement again when you send it.';

/** A blind-review issuer with no double scoring; `first` and `fresh` review, `requester` is an admin. */
async function makeWorld(opts: { files?: boolean } = {}) {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired: false, doubleScoreRate: 0, slaBusinessDays: 10 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, ...(opts.files ? {} : { def: textOnlyDefinition() }) });
  const reviewer = (name: string, role: 'REVIEWER' | 'ISSUER_ADMIN' = 'REVIEWER') => createQualifiedReviewer({ name, role, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const first = await reviewer('Fay First');
  const fresh = await reviewer('Finn Fresh');
  const requester = await reviewer('Ada Requester', 'ISSUER_ADMIN');
  return { issuer, mc, version, admin, first, fresh, requester };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** A new teacher answers every text part (and uploads to a files part) and sends attempt 1. */
async function sentBy(w: World, teacher?: Actor) {
  const t = teacher ?? (await createActor({ name: 'Tess Teacher' }));
  const { id: submissionId } = await startApplication({ actor: t, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) {
    if (p.responseType === 'FILES') await uploadPdf(t, attempt.id, p.id, 'exit-tickets.pdf');
    else await saveResponse({ actor: t, attemptId: attempt.id, partId: p.id, text: 'My Grade 7 class wrote exit tickets.', links: [], revision: 0 });
  }
  await submitAttempt({ actor: t, attemptId: attempt.id, attested: true });
  return { teacher: t, submissionId, attemptId: attempt.id };
}

/** `who` claims and submits a review with every criterion at `rank`. */
async function score(w: World, who: Actor, attemptId: string, rank: number) {
  const { reviewId } = await claimReview({ actor: who, attemptId });
  const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: attemptId } })]);
  await submitReview({
    actor: who, reviewId, version: r.version, attemptVersion: a.version, overallComment: 'Name what students did.',
    scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === rank)!.id, feedback: 'Say which students changed their answers.' })),
  });
  return reviewId;
}

const attemptOf = (id: string) => db.attempt.findUniqueOrThrow({ where: { id } });
const submissionOf = (id: string) => db.submission.findUniqueOrThrow({ where: { id } });
const applyPage = async (w: World, searchParams: Record<string, string> = {}) =>
  textJoined(renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve(searchParams) })));

/** Nothing about the attempt or its application changed (a refused withdrawal). */
async function expectUnchanged(attemptId: string, submissionId: string, before: { attempt: object; submission: object }) {
  expect(await attemptOf(attemptId)).toEqual(before.attempt);
  expect(await submissionOf(submissionId)).toEqual(before.submission);
  expect(await db.auditLog.count({ where: { action: 'submission.withdraw' } })).toBe(0);
}
const snapshot = async (attemptId: string, submissionId: string) => ({ attempt: await attemptOf(attemptId), submission: await submissionOf(submissionId) });

describe('taking a sent attempt back to edit', () => {
  it('puts it back as a draft with its answers and files, out of the queue, and it is sent again only with the statement confirmed again', async () => {
    const w = await makeWorld({ files: true });
    const s = await sentBy(w);
    const sent = await attemptOf(s.attemptId);
    expect(sent).toMatchObject({ status: 'SUBMITTED', submittedAt: expect.any(Date), attestedAt: expect.any(Date), dueAt: expect.any(Date) });
    expect((await listReviewQueue({ actor: w.first })).items.map((i) => i.attemptId)).toEqual([s.attemptId]);
    const answersBefore = await db.partResponse.findMany({ where: { attemptId: s.attemptId }, orderBy: { partId: 'asc' }, select: { id: true, partId: true, text: true, revision: true } });
    const filesBefore = await db.evidenceFile.findMany({ where: { attemptId: s.attemptId }, select: { id: true, storageKey: true, fileName: true, status: true } });
    expect(filesBefore).toHaveLength(1);

    session.actor = s.teacher;
    const result = await withdrawSentAttemptAction(initialActionState, form({ attemptId: s.attemptId, slug: w.mc.slug }));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('back with you as a draft') });

    const back = await attemptOf(s.attemptId);
    expect(back).toMatchObject({ status: 'DRAFT', submittedAt: null, attestedAt: null, dueAt: null, doubleScore: false, version: sent.version + 1 });
    expect(await submissionOf(s.submissionId)).toMatchObject({ status: 'DRAFT', lastSubmittedAt: null });
    // Everything the teacher wrote and uploaded is still there, as it was.
    expect(await db.partResponse.findMany({ where: { attemptId: s.attemptId }, orderBy: { partId: 'asc' }, select: { id: true, partId: true, text: true, revision: true } })).toEqual(answersBefore);
    expect(await db.evidenceFile.findMany({ where: { attemptId: s.attemptId }, select: { id: true, storageKey: true, fileName: true, status: true } })).toEqual(filesBefore);
    // Reviewers no longer see it waiting.
    expect((await listReviewQueue({ actor: w.first })).items).toEqual([]);

    // The audit log says who took it back and which attempt, in plain words.
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'submission.withdraw' } });
    expect(entry).toMatchObject({ actorId: s.teacher.id, entityType: 'Attempt', entityId: s.attemptId, organizationId: w.issuer.id, data: { number: 1, sentAt: sent.submittedAt!.toISOString() } });
    expect(describeAuditEntry(entry)).toBe('Took back evidence sent for review, before any reviewer opened it, to edit it');

    // It is an ordinary draft again: answers and files change.
    const [context, files] = w.version.parts;
    const row = answersBefore.find((r) => r.partId === context.id)!;
    await saveResponse({ actor: s.teacher, attemptId: s.attemptId, partId: context.id, text: 'My Grade 7 class wrote exit tickets twice a week.', links: [], revision: row.revision });
    await removeFile({ actor: s.teacher, fileId: filesBefore[0].id });
    await uploadPdf(s.teacher, s.attemptId, files.id, 'exit-tickets.pdf');

    // Sending again asks for the statement again, and records when it was confirmed this time.
    const refused = (await submitAttemptAction(initialActionState, form({ attemptId: s.attemptId, slug: w.mc.slug }))) as ActionResult;
    expect(refused.ok).toBe(false);
    if (refused.ok) throw new Error('unreachable');
    expect(refused.fieldErrors?.attested).toEqual([ATTESTATION_MISSING]);
    expect((await attemptOf(s.attemptId)).status).toBe('DRAFT');
    expect(await redirectOf(submitAttemptAction(initialActionState, form({ attemptId: s.attemptId, slug: w.mc.slug, attested: 'yes' })))).toBe(`/apply/${w.mc.slug}?submitted=1`);
    const resent = await attemptOf(s.attemptId);
    expect(resent).toMatchObject({ status: 'SUBMITTED', attestedAt: expect.any(Date), submittedAt: expect.any(Date) });
    expect(resent.attestedAt!.getTime()).toBeGreaterThan(sent.attestedAt!.getTime());
    expect((await submissionOf(s.submissionId)).lastSubmittedAt).toEqual(resent.submittedAt);
    expect((await listReviewQueue({ actor: w.first })).items.map((i) => i.attemptId)).toEqual([s.attemptId]);
    // And a reviewer can take it as usual.
    await claimReview({ actor: w.first, attemptId: s.attemptId });
  });

  it('answers a second click the same way and changes nothing more', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    const [a, b] = await Promise.all([withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }), withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId })]);
    expect([a.alreadyDraft, b.alreadyDraft].sort()).toEqual([false, true]);
    expect(await db.auditLog.count({ where: { action: 'submission.withdraw' } })).toBe(1);
    expect((await attemptOf(s.attemptId)).status).toBe('DRAFT');
  });

  it('on a revision, goes back to the revision in progress and keeps the earlier attempt and its decision as they were', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    await score(w, w.first, s.attemptId, 0);
    const returned = await attemptOf(s.attemptId);
    expect(returned.status).toBe('RETURNED');
    const { attemptId: secondId } = await startRevision({ actor: s.teacher, submissionId: s.submissionId });
    // What a revision in progress looks like, to compare with after taking it back.
    const inProgress = await submissionOf(s.submissionId);
    expect(inProgress.status).toBe('DRAFT');
    await saveResponse({ actor: s.teacher, attemptId: secondId, partId: w.version.parts[1].id, text: 'Students rewrote their answers after the reteach.', links: [], revision: 1 });
    await submitAttempt({ actor: s.teacher, attemptId: secondId, attested: true });
    expect(await submissionOf(s.submissionId)).toMatchObject({ status: 'SUBMITTED', lastSubmittedAt: (await attemptOf(secondId)).submittedAt });

    expect(await withdrawSentAttempt({ actor: s.teacher, attemptId: secondId })).toEqual({ submissionId: s.submissionId, alreadyDraft: false });
    expect(await attemptOf(secondId)).toMatchObject({ status: 'DRAFT', number: 2, submittedAt: null, attestedAt: null, dueAt: null });
    // Back to the revision state, and the last sent date is attempt 1's again.
    expect(await submissionOf(s.submissionId)).toMatchObject({ status: inProgress.status, lastSubmittedAt: returned.submittedAt });
    expect(await attemptOf(s.attemptId)).toEqual(returned);
    expect(await db.review.count({ where: { attemptId: s.attemptId, status: 'SUBMITTED' } })).toBe(1);
    expect((await db.partResponse.findFirstOrThrow({ where: { attemptId: secondId, partId: w.version.parts[1].id } })).text).toBe('Students rewrote their answers after the reteach.');
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'submission.withdraw' } });
    expect(describeAuditEntry(entry)).toBe('Took back evidence sent for review, before any reviewer opened it, to edit it (attempt 2)');

    // The page is the revision editor again, with the feedback on attempt 1 to work from.
    session.actor = s.teacher;
    const page = await applyPage(w);
    expect(page).toContain('attempt 2');
    expect(page).toContain('Reviewer feedback on attempt 1');
    expect(page).toContain('Submit for review');
    expect(page).not.toContain(BUTTON);

    // Attempt 1 cannot be taken back: it has a decision (and is not the latest).
    expect(await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }))).toMatchObject({ code: 'INVALID_STATE' });
    await submitAttempt({ actor: s.teacher, attemptId: secondId, attested: true });
    expect((await attemptOf(secondId)).status).toBe('SUBMITTED');
  });
});

describe('refused, with nothing changed', () => {
  it('once a reviewer has claimed it, and still after the claim was given back or ran out', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    const { reviewId } = await claimReview({ actor: w.first, attemptId: s.attemptId });
    const before = await snapshot(s.attemptId, s.submissionId);
    expect(before.submission.status).toBe('IN_REVIEW');
    expect(await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }))).toMatchObject({ code: 'CONFLICT', message: TAKE_BACK_OPENED });
    await expectUnchanged(s.attemptId, s.submissionId, before);

    // The action says the same, in words.
    session.actor = s.teacher;
    expect(await withdrawSentAttemptAction(initialActionState, form({ attemptId: s.attemptId, slug: w.mc.slug }))).toEqual({ ok: false, formError: TAKE_BACK_OPENED });

    await releaseReview({ actor: w.first, reviewId });
    expect(await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }))).toMatchObject({ code: 'CONFLICT', message: TAKE_BACK_OPENED });
    expect((await attemptOf(s.attemptId)).status).toBe('SUBMITTED');

    const other = await sentBy(w);
    await claimReview({ actor: w.first, attemptId: other.attemptId, now: new Date(Date.now() - 2 * 86_400_000) });
    expect(await expireStaleClaims()).toBe(1);
    expect(await errorOf(withdrawSentAttempt({ actor: other.teacher, attemptId: other.attemptId }))).toMatchObject({ code: 'CONFLICT', message: TAKE_BACK_OPENED });
    expect((await attemptOf(other.attemptId)).status).toBe('SUBMITTED');
  });

  it('once an issuer admin has given it to a reviewer', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    await assignReview({ actor: w.admin, attemptId: s.attemptId, reviewerId: w.fresh.id });
    const before = await snapshot(s.attemptId, s.submissionId);
    expect(await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }))).toMatchObject({ code: 'CONFLICT', message: TAKE_BACK_ASSIGNED });
    await expectUnchanged(s.attemptId, s.submissionId, before);
  });

  it('for anyone but its teacher, answered exactly as for an attempt that does not exist', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    const before = await snapshot(s.attemptId, s.submissionId);
    const missing = await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: randomUUID() }));
    expect(missing.code).toBe('NOT_FOUND');
    for (const someone of [await createActor(), w.admin, w.first]) {
      const e = await errorOf(withdrawSentAttempt({ actor: someone, attemptId: s.attemptId }));
      expect({ code: e.code, message: e.message }).toEqual({ code: missing.code, message: missing.message });
      expect(await getSentAttemptWithdrawal({ actor: someone, attemptId: s.attemptId })).toBeNull();
    }
    session.actor = await createActor();
    const viaAction = await withdrawSentAttemptAction(initialActionState, form({ attemptId: s.attemptId, slug: w.mc.slug }));
    expect(viaAction).toEqual({ ok: false, formError: missing.message });
    await expectUnchanged(s.attemptId, s.submissionId, before);
  });

  it('while a second look is under way: that review belongs to the issuer', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    await score(w, w.first, s.attemptId, 0);
    await requestSecondLook({ actor: w.requester, attemptId: s.attemptId, version: (await attemptOf(s.attemptId)).version, reason: 'Part 2 quotes three exit tickets.' });
    const before = await snapshot(s.attemptId, s.submissionId);
    expect(before.attempt).toMatchObject({ status: 'SUBMITTED', secondLookRequestedAt: expect.any(Date) });
    expect(await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }))).toMatchObject({ code: 'INVALID_STATE', message: TAKE_BACK_SECOND_LOOK });
    await expectUnchanged(s.attemptId, s.submissionId, before);
    session.actor = s.teacher;
    const page = await applyPage(w);
    expect(page).toContain('A second look is under way');
    expect(page).not.toContain(BUTTON);
    expect(page).not.toContain(TAKE_BACK_SECOND_LOOK);
  });

  it('after a decision', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    await score(w, w.first, s.attemptId, 3);
    expect(await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }))).toMatchObject({ code: 'INVALID_STATE', message: TAKE_BACK_DECIDED });
  });

  it('when the teacher could not send it again (their email address is no longer confirmed)', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    await db.user.update({ where: { id: s.teacher.id }, data: { emailVerified: null } });
    const before = await snapshot(s.attemptId, s.submissionId);
    expect(await errorOf(withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }))).toMatchObject({ code: 'INVALID_STATE', message: TAKE_BACK_UNVERIFIED });
    await expectUnchanged(s.attemptId, s.submissionId, before);
    session.actor = s.teacher;
    const page = await applyPage(w);
    expect(page).not.toContain(BUTTON);
    expect(page).toContain(TAKE_BACK_UNVERIFIED);
  });
});

describe('against a reviewer claiming at the same moment', () => {
  it('lets exactly one of the two win, every time, and never leaves a review on a draft', async () => {
    const w = await makeWorld();
    const wins = { withdraw: 0, claim: 0 };
    for (let i = 0; i < 10; i++) {
      const s = await sentBy(w);
      const [withdrawn, claimed] = await Promise.allSettled([
        withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }),
        claimReview({ actor: w.first, attemptId: s.attemptId }),
      ]);
      expect([withdrawn.status, claimed.status].filter((x) => x === 'fulfilled'), `round ${i}`).toHaveLength(1);
      const loser = withdrawn.status === 'rejected' ? withdrawn.reason : claimed.status === 'rejected' ? claimed.reason : null;
      expect(loser, `round ${i}`).toMatchObject({ code: 'CONFLICT' });
      const [attempt, submission, reviews] = await Promise.all([attemptOf(s.attemptId), submissionOf(s.submissionId), db.review.findMany({ where: { attemptId: s.attemptId } })]);
      if (withdrawn.status === 'fulfilled') {
        wins.withdraw++;
        expect(attempt.status).toBe('DRAFT');
        expect(submission.status).toBe('DRAFT');
        expect(reviews).toEqual([]);
      } else {
        wins.claim++;
        expect(attempt.status).toBe('SUBMITTED');
        expect(submission.status).toBe('IN_REVIEW');
        expect(reviews.map((r) => r.status)).toEqual(['CLAIMED']);
      }
    }
    expect(wins.withdraw + wins.claim).toBe(10);
    // Across every round, nowhere: a review on an attempt that is a draft.
    expect(await db.review.count({ where: { attempt: { status: 'DRAFT' } } })).toBe(0);
  });

  /** Waits until the call under test waits on the other transaction's lock (or has settled). */
  const untilWaitingOnLockOr = (settled: () => boolean) => untilWaitingOnLocksOr(1, () => Number(settled()), 'neither finished nor waited for the other transaction');

  it('refuses the withdrawal when a claim, not yet committed when it first looked, commits while it waits', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    // A claim's review insert, caught in flight: invisible to the withdrawal's first look.
    const claimer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await claimer.connect();
    try {
      await claimer.query('BEGIN');
      await claimer.query(`INSERT INTO "Review" ("id", "attemptId", "reviewerId", "claimExpiresAt", "updatedAt") VALUES ($1, $2, $3, now() + interval '4 hours', now())`, [randomUUID(), s.attemptId, w.first.id]);
      let settled = false;
      const withdrawing = withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId }).then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e })).finally(() => { settled = true; });
      await untilWaitingOnLockOr(() => settled);
      await claimer.query('COMMIT');
      const outcome = await withdrawing;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.e).toMatchObject({ code: 'CONFLICT', message: TAKE_BACK_OPENED });
    } finally {
      await claimer.end();
    }
    expect((await attemptOf(s.attemptId)).status).toBe('SUBMITTED');
    expect(await db.auditLog.count({ where: { action: 'submission.withdraw' } })).toBe(0);
  });

  it('refuses a claim or an assignment made while a withdrawal holds the attempt, once it commits', async () => {
    const w = await makeWorld();
    for (const take of [
      (attemptId: string) => claimReview({ actor: w.first, attemptId }),
      (attemptId: string) => assignReview({ actor: w.admin, attemptId, reviewerId: w.fresh.id }),
    ]) {
      const s = await sentBy(w);
      // The withdrawal's own steps, held open: the attempt locked and already a draft, not committed.
      const teacherTx = await holdAttempt(s.attemptId);
      try {
        await teacherTx.query(`UPDATE "Attempt" SET "status" = 'DRAFT', "submittedAt" = NULL WHERE "id" = $1`, [s.attemptId]);
        await teacherTx.query(`UPDATE "Submission" SET "status" = 'DRAFT' WHERE "id" = $1`, [s.submissionId]);
        let settled = false;
        const taking = take(s.attemptId).then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e })).finally(() => { settled = true; });
        await untilWaitingOnLockOr(() => settled);
        await teacherTx.commit();
        const outcome = await taking;
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(outcome.e).toMatchObject({ code: 'CONFLICT' });
      } finally {
        await teacherTx.release();
      }
      expect(await db.review.count({ where: { attemptId: s.attemptId } })).toBe(0);
      expect((await submissionOf(s.submissionId)).status).toBe('DRAFT');
    }
  });
});

describe('the application page', () => {
  it('offers the button beside a sent attempt only while it can be taken back, and shows the draft editor after', async () => {
    const w = await makeWorld();
    const s = await sentBy(w);
    session.actor = s.teacher;

    const sent = await applyPage(w, { submitted: '1' });
    expect(sent).toContain('Submitted on');
    expect(sent).toContain(BUTTON);
    expect(sent).toContain(HINT);
    expect(sent).toContain('Your evidence is with the reviewers');
    expect(sent).not.toContain('Submit for review');

    await withdrawSentAttempt({ actor: s.teacher, attemptId: s.attemptId });
    // The address still says it was sent; the page does not.
    const draft = await applyPage(w, { submitted: '1' });
    expect(draft).not.toContain('Your evidence is with the reviewers');
    expect(draft).not.toContain(BUTTON);
    expect(draft).toContain('Submit for review');
    expect(draft).toContain('My Grade 7 class wrote exit tickets.');

    await submitAttempt({ actor: s.teacher, attemptId: s.attemptId, attested: true });
    expect(await applyPage(w)).toContain(BUTTON);
    await claimReview({ actor: w.first, attemptId: s.attemptId });
    const claimed = await applyPage(w);
    expect(claimed).not.toContain(BUTTON);
    expect(claimed).toContain(TAKE_BACK_OPENED);
  });
});
