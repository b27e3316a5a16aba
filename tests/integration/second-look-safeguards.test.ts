// A second look (ADR 015) and what keeps it fair and unstuck: it is refused when nobody could take
// it or when the admin asking has a conflict with the teacher, can be withdrawn while nobody has
// taken it, tells everyone who scored the attempt and the reviewers who may take it, and keeps the
// set-aside decision, the reason and the teacher's questions from whoever may still take it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { assignReview, claimReview, expireStaleClaims, releaseReview, submitReview } from '@/lib/review/mutations';
import { eligibleSecondLookReviewers, requestSecondLook, SECOND_LOOK_NOTICE_LIMIT, withdrawSecondLook } from '@/lib/review/second-look';
import { SECOND_LOOK_CHANGED, SECOND_LOOK_NOBODY, SECOND_LOOK_OWN_CONFLICT, WITHDRAW_TAKEN } from '@/lib/review/second-look-rules';
import { loadAttemptForReview } from '@/lib/review/context';
import { getReviewWorkspace, listAdjudicationQueue, listReviewQueue } from '@/lib/review/queries';
import { listMyReviewHistory } from '@/lib/review/history';
import { getReviewQuality } from '@/lib/review/quality';
import { businessDaysBetween } from '@/lib/review/sla';
import { issuerActivitySeries } from '@/lib/reporting/issuer';
import { askAboutFeedback, answerFeedbackQuestion } from '@/lib/feedback-questions/mutations';
import { ALREADY_ASKED } from '@/lib/feedback-questions/policy';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import { listAuditLog, listRecentIssuerAudit } from '@/lib/audit/queries';
import { initialActionState } from '@/lib/action-result';
import type { ReviewKind } from '@/lib/generated/prisma/enums';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { withdrawSecondLookAction } = await import('@/app/admin/submissions/[id]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});
afterEach(() => vi.restoreAllMocks());

const REASON = 'The reviewer says there is no student work, but part 2 quotes three exit tickets.';
const FIRST_FEEDBACK = 'There is no student work here.';
const NEW_FEEDBACK = 'Name which exit-ticket answers changed after the reteach.';
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY = 86_400_000;

/**
 * A blind-review issuer that blocks same-school reviewing. `first` returned the teacher's attempt;
 * `fresh` may take a second look (unless `fresh: false`); `colleague` works at the teacher's school;
 * `requester` is an admin qualified to review, who asks.
 */
async function makeWorld(opts: { fresh?: boolean; doubleScoreRate?: number; first?: 'REVISE' | 'none' } = {}) {
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: true, calibrationRequired: false, slaBusinessDays: 10, doubleScoreRate: opts.doubleScoreRate ?? 0 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const school = await createOrg({ kind: 'SCHOOL' });
  const reviewer = (name: string, o: { role?: 'REVIEWER' | 'ISSUER_ADMIN'; schoolId?: string } = {}) =>
    createQualifiedReviewer({ name, role: o.role, schoolId: o.schoolId, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const first = await reviewer('Fay First');
  const fresh = opts.fresh === false ? null : await reviewer('Finn Fresh');
  const colleague = await reviewer('Cora Colleague', { schoolId: school.id });
  const requester = await reviewer('Ada Requester', { role: 'ISSUER_ADMIN' });
  const teacher = await createActor({ name: 'Tess Teacher', schoolId: school.id });
  const w = { issuer, mc, version, admin, school, reviewer, first, fresh: fresh!, colleague, requester, teacher };
  const { submissionId, attemptId } = await submitFor(w, teacher);
  let firstReviewId = '';
  if (opts.first !== 'none') firstReviewId = await score(w, first, attemptId, 'PRIMARY', [0, 0], FIRST_FEEDBACK);
  return { ...w, submissionId, attemptId, firstReviewId };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

async function submitFor(w: Pick<World, 'mc' | 'version'>, teacher: Actor, now?: Date) {
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  for (const p of w.version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'Part 2 quotes three exit tickets from my Grade 7 class.', links: [], revision: 0 });
  await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true, now });
  return { submissionId, attemptId: attempt.id };
}

/** `who` claims and submits a review of `kind` with these ranks, one per criterion [Context, Reflection]. */
async function score(w: Pick<World, 'version'>, who: Actor, attemptId: string, kind: ReviewKind, ranks: [number, number], feedback: string, now?: Date) {
  const { reviewId } = await claimReview({ actor: who, attemptId, kind, now });
  const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: attemptId } })]);
  await submitReview({
    actor: who, reviewId, version: r.version, attemptVersion: a.version, overallComment: feedback, now,
    scores: w.version.criteria.map((c, i) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === ranks[i])!.id, feedback })),
  });
  return reviewId;
}

