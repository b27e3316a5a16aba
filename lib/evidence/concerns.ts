import 'server-only';
import { db, type Tx } from '@/lib/db';
import { conflict, forbidden, invalidState, isUniqueViolation, notFound, rateLimited } from '@/lib/errors';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { hitRateLimit, releaseRateLimit } from '@/lib/rate-limit';
import { recordAudit } from '@/lib/audit/log';
import { notify, notifyIssuerAdmins, stillReviewingFor } from '@/lib/notifications/notify';
import { canViewAttemptEvidence } from '@/lib/evidence/access';
import { PART_ORDER, showsOriginalFileNames } from '@/lib/evidence/neutral-names';
import { CONCERN_REASON_LABELS } from '@/lib/evidence/schemas';
import { conflictOfInterest, reviewsFor, teacherConflictSelect, teacherRef, type TeacherPlacementRow } from '@/lib/review/policy';
import type { EvidenceConcernOutcome, EvidenceConcernReason } from '@/lib/generated/prisma/enums';
import * as storage from '@/lib/storage/s3';
import { enqueueJob } from '@/lib/jobs/queue';

// Safeguarding. A reviewer who sees a problem in the evidence they score (a student who can be
// identified without their family's consent, students' personal information, work that is not the
// teacher's own) reports it; the issuer's admins read it on the application record and either
// remove the file or close the concern with a note. A removed file's object is deleted from storage;
// its row stays as a tombstone (status REMOVED, removedAt, removedById, removedReason) that the
// teacher and the attempt's reviewers see in place of the file, and that is never signed for.

/** Concerns one reviewer may report in an hour (each one tells every admin of the issuer). */
export const CONCERNS_PER_HOUR = 10;

export const ALREADY_REPORTED = 'You have already reported a concern about this, and the issuer’s admins are looking at it. Reload the page to see it.';
export const ALREADY_REMOVED = 'This file has already been removed. Reload the page to see it.';
export const ALREADY_RESOLVED = 'Another admin has already dealt with this concern. Reload the page to see what they did.';
/** Appended to the admin's confirmation when storage could not be reached: the removal stands. */
export const REMOVAL_STORAGE_LATER = 'File storage did not answer just now, so the stored copy will be deleted automatically within a few minutes. Nobody can open the file in the meantime.';
export const RULING_CONFLICT = 'You have a conflict of interest with this teacher (your own work, a colleague’s at your school, or a district this issuer keeps apart), so another admin of the issuer decides on concerns about it.';
const REPORT_CLAIM_ENDED = 'Your claim on this work has ended, so you can no longer report on its evidence here. If it is urgent, tell an admin of the issuer.';

/** The issuer's name and its conflict-of-interest rules. */
const issuerRuleSelect = { name: true, blockSameDistrict: true } as const;

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });


// ───────────────────────────── Reporting (reviewers) ─────────────────────────────

/**
 * The review's reviewer reports a concern about one file of the attempt (`fileId`) or the whole
 * attempt (`fileId` null). Whoever may open the review page and its evidence may report: the
 * review's own reviewer, still reviewing for the issuer, while the review is claimed or submitted
 * (canViewAttemptEvidence); anyone else's review looks missing. One open concern per reviewer and
 * file (or attempt): a double submit is refused with a plain message (also by the partial unique
 * index "EvidenceConcern_one_open"). The issuer's admins are told without the teacher's name (blind
 * review) and without the note (it may describe students; it stays in the app).
 */
