import 'server-only';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { DAY_MS } from '@/lib/dates';
import { plural } from '@/lib/plural';
import { notifyMany } from '@/lib/notifications/notify';
import { workInProgressSql } from '@/lib/submissions/work-in-progress';

// "Untouched" is read first from the attempt row's updatedAt, the column the walk's index is on.
// Every teacher action on the application moves it (recordTeacherWork: an answer or a link saved,
// an upload started, finished or refused, a file removed, the public summary, sending, picking a
// stopped level up again), and nobody else changes a draft's row: a reviewer's or an admin's work,
// or a job's, is not the teacher's. So a draft being worked on stays out of the walk's window, and
// work that leaves no row behind (a file removed, a level picked up) counts too. The mark then
// checks the times that work leaves elsewhere: answers and files (the attempt row moves at most
// hourly; their own times are exact), and questions, kept with their own times without moving the
// attempt row (about the feedback: FeedbackQuestion; about the credential: CredentialQuestion).

/** The periodic job that sends these reminders (lib/jobs/handlers.ts). */
export const STALLED_REMINDERS_JOB = 'submission.stalled-reminders';
/** How long an attempt that is the teacher's to act on sits untouched before they are reminded, once. */
export const STALLED_AFTER_DAYS = 30;
const BATCH = 100;
/**
 * How often, at most, the teacher's work moves the attempt row: answers are saved every few
 * seconds while they type, and each move of updatedAt rewrites the row and its index entries. The
 * answers' and files' own timestamps say the rest (markDrafts), so the hour only decides whether a
 * draft is read by the walk one run more.
 */
const WORK_RECORDED_EVERY_MS = 60 * 60_000;

/**
 * `draftReminderAt` of a draft that came due while it was not the teacher's to act on (they had
 * stopped working on the level, the credential was retired or taken back to a draft, the account
 * disabled): passed over, no reminder sent. Like a reminder it takes the draft out of
 * "Attempt_stalled_draft_idx", so later runs do not read it again and again; unlike one it is
 * cleared by the teacher's next work on the draft (recordTeacherWork; picking the level up again
 * is such work), and the 30 days start again from there. Made theirs again by someone else (an
 * issuer enrolling them, the credential published again) it stays passed over: a first reminder
 * about work left months before would come out of nowhere, as the migration that shipped this
 * already judged. Midnight, 1 January 1970: no reminder carries that date.
 */
export const PASSED_OVER = new Date(0);

export type StalledKind = 'draft' | 'revision';
type Cursor = { at: Date; id: string };
/** A stretch of the walk: the ids to look at, and where it ends. */
type WindowRow = { id: string; sortAt: Date; sortId: string };
/** An attempt marked as reminded (or, a draft, passed over), as the statement that marked it returns it. */
type Marked = {
  /** False for a draft passed over: nobody is told. */
  reminded: boolean;
  userId: string; emailNotifications: boolean; title: string; slug: string;
  /** When the teacher last worked on it: their last save, upload, send or question. */
  lastWorkedAt: Date;
  /** Returned work: when it came back to them. */
  returnedAt: Date | null;
};

/** The teacher's work that moves the attempt row: on which of their attempts (recordTeacherWork). */
export type TeacherWork =
  /** An answer, a link, a file added, finished, refused or removed, the draft sent: that draft. */
  | { attemptId: string }
  /** The application as a whole (its public summary): its latest attempt, a draft or returned work. */
  | { submissionId: string }
  /**
   * Levels picked up again (enrolling in a level, its track or a stack it is in, starting,
   * continuing or sending work on it): the latest attempt of the current application of each one
   * the teacher is not enrolled in now, that is, had stopped. Called before the enrolments are
   * locked: the attempt row comes first in every path's lock order (enrolAgain).
   */
  | { userId: string; pickedUp: string[] };

/**
 * SQL: the application `s` (its teacher `u`, credential `m`) is still one the teacher can act on: the
 * account is not disabled, the credential is still offered (published: not retired, not taken back
 * to a draft), and the teacher has not stopped working on it (workInProgressSql). Deleted accounts
 * take their applications with them.
 */
