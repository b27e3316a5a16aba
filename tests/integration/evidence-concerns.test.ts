// Safeguarding concerns about evidence (lib/evidence/concerns.ts): a reviewer reports a file (a
// student who can be identified without consent, students' personal data); the issuer's admins are
// told without the teacher's name and either remove the file (its object deleted from the real
// embedded S3, a tombstone kept, never signed for again, the teacher told) or close the concern. A
// storage outage during a removal does not undo it: a queued job deletes the object later.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { renderToStaticMarkup } from 'react-dom/server';
import { prerender } from 'react-dom/static';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { uploadPdf } from '../factories/evidence';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { getCaptionsText, getEvidenceUrl } from '@/lib/evidence/uploads';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { getReviewWorkspace } from '@/lib/review/queries';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import {
  ALREADY_REMOVED, ALREADY_REPORTED, ALREADY_RESOLVED, closeEvidenceConcern, CONCERNS_PER_HOUR, getReviewConcerns, removeEvidenceFile, REMOVAL_STORAGE_LATER, reportEvidenceConcern, RULING_CONFLICT,
} from '@/lib/evidence/concerns';
import { describeAuditEntry } from '@/lib/audit/describe';
import { initialActionState } from '@/lib/action-result';
import { s3, deleteObjectOrThrow } from '@/lib/storage/s3';
import { withStorageDown } from '../setup/storage-down';
import { textJoined } from '../setup/html';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { reportConcernAction } = await import('@/app/review/[reviewId]/actions');
const { removeEvidenceFileAction, closeEvidenceConcernAction } = await import('@/app/admin/submissions/[id]/actions');
const { default: ReviewPage } = await import('@/app/review/[reviewId]/page');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');
const { GET: FileRoute } = await import('@/app/files/[id]/route');
const { default: ApplyPage } = await import('@/app/apply/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});
afterEach(() => vi.restoreAllMocks());

const render = async (el: Promise<React.ReactElement>) => textJoined(renderToStaticMarkup(await el));
/** The teacher's page lists removed files from an async server component: rendered as Next does, awaiting it. */
const renderAsync = async (el: Promise<React.ReactElement>) => textJoined(await new Response((await prerender(await el)).prelude).text());
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const REASON = 'The video shows a student whose family did not agree to filming.';
const PLAN = 'Tess_Teacher_lesson_plan.pdf';
const TICKETS = 'exit tickets with names.pdf';

const def = {
  parts: [
    { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT' as const },
    { title: 'Lesson evidence', prompt: 'Upload your plan and student work.', responseType: 'FILES' as const, allowedTypes: ['pdf' as const], maxFileBytes: 1024 * 1024, maxFiles: 3 },
  ],
  rubric: {
    levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
    criteria: [
      { title: 'Context', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] },
      { title: 'Lesson', partIndex: 1, descriptors: ['a', 'b', 'c', 'd'] },
    ],
    passingRule: { kind: 'ALL_AT_LEAST' as const, levelRank: 2 },
  },
};

/**
 * A blind-review issuer that keeps reviewers from their own school's work; a teacher's submitted
 * attempt with two PDFs in real storage, claimed by `reviewer`. `other` is qualified too but holds
 * no review of it.
 */
async function makeWorld() {
  const school = await createOrg({ kind: 'SCHOOL' });
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: true, doubleScoreRate: 0, calibrationRequired: false } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def });
  const teacher = await createActor({ name: 'Tess Teacher', email: `tess.teacher-${mc.id}@example.test`, schoolId: school.id });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
  const [context, files] = version.parts;
  await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'A mixed Grade 7 group.', links: [], revision: 0 });
  const plan = await uploadPdf(teacher, attempt.id, files.id, PLAN);
  const tickets = await uploadPdf(teacher, attempt.id, files.id, TICKETS);
  await submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true });
  const qualified = (name: string) => createQualifiedReviewer({ name, issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const reviewer = await qualified('Rita Reviewer');
  const other = await qualified('Otto Other');
  const { reviewId } = await claimReview({ actor: reviewer, attemptId: attempt.id });
  return { school, issuer, mc, version, admin, teacher, submissionId, attemptId: attempt.id, plan, tickets, reviewer, other, reviewId };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

const report = (w: World, o: { actor?: Actor; reviewId?: string; fileId?: string | null; reason?: 'STUDENT_IDENTIFIABLE' | 'STUDENT_PERSONAL_DATA' | 'NOT_OWN_WORK' | 'OTHER'; note?: string } = {}) =>
  reportEvidenceConcern({ actor: o.actor ?? w.reviewer, reviewId: o.reviewId ?? w.reviewId, fileId: o.fileId === undefined ? w.tickets : o.fileId, reason: o.reason ?? 'STUDENT_IDENTIFIABLE', note: o.note ?? 'Page 2 has a photo of a student.' });

const keyOf = async (fileId: string) => (await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId } })).storageKey;