export async function reportEvidenceConcern(opts: { actor: Actor; reviewId: string; fileId: string | null; reason: EvidenceConcernReason; note: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const review = await db.review.findUnique({
    where: { id: opts.reviewId },
    select: {
      id: true, reviewerId: true, status: true,
      attempt: {
        select: {
          id: true, number: true, status: true,
          submission: { select: { id: true, userId: true, user: { select: teacherConflictSelect }, version: { select: { title: true } }, microCredential: { select: { issuerId: true, issuer: { select: issuerRuleSelect } } } } },
        },
      },
    },
  });
  const issuerId = review?.attempt.submission.microCredential.issuerId;
  // As getReviewWorkspace: someone else's review, or one whose reviewer no longer reviews for the issuer, is not there.
  if (!review || !issuerId || review.reviewerId !== opts.actor.id || !reviewsFor(opts.actor, issuerId)) throw notFound('That review');
  const { attempt } = review;
  if (attempt.status === 'DRAFT') throw invalidState('The teacher took this work back to edit it, so there is no evidence to report on now.');
  const mayView = (review.status === 'CLAIMED' || review.status === 'SUBMITTED') && (await canViewAttemptEvidence(opts.actor, { id: attempt.id, ownerId: attempt.submission.userId, issuerId, status: attempt.status }));
  if (!mayView) throw forbidden(REPORT_CLAIM_ENDED);
  if (opts.fileId) {
    const file = await db.evidenceFile.findFirst({ where: { id: opts.fileId, attemptId: attempt.id }, select: { status: true } });
    if (!file || (file.status !== 'UPLOADED' && file.status !== 'REMOVED')) throw notFound('That file');
    if (file.status === 'REMOVED') throw conflict('The issuer has already removed this file.');
  }
  const open = await db.evidenceConcern.count({ where: { attemptId: attempt.id, reporterId: opts.actor.id, fileId: opts.fileId, resolvedAt: null } });
  if (open) throw conflict(ALREADY_REPORTED);
  const limitKey = `evidence-concern:user:${opts.actor.id}`;
  const limit = await hitRateLimit(limitKey, CONCERNS_PER_HOUR, 60 * 60);
  if (!limit.allowed) throw rateLimited('You have reported several concerns in the last hour. If more need reporting now, tell an admin of the issuer directly.');
  try {
    return await db.$transaction(async (tx) => {
      const concern = await tx.evidenceConcern.create({
        data: { attemptId: attempt.id, fileId: opts.fileId, reporterId: opts.actor.id, reason: opts.reason, note: opts.note, createdAt: now },
        select: { id: true },
      });
      await recordAudit(
        {
          actorId: opts.actor.id, action: 'evidence.concern-report', entityType: 'Submission', entityId: attempt.submission.id, organizationId: issuerId,
          // Not the note: it may describe students.
          data: { concernId: concern.id, attemptId: attempt.id, number: attempt.number, fileId: opts.fileId, reason: opts.reason },
        },
        tx,
      );
      await notifyIssuerAdmins(tx, issuerId, {
        kind: 'evidence.concern',
        // Not the teacher's name: an admin may be scoring this work under blind review.
        title: `A reviewer reported a concern about evidence for “${attempt.submission.version.title}”`,
        body: `${CONCERN_REASON_LABELS[opts.reason]}: ${opts.fileId ? 'one file in' : 'all of'} attempt ${attempt.number}. Read it on the application record, where you can remove the file or close the concern.`,
        href: `/admin/submissions/${attempt.submission.id}#concern-${concern.id}`,
      }, {
        // Only the admins who may rule on it (assertMayRule): never the teacher whose work it is
        // about (an admin may apply too), nor a colleague at their school or one the issuer keeps apart.
        teacher: teacherRef(attempt.submission.user), rules: attempt.submission.microCredential.issuer, actorId: opts.actor.id,
      });
      return { concernId: concern.id, submissionId: attempt.submission.id };
    });
  } catch (e) {
    // Two clicks or two tabs at once: the partial unique index lets one win; the other's hit is given back.
    if (isUniqueViolation(e)) {
      await releaseRateLimit(limitKey);
      throw conflict(ALREADY_REPORTED);
    }
    throw e;
  }
}

export type RemovedFileLine = { id: string; partId: string; label: string; removedAt: Date; reason: string };

/**
 * What a removed file is called for this viewer: the teacher's own name when they may see it
 * (showsOriginalFileNames), else its part ("A file in Part 2"): neutral names count only the files
 * still there, so a removed one has none.
 */
function removedLabel(file: { fileName: string; partId: string }, original: boolean, partNumber: Map<string, number>) {
  if (original) return file.fileName;
  const n = partNumber.get(file.partId);
  return n ? `A file in Part ${n}` : 'A file';
}

async function partNumbersOf(versionId: string) {
  const parts = await db.submissionPart.findMany({ where: { versionId }, orderBy: PART_ORDER, select: { id: true } });
  return new Map(parts.map((p, i) => [p.id, i + 1]));
}

/**
 * For the review page: whether this reviewer may report on the attempt now, the concerns they have
 * reported about it, and its removed files (tombstones, named for them). Null where the review page
 * itself shows nothing (someone else's review).
 */
export async function getReviewConcerns(opts: { actor: Actor; reviewId: string }) {
  const review = await db.review.findUnique({
    where: { id: opts.reviewId },
    select: {
      reviewerId: true, status: true,
      attempt: { select: { id: true, status: true, submission: { select: { userId: true, versionId: true, microCredential: { select: { issuerId: true, issuer: { select: { blindReview: true } } } } } } } },
    },
  });
  if (!review || review.reviewerId !== opts.actor.id || !reviewsFor(opts.actor, review.attempt.submission.microCredential.issuerId)) return null;
  const { attempt } = review;
  const { submission } = attempt;
  const [mine, removed, partNumber] = await Promise.all([
    db.evidenceConcern.findMany({
      where: { attemptId: attempt.id, reporterId: opts.actor.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 50,
      select: { id: true, fileId: true, reason: true, createdAt: true, resolvedAt: true, outcome: true },
    }),
    db.evidenceFile.findMany({ where: { attemptId: attempt.id, status: 'REMOVED' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, partId: true, fileName: true, removedAt: true, removedReason: true, ownerId: true } }),
    partNumbersOf(submission.versionId),
  ]);
  const original = showsOriginalFileNames(submission.microCredential.issuer, opts.actor.id, submission.userId);
  return {
    canReport: attempt.status !== 'DRAFT' && (review.status === 'CLAIMED' || review.status === 'SUBMITTED'),
    mine,
    removed: removed.map((f): RemovedFileLine => ({ id: f.id, partId: f.partId, label: removedLabel(f, original, partNumber), removedAt: f.removedAt!, reason: f.removedReason ?? '' })),
  };
}

// ───────────────────────────── The application record (issuer admins) ─────────────────────────────

export type RecordConcern = {
  id: string; attemptId: string; fileId: string | null; reason: EvidenceConcernReason; note: string; reportedAt: Date; reporter: string;
  resolvedAt: Date | null; resolvedBy: string | null; outcome: EvidenceConcernOutcome | null; resolution: string | null;
};
export type RecordRemovedFile = RemovedFileLine & { attemptId: string; removedBy: string | null };

/**
 * The concerns about these attempts and their removed files, for the application record. The caller
 * has checked that the viewer is an admin of the issuer (getSubmissionRecord); `original`: whether
 * they see the teacher's file names (not while scoring the work under blind review, nor where the
 * evidence is withheld from them for a conflict of interest).
 */
export async function loadRecordConcerns(opts: { attemptIds: string[]; versionId: string; original: boolean }): Promise<{ concerns: RecordConcern[]; removed: RecordRemovedFile[] }> {
  if (!opts.attemptIds.length) return { concerns: [], removed: [] };
  const [concerns, removed, partNumber] = await Promise.all([
    db.evidenceConcern.findMany({
      where: { attemptId: { in: opts.attemptIds } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 200,
      select: {
        id: true, attemptId: true, fileId: true, reason: true, note: true, createdAt: true, resolvedAt: true, outcome: true, resolution: true,
        reporter: { select: { name: true } }, resolvedBy: { select: { name: true } },
      },
    }),
    db.evidenceFile.findMany({
      where: { attemptId: { in: opts.attemptIds }, status: 'REMOVED' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, attemptId: true, partId: true, fileName: true, removedAt: true, removedReason: true, removedBy: { select: { name: true } } },
    }),
    partNumbersOf(opts.versionId),
  ]);
  return {
    concerns: concerns.map((c) => ({
      id: c.id, attemptId: c.attemptId, fileId: c.fileId, reason: c.reason, note: c.note, reportedAt: c.createdAt, reporter: c.reporter.name,
      resolvedAt: c.resolvedAt, resolvedBy: c.resolvedBy?.name ?? null, outcome: c.outcome, resolution: c.resolution,
    })),
    removed: removed.map((f) => ({
      id: f.id, attemptId: f.attemptId, partId: f.partId, label: removedLabel(f, opts.original, partNumber), removedAt: f.removedAt!, reason: f.removedReason ?? '', removedBy: f.removedBy?.name ?? null,
    })),
  };
}

// ───────────────────────────── Deciding (issuer admins) ─────────────────────────────

/**
 * Only an admin of the credential's issuer, and not one with a conflict of interest with the
 * teacher (as for asking for a second look: one who could not review the work does not rule on it
 * either). Anyone else finds nothing.
 */
function assertMayRule(actor: Actor, issuerId: string, teacher: TeacherPlacementRow, issuer: { blockSameDistrict: boolean }, what: string) {
  if (!isIssuerAdmin(actor, issuerId)) throw notFound(what);
  const refusal = concernRulingRefusal(actor, teacher, issuer);
  if (refusal) throw forbidden(refusal);
}

/** Whether this admin may decide on concerns about this teacher's work (for the record page); the reason when not. */
export function concernRulingRefusal(actor: Actor, teacher: TeacherPlacementRow, issuer: { blockSameDistrict: boolean }): string | null {
  return conflictOfInterest(actor, teacherRef(teacher), issuer) ? RULING_CONFLICT : null;
}

/** What the teacher can do next about a removed file, by where the application stands. */
function nextStepFor(state: { status: string; draftCopy: { carriedOver: boolean } | null }): string {
  if (state.draftCopy) {
    return state.draftCopy.carriedOver
      ? 'It was in a part that already passed, which your revision keeps as it was, so it needs no replacement.'
      : 'You can upload a replacement in the revision you have started.';
  }
  if (state.status === 'SUBMITTED') return 'The reviewers will decide without it. If you are asked to revise, you can upload a replacement then.';
  if (state.status === 'RETURNED') return 'When you start your revision, you can upload a replacement.';
  return 'This does not change the decision on that attempt.';
}

/**
 * Tells each reviewer whose concern was just resolved what became of it, without the teacher's name
 * (they may be scoring under blind review) and without the admin's note on closing (it may discuss
 * students; it stays on the issuer's record). The link is the reporter's review of that attempt,
 * where the concern's status shows. An admin who resolves their own report is not told, nor a
 * reporter who no longer reviews for the issuer (that review page no longer opens for them).
 */
async function tellReporters(tx: Tx, concerns: { id: string; reporterId: string; attemptId: string; fileId: string | null }[], opts: { issuerId: string; resolverId: string; outcome: EvidenceConcernOutcome; title: string; number: number }) {
  const reviewing = await stillReviewingFor(concerns.map((c) => c.reporterId), opts.issuerId, tx);
  for (const c of concerns) {
    if (c.reporterId === opts.resolverId || !reviewing.has(c.reporterId)) continue;
    const review = await tx.review.findFirst({ where: { attemptId: c.attemptId, reviewerId: c.reporterId }, orderBy: { createdAt: 'desc' }, select: { id: true } });
    const what = c.fileId ? 'a file' : 'the evidence';
    await notify(
      {
        userId: c.reporterId, kind: 'evidence.concern-resolved',
        title: opts.outcome === 'FILE_REMOVED' ? `The issuer removed ${what} you reported for “${opts.title}”` : `The issuer looked into your concern about evidence for “${opts.title}”`,
        body: opts.outcome === 'FILE_REMOVED'
          ? `You reported a concern about ${what} in attempt ${opts.number}. An admin of the issuer removed the file, and the teacher has been told why. Thank you for raising it.`
          : `You reported a concern about ${what} in attempt ${opts.number}. An admin of the issuer looked into it and kept the evidence; their note is on the issuer’s record. Thank you for raising it.`,
        href: review ? `/review/${review.id}` : undefined,
      },
      tx,
    );
  }
}

/**
 * An issuer admin removes a file a concern is about (for a concern about the whole attempt, a file of
 * that attempt they choose), with a reason the teacher reads. In one transaction, with the file's
 * rows locked (a second admin at the same moment waits, then is told it is done):
 * - every row holding the object (the file carried into a revision shares it) becomes a tombstone:
 *   status REMOVED, removedAt, removedById, removedReason;
 * - the file's open concerns (and the one acted on) are resolved as FILE_REMOVED;
 * - the audit log records it; the teacher is told what was removed, why, and what they can do;
 * - a job deleting the object from storage is queued in the same transaction.
 * After the commit the object is deleted at once; if storage cannot be reached, the removal still
 * stands (the file is never signed again, so nobody can open it) and the queued job deletes the
 * object when storage answers, retrying. No database transaction waits on a storage call.
 * The rows are updated by storage key, not by the ids read under the lock: a revision started at the
 * same moment copies the attempt's files under a share lock (startRevision), so its copies either
 * are read after this commits (and skip the removed file) or are committed before this update runs
 * (and are removed with the original).
 */
export async function removeEvidenceFile(opts: { actor: Actor; fileId: string; reason: string; concernId?: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const file = await db.evidenceFile.findUnique({
    where: { id: opts.fileId },
    select: {
      id: true, status: true, storageKey: true, fileName: true, attemptId: true,
      attempt: {
        select: {
          id: true, number: true, status: true,
          submission: {
            select: {
              id: true, cycle: true, user: { select: teacherConflictSelect },
              version: { select: { title: true } },
              microCredential: { select: { slug: true, issuerId: true, issuer: { select: issuerRuleSelect } } },
            },
          },
        },
      },
    },
  });
  // A draft's files are the teacher's alone (lib/evidence/access.ts): not the issuer's to remove.
  if (!file || file.attempt.status === 'DRAFT') throw notFound('That file');
  const { attempt } = file;
  const { submission } = attempt;
  const mc = submission.microCredential;
  assertMayRule(opts.actor, mc.issuerId, submission.user, mc.issuer, 'That file');
  if (file.status === 'REMOVED') throw conflict(ALREADY_REMOVED);
  if (file.status !== 'UPLOADED') throw notFound('That file');
  if (opts.concernId) {
    const concern = await db.evidenceConcern.findUnique({ where: { id: opts.concernId }, select: { attemptId: true, fileId: true, resolvedAt: true } });
    // The concern must be about this file, or about the attempt the file is in.
    if (!concern || concern.attemptId !== file.attemptId || (concern.fileId !== null && concern.fileId !== file.id)) throw notFound('That concern');
    if (concern.resolvedAt) throw conflict(ALREADY_RESOLVED);
  }

  const result = await db.$transaction(async (tx) => {
    // Every row holding the object, locked: a second removal waits here, then finds them removed.
    const holders = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT "id", "status"::text AS "status" FROM "EvidenceFile" WHERE "storageKey" = ${file.storageKey} ORDER BY "id" FOR UPDATE`;
    if (holders.find((h) => h.id === file.id)?.status !== 'UPLOADED') throw conflict(ALREADY_REMOVED);
    // By key, in a statement of its own: it also sees a revision's copy committed while we waited.
    const ids = (
      await tx.$queryRaw<{ id: string }[]>`
        UPDATE "EvidenceFile" SET "status" = 'REMOVED', "removedAt" = ${now}, "removedById" = ${opts.actor.id}, "removedReason" = ${opts.reason}
        WHERE "storageKey" = ${file.storageKey} AND "status" = 'UPLOADED' RETURNING "id"`
    ).map((r) => r.id);
    // Resolved and read back in one statement: a concern another admin closes at this moment is
    // either closed by them (and skipped here) or resolved here, never told both outcomes.
    const concerns = await tx.$queryRaw<{ id: string; reporterId: string; attemptId: string; fileId: string | null }[]>`
      UPDATE "EvidenceConcern"
         SET "resolvedAt" = ${now}, "resolvedById" = ${opts.actor.id}, "outcome" = 'FILE_REMOVED', "resolution" = ${opts.reason}
       WHERE "resolvedAt" IS NULL AND ("fileId" = ANY(${ids}::text[]) OR "id" = ${opts.concernId ?? null})
      RETURNING "id", "reporterId", "attemptId", "fileId"`;
    const resolved = { count: concerns.length };
    await tellReporters(tx, concerns, { issuerId: mc.issuerId, resolverId: opts.actor.id, outcome: 'FILE_REMOVED', title: submission.version.title, number: attempt.number });
    await recordAudit(
      {
        actorId: opts.actor.id, action: 'evidence.file-remove', entityType: 'Submission', entityId: submission.id, organizationId: mc.issuerId,
        data: { fileId: file.id, attemptId: attempt.id, number: attempt.number, rows: ids.length, concernsResolved: resolved.count, reason: opts.reason },
      },
      tx,
    );
    // A revision already under way holds a copy of the file (startRevision copies the rows).
    const draftCopy = await tx.evidenceFile.findFirst({ where: { id: { in: ids }, attempt: { status: 'DRAFT' } }, select: { carriedOver: true } });
    await notify(
      {
        userId: submission.user.id, kind: 'evidence.file-removed',
        title: `A file was removed from your application for “${submission.version.title}”`,
        body: `${mc.issuer.name} removed “${file.fileName}” from attempt ${attempt.number} on ${dayFmt.format(now)}. Their reason: “${opts.reason}”. ${nextStepFor({ status: attempt.status, draftCopy })}`,
        href: `/apply/${mc.slug}?cycle=${submission.cycle}`,
      },
      tx,
    );
    // Committed with the removal, so the object is deleted even if this server stops right after.
    const jobId = await enqueueJob({ type: 'storage.delete-objects', payload: { keys: [file.storageKey] } }, tx);
    return { submissionId: submission.id, removed: ids.length, concernsResolved: resolved.count, jobId };
  });
  let storageDeleted = true;
  try {
    await storage.deleteObjectOrThrow(file.storageKey);
  } catch (e) {
    storageDeleted = false;
    console.warn('[evidence] removing a file: storage call failed, the queued job will delete it:', e instanceof Error ? e.message : e);
  }
  // Done: the queued job is not needed (unless a worker has already taken it, which is harmless;
  // and if this tidy fails, the job runs and deletes nothing that is still there).
  if (storageDeleted) await db.job.deleteMany({ where: { id: result.jobId, lockedAt: null, completedAt: null } }).catch(() => undefined);
  return { submissionId: result.submissionId, removed: result.removed, concernsResolved: result.concernsResolved, storageDeleted };
}

/**
 * An issuer admin closes a concern without removing anything, with a note for the issuer's record
 * (the teacher is not told; the reviewer who reported it is told it was looked into, not the note). Closed once: a second admin, or a
 * double click, is refused rather than overwriting the first note.
 */
export async function closeEvidenceConcern(opts: { actor: Actor; concernId: string; note: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const concern = await db.evidenceConcern.findUnique({
    where: { id: opts.concernId },
    select: {
      id: true, fileId: true, resolvedAt: true, reporterId: true, attemptId: true,
      attempt: { select: { id: true, number: true, submission: { select: { id: true, user: { select: teacherConflictSelect }, version: { select: { title: true } }, microCredential: { select: { issuerId: true, issuer: { select: issuerRuleSelect } } } } } } },
    },
  });
  if (!concern) throw notFound('That concern');
  const { submission } = concern.attempt;
  const mc = submission.microCredential;
  assertMayRule(opts.actor, mc.issuerId, submission.user, mc.issuer, 'That concern');
  if (concern.resolvedAt) throw conflict(ALREADY_RESOLVED);
  await db.$transaction(async (tx) => {
    const u = await tx.evidenceConcern.updateMany({ where: { id: concern.id, resolvedAt: null }, data: { resolvedAt: now, resolvedById: opts.actor.id, outcome: 'CLOSED', resolution: opts.note } });
    if (u.count !== 1) throw conflict(ALREADY_RESOLVED);
    await tellReporters(tx, [concern], { issuerId: mc.issuerId, resolverId: opts.actor.id, outcome: 'CLOSED', title: submission.version.title, number: concern.attempt.number });
    await recordAudit(
      {
        actorId: opts.actor.id, action: 'evidence.concern-close', entityType: 'Submission', entityId: submission.id, organizationId: mc.issuerId,
        // Not the note: it may discuss students; it stays on the record page.
        data: { concernId: concern.id, attemptId: concern.attempt.id, number: concern.attempt.number, fileId: concern.fileId },
      },
      tx,
    );
  });
  return { submissionId: submission.id };
}