const stillTheirs = Prisma.sql`u."disabledAt" IS NULL
  AND m."status" = 'PUBLISHED'::"PublishStatus" AND m."currentVersionId" IS NOT NULL
  AND ${workInProgressSql('s')}`;

/** SQL: `a` is its application's latest attempt (an earlier one stays RETURNED after a revision starts). */
const latestAttempt = Prisma.sql`NOT EXISTS (SELECT 1 FROM "Attempt" later WHERE later."submissionId" = a."submissionId" AND later."number" > a."number")`;

/** The columns a marked attempt returns: who to tell, and the credential's title and address. */
const markedColumns = Prisma.sql`s."userId", u."emailNotifications", v."title", m."slug"`;
const markedJoins = Prisma.sql`"Submission" s, "User" u, "MicroCredential" m, "MicroCredentialVersion" v`;
const markedJoined = Prisma.sql`s."id" = a."submissionId" AND u."id" = s."userId" AND m."id" = s."microCredentialId" AND v."id" = s."versionId"`;

/**
 * Records that the teacher worked on their application now: moves the attempt's updatedAt (at
 * most once in WORK_RECORDED_EVERY_MS) and clears a draft's PASSED_OVER, so the 30 days start
 * again. Only for the teacher's own actions: a reviewer's, an admin's or a job's change is not work
 * on the application. Call it first in the transaction that writes the work, before
 * lockDraftAttempt: it may take the row's update lock, and two tabs' saves that each took the share
 * lock first and then asked for the update lock would deadlock. A submit holding the row is waited
 * for, and then the attempt is found sent and left as it is. Not the attempt's version: this is no
 * change of its state.
 */
export async function recordTeacherWork(client: Tx | typeof db, work: TeacherWork, now = new Date()): Promise<void> {
  if ('pickedUp' in work && !work.pickedUp.length) return;
  const which =
    'attemptId' in work
      ? Prisma.sql`a."id" = ${work.attemptId} AND a."status" = 'DRAFT'::"AttemptStatus"`
      : 'submissionId' in work
        ? Prisma.sql`a."submissionId" = ${work.submissionId} AND a."status" IN ('DRAFT'::"AttemptStatus", 'RETURNED'::"AttemptStatus") AND ${latestAttempt}`
        : Prisma.sql`a."status" IN ('DRAFT'::"AttemptStatus", 'RETURNED'::"AttemptStatus") AND ${latestAttempt}
            AND a."submissionId" IN (
              SELECT s."id" FROM "Submission" s
               WHERE s."userId" = ${work.userId} AND s."microCredentialId" = ANY(${work.pickedUp}::text[])
                 AND s."cycle" = (SELECT max(c."cycle") FROM "Submission" c WHERE c."userId" = s."userId" AND c."microCredentialId" = s."microCredentialId")
                 AND NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."userId" = s."userId" AND e."microCredentialId" = s."microCredentialId" AND e."withdrawnAt" IS NULL))`;
  const due = Prisma.sql`(a."updatedAt" < ${new Date(now.getTime() - WORK_RECORDED_EVERY_MS)} OR a."draftReminderAt" = ${PASSED_OVER})`;
  // Several levels picked up at once (a track, a stack): their attempts are locked in id order
  // first, so two tabs picking up overlapping levels take turns instead of each holding a row the
  // other waits for (one attempt at a time needs no such care).
  if ('pickedUp' in work) await client.$queryRaw`SELECT a."id" FROM "Attempt" a WHERE ${which} AND ${due} ORDER BY a."id" FOR NO KEY UPDATE`;
  await client.$executeRaw`
    UPDATE "Attempt" a SET "updatedAt" = ${now}, "draftReminderAt" = NULLIF(a."draftReminderAt", ${PASSED_OVER})
     WHERE ${which} AND ${due}`;
}