/** HeadObject straight to the S3 server: 200, or its error status (404 once deleted). */
async function headStatus(key: string): Promise<number | undefined> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
    return 200;
  } catch (e) {
    return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  }
}

describe('reporting a concern', () => {
  it('the reviewer of the review reports it; the issuer’s admins are told in the app and by email, never who the teacher is', async () => {
    const w = await makeWorld();
    const { concernId } = await report(w);
    const row = await db.evidenceConcern.findUniqueOrThrow({ where: { id: concernId } });
    expect(row).toMatchObject({ attemptId: w.attemptId, fileId: w.tickets, reporterId: w.reviewer.id, reason: 'STUDENT_IDENTIFIABLE', note: 'Page 2 has a photo of a student.', resolvedAt: null });

    const notices = await db.notification.findMany({ where: { kind: 'evidence.concern' } });
    expect(notices.map((n) => n.userId)).toEqual([w.admin.id]);
    expect(notices[0].href).toBe(`/admin/submissions/${w.submissionId}#concern-${concernId}`);
    expect(notices[0].body).toMatch(/A student can be identified without consent: one file in attempt 1/);
    const emails = await db.job.findMany({ where: { type: 'email.notification' }, select: { payload: true } });
    expect(emails.some((j) => (j.payload as { userId: string }).userId === w.admin.id)).toBe(true);
    // Blind review: nothing names the teacher, their school or their own file names; the note (it may describe students) stays in the app.
    const told = JSON.stringify([notices, emails]);
    for (const leak of ['Tess', 'tess.teacher', PLAN, TICKETS, 'photo of a student']) expect(told).not.toContain(leak);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'evidence.concern-report' } });
    expect(audit).toMatchObject({ actorId: w.reviewer.id, entityType: 'Submission', entityId: w.submissionId, organizationId: w.issuer.id });
    expect(JSON.stringify(audit.data)).not.toContain('photo');
    expect(describeAuditEntry(audit)).toBe('Reported a concern about a file in attempt 1: a student can be identified without consent');
  });

  it('is refused to another reviewer, the teacher and an admin of another issuer, as if the review were not there', async () => {
    const w = await makeWorld();
    // Another reviewer of the issuer, with their own claim on other work, cannot reach this attempt's file through it.
    const teacher2 = await createActor({ name: 'Una Other' });
    const { id: sub2 } = await startApplication({ actor: teacher2, microCredentialId: w.mc.id });
    const attempt2 = await db.attempt.findFirstOrThrow({ where: { submissionId: sub2 }, select: { id: true } });
    await saveResponse({ actor: teacher2, attemptId: attempt2.id, partId: w.version.parts[0].id, text: 'Grade 5.', links: [], revision: 0 });
    await uploadPdf(teacher2, attempt2.id, w.version.parts[1].id, 'plan.pdf');
    await submitAttempt({ actor: teacher2, attemptId: attempt2.id, attested: true });
    const { reviewId: otherReviewId } = await claimReview({ actor: w.other, attemptId: attempt2.id });

    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const foreignAdmin = await createActor({ name: 'Fred Foreign', roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    expect(await errorOf(report(w, { actor: w.other }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(report(w, { actor: w.other, reviewId: otherReviewId }))).toMatchObject({ code: 'NOT_FOUND', message: 'That file could not be found.' });
    expect(await errorOf(report(w, { actor: w.teacher }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await errorOf(report(w, { actor: foreignAdmin }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.evidenceConcern.count()).toBe(0);
    expect(await db.notification.count({ where: { kind: 'evidence.concern' } })).toBe(0);

    // Through the form: the same answer, and the server checks the input itself.
    session.actor = w.other;
    expect(await reportConcernAction(initialActionState, form({ reviewId: w.reviewId, fileId: w.tickets, reason: 'NOT_OWN_WORK' }))).toMatchObject({ ok: false, formError: 'That review could not be found.' });
    session.actor = w.reviewer;
    expect(await reportConcernAction(initialActionState, form({ reviewId: w.reviewId, fileId: '', reason: 'OTHER', note: '' }))).toMatchObject({ ok: false, fieldErrors: { note: ['Say what the concern is.'] } });
    expect(await reportConcernAction(initialActionState, form({ reviewId: w.reviewId, fileId: '', reason: 'ANYTHING' }))).toMatchObject({ ok: false, fieldErrors: { reason: ['Choose what the concern is about.'] } });
    expect(await reportConcernAction(initialActionState, form({ reviewId: w.reviewId, fileId: '', reason: 'NOT_OWN_WORK', note: 'x'.repeat(1001) }))).toMatchObject({ ok: false, fieldErrors: { note: ['Use at most 1,000 characters.'] } });
    expect(await db.evidenceConcern.count()).toBe(0);
    const ok = await reportConcernAction(initialActionState, form({ reviewId: w.reviewId, fileId: '', reason: 'NOT_OWN_WORK', note: '' }));
    expect(ok).toMatchObject({ ok: true, message: expect.stringMatching(/admins have been told/) });
    expect(await db.evidenceConcern.findFirstOrThrow()).toMatchObject({ fileId: null, reason: 'NOT_OWN_WORK', note: '' });
  });

  it('a double submit gives one concern and a plain message, for a file and for the whole attempt, and costs one report of the hourly allowance', async () => {
    const w = await makeWorld();
    const [a, b] = await Promise.allSettled([report(w), report(w)]);
    const outcomes = [a, b].map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).message));
    expect(outcomes.sort()).toEqual([ALREADY_REPORTED, 'ok'].sort());
    expect(await errorOf(report(w))).toMatchObject({ code: 'CONFLICT', message: ALREADY_REPORTED });
    await report(w, { fileId: null });
    expect(await errorOf(report(w, { fileId: null }))).toMatchObject({ code: 'CONFLICT', message: ALREADY_REPORTED });
    // Another file, or another reviewer's concern about the same file, is a concern of its own.
    await report(w, { fileId: w.plan });
    expect(await db.evidenceConcern.count()).toBe(3);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: `evidence-concern:user:${w.reviewer.id}` } })).count).toBe(3);
    // The database holds it too, whatever the app checked first.
    await expect(db.evidenceConcern.create({ data: { attemptId: w.attemptId, fileId: null, reporterId: w.reviewer.id, reason: 'OTHER', note: 'again' } })).rejects.toThrow();
  });

  it('is limited per reviewer per hour', async () => {
    const w = await makeWorld();
    await db.rateLimit.create({ data: { key: `evidence-concern:user:${w.reviewer.id}`, count: CONCERNS_PER_HOUR, windowStart: new Date() } });
    expect(await errorOf(report(w))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await db.evidenceConcern.count()).toBe(0);
  });
});

