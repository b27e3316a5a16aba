import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { DAY_MS } from '@/lib/dates';
import { plural } from '@/lib/plural';
import { notifyMany } from '@/lib/notifications/notify';
import { workInProgressSql } from '@/lib/submissions/work-in-progress';

/** The periodic job that sends these reminders (lib/jobs/handlers.ts). */
export const STALLED_REMINDERS_JOB = 'submission.stalled-reminders';
/** How long an attempt that is the teacher's to act on sits untouched before they are reminded, once. */
export const STALLED_AFTER_DAYS = 30;
const BATCH = 100;

export type StalledKind = 'draft' | 'revision';
type Cursor = { at: Date; id: string };
/** A stretch of the walk: the ids to look at, and where it ends. */
type WindowRow = { id: string; sortAt: Date; sortId: string };
/** An attempt marked as reminded, as the statement that marked it returns it. */
type Marked = {
  userId: string; emailNotifications: boolean; title: string; slug: string;
  /** When the teacher last worked on it: their last save, upload, send or question. */
  lastWorkedAt: Date;
  /** Returned work: when it came back to them. */
  returnedAt: Date | null;
};

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

// Each kind is walked in two steps. The window reads one table on one index, in its order, so
// the plan cannot turn into reading every candidate and sorting them (the joins and NOT EXISTS
// below are beyond what the planner estimates well). The mark then takes the window's attempts
// that qualify, locks them (skipping rows another server, or a save under way, holds), re-checks
// every condition on the locked rows and marks them, in the transaction that writes the
// notifications: a read-then-write it is not, so two servers at once remind each attempt once.

/**
 * Drafts not yet reminded whose attempt row has not changed since `cutoff`, on
 * "Attempt_stalled_draft_idx" (a draft leaves it once reminded or sent), oldest first.
 */
function draftWindow(cutoff: Date, after: Cursor | null, limit: number) {
  const resume = after ? Prisma.sql`AND (a."updatedAt", a."id") > (${after.at}, ${after.id})` : Prisma.empty;
  return Prisma.sql`
    SELECT a."id", a."updatedAt" AS "sortAt", a."id" AS "sortId" FROM "Attempt" a
     WHERE a."status" = 'DRAFT'::"AttemptStatus" AND a."draftReminderAt" IS NULL AND a."updatedAt" <= ${cutoff} ${resume}
     ORDER BY a."updatedAt", a."id"
     LIMIT ${limit}`;
}

/**
 * Marks the drafts among `ids` untouched since `cutoff`: no status change (the attempt's and the
 * application's updatedAt), no answer saved (PartResponse.updatedAt), no file added or finished
 * uploading, and still the teacher's to act on.
 */
function markDrafts(now: Date, cutoff: Date, ids: string[]) {
  return Prisma.sql`
    WITH picked AS (
      SELECT a."id" FROM "Attempt" a
        JOIN "Submission" s ON s."id" = a."submissionId"
        JOIN "User" u ON u."id" = s."userId"
        JOIN "MicroCredential" m ON m."id" = s."microCredentialId"
       WHERE a."id" = ANY(${ids}::text[])
         AND a."status" = 'DRAFT'::"AttemptStatus" AND a."draftReminderAt" IS NULL AND a."updatedAt" <= ${cutoff}
         AND s."status" = 'DRAFT'::"SubmissionStatus" AND s."updatedAt" <= ${cutoff}
         AND NOT EXISTS (SELECT 1 FROM "PartResponse" r WHERE r."attemptId" = a."id" AND r."updatedAt" > ${cutoff})
         AND NOT EXISTS (SELECT 1 FROM "EvidenceFile" f WHERE f."attemptId" = a."id" AND (f."createdAt" > ${cutoff} OR f."verifiedAt" > ${cutoff}))
         AND ${latestAttempt}
         AND ${stillTheirs}
         FOR UPDATE OF a SKIP LOCKED)
    UPDATE "Attempt" a SET "draftReminderAt" = ${now}
      FROM picked p, ${markedJoins}
     WHERE a."id" = p."id" AND a."draftReminderAt" IS NULL AND ${markedJoined}
    RETURNING ${markedColumns},
      GREATEST(a."updatedAt", s."updatedAt",
        (SELECT max(r."updatedAt") FROM "PartResponse" r WHERE r."attemptId" = a."id"),
        (SELECT max(GREATEST(f."createdAt", f."verifiedAt")) FROM "EvidenceFile" f WHERE f."attemptId" = a."id")) AS "lastWorkedAt",
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
 * attempt, RETURNED, not reminded yet, no status change since, no question about the feedback
 * asked or answered since, and still the teacher's to act on. Not while a question about the
 * decision on show waits for the issuer's reply: the next move is the issuer's.
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
         AND ${latestAttempt}
         AND ${stillTheirs}
         FOR UPDATE OF a SKIP LOCKED)
    UPDATE "Attempt" a SET "revisionReminderAt" = ${now}
      FROM picked p, ${markedJoins}
     WHERE a."id" = p."id" AND a."revisionReminderAt" IS NULL AND ${markedJoined}
    RETURNING ${markedColumns},
      GREATEST(a."submittedAt", (SELECT max(q."createdAt") FROM "FeedbackQuestion" q WHERE q."attemptId" = a."id")) AS "lastWorkedAt",
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
 * walked once per run from the oldest, a window of `batch` at a time, so what is passed over (work
 * still going on, stopped, or already reminded) is read once per run, not once per batch.
 * `maxBatches`: windows per kind in this run (the query-plan check reads one).
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
        const rows = await tx.$queryRaw<Marked[]>(walk.mark(now, cutoff, window.map((w) => w.id)));
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
