import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential, publishNewCredential, SAMPLE_PDF, trackDefinition } from '../factories';
import { uploadPdf } from '../factories/evidence';
import { makeReviewWorld, scoreAttempt, submitTextAttempt, type ReviewWorld } from '../factories/review-world';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { enrollInMicroCredential, enrollInStack, enrollInTrack, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { createStack, republishMicroCredential, retireMicroCredential } from '@/lib/authoring/mutations';
import { createIssuerTrack, publishTrack } from '@/lib/authoring/tracks';
import { askAboutFeedback, answerFeedbackQuestion } from '@/lib/feedback-questions/mutations';
import { askCredentialQuestion } from '@/lib/credential-questions/mutations';
import { withdrawSentAttempt } from '@/lib/submissions/withdraw';
import { completeUpload, removeFile, requestUpload, sweepStaleUploads, type UploadTicket } from '@/lib/evidence/uploads';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';
import { ensurePeriodicJob, runDueJobs } from '@/lib/jobs/queue';
import { PASSED_OVER, sendStalledReminders, STALLED_REMINDERS_JOB } from '@/lib/submissions/stalled-reminders';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

const DAY = 86_400_000;
const MINUTE = 60_000;
const DRAFT = 'submission.stalled-draft';
const REVISION = 'submission.stalled-revision';

/** `days` after `from` (the moment the test's work was last touched). */
const after = (from: Date, days: number, extraMs = 0) => new Date(from.getTime() + days * DAY + extraMs);

async function world(): Promise<ReviewWorld> {
  return makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
}

/** The credential's title, as the teacher's application shows it. */
const titleOf = async (w: ReviewWorld) => (await db.microCredentialVersion.findUniqueOrThrow({ where: { id: w.version.id }, select: { title: true } })).title;

/** `teacher` starts an application and writes in its first part: the draft attempt's id. */
async function startDraft(w: ReviewWorld, teacher: Actor): Promise<string> {
  const { id } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: id }, select: { id: true } });
  await saveResponse({ actor: teacher, attemptId: attempt.id, partId: w.version.parts[0].id, text: 'My Grade 7 class writes drafts.', links: [], revision: 0 });
  return attempt.id;
}

/** `teacher`'s work, sent and returned for revision by a reviewer (the real review flow): the attempt's id. */
async function returnedWork(w: ReviewWorld, teacher: Actor): Promise<string> {
  const attemptId = await submitTextAttempt(w, teacher);
  const reviewer = await w.reviewer();
  expect((await scoreAttempt(w, reviewer, attemptId, 'PRIMARY', [1, 1])).outcome).toBe('RETURNED');
  return attemptId;
}

/** Moves every trace of the application's work `days` into the past (as if nobody had touched it since). */
async function ageApplication(attemptId: string, days: number) {
  const shift = days * DAY;
  const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true } });
  await db.$executeRaw`UPDATE "Submission" SET "createdAt" = "createdAt" - make_interval(secs => ${shift / 1000}), "updatedAt" = "updatedAt" - make_interval(secs => ${shift / 1000}) WHERE "id" = ${submissionId}`;
  await db.$executeRaw`UPDATE "Attempt" SET "createdAt" = "createdAt" - make_interval(secs => ${shift / 1000}), "updatedAt" = "updatedAt" - make_interval(secs => ${shift / 1000}) WHERE "submissionId" = ${submissionId}`;
  await db.$executeRaw`UPDATE "PartResponse" SET "updatedAt" = "updatedAt" - make_interval(secs => ${shift / 1000}) WHERE "attemptId" = ${attemptId}`;
  await db.$executeRaw`UPDATE "EvidenceFile" SET "createdAt" = "createdAt" - make_interval(secs => ${shift / 1000}), "verifiedAt" = "verifiedAt" - make_interval(secs => ${shift / 1000}) WHERE "attemptId" = ${attemptId}`;
}

/** As ageApplication, for work sent and returned: also when it was sent and decided. */
async function ageReturned(attemptId: string, days: number) {
  await ageApplication(attemptId, days);
  const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submissionId: true } });
  await db.$executeRaw`UPDATE "Attempt" SET "submittedAt" = "submittedAt" - make_interval(secs => ${days * DAY / 1000}), "decidedAt" = "decidedAt" - make_interval(secs => ${days * DAY / 1000}) WHERE "id" = ${attemptId}`;
  await db.$executeRaw`UPDATE "Submission" SET "lastSubmittedAt" = "lastSubmittedAt" - make_interval(secs => ${days * DAY / 1000}) WHERE "id" = ${submissionId}`;
}

