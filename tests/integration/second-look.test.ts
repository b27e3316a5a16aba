// "Ask for a second look": an admin of the credential's issuer sets a returned decision aside, once
// per attempt, and one independent reviewer (qualified, no conflict, who has not scored the attempt
// and did not ask) decides again, finally: a pass issues the badge, otherwise the teacher revises
// with the new feedback. Meanwhile the teacher cannot revise; the first decision stays on record.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { clearInsertFault, injectInsertFault } from '../setup/insert-fault';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { textOnlyDefinition } from '../factories/definitions';
import { saveResponse, startApplication, startRevision, submitAttempt, SECOND_LOOK_UNDER_WAY } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { requestSecondLook } from '@/lib/review/second-look';
import { askAboutFeedback } from '@/lib/feedback-questions/mutations';
import { SECOND_LOOK_ALREADY, SECOND_LOOK_NOT_RETURNED, SECOND_LOOK_REVISION_STARTED } from '@/lib/review/second-look-rules';
import { listAssignableReviewers, listReviewQueue } from '@/lib/review/queries';
import { listMyReviewHistory } from '@/lib/review/history';
import { getReviewQuality } from '@/lib/review/quality';
import { addBusinessDays } from '@/lib/review/sla';
import { getApplication } from '@/lib/submissions/queries';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import { getAdminHome } from '@/lib/authoring/queries';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { initialActionState } from '@/lib/action-result';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { requestSecondLookAction } = await import('@/app/admin/submissions/[id]/actions');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');

// The inline award fails (the database blinked), so the queued 'award.issue' job must issue it.
const AWARD_FAULT = { name: 'second_look_award_fault', table: 'Award', message: 'award insert failed (injected)' };
const clearFault = () => clearInsertFault(AWARD_FAULT);

beforeEach(async () => {
  await clearFault();
  await resetDatabase();
  session.actor = null;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await clearFault();
});

const REASON = 'The reviewer says there is no student work, but part 2 quotes three exit tickets.';
const NEW_FEEDBACK = 'Name which exit-ticket answers changed after the reteach.';
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A blind-review issuer that blocks same-school reviewing; a teacher at a school whose first attempt
 * `first` returned. `fresh` may take the second look; `colleague` works at the teacher's school;
 * `requester` is an admin qualified to review, who asks for the second look in most tests.
 */
async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: true, calibrationRequired: false, slaBusinessDays: 10 } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnlyDefinition() });
  const school = await createOrg({ kind: 'SCHOOL' });
  const otherIssuer = await createOrg({ kind: 'ISSUER' });
  const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
  const reviewer = (name: string, opts: { role?: 'REVIEWER' | 'ISSUER_ADMIN'; schoolId?: string } = {}) =>
    createQualifiedReviewer({ name, role: opts.role, schoolId: opts.schoolId, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const first = await reviewer('Fay First');
  const fresh = await reviewer('Finn Fresh');
  const colleague = await reviewer('Cora Colleague', { schoolId: school.id });
  const requester = await reviewer('Ada Requester', { role: 'ISSUER_ADMIN' });
  const teacher = await createActor({ name: 'Tess Teacher', schoolId: school.id });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const answer = async (attemptId: string, revision = 0) => {
    for (const p of version.parts) await saveResponse({ actor: teacher, attemptId, partId: p.id, text: 'Part 2 quotes three exit tickets from my Grade 7 class.', links: [], revision });
  };
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  await answer(attempt.id);
  await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true });
  const w = { issuer, mc, version, admin, otherAdmin, first, fresh, colleague, requester, teacher, submissionId, attemptId: attempt.id, answer };
  const firstReviewId = await score(w, first, attempt.id, 'PRIMARY', 'REVISE', 'There is no student work here.');
  expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('RETURNED');
  return { ...w, firstReviewId };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