describe('removing a file', () => {
  it('deletes the object, keeps a tombstone, never signs it again, resolves its concerns, tells the teacher and audits', async () => {
    const w = await makeWorld();
    const { concernId } = await report(w);
    // The same reviewer's concern about the whole attempt is a separate matter.
    const { concernId: wholeAttempt } = await report(w, { fileId: null, reason: 'STUDENT_PERSONAL_DATA' });
    const key = await keyOf(w.tickets);
    expect(await headStatus(key)).toBe(200);
    const before = new Date();

    session.actor = w.admin;
    const result = await removeEvidenceFileAction(initialActionState, form({ concernId, fileId: w.tickets, reason: REASON }));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/File removed/) });

    expect(await headStatus(key)).toBe(404);
    const file = await db.evidenceFile.findUniqueOrThrow({ where: { id: w.tickets } });
    expect(file).toMatchObject({ status: 'REMOVED', removedById: w.admin.id, removedReason: REASON, storageKey: key, fileName: TICKETS });
    expect(file.removedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The other file is untouched.
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: w.plan } })).toMatchObject({ status: 'UPLOADED', removedAt: null });
    expect(await headStatus(await keyOf(w.plan))).toBe(200);

    // No signed URL, for anyone, with a plain reason for those who could see it.
    for (const actor of [w.reviewer, w.teacher, w.admin]) {
      expect(await errorOf(getEvidenceUrl({ actor, fileId: w.tickets, inline: true }))).toMatchObject({ code: 'NOT_FOUND', message: `This file was removed by the issuer on ${dayFmt.format(file.removedAt!)}, so it can no longer be opened.` });
    }
    expect(await errorOf(getEvidenceUrl({ actor: w.other, fileId: w.tickets, inline: true }))).toMatchObject({ code: 'NOT_FOUND', message: 'That file could not be found.' });
    expect(await errorOf(getCaptionsText({ actor: w.teacher, fileId: w.tickets }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await getEvidenceUrl({ actor: w.reviewer, fileId: w.plan, inline: true })).toMatch(/^http/);
    // The file link answers 410 Gone with the reason to those who could see it, 404 to anyone else.
    const fetchFile = async (actor: Actor) => {
      session.actor = actor;
      return FileRoute(new NextRequest(`http://localhost/files/${w.tickets}`), { params: Promise.resolve({ id: w.tickets }) });
    };
    const gone = await fetchFile(w.teacher);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toMatch(/^This file was removed by the issuer on /);
    expect((await fetchFile(w.other)).status).toBe(404);

    // The file's concern is resolved; the concern about the whole attempt stays open (the admin decides on it apart).
    expect(await db.evidenceConcern.findUniqueOrThrow({ where: { id: concernId } })).toMatchObject({ resolvedById: w.admin.id, outcome: 'FILE_REMOVED', resolution: REASON });
    expect(await db.evidenceConcern.findUniqueOrThrow({ where: { id: wholeAttempt } })).toMatchObject({ resolvedAt: null });

    const notice = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'evidence.file-removed' } });
    expect(notice.title).toMatch(/A file was removed from your application/);
    expect(notice.body).toContain(`removed “${TICKETS}” from attempt 1 on ${dayFmt.format(file.removedAt!)}. Their reason: “${REASON}”.`);
    expect(notice.body).toMatch(/If you are asked to revise, you can upload a replacement then\./);
    expect(notice.href).toBe(`/apply/${w.mc.slug}?cycle=1`);

    // The reviewer who reported it is told the outcome, once (their concern about the whole attempt is still open), never the teacher's name.
    const toReporter = await db.notification.findMany({ where: { userId: w.reviewer.id, kind: 'evidence.concern-resolved' } });
    expect(toReporter).toEqual([expect.objectContaining({ title: expect.stringMatching(/^The issuer removed a file you reported for “Formative Feedback .+”$/), href: `/review/${w.reviewId}` })]);
    expect(toReporter[0].body).toBe('You reported a concern about a file in attempt 1. An admin of the issuer removed the file, and the teacher has been told why. Thank you for raising it.');

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'evidence.file-remove' } });
    expect(audit).toMatchObject({ actorId: w.admin.id, entityType: 'Submission', entityId: w.submissionId, organizationId: w.issuer.id });
    expect(describeAuditEntry(audit)).toBe(`Removed a file from attempt 1 after a concern (deleted from storage; the teacher was told why). Reason: ${REASON}`);

    // Reviewers no longer get it in the workspace; they get the tombstone, named by its part under blind review.
    const ws = (await getReviewWorkspace({ actor: w.reviewer, reviewId: w.reviewId }))!;
    expect(ws.attempt.files.map((f) => f.id)).toEqual([w.plan]);
    const seen = (await getReviewConcerns({ actor: w.reviewer, reviewId: w.reviewId }))!;
    expect(seen.removed).toEqual([{ id: w.tickets, partId: w.version.parts[1].id, label: 'A file in Part 2', removedAt: file.removedAt, reason: REASON }]);

    // Done once: a second removal, or a report about the removed file, says so.
    expect(await errorOf(removeEvidenceFile({ actor: w.admin, fileId: w.tickets, reason: REASON }))).toMatchObject({ code: 'CONFLICT', message: ALREADY_REMOVED });
    expect(await errorOf(report(w, { actor: w.reviewer, fileId: w.tickets, reason: 'OTHER', note: 'again' }))).toMatchObject({ code: 'CONFLICT' });
    expect(await db.auditLog.count({ where: { action: 'evidence.file-remove' } })).toBe(1);
  });

  it('an attempt-level concern removes the file the admin chooses and is resolved with it', async () => {
    const w = await makeWorld();
    const { concernId } = await report(w, { fileId: null });
    await removeEvidenceFile({ actor: w.admin, fileId: w.plan, reason: REASON, concernId });
    expect(await db.evidenceConcern.findUniqueOrThrow({ where: { id: concernId } })).toMatchObject({ outcome: 'FILE_REMOVED' });
    expect(await headStatus(await keyOf(w.plan))).toBe(404);
    // A concern is only acted on for its own attempt's files.
    const { concernId: another } = await report(w, { fileId: w.tickets, reason: 'NOT_OWN_WORK' });
    const stranger = await createActor();
    const { id: sub2 } = await startApplication({ actor: stranger, microCredentialId: w.mc.id });
    const a2 = await db.attempt.findFirstOrThrow({ where: { submissionId: sub2 } });
    await saveResponse({ actor: stranger, attemptId: a2.id, partId: w.version.parts[0].id, text: 'Grade 5.', links: [], revision: 0 });
    const strangerFile = await uploadPdf(stranger, a2.id, w.version.parts[1].id, 'plan.pdf');
    await submitAttempt({ actor: stranger, attemptId: a2.id, attested: true });
    expect(await errorOf(removeEvidenceFile({ actor: w.admin, fileId: strangerFile, reason: REASON, concernId: another }))).toMatchObject({ code: 'NOT_FOUND', message: 'That concern could not be found.' });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: strangerFile } })).toMatchObject({ status: 'UPLOADED' });
  });

  it('only an admin of the credential’s issuer without a conflict of interest may remove, and the reason is required', async () => {
    const w = await makeWorld();
    const { concernId } = await report(w);
    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const foreignAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    // The issuer keeps reviewers from their own school's work: an admin at the teacher's school does not rule on it either.
    const colleagueAdmin = await createActor({ name: 'Cora Colleague', schoolId: w.school.id, roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    for (const actor of [w.reviewer, w.teacher, foreignAdmin]) {
      expect(await errorOf(removeEvidenceFile({ actor, fileId: w.tickets, reason: REASON, concernId }))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await errorOf(removeEvidenceFile({ actor: colleagueAdmin, fileId: w.tickets, reason: REASON, concernId }))).toMatchObject({ code: 'FORBIDDEN', message: RULING_CONFLICT });
    expect(await errorOf(closeEvidenceConcern({ actor: colleagueAdmin, concernId, note: 'Fine.' }))).toMatchObject({ code: 'FORBIDDEN', message: RULING_CONFLICT });
    session.actor = w.admin;
    expect(await removeEvidenceFileAction(initialActionState, form({ concernId, fileId: w.tickets, reason: '  ' }))).toMatchObject({ ok: false, fieldErrors: { reason: ['Say why the file is removed: the teacher reads it.'] } });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: w.tickets } })).toMatchObject({ status: 'UPLOADED' });
    expect(await headStatus(await keyOf(w.tickets))).toBe(200);
  });

  it('when storage cannot be reached, the removal stands (nobody can open the file) and a queued job deletes the object once storage answers', async () => {
    const w = await makeWorld();
    const { concernId } = await report(w);
    const key = await keyOf(w.tickets);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    session.actor = w.admin;
    const result = await withStorageDown(() => removeEvidenceFileAction(initialActionState, form({ concernId, fileId: w.tickets, reason: REASON })));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining(REMOVAL_STORAGE_LATER) });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: w.tickets } })).toMatchObject({ status: 'REMOVED', removedById: w.admin.id, removedReason: REASON });
    expect(await db.evidenceConcern.findUniqueOrThrow({ where: { id: concernId } })).toMatchObject({ outcome: 'FILE_REMOVED' });
    expect(await db.auditLog.count({ where: { action: 'evidence.file-remove' } })).toBe(1);
    expect(await db.notification.count({ where: { userId: w.teacher.id, kind: 'evidence.file-removed' } })).toBe(1);
    expect(await errorOf(getEvidenceUrl({ actor: w.reviewer, fileId: w.tickets, inline: false }))).toMatchObject({ message: expect.stringMatching(/removed by the issuer/) });
    // The object is still in storage, and a job is waiting to delete it.
    expect(await headStatus(key)).toBe(200);
    const job = await db.job.findFirstOrThrow({ where: { type: 'storage.delete-objects', completedAt: null } });
    expect(job.payload).toEqual({ keys: [key] });

    // Storage back: the worker deletes it.
    await runDueJobs(jobHandlers);
    expect(await headStatus(key)).toBe(404);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ completedAt: expect.any(Date) });
  });

  it('when storage answers, the object is deleted at once and no job is left behind', async () => {
    const w = await makeWorld();
    const key = await keyOf(w.plan);
    const result = await removeEvidenceFile({ actor: w.admin, fileId: w.plan, reason: REASON });
    expect(result).toMatchObject({ removed: 1, storageDeleted: true });
    expect(await headStatus(key)).toBe(404);
    expect(await db.job.count({ where: { type: 'storage.delete-objects' } })).toBe(0);
  });

  it('is idempotent in storage: an object already gone (a delete whose commit failed) does not stop the removal', async () => {
    const w = await makeWorld();
    const key = await keyOf(w.plan);
    await deleteObjectOrThrow(key);
    expect(await headStatus(key)).toBe(404);
    await removeEvidenceFile({ actor: w.admin, fileId: w.plan, reason: REASON });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: w.plan } })).toMatchObject({ status: 'REMOVED', removedReason: REASON });
  });

  it('removes the copy a revision already holds too, and the teacher is told they can replace it there', async () => {
    const w = await makeWorld();
    // The reviewer returns the attempt; the teacher starts a revision, which copies both files (sharing their objects).
    const [review, attempt] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: w.reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: w.attemptId } })]);
    const notYet = w.version.levels.find((l) => l.rank === 0) ?? w.version.levels[0];
    await submitReview({ actor: w.reviewer, reviewId: w.reviewId, version: review.version, attemptVersion: attempt.version, overallComment: 'More detail.', scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: notYet.id, feedback: 'Say more.' })) });
    const { attemptId: revision } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    const key = await keyOf(w.tickets);
    const copy = await db.evidenceFile.findFirstOrThrow({ where: { attemptId: revision, storageKey: key } });

    // The reviewer's review is submitted: they may still report on what they scored.
    const { concernId } = await report(w);
    await removeEvidenceFile({ actor: w.admin, fileId: w.tickets, reason: REASON, concernId });
    expect(await headStatus(key)).toBe(404);
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({ status: 'REMOVED', removedReason: REASON });
    expect(await errorOf(getEvidenceUrl({ actor: w.teacher, fileId: copy.id, inline: false }))).toMatchObject({ message: expect.stringMatching(/removed by the issuer/) });
    const notice = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'evidence.file-removed' } });
    expect(notice.body).toMatch(/You can upload a replacement in the revision you have started\./);
    // The revision has room for the replacement: the tombstone takes no place.
    await uploadPdf(w.teacher, revision, w.version.parts[1].id, 'exit tickets without names.pdf');
    expect(await db.evidenceFile.count({ where: { attemptId: revision, status: 'UPLOADED' } })).toBe(2);

    // The teacher's page says what was removed, in place of the file, and no longer lists it as a file.
    session.actor = w.teacher;
    const page = await renderAsync(ApplyPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
    expect(page).toContain(`${TICKETS}: Removed by the issuer on ${dayFmt.format(new Date())}: ${REASON}`);
    expect(page).not.toContain(`Download ${TICKETS}`);
    expect(page).toContain(`Download ${PLAN}`);
    // Under "Earlier attempts", attempt 1's part lists the files it was sent with: the plan to
    // download (the teacher's own file link works), the removed one said in its place.
    const earlier = page.slice(page.indexOf('Earlier attempts'));
    expect(earlier).toContain(`${PLAN} (download, from attempt 1)`);
    expect(earlier).toContain(`${TICKETS}: Removed by the issuer on ${dayFmt.format(new Date())}: ${REASON}`);
    expect(earlier).not.toContain(`${TICKETS} (download`);
    const own = await FileRoute(new NextRequest(`http://localhost/files/${w.plan}`), { params: Promise.resolve({ id: w.plan }) });
    expect(own.status).toBeLessThan(400);
  });
});