/** `teacher` starts an application for `mcId` and writes nothing yet: the draft attempt's id. */
async function openDraft(teacher: Actor, mcId: string): Promise<string> {
  const { id } = await startApplication({ actor: teacher, microCredentialId: mcId });
  return (await db.attempt.findFirstOrThrow({ where: { submissionId: id }, select: { id: true } })).id;
}

const draftMarks = (ids: string[]) => db.attempt.findMany({ where: { id: { in: ids } }, orderBy: { updatedAt: 'asc' }, select: { draftReminderAt: true } });

const reminders = (kind: string) => db.notification.findMany({ where: { kind }, select: { userId: true, title: true, body: true, href: true } });
/** The reminder emails queued for `userId` (their title starts as the notification's). */
const reminderEmailJobs = async (userId: string) =>
  (await db.job.findMany({ where: { type: 'email.notification', payload: { path: ['userId'], equals: userId } }, select: { payload: true } }))
    .filter((j) => /is waiting for you$/.test((j.payload as { title: string }).title));

describe('reminders about applications left untouched', () => {
  it('runs as a periodic job of the queue, scheduled once however many servers check', async () => {
    const periodic = periodicJobs.find((p) => p.type === STALLED_REMINDERS_JOB);
    expect(periodic).toEqual({ type: STALLED_REMINDERS_JOB, everySeconds: 6 * 60 * 60 });
    const w = await world();
    const teacher = await createActor();
    await ageApplication(await startDraft(w, teacher), 40);

    // Two servers' workers check at once: one run is queued, and it sends the reminder.
    const queued = await Promise.all([ensurePeriodicJob(periodic!.type, periodic!.everySeconds), ensurePeriodicJob(periodic!.type, periodic!.everySeconds)]);
    expect(queued.filter(Boolean)).toHaveLength(1);
    expect(await runDueJobs({ [STALLED_REMINDERS_JOB]: jobHandlers[STALLED_REMINDERS_JOB] })).toBe(1);
    expect(await db.job.count({ where: { type: STALLED_REMINDERS_JOB, completedAt: { not: null } } })).toBe(1);
    expect((await reminders(DRAFT)).map((n) => n.userId)).toEqual([teacher.id]);
  });

  it('reminds a teacher of a draft once, 30 days after they last worked on it, and not before', async () => {
    const w = await world();
    const teacher = await createActor();
    const attemptId = await startDraft(w, teacher);
    const touched = new Date();

    expect(await sendStalledReminders(after(touched, 29, 23 * 60 * MINUTE))).toEqual({ drafts: 0, revisions: 0 });
    expect(await reminders(DRAFT)).toEqual([]);

    expect(await sendStalledReminders(after(touched, 30, MINUTE))).toEqual({ drafts: 1, revisions: 0 });
    expect(await reminders(DRAFT)).toEqual([{
      userId: teacher.id,
      title: `Your application for “${await titleOf(w)}” is waiting for you`,
      body: expect.stringContaining('You last worked on it 30 days ago.'),
      href: `/apply/${w.mc.slug}`,
    }]);
    const [note] = await reminders(DRAFT);
    expect(note.body).toContain('choose “Stop working on this micro-credential” on its page');
    expect(note.body).not.toMatch(/feedback/i);

    // Days, weeks later, and from two servers at once: never again for this draft.
    expect(await sendStalledReminders(after(touched, 31))).toEqual({ drafts: 0, revisions: 0 });
    expect(await Promise.all([sendStalledReminders(after(touched, 90)), sendStalledReminders(after(touched, 90))])).toEqual([{ drafts: 0, revisions: 0 }, { drafts: 0, revisions: 0 }]);
    expect(await db.notification.count({ where: { kind: DRAFT } })).toBe(1);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { draftReminderAt: true, revisionReminderAt: true } }))
      .toEqual({ draftReminderAt: after(touched, 30, MINUTE), revisionReminderAt: null });
  });

  it('counts an answer saved or a file uploaded as working on it, however old the draft', async () => {
    const w = await world();
    const writer = await createActor();
    const written = await startDraft(w, writer);
    await ageApplication(written, 45);
    // Saved again today: the 30 days start again.
    await saveResponse({ actor: writer, attemptId: written, partId: w.version.parts[1].id, text: 'Students rewrote their openings.', links: [], revision: 0 });

    const cred = await createPublishedCredential();
    const uploader = await createActor();
    const { id: submissionId } = await startApplication({ actor: uploader, microCredentialId: cred.mc.id });
    const uploaded = (await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } })).id;
    await ageApplication(uploaded, 45);
    await uploadPdf(uploader, uploaded, cred.version.parts.find((p) => p.responseType === 'FILES')!.id);

    // Left alone since they started 45 days ago: reminded now, with how long it has been.
    const idle = await createActor();
    const idleAttempt = (await db.attempt.findFirstOrThrow({ where: { submissionId: (await startApplication({ actor: idle, microCredentialId: w.mc.id })).id } })).id;
    await ageApplication(idleAttempt, 45);

    const now = new Date();
    expect(await sendStalledReminders(now)).toEqual({ drafts: 1, revisions: 0 });
    expect(await reminders(DRAFT)).toEqual([expect.objectContaining({ userId: idle.id, body: expect.stringContaining('You last worked on it 45 days ago.') })]);
    expect(await sendStalledReminders(after(now, 30, MINUTE))).toEqual({ drafts: 2, revisions: 0 });
    expect((await reminders(DRAFT)).map((n) => n.userId).sort()).toEqual([idle.id, writer.id, uploader.id].sort());
  });

  it('leaves alone levels the teacher stopped, credentials retired, and disabled accounts', async () => {
    const w = await world();
    const stopped = await createActor();
    await startDraft(w, stopped);
    await withdrawFromMicroCredential({ actor: stopped, microCredentialId: w.mc.id });
    const stoppedRevision = await createActor();
    await returnedWork(w, stoppedRevision);
    await withdrawFromMicroCredential({ actor: stoppedRevision, microCredentialId: w.mc.id });

    const disabled = await createActor();
    await startDraft(w, disabled);
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const disabledRevision = await createActor();
    await returnedWork(w, disabledRevision);
    await db.user.update({ where: { id: disabledRevision.id }, data: { disabledAt: new Date() } });

    // Another issuer’s credential, retired with a draft and a returned attempt on it.
    const retired = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
    const onRetired = await createActor();
    await startDraft(retired, onRetired);
    const onRetiredRevision = await createActor();
    await returnedWork(retired, onRetiredRevision);
    await retireMicroCredential({ actor: retired.admin, microCredentialId: retired.mc.id });

    // The one teacher still working on an open credential with an account in use.
    const working = await createActor();
    await startDraft(w, working);
    const workingRevision = await createActor();
    await returnedWork(w, workingRevision);

    const now = after(new Date(), 31);
    expect(await sendStalledReminders(now)).toEqual({ drafts: 1, revisions: 1 });
    expect((await reminders(DRAFT)).map((n) => n.userId)).toEqual([working.id]);
    expect((await reminders(REVISION)).map((n) => n.userId)).toEqual([workingRevision.id]);
    expect(await db.attempt.count({ where: { OR: [{ draftReminderAt: { gt: PASSED_OVER } }, { revisionReminderAt: { not: null } }] } })).toBe(2);
    // The three drafts are passed over, so later runs do not read them again; returned work is walked
    // on its applications, and stays unmarked.
    expect(await db.attempt.count({ where: { draftReminderAt: PASSED_OVER } })).toBe(3);
    expect(await sendStalledReminders(after(now, 1))).toEqual({ drafts: 0, revisions: 0 });
  });

  it('gives work returned for revision its own reminder, once, that the reviewer’s feedback is waiting', async () => {
    const w = await world();
    const reviser = await createActor();
    const returned = await returnedWork(w, reviser);
    // Sent 40 days before the reviewer returned it (today): the 30 days run from the return.
    const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: returned }, select: { submissionId: true } });
    await db.$executeRaw`UPDATE "Attempt" SET "submittedAt" = "submittedAt" - interval '40 days' WHERE "id" = ${returned}`;
    await db.$executeRaw`UPDATE "Submission" SET "lastSubmittedAt" = "lastSubmittedAt" - interval '40 days' WHERE "id" = ${submissionId}`;
    const decided = (await db.attempt.findUniqueOrThrow({ where: { id: returned }, select: { decidedAt: true } })).decidedAt!;

    expect(await sendStalledReminders(after(decided, 29, 23 * 60 * MINUTE))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(decided, 30, MINUTE))).toEqual({ drafts: 0, revisions: 1 });
    const [note] = await reminders(REVISION);
    expect(note).toEqual({
      userId: reviser.id,
      title: `The reviewer’s feedback on “${await titleOf(w)}” is waiting for you`,
      body: expect.stringContaining('Your work came back for revision 30 days ago; you last worked on it 70 days ago.'),
      href: `/apply/${w.mc.slug}`,
    });
    expect(note.body).toContain('Read the feedback, then start your revision');
    expect(note.body).toContain('choose “Stop working on this micro-credential” on its page');
    expect(await sendStalledReminders(after(decided, 60))).toEqual({ drafts: 0, revisions: 0 });
    expect(await db.notification.count({ where: { kind: REVISION } })).toBe(1);

    // The revision they start is a new draft: its own reminder in time; the returned attempt never again.
    const { attemptId: next } = await startRevision({ actor: reviser, submissionId });
    expect(await sendStalledReminders(after(new Date(), 31))).toEqual({ drafts: 1, revisions: 0 });
    expect(await db.attempt.findUniqueOrThrow({ where: { id: next }, select: { draftReminderAt: true, revisionReminderAt: true } }))
      .toMatchObject({ draftReminderAt: expect.any(Date), revisionReminderAt: null });
    expect(await db.notification.count({ where: { kind: REVISION } })).toBe(1);
  });

  it('reminds a draft, then the same attempt once returned for revision', async () => {
    const w = await world();
    const teacher = await createActor();
    const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: w.mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
    await ageApplication(attempt.id, 40);
    expect(await sendStalledReminders()).toEqual({ drafts: 1, revisions: 0 });

    // The teacher comes back, finishes and sends it; a reviewer returns it.
    for (const p of w.version.parts) await saveResponse({ actor: teacher, attemptId: attempt.id, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
    await submitAttempt({ actor: teacher, attemptId: attempt.id });
    expect((await scoreAttempt(w, await w.reviewer(), attempt.id, 'PRIMARY', [1, 1])).outcome).toBe('RETURNED');

    expect(await sendStalledReminders(after(new Date(), 31))).toEqual({ drafts: 0, revisions: 1 });
    expect(await db.notification.count({ where: { userId: teacher.id, kind: { in: [DRAFT, REVISION] } } })).toBe(2);
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { draftReminderAt: true, revisionReminderAt: true } }))
      .toEqual({ draftReminderAt: expect.any(Date), revisionReminderAt: expect.any(Date) });
  });

  it('waits while a question about the feedback waits for the issuer’s reply', async () => {
    const w = await world();
    const teacher = await createActor();
    const returned = await returnedWork(w, teacher);
    const { questionId } = await askAboutFeedback({ actor: teacher, attemptId: returned, body: 'What would a stronger reflection include?' });
    expect(await sendStalledReminders(after(new Date(), 45))).toEqual({ drafts: 0, revisions: 0 });

    await answerFeedbackQuestion({ actor: w.admin, questionId, answer: 'Say what students did differently afterwards.' });
    const answered = new Date();
    expect(await sendStalledReminders(after(answered, 29))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(answered, 30, MINUTE))).toEqual({ drafts: 0, revisions: 1 });
  });

  it('reminds each attempt once when several servers run it at once, in small batches', async () => {
    const w = await world();
    const drafters = await Promise.all([1, 2, 3, 4, 5].map(() => createActor()));
    for (const t of drafters) await startDraft(w, t);
    const revisers = await Promise.all([1, 2, 3].map(() => createActor()));
    for (const t of revisers) await returnedWork(w, t);
    // Someone stopped in between: passed over, and the walk carries on past them.
    const stopped = await createActor();
    await startDraft(w, stopped);
    await withdrawFromMicroCredential({ actor: stopped, microCredentialId: w.mc.id });

    const now = after(new Date(), 31);
    const runs = await Promise.all([1, 2, 3].map(() => sendStalledReminders(now, 2)));
    expect(runs.reduce((n, r) => n + r.drafts, 0)).toBe(5);
    expect(runs.reduce((n, r) => n + r.revisions, 0)).toBe(3);
    const drafts = (await reminders(DRAFT)).map((n) => n.userId).sort();
    expect(drafts).toEqual(drafters.map((t) => t.id).sort());
    const revisions = (await reminders(REVISION)).map((n) => n.userId).sort();
    expect(revisions).toEqual(revisers.map((t) => t.id).sort());
    for (const t of [...drafters, ...revisers]) expect(await reminderEmailJobs(t.id)).toHaveLength(1);

    // One server alone, with a batch of one, reaches everything too.
    const later = await createActor();
    await startDraft(w, later);
    const more = await Promise.all([1, 2].map(() => createActor()));
    for (const t of more) await startDraft(w, t);
    expect(await sendStalledReminders(after(new Date(), 31), 1)).toEqual({ drafts: 3, revisions: 0 });
  });

  it('emails the reminder only to teachers whose setting allows it, with the link to the application', async () => {
    const w = await world();
    const emailed = await createActor();
    await startDraft(w, emailed);
    const appOnly = await createActor();
    await startDraft(w, appOnly);
    await db.user.update({ where: { id: appOnly.id }, data: { emailNotifications: false } });
    const revisedAppOnly = await createActor();
    await returnedWork(w, revisedAppOnly);
    await db.user.update({ where: { id: revisedAppOnly.id }, data: { emailNotifications: false } });

    expect(await sendStalledReminders(after(new Date(), 31))).toEqual({ drafts: 2, revisions: 1 });
    // Everyone sees it in the app; only the teacher who wants emails has one queued.
    expect((await reminders(DRAFT)).map((n) => n.userId).sort()).toEqual([emailed.id, appOnly.id].sort());
    expect((await reminders(REVISION)).map((n) => n.userId)).toEqual([revisedAppOnly.id]);
    expect(await reminderEmailJobs(emailed.id)).toHaveLength(1);
    expect(await reminderEmailJobs(appOnly.id)).toHaveLength(0);
    expect(await reminderEmailJobs(revisedAppOnly.id)).toHaveLength(0);

    while ((await runDueJobs(jobHandlers, 50)) > 0);
    const mail = await db.emailMessage.findMany({ where: { subject: { endsWith: 'is waiting for you' } }, select: { to: true, subject: true, text: true } });
    expect(mail).toEqual([{ to: emailed.email, subject: `Your application for “${await titleOf(w)}” is waiting for you`, text: expect.stringContaining(`Open it here: http://127.0.0.1:3100/apply/${w.mc.slug}`) }]);
    expect(mail[0].text).toContain('You last worked on it 31 days ago.');
  });

  it('the migration that shipped this marks only work untouched for over 60 days, by the job’s own test (answers saved, files, latest attempt)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = 'prisma/migrations';
    const name = readdirSync(dir).find((d) => d.endsWith('_stalled_reminders'))!;
    const sql = readFileSync(`${dir}/${name}/migration.sql`, 'utf8');
    const fill = sql.slice(sql.indexOf('-- Work long abandoned'));
    expect(fill).toContain('UPDATE "Attempt"');

    const w = await world();
    const [ann, bo, cy, di, ed] = await Promise.all([1, 2, 3, 4, 5].map(() => createActor()));
    const abandoned = await startDraft(w, ann);
    await ageApplication(abandoned, 90);
    // Old attempt row, but an answer saved last week: still being worked on.
    const working = await startDraft(w, bo);
    await ageApplication(working, 90);
    await db.$executeRaw`UPDATE "PartResponse" SET "updatedAt" = now() - interval '7 days' WHERE "attemptId" = ${working}`;
    const recent = await startDraft(w, cy);
    await ageApplication(recent, 40);
    const returned = await returnedWork(w, di);
    await ageApplication(returned, 90);
    await db.$executeRaw`UPDATE "Attempt" SET "decidedAt" = now() - interval '90 days' WHERE "id" = ${returned}`;
    // Returned, then a revision started: the earlier attempt stays RETURNED and is never reminded.
    const superseded = await returnedWork(w, ed);
    await startRevision({ actor: ed, submissionId: (await db.attempt.findUniqueOrThrow({ where: { id: superseded } })).submissionId });
    await ageApplication(superseded, 90);

    await db.$executeRawUnsafe(fill.split(';').filter((q) => q.includes('UPDATE')).join(';'));
    const marks = async (id: string) => db.attempt.findUniqueOrThrow({ where: { id }, select: { draftReminderAt: true, revisionReminderAt: true } });
    expect((await marks(abandoned)).draftReminderAt).not.toBeNull();
    expect((await marks(working)).draftReminderAt).toBeNull();
    expect((await marks(recent)).draftReminderAt).toBeNull();
    expect((await marks(returned)).revisionReminderAt).not.toBeNull();
    expect((await marks(superseded)).revisionReminderAt).toBeNull();
  });
});