const attemptOf = (id: string) => db.attempt.findUniqueOrThrow({ where: { id } });
const ask = async (w: World, actor: Actor = w.requester, opts: { now?: Date; attemptId?: string } = {}) =>
  requestSecondLook({ actor, attemptId: opts.attemptId ?? w.attemptId, version: (await attemptOf(opts.attemptId ?? w.attemptId)).version, reason: REASON, now: opts.now });
const withdraw = async (w: World, actor: Actor = w.admin, now?: Date) => withdrawSecondLook({ actor, attemptId: w.attemptId, version: (await attemptOf(w.attemptId)).version, now });
const render = async (el: Promise<React.ReactElement>) => textJoined(renderToStaticMarkup(await el));
const recordFor = (w: World, actor: Actor) => getSubmissionRecord({ actor, submissionId: w.submissionId }).then((r) => r!);

describe('asking for a second look, refused when it could not be fair or could not end', () => {
  it('is refused while nobody could take it (the requester, the scorer and a conflicted colleague do not count), and allowed once someone is qualified', async () => {
    const w = await makeWorld({ fresh: false });
    const before = await attemptOf(w.attemptId);
    expect(await errorOf(ask(w))).toMatchObject({ code: 'INVALID_STATE', message: SECOND_LOOK_NOBODY });
    // Nothing changed: still returned, the teacher can revise, nobody was told.
    expect(await attemptOf(w.attemptId)).toMatchObject({ status: 'RETURNED', version: before.version, secondLookRequestedAt: null });
    expect((await db.submission.findUniqueOrThrow({ where: { id: w.submissionId } })).status).toBe('NEEDS_REVISION');
    expect(await db.auditLog.count({ where: { action: 'review.second-look-request' } })).toBe(0);
    expect(await db.notification.count({ where: { kind: { startsWith: 'review.second-look' } } })).toBe(0);
    // Someone qualified and independent: now it can be asked for.
    await w.reviewer('Nia New');
    const { eligible } = await ask(w);
    expect(eligible).toBeGreaterThanOrEqual(1);
    expect((await attemptOf(w.attemptId)).status).toBe('SUBMITTED');
  });

  it('is refused to an admin with a conflict of interest with the teacher: their own work, or their school where the issuer blocks it', async () => {
    const w = await makeWorld();
    // An admin at the teacher's school (this issuer blocks same-school reviewing).
    const sameSchool = await createActor({ name: 'Sam Same-school', roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: w.school.id });
    expect(await errorOf(ask(w, sameSchool))).toMatchObject({ code: 'FORBIDDEN', message: SECOND_LOOK_OWN_CONFLICT });
    // The teacher is an admin of the issuer too: never on their own work.
    await db.membership.create({ data: { userId: w.teacher.id, organizationId: w.issuer.id, role: 'ISSUER_ADMIN' } });
    const teacherAdmin = (await loadActor(w.teacher.id))!;
    expect(await errorOf(ask(w, teacherAdmin))).toMatchObject({ code: 'FORBIDDEN', message: SECOND_LOOK_OWN_CONFLICT });
    expect((await attemptOf(w.attemptId)).secondLookRequestedAt).toBeNull();
    // Someone without the conflict may.
    await ask(w);
    expect((await attemptOf(w.attemptId)).secondLookRequestedById).toBe(w.requester.id);
  });
});