// Each kind is walked in two steps. The window reads one table on one index, in its order, so
// the plan cannot turn into reading every candidate and sorting them (the joins and NOT EXISTS
// below are beyond what the planner estimates well). The mark then takes the window's attempts
// that qualify, locks them (skipping rows another server, or a save under way, holds), re-checks
// every condition on the locked rows and marks them (a draft not the teacher's to act on, as passed
// over), in the transaction that writes the notifications: a read-then-write it is not, so two
// servers at once remind each attempt once.

/**
 * Drafts not yet reminded nor passed over whose attempt row has not changed since `cutoff`, on
 * "Attempt_stalled_draft_idx" (a draft leaves it once reminded, passed over or sent), oldest first.
 */
function draftWindow(cutoff: Date, after: Cursor | null, limit: number) {
  const resume = after ? Prisma.sql`AND (a."updatedAt", a."id") > (${after.at}, ${after.id})` : Prisma.empty;
  return Prisma.sql`
    SELECT a."id", a."updatedAt" AS "sortAt", a."id" AS "sortId" FROM "Attempt" a
     WHERE a."status" = 'DRAFT'::"AttemptStatus" AND a."draftReminderAt" IS NULL AND a."updatedAt" <= ${cutoff} ${resume}
     ORDER BY a."updatedAt", a."id"
     LIMIT ${limit}`;
}