describe('a file removed from a part that passed', () => {
  /** The reviewer passes "Lesson evidence" and not "Context": the revision keeps the files' part, locked. */
  async function returnedWithFilesPassed(w: World) {
    const [review, attempt] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: w.reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: w.attemptId } })]);
    const rank = (r: number) => w.version.levels.find((l) => l.rank === r)!.id;
    await submitReview({
      actor: w.reviewer, reviewId: w.reviewId, version: review.version, attemptVersion: attempt.version, overallComment: 'Strong lesson; say more about the class.',
      // The criteria in the definition's order: "Context", then "Lesson" (part 2, the files).
      scores: w.version.criteria.map((c, i) => ({ criterionId: c.id, levelId: i === 1 ? rank(3) : rank(0), feedback: i === 1 ? 'Clear plan.' : 'Say more.' })),
    });
  }
  const removeBoth = async (w: World) => {
    for (const fileId of [w.plan, w.tickets]) {
      const { concernId } = await report(w, { fileId });
      await removeEvidenceFile({ actor: w.admin, fileId, reason: REASON, concernId });
    }
  };
  const reviseContextAndSubmit = async (w: World, attemptId: string) => {
    const context = await db.partResponse.findFirstOrThrow({ where: { attemptId, partId: w.version.parts[0].id } });
    await saveResponse({ actor: w.teacher, attemptId, partId: context.partId, text: 'A mixed Grade 7 group of 28, six of them learning English.', links: [], revision: context.revision });
    return submitAttempt({ actor: w.teacher, attemptId, attested: true });
  };

  it('removed after the revision was started: the revision is sent without a replacement, which the locked part could not take', async () => {
    const w = await makeWorld();
    await returnedWithFilesPassed(w);
    const { attemptId } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    expect(await db.partResponse.findFirstOrThrow({ where: { attemptId, partId: w.version.parts[1].id } })).toMatchObject({ carriedOver: true });
    await removeBoth(w);
    expect(await db.evidenceFile.count({ where: { attemptId, status: 'UPLOADED' } })).toBe(0);
    const notice = await db.notification.findFirstOrThrow({ where: { userId: w.teacher.id, kind: 'evidence.file-removed' } });
    expect(notice.body).toMatch(/needs no replacement/);

    const sent = await reviseContextAndSubmit(w, attemptId);
    expect(sent).toMatchObject({ submissionId: w.submissionId });
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: 'SUBMITTED' });
  });

  it('removed before the revision was started: the same', async () => {
    const w = await makeWorld();
    await returnedWithFilesPassed(w);
    await removeBoth(w);
    const { attemptId } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    expect(await db.evidenceFile.count({ where: { attemptId } })).toBe(0);
    await reviseContextAndSubmit(w, attemptId);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: 'SUBMITTED' });
  });

  it('a part the teacher must answer again is still checked: an empty required answer is refused', async () => {
    const w = await makeWorld();
    await returnedWithFilesPassed(w);
    await removeBoth(w);
    const { attemptId } = await startRevision({ actor: w.teacher, submissionId: w.submissionId });
    const context = await db.partResponse.findFirstOrThrow({ where: { attemptId, partId: w.version.parts[0].id } });
    await saveResponse({ actor: w.teacher, attemptId, partId: context.partId, text: '', links: [], revision: context.revision });
    expect(await errorOf(submitAttempt({ actor: w.teacher, attemptId, attested: true }))).toMatchObject({ code: 'VALIDATION', fieldErrors: { [`part.${w.version.parts[0].id}.answer`]: ['Write an answer for “Context”.'] } });
  });
});