describe('who is told', () => {
  it('the reviewers who may take it are told it is waiting (linking to the Second look tab, never naming the teacher); nobody else is', async () => {
    const w = await makeWorld();
    await ask(w);
    const [toFresh] = await db.notification.findMany({ where: { userId: w.fresh.id, kind: 'review.second-look-waiting' } });
    expect(toFresh).toMatchObject({ href: '/review?kind=SECOND_LOOK' });
    expect(`${toFresh.title} ${toFresh.body}`).not.toContain('Tess');
    for (const who of [w.first, w.requester, w.colleague, w.teacher, w.admin]) {
      expect(await db.notification.count({ where: { userId: who.id, kind: 'review.second-look-waiting' } })).toBe(0);
    }
    expect((await db.auditLog.findFirstOrThrow({ where: { action: 'review.second-look-request' } })).data).toMatchObject({ toldEligible: 1 });
    // Bounded: at most SECOND_LOOK_NOTICE_LIMIT of them, in name order.
    expect(SECOND_LOOK_NOTICE_LIMIT).toBe(50);
    await w.reviewer('Aaron Another');
    const fa = (await loadAttemptForReview(w.attemptId))!;
    expect(await eligibleSecondLookReviewers(fa, w.requester.id, 1)).toEqual([(await db.user.findFirstOrThrow({ where: { name: 'Aaron Another' } })).id]);
    expect(await eligibleSecondLookReviewers(fa, w.requester.id)).toHaveLength(2);
  });

  it('on an adjudicated attempt, every reviewer who scored it is told (without the teacher’s name); none of them may take it; it is not adjudication work', async () => {
    const w = await makeWorld({ doubleScoreRate: 1, first: 'none' });
    const second = await w.reviewer('Sid Second');
    const adjudicator = await w.reviewer('Ada Adjudicator', { role: 'ISSUER_ADMIN' });
    const p = await score(w, w.first, w.attemptId, 'PRIMARY', [0, 0], FIRST_FEEDBACK);
    const s = await score(w, second, w.attemptId, 'SECOND', [3, 3], 'Fine.');
    expect((await attemptOf(w.attemptId)).needsAdjudication).toBe(true);
    const j = await score(w, adjudicator, w.attemptId, 'ADJUDICATION', [0, 0], FIRST_FEEDBACK);
    expect((await attemptOf(w.attemptId)).status).toBe('RETURNED');

    await ask(w);
    const notes = await db.notification.findMany({ where: { kind: 'review.second-look', userId: { not: w.teacher.id } }, orderBy: { userId: 'asc' } });
    expect(new Map(notes.map((n) => [n.userId, n.href]))).toEqual(new Map([[w.first.id, `/review/${p}`], [second.id, `/review/${s}`], [adjudicator.id, `/review/${j}`]]));
    for (const n of notes) expect(`${n.title} ${n.body}`).not.toContain('Tess');
    expect(notes.find((n) => n.userId === adjudicator.id)!.title).toContain('a decision you made');
    expect(notes.find((n) => n.userId === w.first.id)!.title).toContain('an attempt you scored');

    const a = await attemptOf(w.attemptId);
    expect(a).toMatchObject({ status: 'SUBMITTED', needsAdjudication: false });
    expect((await listAdjudicationQueue({ actor: w.admin })).items).toEqual([]);
    for (const who of [w.first, second, adjudicator]) expect(await errorOf(claimReview({ actor: who, attemptId: w.attemptId, kind: 'SECOND_LOOK' }))).toMatchObject({ code: 'FORBIDDEN' });
    // Neither a second score nor an adjudication can be claimed on it: only the second look.
    expect((await errorOf(claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND' }))).code).toBe('INVALID_STATE');
    expect((await errorOf(claimReview({ actor: w.requester, attemptId: w.attemptId, kind: 'ADJUDICATION' }))).code).toBe('INVALID_STATE');
    await claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND_LOOK' });
  });

  it('on a double-scored attempt both reviewers agreed on, both are told their decision was set aside and neither may take it', async () => {
    const w = await makeWorld({ doubleScoreRate: 1, first: 'none' });
    const second = await w.reviewer('Sid Second');
    await score(w, w.first, w.attemptId, 'PRIMARY', [0, 0], FIRST_FEEDBACK);
    await score(w, second, w.attemptId, 'SECOND', [0, 1], 'Needs more.');
    expect((await attemptOf(w.attemptId)).status).toBe('RETURNED');
    await ask(w);
    for (const who of [w.first, second]) {
      const [n] = await db.notification.findMany({ where: { userId: who.id, kind: 'review.second-look' } });
      expect(n.title).toContain('a decision you made');
      expect(await errorOf(claimReview({ actor: who, attemptId: w.attemptId, kind: 'SECOND_LOOK' }))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await listAdjudicationQueue({ actor: w.admin })).items).toEqual([]);
  });
});

describe('withdrawing a second look nobody has taken', () => {
  it('puts the earlier decision back (with its decision date), the teacher is told and can revise, and a new one may be asked for', async () => {
    const w = await makeWorld();
    const decided = await attemptOf(w.attemptId);
    await ask(w, w.requester, { now: new Date(Date.now() + DAY) });
    // Only an admin of the issuer, and not on a stale page.
    const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: (await createOrg({ kind: 'ISSUER' })).id }] });
    for (const who of [otherAdmin, w.fresh, w.teacher]) expect((await errorOf(withdraw(w, who))).code).toBe('NOT_FOUND');
    expect(await errorOf(withdrawSecondLook({ actor: w.admin, attemptId: w.attemptId, version: decided.version }))).toMatchObject({ code: 'CONFLICT', message: SECOND_LOOK_CHANGED });

    session.actor = w.admin;
    const page = await render(SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
    expect(page).toContain('Withdraw the second look');
    const result = await withdrawSecondLookAction(initialActionState, form({ attemptId: w.attemptId, version: String((await attemptOf(w.attemptId)).version) }));
    expect(result).toMatchObject({ ok: true });

    const a = await attemptOf(w.attemptId);
    expect(a).toMatchObject({ status: 'RETURNED', decidedAt: decided.decidedAt, dueAt: decided.dueAt, secondLookRequestedAt: null, secondLookRequestedById: null, secondLookReason: null });
    expect((await db.submission.findUniqueOrThrow({ where: { id: w.submissionId } })).status).toBe('NEEDS_REVISION');
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'review.second-look-withdraw', entityId: w.attemptId } });
    expect(entry).toMatchObject({ actorId: w.admin.id, organizationId: w.issuer.id });
    expect(entry.data).toMatchObject({ number: 1, decidedAt: decided.decidedAt!.toISOString(), decidedAtRecovered: true, requestedById: w.requester.id });
    const [told] = await db.notification.findMany({ where: { userId: w.teacher.id, kind: 'review.second-look', title: { contains: 'withdrawn' } } });
    expect(told.body).toContain('The earlier decision on attempt 1 stands');
    expect(told.href).toBe(`/apply/${w.mc.slug}`);
    expect(await db.notification.count({ where: { userId: w.first.id, kind: 'review.second-look', title: { contains: 'withdrawn' } } })).toBe(1);
    // Gone from the queue; the record says what happened; a new one may be asked for.
    expect((await listReviewQueue({ actor: w.fresh, kind: 'SECOND_LOOK' })).items).toEqual([]);
    const after = await render(SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
    expect(after).toMatch(/A second look asked for on .* was withdrawn by .* before anyone took it; the decision stood\./);
    expect((await recordFor(w, w.admin)).attempts[0].secondLookRefusal).toBeNull();
    // The teacher's page reads as a returned decision again.
    session.actor = w.teacher;
    const apply = await render(ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(apply).toContain(FIRST_FEEDBACK);
    expect(apply).toContain('Start revision');
    expect(apply).not.toContain('A second look is under way');
    await ask(w);
    expect((await attemptOf(w.attemptId)).status).toBe('SUBMITTED');
  });

  it('dates the decision now when the request’s audit entry does not say when it was made, and says so', async () => {
    const w = await makeWorld();
    // A request with no audit entry to read (the log is append-only, so one is made without it).
    await db.attempt.update({ where: { id: w.attemptId }, data: { status: 'SUBMITTED', decidedAt: null, secondLookRequestedAt: new Date(), secondLookRequestedById: w.requester.id, secondLookReason: REASON, version: { increment: 1 } } });
    await db.submission.update({ where: { id: w.submissionId }, data: { status: 'SUBMITTED' } });
    const now = new Date(Date.now() + 2 * DAY);
    const { decidedAt, decidedAtRecovered } = await withdraw(w, w.admin, now);
    expect(decidedAtRecovered).toBe(false);
    expect(decidedAt).toEqual(now);
    expect((await attemptOf(w.attemptId)).decidedAt).toEqual(now);
    expect((await db.auditLog.findFirstOrThrow({ where: { action: 'review.second-look-withdraw' } })).data).toMatchObject({ decidedAtRecovered: false });
  });

  it('is refused once a reviewer holds it, and allowed once their claim has run out (which then ends)', async () => {
    const w = await makeWorld();
    await ask(w);
    const { reviewId } = await claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND_LOOK' });
    expect(await errorOf(withdraw(w))).toMatchObject({ code: 'CONFLICT', message: WITHDRAW_TAKEN });
    expect((await recordFor(w, w.admin)).attempts[0].secondLook!.withdrawable).toBe(false);
    const later = new Date(Date.now() + DAY);
    await withdraw(w, w.admin, later);
    expect(await db.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({ status: 'EXPIRED' });
    expect((await attemptOf(w.attemptId)).status).toBe('RETURNED');
  });

  it('and a claim at the same moment: exactly one of the two happens, never a claim left on a returned attempt', async () => {
    for (let round = 0; round < 4; round++) {
      await resetDatabase();
      const w = await makeWorld();
      await ask(w);
      const version = (await attemptOf(w.attemptId)).version;
      const [claim, back] = await Promise.allSettled([
        claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND_LOOK' }),
        withdrawSecondLook({ actor: w.admin, attemptId: w.attemptId, version }),
      ]);
      expect([claim.status, back.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
      const a = await attemptOf(w.attemptId);
      const claims = await db.review.count({ where: { attemptId: w.attemptId, kind: 'SECOND_LOOK', status: 'CLAIMED' } });
      if (back.status === 'fulfilled') expect([a.status, claims]).toEqual(['RETURNED', 0]);
      else expect([a.status, claims]).toEqual(['SUBMITTED', 1]);
    }
  });
});

describe('what whoever may take the second look does not see', () => {
  it('an eligible co-admin’s record hides the set-aside reviews, the reason and the teacher’s questions, even while someone else holds it; the requester and conflicted admins see them', async () => {
    const w = await makeWorld();
    const { questionId } = await askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body: 'Was part 2 read?' });
    await answerFeedbackQuestion({ actor: w.requester, questionId, answer: 'We are asking for a second look.' });
    await ask(w);
    const coAdmin = await w.reviewer('Cody Co-admin', { role: 'ISSUER_ADMIN' });
    const check = async () => {
      const r = (await recordFor(w, coAdmin)).attempts[0];
      expect(r.reviews).toEqual([]);
      expect(r.otherReviewsHidden).toBe(true);
      expect(r.secondLook).toMatchObject({ reason: null, reasonHidden: true });
      expect(r.questions).toEqual([]);
      expect(r.questionsHidden).toBe(true);
      session.actor = coAdmin;
      const page = await render(SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
      for (const hidden of [REASON, FIRST_FEEDBACK, 'Was part 2 read?', 'We are asking for a second look.']) expect(page).not.toContain(hidden);
      expect(page).toContain('questions about this attempt, and the replies, are hidden from you');
    };
    await check();
    // Someone else holds it: a claim can run out, so it is still hidden.
    await claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND_LOOK' });
    await check();
    // The requester sees everything; so does an admin at the teacher's school, who can never take it.
    const mine = (await recordFor(w, w.requester)).attempts[0];
    expect(mine.secondLook!.reason).toBe(REASON);
    expect(mine.reviews).toHaveLength(1);
    expect(mine.questions.map((q) => q.body)).toEqual(['Was part 2 read?']);
    const conflicted = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }], schoolId: w.school.id });
    expect((await recordFor(w, conflicted)).attempts[0].secondLook!.reason).toBe(REASON);
    // An admin not qualified today (who could be tomorrow) sees the reviews and questions, not the reason.
    const unqualified = (await recordFor(w, w.admin)).attempts[0];
    expect(unqualified.reviews).toHaveLength(1);
    expect(unqualified.secondLook).toMatchObject({ reason: null, reasonHidden: true });
    // Once decided, every admin sees it all.
    await releaseReview({ actor: w.fresh, reviewId: (await db.review.findFirstOrThrow({ where: { kind: 'SECOND_LOOK', status: 'CLAIMED' } })).id });
    await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', [0, 0], NEW_FEEDBACK);
    const decided = (await recordFor(w, coAdmin)).attempts[0];
    expect(decided.secondLook!.reason).toBe(REASON);
    expect(decided.reviews).toHaveLength(2);
    expect(decided.questions.map((q) => q.aboutEarlierDecision)).toEqual([true]);
  });

  it('the audit log and the admin home’s recent activity say a reason was given, not what it was', async () => {
    const w = await makeWorld();
    await ask(w);
    const recent = await listRecentIssuerAudit({ actor: w.admin, issuerIds: [w.issuer.id], take: 20 });
    const row = recent.find((r) => r.action === 'review.second-look-request')!;
    expect(row.description).toContain('with a reason (on the application record)');
    expect(row.description).not.toContain('exit tickets');
    const log = await listAuditLog({ actor: w.admin, organizationId: w.issuer.id, filter: {} as never });
    expect(JSON.stringify(log.items)).not.toContain('exit tickets');
    // The entry itself keeps it, for the record.
    expect((await db.auditLog.findFirstOrThrow({ where: { action: 'review.second-look-request' } })).data).toMatchObject({ reason: REASON });
  });

  it('the new reviewer’s workspace has no set-aside review; assigning it to the requester or a scorer is refused', async () => {
    const w = await makeWorld();
    await ask(w);
    expect(await errorOf(assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: w.requester.id, kind: 'SECOND_LOOK' })))
      .toMatchObject({ code: 'FORBIDDEN', message: 'That admin asked for this second look; it needs a reviewer independent of the request.' });
    expect((await errorOf(assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: w.first.id, kind: 'SECOND_LOOK' }))).code).toBe('FORBIDDEN');
    const { reviewId } = await assignReview({ actor: w.admin, attemptId: w.attemptId, reviewerId: w.fresh.id, kind: 'SECOND_LOOK' });
    const ws = (await getReviewWorkspace({ actor: w.fresh, reviewId }))!;
    expect(ws.otherReviews).toEqual([]);
    expect(ws.earlierAttempts).toEqual([]);
    expect(ws.setAside).toBeNull();
    expect(JSON.stringify(ws)).not.toContain(FIRST_FEEDBACK);
    expect(JSON.stringify(ws)).not.toContain(REASON);
  });
});