/** `who` claims and submits a review of `kind`: every criterion at the top level (PASS) or the lowest (REVISE). */
async function score(w: Pick<World, 'version'>, who: Actor, attemptId: string, kind: 'PRIMARY' | 'SECOND_LOOK', decision: 'PASS' | 'REVISE', feedback: string, now?: Date) {
  const { reviewId } = await claimReview({ actor: who, attemptId, kind, now });
  const [r, a] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: attemptId } })]);
  const ranks = w.version.levels.map((l) => l.rank);
  const rank = decision === 'PASS' ? Math.max(...ranks) : Math.min(...ranks);
  const level = w.version.levels.find((l) => l.rank === rank)!;
  await submitReview({
    actor: who, reviewId, version: r.version, attemptVersion: a.version, overallComment: feedback, now,
    scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: level.id, feedback })),
  });
  return reviewId;
}

const attemptOf = (id: string) => db.attempt.findUniqueOrThrow({ where: { id } });
const ask = async (w: World, actor: Actor = w.requester, opts: { now?: Date; reason?: string } = {}) =>
  requestSecondLook({ actor, attemptId: w.attemptId, version: (await attemptOf(w.attemptId)).version, reason: opts.reason ?? REASON, now: opts.now });
const queueIds = async (actor: Actor, kind: 'PRIMARY' | 'SECOND_LOOK' = 'SECOND_LOOK') => (await listReviewQueue({ actor, kind })).items.map((i) => `${i.attemptId}:${i.kind}`);