describe('a removal and a revision at the same moment', () => {
  /** The reviewer returns the attempt, so the teacher may start a revision. */
  async function returned(w: World) {
    const [review, attempt] = await Promise.all([db.review.findUniqueOrThrow({ where: { id: w.reviewId } }), db.attempt.findUniqueOrThrow({ where: { id: w.attemptId } })]);
    const notYet = w.version.levels.find((l) => l.rank === 0) ?? w.version.levels[0];
    await submitReview({ actor: w.reviewer, reviewId: w.reviewId, version: review.version, attemptVersion: attempt.version, overallComment: 'More detail.', scores: w.version.criteria.map((c) => ({ criterionId: c.id, levelId: notYet.id, feedback: 'Say more.' })) });
  }
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a revision started while a removal holds the file waits for it and does not copy the removed file', async () => {
    const w = await makeWorld();
    await returned(w);
    let revising: Promise<{ attemptId: string }> | undefined;
    // What removeEvidenceFile does, with a pause between its lock and its commit.
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "EvidenceFile" WHERE "id" = ${w.tickets} FOR UPDATE`;
      revising = startRevision({ actor: w.teacher, submissionId: w.submissionId });
      await wait(300);
      await tx.evidenceFile.update({ where: { id: w.tickets }, data: { status: 'REMOVED', removedAt: new Date(), removedById: w.admin.id, removedReason: REASON } });
    });
    const { attemptId } = await revising!;
    const copies = await db.evidenceFile.findMany({ where: { attemptId }, select: { fileName: true, status: true } });
    expect(copies).toEqual([{ fileName: PLAN, status: 'UPLOADED' }]);
  });

  it('a removal that waits for a revision being started removes the revision’s copy too', async () => {
    const w = await makeWorld();
    const key = await keyOf(w.tickets);
    let removing: Promise<unknown> | undefined;
    // What startRevision does, with a pause between its share lock and its commit: a copy of the file.
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "EvidenceFile" WHERE "attemptId" = ${w.attemptId} FOR SHARE`;
      const f = await tx.evidenceFile.findUniqueOrThrow({ where: { id: w.tickets } });
      await tx.evidenceFile.create({ data: { attemptId: f.attemptId, partId: f.partId, ownerId: f.ownerId, storageKey: f.storageKey, fileName: f.fileName, declaredType: f.declaredType, sizeBytes: f.sizeBytes, status: 'UPLOADED', carriedOver: true } });
      removing = removeEvidenceFile({ actor: w.admin, fileId: w.tickets, reason: REASON });
      await wait(300);
    });
    await removing;
    const rows = await db.evidenceFile.findMany({ where: { storageKey: key }, select: { status: true } });
    expect(rows).toEqual([{ status: 'REMOVED' }, { status: 'REMOVED' }]);
  });
});