describe('reviewers of the attempt and of the next one', () => {
  it('the set-aside reviewer’s page says a second look was asked for, and then its decision, instead of a decision clock; their history says PENDING until then', async () => {
    const w = await makeWorld();
    const now = new Date();
    await ask(w, w.requester, { now });
    expect((await listMyReviewHistory({ actor: w.first })).items[0]).toMatchObject({ reviewId: w.firstReviewId, secondLook: 'PENDING' });
    session.actor = w.first;
    const page = await render(ReviewPage({ params: Promise.resolve({ reviewId: w.firstReviewId }) }));
    expect(page).toContain(`An issuer admin asked for a second look at this decision on ${dayFmt.format(now)}; your review stays on record.`);
    expect(page).not.toContain('Decision due');
    await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', [3, 3], 'Clear.');
    const after = await render(ReviewPage({ params: Promise.resolve({ reviewId: w.firstReviewId }) }));
    expect(after).toContain('The independent reviewer’s decision, final for this attempt: meets the standard.');
    expect((await listMyReviewHistory({ actor: w.first })).items[0]).toMatchObject({ secondLook: 'PASS' });
  });

  it('the reviewer of the revision reads only the second look’s feedback on the earlier attempt, as the teacher did; the revision keeps only the parts the second look passed', async () => {
    const w = await makeWorld({ first: 'none' });
    const [contextPart, reflectionPart] = w.version.parts.map((p) => p.id);
    // The first review passes Context only; the second look passes Reflection only.
    await score(w, w.first, w.attemptId, 'PRIMARY', [3, 0], FIRST_FEEDBACK);
    await ask(w);
    await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', [0, 3], NEW_FEEDBACK);
    const { attemptId: next } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    const carried = await db.partResponse.findMany({ where: { attemptId: next }, select: { partId: true, carriedOver: true } });
    expect(new Map(carried.map((r) => [r.partId, r.carriedOver]))).toEqual(new Map([[contextPart, false], [reflectionPart, true]]));
    await saveResponse({ actor: w.teacher, attemptId: next, partId: contextPart, text: 'Exit tickets 3 and 7 changed after the reteach.', links: [], revision: 1 });
    await submitAttempt({ actor: w.teacher, attemptId: next, attested: true });
    const other = await w.reviewer('Olly Other');
    const { reviewId } = await claimReview({ actor: other, attemptId: next });
    const ws = (await getReviewWorkspace({ actor: other, reviewId }))!;
    expect(ws.earlierAttempts).toHaveLength(1);
    expect(ws.earlierAttempts[0].reviews.map((r) => [r.kind, r.overallComment])).toEqual([['SECOND_LOOK', NEW_FEEDBACK]]);
    expect(JSON.stringify(ws.earlierAttempts)).not.toContain(FIRST_FEEDBACK);
  });

  it('releasing or running out of a second-look claim puts the application back to waiting for review', async () => {
    const w = await makeWorld();
    await ask(w);
    const status = async () => (await db.submission.findUniqueOrThrow({ where: { id: w.submissionId } })).status;
    const { reviewId } = await claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND_LOOK' });
    expect(await status()).toBe('IN_REVIEW');
    await releaseReview({ actor: w.fresh, reviewId });
    // The set-aside review is submitted, but it is history, not work in progress.
    expect(await status()).toBe('SUBMITTED');
    await claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND_LOOK' });
    expect(await status()).toBe('IN_REVIEW');
    expect(await expireStaleClaims({ now: new Date(Date.now() + DAY) })).toBe(1);
    expect(await status()).toBe('SUBMITTED');
    expect((await listReviewQueue({ actor: w.fresh, kind: 'SECOND_LOOK' })).items.map((i) => i.attemptId)).toEqual([w.attemptId]);
  });

  it('the Second look tab pages in the order the second looks were asked for', async () => {
    const w = await makeWorld();
    const other = await createActor({ name: 'Otto Other-teacher' });
    const { attemptId: otherAttempt } = await submitFor(w, other);
    await score(w, w.first, otherAttempt, 'PRIMARY', [0, 0], FIRST_FEEDBACK);
    const t = Date.now();
    // The other teacher's was asked for first.
    await ask(w, w.requester, { attemptId: otherAttempt, now: new Date(t + 1000) });
    await ask(w, w.requester, { now: new Date(t + 2000) });
    const page1 = await listReviewQueue({ actor: w.fresh, kind: 'SECOND_LOOK', limit: 1 });
    expect(page1.items.map((i) => i.attemptId)).toEqual([otherAttempt]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await listReviewQueue({ actor: w.fresh, kind: 'SECOND_LOOK', limit: 1, cursor: page1.nextCursor! });
    expect(page2.items.map((i) => i.attemptId)).toEqual([w.attemptId]);
    expect(page2.nextCursor).toBeNull();
  });
});

describe('turnaround of a second look', () => {
  it('is counted from the request, in review quality and in the issuer’s activity report', async () => {
    const w = await makeWorld();
    const submitted = (await attemptOf(w.attemptId)).submittedAt!;
    const requested = new Date(submitted.getTime() + 20 * DAY);
    const decided = new Date(requested.getTime() + 3 * DAY);
    await ask(w, w.requester, { now: requested });
    await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', [3, 3], 'Clear.', decided);
    const quality = await getReviewQuality({ actor: w.admin, from: new Date(decided.getTime() - DAY), to: new Date(decided.getTime() + DAY) });
    expect(quality.turnaround.overall).toMatchObject({ count: 1, medianBusinessDays: businessDaysBetween(requested, decided), withinSlaShare: 1 });
    expect(businessDaysBetween(requested, decided)).toBeLessThan(businessDaysBetween(submitted, decided));
    const rows = await issuerActivitySeries({
      actor: w.admin, issuerId: w.issuer.id, bucket: 'month',
      period: { from: new Date(decided.getTime() - 40 * DAY), to: new Date(decided.getTime() + 40 * DAY), fromLabel: '', toLabel: '' },
    });
    const withDecision = rows.filter((r) => r.decided > 0);
    expect(withDecision).toHaveLength(1);
    expect(withDecision[0].avgDays).toBeCloseTo(3, 3);
  });
});

describe('the teacher’s questions', () => {
  it('stay on their page while the second look is under way (where a reply links to), and afterwards are labelled as about the earlier decision; they can ask about the new one', async () => {
    const w = await makeWorld();
    const { questionId } = await askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body: 'Was part 2 read?' });
    await ask(w);
    await answerFeedbackQuestion({ actor: w.requester, questionId, answer: 'We asked an independent reviewer to look again.' });
    const reply = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'feedback.answer' } });
    expect(reply.href).toContain(`#question-${questionId}`);
    session.actor = w.teacher;
    const html = renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(html).toContain(`id="question-${questionId}"`);
    expect(textJoined(html)).toContain('Your questions about the earlier decision');
    expect(textJoined(html)).toContain('We asked an independent reviewer to look again.');

    await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', [0, 0], NEW_FEEDBACK);
    const after = renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(after.match(new RegExp(`id="question-${questionId}"`, 'g'))).toHaveLength(1);
    expect(textJoined(after)).toContain('About the earlier decision');
    expect(textJoined(after)).toContain('Ask about this feedback');
    await askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body: 'What does “changed after the reteach” mean?' });
    expect(await db.feedbackQuestion.count({ where: { attemptId: w.attemptId } })).toBe(2);
  });

  it('an unanswered question about the earlier decision does not stop the teacher asking about the new one; one open question per decision, under a race too', async () => {
    const w = await makeWorld();
    const { questionId: earlierId } = await askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body: 'Was part 2 read?' });
    await ask(w);
    await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', [0, 0], NEW_FEEDBACK);
    session.actor = w.teacher;
    const before = await render(ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(before).toContain('Ask about this feedback');
    // Two tabs ask about the new decision at once: one question is kept, the other told why.
    const results = await Promise.allSettled([
      askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body: 'And now, part 1?' }),
      askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body: 'And now, part 2?' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT', message: ALREADY_ASKED });
    const questions = await db.feedbackQuestion.findMany({ where: { attemptId: w.attemptId }, orderBy: { createdAt: 'asc' }, select: { id: true, aboutSecondLook: true, answeredAt: true } });
    expect(questions).toHaveLength(2);
    expect(questions.find((q) => q.id === earlierId)).toMatchObject({ aboutSecondLook: false, answeredAt: null });
    expect(questions.find((q) => q.id !== earlierId)).toMatchObject({ aboutSecondLook: true, answeredAt: null });
    // Both wait for a reply; the page labels the earlier one and no longer offers the form.
    const after = await render(ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(textJoined(after)).toContain('About the earlier decision');
    expect(after).not.toContain('Ask about this feedback');
    const shown = (await recordFor(w, w.requester)).attempts.find((a) => a.id === w.attemptId)!.questions;
    expect(shown.map((q) => q.aboutEarlierDecision).sort()).toEqual([false, true]);
  });
});