/** SQL: the teacher of `s` asked its credential's issuer a question about it since `since`. */
const credentialQuestionSince = (since: Date) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "CredentialQuestion" cq WHERE cq."userId" = s."userId" AND cq."microCredentialId" = s."microCredentialId" AND cq."createdAt" > ${since})`;
/** SQL: when the teacher of `s` last asked its credential's issuer a question (null: never). */
const lastCredentialQuestion = Prisma.sql`(SELECT max(cq."createdAt") FROM "CredentialQuestion" cq WHERE cq."userId" = s."userId" AND cq."microCredentialId" = s."microCredentialId")`;

/**
 * Marks the drafts among `ids` untouched since `cutoff`: no change of the attempt row (which the
 * teacher's work moves, recordTeacherWork) or of the application's, no answer saved
 * (PartResponse.updatedAt), no file added or finished uploading, no question asked about the
 * feedback on an earlier attempt (the teacher revising) or about the credential. Those still the
 * teacher's to act on are reminded; the others are passed over (PASSED_OVER), so the walk does
 * not read them again until the teacher works on them. A draft with work since `cutoff` is left
 * as it is: its turn comes 30 days after that work.
 */
function markDrafts(now: Date, cutoff: Date, ids: string[]) {
  return Prisma.sql`
    WITH due AS (
      SELECT a."id", (s."status" = 'DRAFT'::"SubmissionStatus" AND ${latestAttempt} AND ${stillTheirs}) AS "theirs"
        FROM "Attempt" a
        JOIN "Submission" s ON s."id" = a."submissionId"
        JOIN "User" u ON u."id" = s."userId"
        JOIN "MicroCredential" m ON m."id" = s."microCredentialId"
       WHERE a."id" = ANY(${ids}::text[])
         AND a."status" = 'DRAFT'::"AttemptStatus" AND a."draftReminderAt" IS NULL AND a."updatedAt" <= ${cutoff}
         AND s."updatedAt" <= ${cutoff}
         AND NOT EXISTS (SELECT 1 FROM "PartResponse" r WHERE r."attemptId" = a."id" AND r."updatedAt" > ${cutoff})
         AND NOT EXISTS (SELECT 1 FROM "EvidenceFile" f WHERE f."attemptId" = a."id" AND (f."createdAt" > ${cutoff} OR f."verifiedAt" > ${cutoff}))
         AND NOT EXISTS (
           SELECT 1 FROM "Attempt" p JOIN "FeedbackQuestion" q ON q."attemptId" = p."id"
            WHERE p."submissionId" = a."submissionId" AND q."createdAt" > ${cutoff})
         AND NOT ${credentialQuestionSince(cutoff)}
         FOR UPDATE OF a SKIP LOCKED)
    UPDATE "Attempt" a SET "draftReminderAt" = CASE WHEN d."theirs" THEN ${now}::timestamp(3) ELSE ${PASSED_OVER}::timestamp(3) END
      FROM due d, ${markedJoins}
     WHERE a."id" = d."id" AND a."draftReminderAt" IS NULL AND ${markedJoined}
    RETURNING d."theirs" AS "reminded", ${markedColumns},
      GREATEST(a."updatedAt", s."updatedAt",
        (SELECT max(r."updatedAt") FROM "PartResponse" r WHERE r."attemptId" = a."id"),
        (SELECT max(GREATEST(f."createdAt", f."verifiedAt")) FROM "EvidenceFile" f WHERE f."attemptId" = a."id"),
        (SELECT max(q."createdAt") FROM "Attempt" p JOIN "FeedbackQuestion" q ON q."attemptId" = p."id" WHERE p."submissionId" = a."submissionId"),
        ${lastCredentialQuestion}) AS "lastWorkedAt",
      NULL::timestamp AS "returnedAt"`;
}

/**
 * Applications waiting for a revision, sent before `cutoff` (work comes back after it was sent, so
 * one untouched since `cutoff` was sent before it), on "Submission_status_lastSubmittedAt_idx",
 * oldest first: the window is of applications, not attempts, because an attempt stays RETURNED
 * after its revision starts while its application leaves NEEDS_REVISION.
 */
function returnedWindow(cutoff: Date, after: Cursor | null, limit: number) {
  const resume = after ? Prisma.sql`AND s."lastSubmittedAt" >= ${after.at} AND (s."lastSubmittedAt", s."id") > (${after.at}, ${after.id})` : Prisma.empty;
  return Prisma.sql`
    SELECT s."id", s."lastSubmittedAt" AS "sortAt", s."id" AS "sortId" FROM "Submission" s
     WHERE s."status" = 'NEEDS_REVISION'::"SubmissionStatus" AND s."lastSubmittedAt" <= ${cutoff} ${resume}
     ORDER BY s."lastSubmittedAt", s."id"
     LIMIT ${limit}`;
}

/**
 * Marks the returned attempts of the applications `ids` untouched since `cutoff`: their latest
 * attempt, RETURNED, not reminded yet, no change of the attempt row since (the decision, or the
 * teacher's work: picking the level up again, recordTeacherWork), no question about the feedback
 * asked or answered since, nor about the credential asked, and still the teacher's to act on. Not
 * while a question about the decision on show waits for the issuer's reply: the next move is the
 * issuer's.
 */
function markReturned(now: Date, cutoff: Date, ids: string[]) {
  return Prisma.sql`
    WITH picked AS (
      SELECT a."id" FROM "Submission" s
        JOIN "Attempt" a ON a."submissionId" = s."id"
        JOIN "User" u ON u."id" = s."userId"
        JOIN "MicroCredential" m ON m."id" = s."microCredentialId"
       WHERE s."id" = ANY(${ids}::text[])
         AND s."status" = 'NEEDS_REVISION'::"SubmissionStatus" AND s."updatedAt" <= ${cutoff}
         AND a."status" = 'RETURNED'::"AttemptStatus" AND a."revisionReminderAt" IS NULL
         AND a."updatedAt" <= ${cutoff} AND (a."decidedAt" IS NULL OR a."decidedAt" <= ${cutoff})
         AND NOT EXISTS (
           SELECT 1 FROM "FeedbackQuestion" q
            WHERE q."attemptId" = a."id"
              AND (q."createdAt" > ${cutoff} OR q."answeredAt" > ${cutoff}
                   OR (q."answeredAt" IS NULL AND q."aboutSecondLook" = (a."secondLookRequestedAt" IS NOT NULL))))
         AND NOT ${credentialQuestionSince(cutoff)}
         AND ${latestAttempt}
         AND ${stillTheirs}
         FOR UPDATE OF a SKIP LOCKED)
    UPDATE "Attempt" a SET "revisionReminderAt" = ${now}
      FROM picked p, ${markedJoins}
     WHERE a."id" = p."id" AND a."revisionReminderAt" IS NULL AND ${markedJoined}
    RETURNING TRUE AS "reminded", ${markedColumns},
      GREATEST(a."submittedAt", (SELECT max(q."createdAt") FROM "FeedbackQuestion" q WHERE q."attemptId" = a."id"), ${lastCredentialQuestion}) AS "lastWorkedAt",
      COALESCE(a."decidedAt", a."updatedAt") AS "returnedAt"`;
}

const STOP_HINT =
  'If you no longer want this credential, choose “Stop working on this micro-credential” on its page (linked at the top of your application). Your work is kept in case you change your mind.';

const daysSince = (at: Date, now: Date) => plural(Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS)), 'day');

/** The reminder's words: the credential's title, how long since the teacher worked on it, and how to stop. */
export function stalledReminderMessage(kind: StalledKind, r: { title: string; slug: string; lastWorkedAt: Date; returnedAt: Date | null }, now: Date) {
  const href = `/apply/${r.slug}`;
  if (kind === 'draft') {
    return {
      kind: 'submission.stalled-draft',
      title: `Your application for “${r.title}” is waiting for you`,
      body: `You last worked on it ${daysSince(r.lastWorkedAt, now)} ago. Everything you saved is still there, so you can pick up where you left off. ${STOP_HINT} This is the only reminder we send about this draft.`,
      href,
    };
  }
  return {
    kind: 'submission.stalled-revision',
    title: `The reviewer’s feedback on “${r.title}” is waiting for you`,
    body: `Your work came back for revision ${daysSince(r.returnedAt ?? r.lastWorkedAt, now)} ago; you last worked on it ${daysSince(r.lastWorkedAt, now)} ago. Read the feedback, then start your revision: your answers carry over, so nothing needs retyping. ${STOP_HINT} This is the only reminder we send about this feedback.`,
    href,
  };
}

const walks = {
  draft: { window: draftWindow, mark: markDrafts },
  revision: { window: returnedWindow, mark: markReturned },
} as const;

/**
 * Periodic ('submission.stalled-reminders'): one gentle reminder per attempt and state when it has
 * sat untouched for STALLED_AFTER_DAYS while it is the teacher's to act on: a draft they are writing
 * (`drafts`), or work returned to them for revision (`revisions`). In the app, and by email when
 * their setting allows it (the email job checks the setting again when it sends). Each kind is
 * walked once per run from the oldest, a window of `batch` at a time. A draft due but not the
 * teacher's to act on is marked passed over and not read again until they work on it; one with
 * work since the cutoff that left the attempt row as it was (a question, answers saved within the
 * hour after the row last moved) is read again by later runs, until 30 days after that work.
 * Returned work is walked on its applications, so what is passed over there (stopped, or already
 * reminded) is read once per run, not once per batch. `maxBatches`: windows per kind in this run
 * (the query-plan check reads one).
 */
export async function sendStalledReminders(now = new Date(), batch = BATCH, maxBatches = Infinity): Promise<{ drafts: number; revisions: number }> {
  const cutoff = new Date(now.getTime() - STALLED_AFTER_DAYS * DAY_MS);
  const sent = { drafts: 0, revisions: 0 };
  for (const kind of ['draft', 'revision'] as const) {
    const walk = walks[kind];
    let after: Cursor | null = null;
    for (let n = 0; n < maxBatches; n++) {
      const window: WindowRow[] = await db.$queryRaw<WindowRow[]>(walk.window(cutoff, after, batch));
      if (!window.length) break;
      const marked = await db.$transaction(async (tx) => {
        const rows = (await tx.$queryRaw<Marked[]>(walk.mark(now, cutoff, window.map((w) => w.id)))).filter((r) => r.reminded);
        for (const r of rows) {
          const { kind: noticeKind, ...message } = stalledReminderMessage(kind, r, now);
          await notifyMany([{ userId: r.userId, emailNotifications: r.emailNotifications }], { kind: noticeKind, ...message }, tx);
        }
        return rows.length;
      });
      if (kind === 'draft') sent.drafts += marked;
      else sent.revisions += marked;
      if (window.length < batch) break;
      const last: WindowRow = window[window.length - 1];
      after = { at: last.sortAt, id: last.sortId };
    }
  }
  return sent;
}