describe('closing a concern without removing anything', () => {
  it('keeps the file, records the admin’s note, is done once, tells the teacher nothing and the reporter only that it was looked into', async () => {
    const w = await makeWorld();
    const { concernId } = await report(w);
    session.actor = w.admin;
    expect(await closeEvidenceConcernAction(initialActionState, form({ concernId, note: '' }))).toMatchObject({ ok: false, fieldErrors: { note: ['Say why nothing is removed.'] } });
    expect(await closeEvidenceConcernAction(initialActionState, form({ concernId, note: 'The families signed the school’s media consent form.' }))).toMatchObject({ ok: true });
    expect(await db.evidenceConcern.findUniqueOrThrow({ where: { id: concernId } })).toMatchObject({ resolvedById: w.admin.id, outcome: 'CLOSED', resolution: 'The families signed the school’s media consent form.' });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: w.tickets } })).toMatchObject({ status: 'UPLOADED' });
    expect(await headStatus(await keyOf(w.tickets))).toBe(200);
    expect(await errorOf(closeEvidenceConcern({ actor: w.admin, concernId, note: 'Again.' }))).toMatchObject({ code: 'CONFLICT', message: ALREADY_RESOLVED });
    expect(await errorOf(removeEvidenceFile({ actor: w.admin, fileId: w.tickets, reason: REASON, concernId }))).toMatchObject({ code: 'CONFLICT', message: ALREADY_RESOLVED });
    const audit = await db.auditLog.findMany({ where: { action: 'evidence.concern-close' } });
    expect(audit).toHaveLength(1);
    expect(describeAuditEntry(audit[0])).toBe('Closed a concern about a file in attempt 1 without removing anything');
    expect(JSON.stringify(audit[0].data)).not.toContain('consent');
    expect(await db.notification.count({ where: { userId: w.teacher.id } })).toBe(0);
    const told = await db.notification.findMany({ where: { userId: w.reviewer.id } });
    expect(told).toEqual([expect.objectContaining({ kind: 'evidence.concern-resolved', title: expect.stringMatching(/^The issuer looked into your concern about evidence for “Formative Feedback .+”$/), href: `/review/${w.reviewId}` })]);
    expect(told[0].body).toMatch(/kept the evidence; their note is on the issuer’s record/);
    expect(told[0].body).not.toContain('consent');
    expect(told[0].body).not.toContain('Tess');
    // The reviewer can report it again (a new concern) now that it is closed.
    await report(w);
    expect(await db.evidenceConcern.count({ where: { resolvedAt: null } })).toBe(1);
  });
});