describe('asking for a second look', () => {
  it('is for an admin of the credential’s issuer only, and needs a reason', async () => {
    const w = await makeWorld();
    const before = await attemptOf(w.attemptId);
    for (const who of [w.otherAdmin, w.fresh, w.first, w.teacher]) expect((await errorOf(ask(w, who))).code).toBe('NOT_FOUND');
    session.actor = w.requester;
    // Offered on the application record, with the reason to give, and next to the teacher's question.
    await askAboutFeedback({ actor: w.teacher, attemptId: w.attemptId, body: 'Part 2 has the exit tickets: was it read?' });
    const offered = renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
    expect(textJoined(offered)).toContain('Ask for a second look');
    expect(offered).toContain(`href="#second-look-${w.attemptId}"`);
    expect(textJoined(offered)).toContain('ask for a second look at attempt 1');
    expect(offered).toContain(`name="version" value="${before.version}"`);
    expect(textJoined(offered)).toContain('Why attempt 1 needs a second look');
    const blank = await requestSecondLookAction(initialActionState, form({ attemptId: w.attemptId, version: String(before.version), reason: '  ' }));
    expect(blank).toMatchObject({ ok: false, fieldErrors: { reason: ['Say why the decision should be looked at again.'] } });
    const long = await requestSecondLookAction(initialActionState, form({ attemptId: w.attemptId, version: String(before.version), reason: 'x'.repeat(1001) }));
    expect(long.ok).toBe(false);
    // Nothing changed: still returned, the teacher still revises.
    expect(await attemptOf(w.attemptId)).toMatchObject({ status: 'RETURNED', version: before.version, secondLookRequestedAt: null });
    const done = await requestSecondLookAction(initialActionState, form({ attemptId: w.attemptId, version: String(before.version), reason: REASON }));
    expect(done).toMatchObject({ ok: true });
  });

  it('sets the decision aside: waiting for review with a new decision date, the first decision kept, the teacher told and unable to revise', async () => {
    const w = await makeWorld();
    const now = new Date('2026-03-06T10:00:00Z'); // a Friday
    const homeBefore = await getAdminHome(w.admin);
    await ask(w, w.requester, { now });

    const a = await attemptOf(w.attemptId);
    expect(a).toMatchObject({ status: 'SUBMITTED', decidedAt: null, secondLookRequestedAt: now, secondLookRequestedById: w.requester.id, secondLookReason: REASON });
    // Ten business days from the request, as for a new submission.
    expect(a.dueAt).toEqual(addBusinessDays(now, 10));
    expect(a.dueAt).toEqual(new Date('2026-03-20T10:00:00Z'));
    expect((await db.submission.findUniqueOrThrow({ where: { id: w.submissionId } })).status).toBe('SUBMITTED');
    // History: the first review is still there, as it was.
    expect(await db.review.findUniqueOrThrow({ where: { id: w.firstReviewId } })).toMatchObject({ status: 'SUBMITTED', decision: 'REVISE', kind: 'PRIMARY' });

    // The teacher cannot start a revision meanwhile.
    const refused = await errorOf(startRevision({ actor: w.teacher, submissionId: w.submissionId }));
    expect(refused).toMatchObject({ code: 'INVALID_STATE', message: SECOND_LOOK_UNDER_WAY });
    expect(await db.attempt.count({ where: { submissionId: w.submissionId } })).toBe(1);

    // Audit: the request with the admin's reason and what was set aside.
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'review.second-look-request', entityId: w.attemptId } });
    expect(entry).toMatchObject({ actorId: w.requester.id, organizationId: w.issuer.id });
    expect(entry.data).toMatchObject({ reason: REASON, number: 1, setAside: [{ reviewId: w.firstReviewId, kind: 'PRIMARY', decision: 'REVISE' }] });

    // Notices: the teacher (never the reason), and the first reviewer (never the teacher's name).
    const [toTeacher] = await db.notification.findMany({ where: { userId: w.teacher.id, kind: 'review.second-look' } });
    expect(toTeacher.body).toContain(`You will hear by ${dayFmt.format(a.dueAt!)}`);
    expect(`${toTeacher.title} ${toTeacher.body}`).not.toContain('exit tickets');
    const [toFirst] = await db.notification.findMany({ where: { userId: w.first.id, kind: 'review.second-look' } });
    expect(toFirst.title).toContain('A second look was asked for on a decision you made');
    expect(toFirst.href).toBe(`/review/${w.firstReviewId}`);
    expect(`${toFirst.title} ${toFirst.body}`).not.toContain('Tess');
    expect(await db.notification.count({ where: { userId: w.requester.id, kind: 'review.second-look' } })).toBe(0);

    // The teacher's page says so, with both dates, and nothing of the reason.
    session.actor = w.teacher;
    const page = textJoined(renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) })));
    expect(page).toContain(`A second look was asked for on ${dayFmt.format(now)}: an independent reviewer will review this attempt again. You will hear by ${dayFmt.format(a.dueAt!)}.`);
    expect(page).not.toContain('exit tickets. ');
    expect(page).not.toContain('Start revision');
    expect((await getApplication(w.teacher, w.mc.slug))!.submission!.attempts[0]).not.toHaveProperty('secondLookReason');

    // The application record shows the request and the reason to the admin who asked.
    session.actor = w.requester;
    const record = textJoined(renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) })));
    expect(record).toContain('Asked for by Ada Requester');
    expect(record).toContain(REASON);
    expect(record).toContain('Set aside for the second look');
    // Not to a co-admin who is not qualified yet, but could be before it is taken: the request shows, the reason does not.
    session.actor = w.admin;
    const coAdmin = textJoined(renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) })));
    expect(coAdmin).toContain('Asked for by Ada Requester');
    expect(coAdmin).not.toContain(REASON);
    expect(coAdmin).toContain('The reason is hidden from you until the second look is decided');

    // The admin overview counts it as waiting for a decision, not as an adjudication.
    const home = await getAdminHome(w.admin);
    expect(home.pendingReview).toBe(homeBefore.pendingReview + 1);
    expect(home.needsAdjudication).toBe(homeBefore.needsAdjudication);
  });

  it('happens once per attempt: of two requests at the same moment one wins, the other is told', async () => {
    const w = await makeWorld();
    const { version } = await attemptOf(w.attemptId);
    const coAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    const results = await Promise.allSettled([
      requestSecondLook({ actor: w.requester, attemptId: w.attemptId, version, reason: REASON }),
      requestSecondLook({ actor: coAdmin, attemptId: w.attemptId, version, reason: 'Same here.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await db.auditLog.count({ where: { action: 'review.second-look-request' } })).toBe(1);
    expect(await db.notification.count({ where: { userId: w.teacher.id, kind: 'review.second-look' } })).toBe(1);
    // A later request (a stale page, another admin) is refused cleanly as well.
    expect(await errorOf(ask(w, coAdmin))).toMatchObject({ code: 'CONFLICT', message: SECOND_LOOK_ALREADY });
  });

  it('is only for the latest attempt, returned, before the teacher starts a revision', async () => {
    const w = await makeWorld();
    // The teacher revised first: too late.
    const { attemptId: second } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    expect(await errorOf(ask(w))).toMatchObject({ code: 'INVALID_STATE', message: SECOND_LOOK_REVISION_STARTED });
    // Their new attempt, submitted and not decided: nothing to set aside.
    await submitAttempt({ actor: w.teacher, attemptId: second, attested: true });
    const v = (await attemptOf(second)).version;
    expect(await errorOf(requestSecondLook({ actor: w.requester, attemptId: second, version: v, reason: REASON }))).toMatchObject({ code: 'INVALID_STATE', message: SECOND_LOOK_NOT_RETURNED });
    // Passed: nothing to dispute either.
    await score(w, w.fresh, second, 'PRIMARY', 'PASS', 'Clear.');
    const v2 = (await attemptOf(second)).version;
    expect(await errorOf(requestSecondLook({ actor: w.requester, attemptId: second, version: v2, reason: REASON }))).toMatchObject({ code: 'INVALID_STATE', message: SECOND_LOOK_NOT_RETURNED });
  });

  it('and the teacher’s “Start revision” at the same moment: exactly one of the two happens', async () => {
    const w = await makeWorld();
    const { version } = await attemptOf(w.attemptId);
    const [revision, look] = await Promise.allSettled([
      startRevision({ actor: w.teacher, submissionId: w.submissionId }),
      requestSecondLook({ actor: w.requester, attemptId: w.attemptId, version, reason: REASON }),
    ]);
    expect([revision.status, look.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
    const attempts = await db.attempt.findMany({ where: { submissionId: w.submissionId }, orderBy: { number: 'asc' } });
    if (look.status === 'fulfilled') expect(attempts.map((a) => a.status)).toEqual(['SUBMITTED']);
    else expect(attempts.map((a) => [a.status, a.secondLookRequestedAt])).toEqual([['RETURNED', null], ['DRAFT', null]]);
  });
});

describe('the independent review', () => {
  it('is offered to eligible reviewers only, marked “Second look”, and claimed only by them', async () => {
    const w = await makeWorld();
    await ask(w);
    const key = `${w.attemptId}:SECOND_LOOK`;
    expect(await queueIds(w.fresh)).toEqual([key]);
    // Whoever scored it, whoever asked, a conflicted colleague, the teacher: not in their queue.
    for (const who of [w.first, w.requester, w.colleague, w.teacher]) expect(await queueIds(who)).toEqual([]);
    // Never in the ordinary queue, where it would be scored as new work; the other tabs point to it.
    const primary = await listReviewQueue({ actor: w.fresh });
    expect(primary.items).toEqual([]);
    expect(primary.secondLookWaiting).toBe(true);
    expect((await listReviewQueue({ actor: w.first })).secondLookWaiting).toBe(false);

    for (const who of [w.first, w.requester, w.colleague, w.teacher]) expect((await errorOf(claimReview({ actor: who, attemptId: w.attemptId, kind: 'SECOND_LOOK' }))).code).toBe('FORBIDDEN');
    expect((await errorOf(claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'PRIMARY' }))).code).toBe('INVALID_STATE');
    // An admin assigning it is offered the same people, for this work only.
    const assignable = await listAssignableReviewers({ actor: w.admin, attemptId: w.attemptId });
    expect(assignable!.reviewers.filter((r) => r.kinds.includes('SECOND_LOOK')).map((r) => r.name)).toEqual(['Finn Fresh']);

    const { reviewId } = await claimReview({ actor: w.fresh, attemptId: w.attemptId, kind: 'SECOND_LOOK' });
    expect(await db.review.findUniqueOrThrow({ where: { id: reviewId } })).toMatchObject({ kind: 'SECOND_LOOK', status: 'CLAIMED' });
    expect((await db.submission.findUniqueOrThrow({ where: { id: w.submissionId } })).status).toBe('IN_REVIEW');
    // Taken: gone from the queue.
    expect(await queueIds(w.fresh)).toEqual([]);
  });

  it('PASS is final: the award job issues the badge, the first decision stays on record, and no agreement sample is counted', async () => {
    const w = await makeWorld();
    await ask(w);
    await injectInsertFault(AWARD_FAULT);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reviewId = await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', 'PASS', 'The exit tickets show the change.');
    expect(await db.award.count({ where: { submissionId: w.submissionId } })).toBe(0);
    await clearFault();
    await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });
    while ((await runDueJobs(jobHandlers, 50)) > 0) {
      // until nothing is due
    }
    const award = await db.award.findUniqueOrThrow({ where: { submissionId: w.submissionId } });
    expect(award.userId).toBe(w.teacher.id);
    const a = await attemptOf(w.attemptId);
    expect(a.status).toBe('PASSED');
    expect(award.issuedAt).toEqual(a.decidedAt);
    expect((await db.submission.findUniqueOrThrow({ where: { id: w.submissionId } })).status).toBe('EARNED');

    // History: both reviews, the set-aside one unchanged.
    const reviews = await db.review.findMany({ where: { attemptId: w.attemptId, status: 'SUBMITTED' }, orderBy: { submittedAt: 'asc' }, select: { id: true, kind: true, decision: true } });
    expect(reviews).toEqual([{ id: w.firstReviewId, kind: 'PRIMARY', decision: 'REVISE' }, { id: reviewId, kind: 'SECOND_LOOK', decision: 'PASS' }]);
    // The teacher reads the second look's decision alone.
    const view = (await getApplication(w.teacher, w.mc.slug))!.submission!.attempts[0];
    expect(view.reviews.map((r) => [r.kind, r.decision])).toEqual([['SECOND_LOOK', 'PASS']]);
    // Audit: the second look's decision.
    expect((await db.auditLog.findFirstOrThrow({ where: { action: 'review.second-look-decide', entityId: w.attemptId } })).data).toMatchObject({ reviewId, decision: 'PASS', number: 1 });
    // The admin who asked is told the outcome, without the teacher's name (blind review).
    const { title } = await db.microCredentialVersion.findUniqueOrThrow({ where: { id: w.version.id } });
    const toRequester = await db.notification.findMany({ where: { userId: w.requester.id } });
    expect(toRequester).toHaveLength(1);
    expect(toRequester[0]).toMatchObject({
      kind: 'review.second-look',
      title: `The second look you asked for on “${title}”, attempt 1, was decided`,
      body: 'The independent reviewer decided it meets the standard: the badge is being issued.',
      href: `/admin/submissions/${w.submissionId}`,
    });
    expect(`${toRequester[0].title} ${toRequester[0].body}`).not.toContain('Tess');
    // Review quality: a second look is not a double-scoring pair (agreement rests on PRIMARY/SECOND only).
    const quality = await getReviewQuality({ actor: w.admin, from: new Date(0), to: new Date(Date.now() + 86_400_000) });
    expect(quality.agreement.overall).toMatchObject({ pairs: 0, attempts: 0 });
    // The reviewers' histories say what happened, truthfully.
    expect((await listMyReviewHistory({ actor: w.first })).items[0]).toMatchObject({ kind: 'PRIMARY', decision: 'REVISE', attemptStatus: 'PASSED', secondLook: 'PASS', doubleScoring: null });
    expect((await listMyReviewHistory({ actor: w.fresh })).items[0]).toMatchObject({ kind: 'SECOND_LOOK', decision: 'PASS', secondLook: null, doubleScoring: null });
  });

  it('REVISE returns it again with the new feedback; the teacher can then revise, and there is no second one', async () => {
    const w = await makeWorld();
    await ask(w);
    await score(w, w.fresh, w.attemptId, 'SECOND_LOOK', 'REVISE', NEW_FEEDBACK);
    const a = await attemptOf(w.attemptId);
    expect(a.status).toBe('RETURNED');
    expect(a.decidedAt).not.toBeNull();
    expect((await db.submission.findUniqueOrThrow({ where: { id: w.submissionId } })).status).toBe('NEEDS_REVISION');
    const returned = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'review.returned' }, orderBy: { createdAt: 'desc' } });
    expect(returned.body).toContain('second look');
    // The admin who asked is told, with the decision's transaction.
    const { title } = await db.microCredentialVersion.findUniqueOrThrow({ where: { id: w.version.id } });
    const toRequester = await db.notification.findMany({ where: { userId: w.requester.id } });
    expect(toRequester.map((n) => [n.kind, n.title, n.body, n.href])).toEqual([[
      'review.second-look',
      `The second look you asked for on “${title}”, attempt 1, was decided`,
      'The independent reviewer decided it needs revision: it was returned with the new reviewer’s feedback.',
      `/admin/submissions/${w.submissionId}`,
    ]]);
    expect(await db.job.count({ where: { type: 'email.notification', payload: { path: ['userId'], equals: w.requester.id } } })).toBe(1);

    // The teacher reads the new feedback, not the set-aside one.
    const view = (await getApplication(w.teacher, w.mc.slug))!.submission!.attempts[0];
    expect(view.reviews).toHaveLength(1);
    expect(view.reviews[0]).toMatchObject({ kind: 'SECOND_LOOK', overallComment: NEW_FEEDBACK });
    session.actor = w.teacher;
    const page = textJoined(renderToStaticMarkup(await ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) })));
    expect(page).toContain(NEW_FEEDBACK);
    expect(page).not.toContain('There is no student work here.');
    expect(page).toContain('an independent reviewer reviewed this attempt again, and this is their decision');

    // Once per attempt.
    expect(await errorOf(ask(w))).toMatchObject({ code: 'CONFLICT', message: SECOND_LOOK_ALREADY });
    expect((await getSubmissionRecord({ actor: w.admin, submissionId: w.submissionId }))!.attempts[0].secondLookRefusal).toBe(SECOND_LOOK_ALREADY);

    const { attemptId } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    expect((await attemptOf(attemptId)).number).toBe(2);
  });

  it('tells nobody of the outcome when the admin who asked has no account any more, or no longer administers the issuer', async () => {
    // Account gone: deleting it sets the request's requester to null (onDelete: SetNull).
    const gone = await makeWorld();
    await ask(gone);
    await db.attempt.update({ where: { id: gone.attemptId }, data: { secondLookRequestedById: null } });
    await score(gone, gone.fresh, gone.attemptId, 'SECOND_LOOK', 'PASS', 'The exit tickets show the change.');
    expect((await attemptOf(gone.attemptId)).status).toBe('PASSED');
    expect(await db.notification.count({ where: { userId: gone.requester.id } })).toBe(0);

    await resetDatabase();
    // No longer an admin of the issuer: the record the notice links to would not open for them.
    const left = await makeWorld();
    await ask(left);
    await db.membership.deleteMany({ where: { userId: left.requester.id, organizationId: left.issuer.id } });
    await score(left, left.fresh, left.attemptId, 'SECOND_LOOK', 'REVISE', NEW_FEEDBACK);
    expect((await attemptOf(left.attemptId)).status).toBe('RETURNED');
    expect(await db.notification.count({ where: { userId: left.requester.id } })).toBe(0);
  });
});