/** Sends `bytes` to an upload's presigned URL, as the browser does. */
async function putUpload(t: UploadTicket, bytes: Uint8Array) {
  if (t.mode !== 'single') throw new Error('expected a single upload');
  const res = await fetch(t.url, { method: 'PUT', body: Buffer.from(bytes), headers: { 'content-type': t.contentType } });
  expect(res.status).toBe(200);
}

describe('what counts as working on an application', () => {
  it('counts a file removed from the draft, though it leaves no row behind', async () => {
    const cred = await createPublishedCredential();
    const teacher = await createActor();
    const attemptId = await openDraft(teacher, cred.mc.id);
    const fileId = await uploadPdf(teacher, attemptId, cred.version.parts.find((p) => p.responseType === 'FILES')!.id);
    // Everything else untouched for 40 days; the file removed today.
    await ageApplication(attemptId, 40);
    await removeFile({ actor: teacher, fileId });
    const removed = new Date();

    expect(await sendStalledReminders(after(removed, 5))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(removed, 29))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(removed, 30, MINUTE))).toEqual({ drafts: 1, revisions: 0 });
    expect(await reminders(DRAFT)).toEqual([expect.objectContaining({ userId: teacher.id, body: expect.stringContaining('You last worked on it 30 days ago.') })]);
  });

  it('counts picking a stopped level back up, for a draft and for work returned for revision', async () => {
    const w = await world();
    const drafter = await createActor();
    const draft = await startDraft(w, drafter);
    await ageApplication(draft, 40);
    await withdrawFromMicroCredential({ actor: drafter, microCredentialId: w.mc.id });
    const reviser = await createActor();
    const returned = await returnedWork(w, reviser);
    await ageReturned(returned, 40);
    await withdrawFromMicroCredential({ actor: reviser, microCredentialId: w.mc.id });

    // "Pick up where you left off" on the dashboard, and continuing the application from its page.
    await enrollInMicroCredential({ actor: drafter, microCredentialId: w.mc.id });
    expect((await startApplication({ actor: reviser, microCredentialId: w.mc.id })).pickedUp).toBe(true);
    const pickedUp = new Date();

    expect(await sendStalledReminders(after(pickedUp, 5))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(pickedUp, 30, MINUTE))).toEqual({ drafts: 1, revisions: 1 });
    expect((await reminders(DRAFT)).map((n) => n.userId)).toEqual([drafter.id]);
    expect((await reminders(REVISION)).map((n) => n.userId)).toEqual([reviser.id]);
  });

  it('does not read a draft passed over again: the next run goes on to the drafts after it', async () => {
    const w = await world();
    // Oldest first in the walk: stopped, a disabled account, a retired credential, then one to remind.
    const stopped = await createActor();
    const stoppedDraft = await startDraft(w, stopped);
    await ageApplication(stoppedDraft, 45);
    await withdrawFromMicroCredential({ actor: stopped, microCredentialId: w.mc.id });
    const disabled = await createActor();
    const disabledDraft = await startDraft(w, disabled);
    await ageApplication(disabledDraft, 44);
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const retired = await makeReviewWorld({ calibrationRequired: false, doubleScoreRate: 0 });
    const onRetired = await createActor();
    const retiredDraft = await startDraft(retired, onRetired);
    await ageApplication(retiredDraft, 43);
    await retireMicroCredential({ actor: retired.admin, microCredentialId: retired.mc.id });
    const working = await createActor();
    await ageApplication(await startDraft(w, working), 40);

    // One window of one draft per run, as a full window of passed-over drafts would be at scale:
    // each run reads the next draft, not the same first one again.
    const now = new Date();
    expect(await sendStalledReminders(now, 1, 1)).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(now, 1, 1)).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(now, 1, 1)).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(now, 1, 1)).toEqual({ drafts: 1, revisions: 0 });
    expect((await reminders(DRAFT)).map((n) => n.userId)).toEqual([working.id]);
    expect(await draftMarks([stoppedDraft, disabledDraft, retiredDraft])).toEqual([{ draftReminderAt: PASSED_OVER }, { draftReminderAt: PASSED_OVER }, { draftReminderAt: PASSED_OVER }]);
    expect(await sendStalledReminders(after(now, 30))).toEqual({ drafts: 0, revisions: 0 });
  });

  it('reminds a passed-over draft once, 30 days after the teacher picks it back up', async () => {
    const w = await world();
    const teacher = await createActor();
    const attemptId = await startDraft(w, teacher);
    await ageApplication(attemptId, 40);
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: w.mc.id });
    expect(await sendStalledReminders()).toEqual({ drafts: 0, revisions: 0 });
    expect(await draftMarks([attemptId])).toEqual([{ draftReminderAt: PASSED_OVER }]);

    await enrollInMicroCredential({ actor: teacher, microCredentialId: w.mc.id });
    const pickedUp = new Date();
    expect(await sendStalledReminders(after(pickedUp, 29))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(pickedUp, 30, MINUTE))).toEqual({ drafts: 1, revisions: 0 });
    expect(await sendStalledReminders(after(pickedUp, 90))).toEqual({ drafts: 0, revisions: 0 });
    expect(await reminders(DRAFT)).toEqual([expect.objectContaining({ userId: teacher.id, body: expect.stringContaining('You last worked on it 30 days ago.') })]);
  });

  it('leaves a draft passed over while its credential was retired until the teacher works on it again', async () => {
    const w = await world();
    const teacher = await createActor();
    const attemptId = await startDraft(w, teacher);
    await ageApplication(attemptId, 40);
    await retireMicroCredential({ actor: w.admin, microCredentialId: w.mc.id });
    expect(await sendStalledReminders()).toEqual({ drafts: 0, revisions: 0 });

    // Published again: no reminder out of nowhere about work left 40 days before.
    await republishMicroCredential({ actor: w.admin, microCredentialId: w.mc.id });
    expect(await sendStalledReminders(after(new Date(), 1))).toEqual({ drafts: 0, revisions: 0 });
    // The teacher writes again, then leaves it: reminded 30 days on, once.
    await saveResponse({ actor: teacher, attemptId, partId: w.version.parts[1].id, text: 'Back to it.', links: [], revision: 0 });
    const saved = new Date();
    expect(await sendStalledReminders(after(saved, 29))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(saved, 30, MINUTE))).toEqual({ drafts: 1, revisions: 0 });
    expect(await sendStalledReminders(after(saved, 60))).toEqual({ drafts: 0, revisions: 0 });
  });

  it('does not leave a draft passed over once it is sent, should the teacher take it back to edit', async () => {
    const w = await world();
    const teacher = await createActor();
    const attemptId = await openDraft(teacher, w.mc.id);
    for (const p of w.version.parts) await saveResponse({ actor: teacher, attemptId, partId: p.id, text: 'My class is a mixed Grade 7 group.', links: [], revision: 0 });
    await ageApplication(attemptId, 40);
    await withdrawFromMicroCredential({ actor: teacher, microCredentialId: w.mc.id });
    expect(await sendStalledReminders()).toEqual({ drafts: 0, revisions: 0 });

    // Sent from a tab left open (which picks the level up), then taken back before any reviewer saw it.
    await submitAttempt({ actor: teacher, attemptId });
    await withdrawSentAttempt({ actor: teacher, attemptId });
    const back = new Date();
    expect(await sendStalledReminders(after(back, 29))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(back, 30, MINUTE))).toEqual({ drafts: 1, revisions: 0 });
  });

  type Setting = { cred: Awaited<ReturnType<typeof createPublishedCredential>>; teacher: Actor; attemptId: string; filesPart: string; textPart: string };
  const ticket = (s: Setting) => requestUpload({ actor: s.teacher, attemptId: s.attemptId, partId: s.filesPart, fileName: 'work.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });

  // Each one: what comes before (then `age` makes everything 40 days old), and the work done today.
  const work: [string, (s: Setting, age: () => Promise<void>) => Promise<unknown>][] = [
    ['an answer with a link saved', async (s, age) => {
      await age();
      await saveResponse({ actor: s.teacher, attemptId: s.attemptId, partId: s.textPart, text: 'The plan is linked.', links: ['https://example.org/lesson-plan'], revision: 0 });
    }],
    ['an upload started', async (s, age) => {
      await age();
      await ticket(s);
    }],
    ['an upload finished', async (s, age) => {
      const t = await ticket(s);
      await age();
      await putUpload(t, SAMPLE_PDF);
      await completeUpload({ actor: s.teacher, fileId: t.fileId });
    }],
    ['an upload refused as it finished', async (s, age) => {
      const t = await ticket(s);
      await age();
      await putUpload(t, new Uint8Array(SAMPLE_PDF.byteLength).fill(65));
      await expect(completeUpload({ actor: s.teacher, fileId: t.fileId })).rejects.toMatchObject({ code: 'VALIDATION' });
    }],
    ['a file removed', async (s, age) => {
      const fileId = await uploadPdf(s.teacher, s.attemptId, s.filesPart);
      await age();
      await removeFile({ actor: s.teacher, fileId });
    }],
    ['the level picked up again by continuing the application', async (s, age) => {
      await withdrawFromMicroCredential({ actor: s.teacher, microCredentialId: s.cred.mc.id });
      await age();
      await startApplication({ actor: s.teacher, microCredentialId: s.cred.mc.id });
    }],
    ['the level picked up again by enrolling in its track', async (s, age) => {
      const track = await createIssuerTrack({ actor: s.cred.admin, issuerId: s.cred.issuer.id, def: trackDefinition('feedback-track', 'Feedback', [s.cred.mc.slug]) });
      await publishTrack({ actor: s.cred.admin, trackId: track.id });
      await withdrawFromMicroCredential({ actor: s.teacher, microCredentialId: s.cred.mc.id });
      await age();
      await enrollInTrack({ actor: s.teacher, trackId: track.id });
    }],
    ['the level picked up again by enrolling in a stack it is part of', async (s, age) => {
      const other = await publishNewCredential(s.cred.admin, s.cred.issuer.id, 'Questioning');
      const stack = await createStack({ actor: s.cred.admin, issuerId: s.cred.issuer.id, publish: true, def: { slug: 'feedback-stack', title: 'Feedback Stack', summary: 'Both parts.', microCredentials: [s.cred.mc.slug, other.slug] } });
      await withdrawFromMicroCredential({ actor: s.teacher, microCredentialId: s.cred.mc.id });
      await age();
      await enrollInStack({ actor: s.teacher, stackId: stack.id });
    }],
  ];

  it.each(work)('counts %s, and the draft leaves the walk until 30 days after it', async (_name, act) => {
    const cred = await createPublishedCredential();
    const teacher = await createActor();
    const attemptId = await openDraft(teacher, cred.mc.id);
    const s: Setting = {
      cred, teacher, attemptId,
      filesPart: cred.version.parts.find((p) => p.responseType === 'FILES')!.id,
      textPart: cred.version.parts.find((p) => p.responseType === 'TEXT')!.id,
    };
    // Another teacher's draft, untouched for 35 days: after this one in the walk's order.
    const other = await createActor();
    const otherAttempt = await openDraft(other, cred.mc.id);
    await ageApplication(otherAttempt, 35);

    await act(s, () => ageApplication(attemptId, 40));
    const done = new Date();
    // One window of one draft: the other teacher's, because the work took this draft out of the walk.
    expect(await sendStalledReminders(after(done, 5), 1, 1)).toEqual({ drafts: 1, revisions: 0 });
    expect((await reminders(DRAFT)).map((n) => n.userId)).toEqual([other.id]);
    expect(await sendStalledReminders(after(done, 29))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(done, 30, MINUTE))).toEqual({ drafts: 1, revisions: 0 });
    expect((await reminders(DRAFT)).map((n) => n.userId).sort()).toEqual([other.id, teacher.id].sort());
  });

  it('counts a question asked: about the feedback while revising, or about the credential, on a draft or on returned work', async () => {
    const w = await world();
    // Revising: the question is about the feedback on the attempt before the draft.
    const reviser = await createActor();
    const returned = await returnedWork(w, reviser);
    const { submissionId } = await db.attempt.findUniqueOrThrow({ where: { id: returned }, select: { submissionId: true } });
    const { attemptId: revision } = await startRevision({ actor: reviser, submissionId });
    await ageApplication(revision, 40);
    await askAboutFeedback({ actor: reviser, attemptId: returned, body: 'Which part of my reflection was too thin?' });
    // Writing a draft: the question is about the credential itself.
    const drafter = await createActor();
    const draft = await startDraft(w, drafter);
    await ageApplication(draft, 40);
    await askCredentialQuestion({ actor: drafter, microCredentialId: w.mc.id, body: 'May the student work be from last school year?' });
    // Work returned 40 days ago, not revised yet: a question about the credential too.
    const returnedTo = await createActor();
    await ageReturned(await returnedWork(w, returnedTo), 40);
    await askCredentialQuestion({ actor: returnedTo, microCredentialId: w.mc.id, body: 'Can a reflection be a video?' });
    const asked = new Date();

    expect(await sendStalledReminders(after(asked, 5))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(asked, 29))).toEqual({ drafts: 0, revisions: 0 });
    expect(await sendStalledReminders(after(asked, 30, MINUTE))).toEqual({ drafts: 2, revisions: 1 });
    const notes = await reminders(DRAFT);
    expect(notes.map((n) => n.userId).sort()).toEqual([reviser.id, drafter.id].sort());
    for (const n of notes) expect(n.body).toContain('You last worked on it 30 days ago.');
    expect(await reminders(REVISION)).toEqual([expect.objectContaining({ userId: returnedTo.id, body: expect.stringContaining('Your work came back for revision 70 days ago; you last worked on it 30 days ago.') })]);
  });

  it('does not count what the teacher did not do: an upload given up by the periodic sweep', async () => {
    const cred = await createPublishedCredential();
    const teacher = await createActor();
    const attemptId = await openDraft(teacher, cred.mc.id);
    const filesPart = cred.version.parts.find((p) => p.responseType === 'FILES')!.id;
    await ticket({ cred, teacher, attemptId, filesPart, textPart: '' });
    await ageApplication(attemptId, 40);
    // The upload they started 40 days ago is given up by the sweep today: not the teacher's work.
    expect(await sweepStaleUploads()).toBe(1);
    expect(await sendStalledReminders()).toEqual({ drafts: 1, revisions: 0 });
  });
});