describe('the pages', () => {
  it('the review page offers the form with the files as the reviewer sees them, then lists their report and the removed file', async () => {
    const w = await makeWorld();
    session.actor = w.reviewer;
    let page = await render(ReviewPage({ params: Promise.resolve({ reviewId: w.reviewId }) }));
    expect(page).toContain('Report a concern about this evidence');
    for (const label of ['The whole attempt', 'Part 2 – file 1.pdf', 'Part 2 – file 2.pdf', 'A student can be identified without consent', 'Personal information about students', 'Not the teacher’s own work', 'Something else']) expect(page).toContain(label);
    // Blind review: the teacher's own file names are not on the page.
    expect(page).not.toContain(PLAN);

    const { concernId } = await report(w);
    await removeEvidenceFile({ actor: w.admin, fileId: w.tickets, reason: REASON, concernId });
    page = await render(ReviewPage({ params: Promise.resolve({ reviewId: w.reviewId }) }));
    expect(page).toContain(`A file in Part 2: Removed by the issuer on ${dayFmt.format(new Date())}: ${REASON}`);
    expect(page).toMatch(/A student can be identified without consent, about A file in Part 2, on .*: the issuer removed the file on/);
    expect(page).not.toContain(TICKETS);

    // Someone else's review shows nothing of it (the page is not found).
    session.actor = w.other;
    await expect(render(ReviewPage({ params: Promise.resolve({ reviewId: w.reviewId }) }))).rejects.toThrow();
  });

  it('the record page lists open concerns at the top of their attempt with what the admin can do, then the removed file in place of the file', async () => {
    const w = await makeWorld();
    const { concernId } = await report(w, { note: 'The photo on page 2 shows a student’s face.' });
    await report(w, { actor: w.reviewer, fileId: null, reason: 'NOT_OWN_WORK', note: '' });
    session.actor = w.admin;
    let page = await render(SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
    expect(page).toContain('Concerns about this evidence (2 open)');
    expect(page).toContain(`A student can be identified without consent · about ${TICKETS}`);
    expect(page).toContain('Not the teacher’s own work · about the whole attempt');
    expect(page).toContain('Reported by Rita Reviewer on');
    expect(page).toContain('The photo on page 2 shows a student’s face.');
    expect(page).toContain('Remove this file');
    expect(page).toContain('Close without removing');
    // The concerns come before the attempt's reviews and evidence.
    expect(page.indexOf('Concerns about this evidence')).toBeLessThan(page.indexOf('Reviews'));

    await removeEvidenceFile({ actor: w.admin, fileId: w.tickets, reason: REASON, concernId });
    const record = (await getSubmissionRecord({ actor: w.admin, submissionId: w.submissionId }))!;
    expect(record.attempts[0].files.map((f) => f.id)).toEqual([w.plan]);
    page = await render(SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
    expect(page).toContain('Concerns about this evidence (1 open)');
    expect(page).toContain(`File removed by ${w.admin.name} on`);
    expect(page).toContain(`${TICKETS} (Lesson evidence): Removed by the issuer (${w.admin.name}) on ${dayFmt.format(new Date())}: ${REASON}`);

    // An admin with a conflict of interest reads the concerns but is told another admin decides.
    session.actor = await createActor({ schoolId: w.school.id, roles: [{ role: 'ISSUER_ADMIN', organizationId: w.issuer.id }] });
    page = await render(SubmissionRecordPage({ params: Promise.resolve({ id: w.submissionId }) }));
    expect(page).toContain(RULING_CONFLICT);
    expect(page).not.toContain('Close without removing');
  });
});
