import 'server-only';
import { randomBytes } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { DomainError, invalidState, notFound, rateLimited, unavailable, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { hitRateLimit } from '@/lib/rate-limit';
import { acceptedKinds, countPartFiles, declaredKind, FILE_KIND_INFO, formatBytes, kindForMime, MAX_CAPTIONS_BYTES, maxBytesForKind, servedFileName, stoppedUploadCutoff, type FileKind } from '@/lib/evidence/file-types';
import { recordedTypeFor, sniffFileType } from '@/lib/evidence/sniff';
import { canViewAttemptEvidence } from '@/lib/evidence/access';
import { EVIDENCE_FILE_ORDER, neutralFileNames, PART_ORDER, servedContentType, showsOriginalFileNames } from '@/lib/evidence/neutral-names';
import { CARRIED_PART, isPartCarriedOver } from '@/lib/submissions/carried';
import { lockDraftAttempt } from '@/lib/submissions/draft-lock';
import { recordTeacherWork } from '@/lib/submissions/stalled-reminders';
import * as storage from '@/lib/storage/s3';
import { deleteQueuedObjects, queueObjectDeletion } from '@/lib/storage/deletion';

const STORAGE_DOWN = 'File storage is not reachable right now. Your answers are saved; try the upload again in a minute.';
/** The application went to review while a file was still on its way: the file stays out of it. */
export const SENT_WHILE_UPLOADING = 'This application was sent while the file was uploading; the file was not added.';
const PARTS_MISSING = 'The upload is incomplete; some parts are missing.';

const UPLOAD_PREFIX = 'uploads/';
const EVIDENCE_PREFIX = 'evidence/';

/** A storage outage becomes a message the teacher can act on; the SDK's own error stays in the log. */
const withStorage = <T>(call: () => Promise<T>): Promise<T> => storage.withStorage('evidence', STORAGE_DOWN, call);

async function loadDraftPart(actor: Actor, attemptId: string, partId: string) {
  const attempt = await db.attempt.findUnique({
    where: { id: attemptId },
    select: { id: true, status: true, submission: { select: { userId: true, versionId: true } } },
  });
  if (!attempt || attempt.submission.userId !== actor.id) throw notFound('That application');
  if (attempt.status !== 'DRAFT') throw invalidState('This attempt has been submitted; files can no longer be added.');
  const part = await db.submissionPart.findFirst({
    where: { id: partId, versionId: attempt.submission.versionId },
    select: { id: true, title: true, responseType: true, allowedTypes: true, maxFileBytes: true, maxFiles: true },
  });
  if (!part) throw notFound('That part');
  if (await isPartCarriedOver(attempt.id, part.id)) throw invalidState(CARRIED_PART);
  return { attempt, part };
}

export type UploadTicket =
  | { fileId: string; mode: 'single'; url: string; contentType: string }
  | { fileId: string; mode: 'multipart'; partSize: number; partCount: number; contentType: string };

/**
 * Step 1 of an upload: checks the file against the part's artifact spec and hands the browser a
 * presigned URL (or a multipart upload for big files such as classroom video). The server never
 * touches the bytes.
 */

/**
 * What the part's other files take up: files uploaded and uploads still on their way. An upload
 * that stopped (STOPPED_UPLOAD_MINUTES after it started) holds no place, so a closed tab does not
 * keep the teacher from uploading the file again (filesTakingRoom, which the page counts with).
 */
async function placesTaken(client: Tx | typeof db, attemptId: string, partId: string, except?: string) {
  const present = await client.evidenceFile.findMany({
    where: {
      attemptId, partId, ...(except ? { id: { not: except } } : {}),
      OR: [{ status: 'UPLOADED' }, { status: 'PENDING', createdAt: { gte: stoppedUploadCutoff(new Date()) } }],
    },
    select: { declaredType: true, detectedType: true },
  });
  return countPartFiles(present);
}

/**
 * Whether the part has room for one more file: its number of files, or, for a captions file, one
 * per video (captions do not count towards the part's number of files).
 */
async function assertRoomInPart(client: Tx | typeof db, attemptId: string, part: { id: string; maxFiles: number }, captions: boolean) {
  const count = await placesTaken(client, attemptId, part.id);
  if (captions) {
    const { videos } = count;
    if (!videos) throw validation('Add the video first, then its captions file.');
    if (count.captions >= videos) throw validation(`Each video can have one captions file, and this part has ${videos === 1 ? 'one video' : `${videos} videos`}. Remove a captions file first.`);
  } else if (count.files >= part.maxFiles) {
    throw validation(`This part takes at most ${part.maxFiles} file${part.maxFiles === 1 ? '' : 's'}. Remove one first.`);
  }
}

/**
 * Why a finished upload no longer fits its part, or null. An upload that stopped gave up its place,
 * and another file may have taken it meanwhile: when the stopped one finishes after all, it is
 * checked again rather than taking the part past its limit. (An upload still holding its place
 * always fits: no file could be added over it.)
 */
async function noRoomOnCompletion(client: Tx | typeof db, file: PendingFile): Promise<string | null> {
  const count = await placesTaken(client, file.attemptId, file.partId, file.id);
  if (kindForMime(file.declaredType) === 'captions') {
    if (count.captions >= count.videos) return `“${file.fileName}” was not added: each video takes one captions file, and this part has no video left without captions.`;
    return null;
  }
  const max = file.part.maxFiles;
  if (count.files >= max) return `“${file.fileName}” was not added: this part already has the ${max === 1 ? 'one file' : `${max} files`} it takes (another file took this upload's place after it stopped). To use this file instead, remove one and upload it again.`;
  return null;
}

const SENT_BEFORE_UPLOAD = 'This application has been sent for review, so no more files can be added to it.';

export async function requestUpload(opts: { actor: Actor; attemptId: string; partId: string; fileName: string; contentType: string; size: number }): Promise<UploadTicket> {
  const limit = await hitRateLimit(`upload:${opts.actor.id}`, 120, 60 * 60);
  if (!limit.allowed) throw rateLimited('You have started a lot of uploads in the last hour. Wait a little and try again.');
  const { part } = await loadDraftPart(opts.actor, opts.attemptId, opts.partId);
  if (part.responseType !== 'FILES' && part.responseType !== 'TEXT_AND_FILES') throw invalidState('This part does not take files.');
  const declared = declaredKind(opts.fileName, opts.contentType);
  const allowed = acceptedKinds(part.allowedTypes as FileKind[]);
  if (!declared || !allowed.includes(declared.kind)) {
    throw validation(`“${opts.fileName}” is not an accepted type for this part. Accepted: ${allowed.map((k) => FILE_KIND_INFO[k].label).join('; ')}.`);
  }
  const captions = declared.kind === 'captions';
  const maxBytes = maxBytesForKind(declared.kind, Number(part.maxFileBytes));
  if (opts.size > maxBytes) {
    throw validation(`“${opts.fileName}” is ${formatBytes(opts.size)}; this part accepts ${captions ? 'captions files' : 'files'} up to ${formatBytes(maxBytes)}.`);
  }
  // Checked here for a quick answer (before storage is asked for anything), and again below where
  // the row is written, under a lock two uploads to the same part queue on.
  await assertRoomInPart(db, opts.attemptId, part, captions);

  // Random key: reveals nothing about the teacher, the school or the file name. The browser uploads
  // under uploads/; completeUpload copies the object to a key under evidence/ that no upload URL
  // was ever signed for, and checks that copy (so bytes sent later to the still-valid upload URL
  // change nothing anyone sees).
  const storageKey = `${UPLOAD_PREFIX}${randomBytes(16).toString('hex')}`;
  const multipart = opts.size > storage.MULTIPART_THRESHOLD;
  const uploadId = multipart ? await withStorage(() => storage.createMultipart(storageKey, declared.mime)) : null;
  // The row is written only while the attempt is still a draft, under a lock a submit must wait for
  // (and that waits for a submit): a file can never be added to work already sent for review.
  // Starting an upload is work on the draft (recordTeacherWork, before the share lock).
  const file = await db
    .$transaction(async (tx) => {
      await recordTeacherWork(tx, { attemptId: opts.attemptId });
      if (!(await lockDraftAttempt(tx, opts.attemptId))) throw invalidState(SENT_BEFORE_UPLOAD);
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`upload:${opts.attemptId}:${part.id}`}))`;
      await assertRoomInPart(tx, opts.attemptId, part, captions);
      return tx.evidenceFile.create({
        data: {
          attemptId: opts.attemptId, partId: part.id, ownerId: opts.actor.id, storageKey, fileName: opts.fileName, declaredType: declared.mime,
          sizeBytes: BigInt(opts.size), multipartUploadId: uploadId,
        },
        select: { id: true },
      });
    })
    .catch(async (e) => {
      if (uploadId) await storage.abortMultipart(storageKey, uploadId);
      throw e;
    });
  if (!multipart) {
    return { fileId: file.id, mode: 'single', url: await withStorage(() => storage.presignPut(storageKey, declared.mime, opts.size)), contentType: declared.mime };
  }
  return { fileId: file.id, mode: 'multipart', partSize: storage.PART_SIZE, partCount: Math.ceil(opts.size / storage.PART_SIZE), contentType: declared.mime };
}

async function loadOwnPendingFile(actor: Actor, fileId: string) {
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: { id: true, ownerId: true, status: true, storageKey: true, multipartUploadId: true, sizeBytes: true, declaredType: true, fileName: true, rejectedReason: true, carriedOver: true, attemptId: true, partId: true, attempt: { select: { status: true } }, part: { select: { allowedTypes: true, maxFileBytes: true, maxFiles: true } } },
  });
  if (!file || file.ownerId !== actor.id) throw notFound('That file');
  return file;
}

type PendingFile = Awaited<ReturnType<typeof loadOwnPendingFile>>;

/** How many parts a multipart upload of this size has; part numbers outside 1..n are refused. */
function partCountOf(sizeBytes: bigint) {
  return Math.ceil(Number(sizeBytes) / storage.PART_SIZE);
}

/**
 * Gives up a pending upload with a reason the teacher reads beside the file: the row is marked
 * rejected (only if still pending, so a completion that won stays, with its object), its multipart
 * upload aborted and the uploaded object deleted, through a job queued with the rejection (an
 * older row's key is its final key, outside uploads/, which nothing else would ever delete).
 * Called only on the teacher's own requests: an upload they finished, even refused, is work on
 * their draft (recordTeacherWork, first: the attempt row comes before the file's in lock order).
 */
async function rejectPending(file: PendingFile, reason: string, detectedType?: string | null) {
  const queued = await db.$transaction(async (tx) => {
    await recordTeacherWork(tx, { attemptId: file.attemptId });
    const marked = await tx.evidenceFile.updateMany({
      where: { id: file.id, status: 'PENDING' },
      data: { status: 'REJECTED', rejectedReason: reason, multipartUploadId: null, ...(detectedType === undefined ? {} : { detectedType }) },
    });
    if (!marked.count) return null;
    return queueObjectDeletion({ keys: [file.storageKey], uploads: file.multipartUploadId ? [{ key: file.storageKey, uploadId: file.multipartUploadId }] : [] }, { tx });
  });
  await deleteQueuedObjects(queued, 'rejecting an upload');
}

/** A file whose attempt was submitted meanwhile is not added to it (reviewers may be scoring it). */
async function refuseIfSubmitted(file: PendingFile) {
  if (file.attempt.status === 'DRAFT') return;
  await rejectPending(file, SENT_WHILE_UPLOADING);
  throw invalidState(SENT_WHILE_UPLOADING);
}

/** A rejected file's answer: the reason when it was refused for a submission, else what to do. */
function rejectedError(reason: string | null) {
  if (reason === SENT_WHILE_UPLOADING) return invalidState(SENT_WHILE_UPLOADING);
  // Every reason stored is written for the teacher (size, type, stopped upload, part full).
  return validation(reason ?? 'This file was rejected. Remove it and upload another.');
}

/** The row's answer when another call for the same file accepted it meanwhile (the first of two sends). */
async function acceptedMeanwhile(fileId: string): Promise<{ status: 'UPLOADED' } | null> {
  const row = await db.evidenceFile.findUnique({ where: { id: fileId }, select: { status: true } });
  return row?.status === 'UPLOADED' ? { status: 'UPLOADED' } : null;
}

/**
 * Signs upload URLs for some parts of a multipart upload, just before the browser sends them (a URL
 * lives 15 minutes). Only the parts the announced size needs, so no more than that can be stored.
 */
export async function presignUploadParts(opts: { actor: Actor; fileId: string; partNumbers: number[] }) {
  const file = await loadOwnPendingFile(opts.actor, opts.fileId);
  if (file.status === 'REJECTED') throw rejectedError(file.rejectedReason);
  if (file.status !== 'PENDING' || !file.multipartUploadId) throw invalidState('This upload has already finished or was cancelled.');
  await refuseIfSubmitted(file);
  const partCount = partCountOf(file.sizeBytes);
  const outside = opts.partNumbers.find((n) => !Number.isInteger(n) || n < 1 || n > partCount);
  if (outside !== undefined) throw validation(`This upload has ${partCount} parts; part ${outside} is not one of them.`);
  // Each URL is signed for its part's exact length (the last part holds the rest), so nothing
  // bigger than the announced file can be sent, even part by part.
  const size = Number(file.sizeBytes);
  const lengthOf = (n: number) => (n < partCount ? storage.PART_SIZE : size - (partCount - 1) * storage.PART_SIZE);
  const urls: { partNumber: number; url: string }[] = [];
  for (const n of new Set(opts.partNumbers)) urls.push({ partNumber: n, url: await withStorage(() => storage.presignPart(file.storageKey, file.multipartUploadId!, n, lengthOf(n))) });
  return urls;
}

/**
 * Step 2: after the browser's upload, the server checks the uploaded object's size, copies it to
 * its final key (which no one can write to), checks that copy itself (size and first bytes), and
 * accepts it, or rejects it with a clear reason and deletes it. A presigned upload URL stays valid
 * for minutes and cannot be withdrawn: checking the uploaded object in place would let a teacher
 * swap the bytes after the check, or after submitting. Safe to call twice. A multipart upload that
 * lacks parts stays open, so the browser can send them and call again.
 */
export async function completeUpload(opts: { actor: Actor; fileId: string; parts?: { partNumber: number; etag: string }[] }) {
  const file = await loadOwnPendingFile(opts.actor, opts.fileId);
  if (file.status === 'UPLOADED') return { status: 'UPLOADED' as const };
  if (file.status === 'REJECTED') throw rejectedError(file.rejectedReason);
  await refuseIfSubmitted(file);
  // Checked here for a quick answer (before anything is copied), and again where it is accepted.
  const full = await noRoomOnCompletion(db, file);
  if (full) {
    await rejectPending(file, full);
    throw validation(full);
  }
  if (file.multipartUploadId) {
    const partCount = partCountOf(file.sizeBytes);
    const parts = [...new Map((opts.parts ?? []).map((p) => [p.partNumber, p])).values()];
    if (parts.length !== partCount || parts.some((p) => p.partNumber < 1 || p.partNumber > partCount)) throw validation(PARTS_MISSING);
    try {
      await storage.completeMultipart(file.storageKey, file.multipartUploadId, parts);
    } catch (e) {
      // Sent twice (the browser asks again when an answer is lost): the first call completed the
      // upload, so storage no longer knows its id. Its object, or the accepted row, says so: the
      // object first, then the row, because the first call accepts the file and only then deletes
      // that object (read the other way round, both could be missed in between).
      if (!(await withStorage(() => storage.headObject(file.storageKey)))) {
        const done = await acceptedMeanwhile(file.id);
        if (done) return done;
        console.warn('[evidence] completing a multipart upload failed:', e instanceof Error ? e.message : e);
        throw validation('The upload could not be completed: some parts did not arrive. Retry the upload.');
      }
    }
    // Completed: a call after this one goes straight to the object, not to the finished upload.
    await db.evidenceFile.updateMany({ where: { id: file.id, status: 'PENDING', multipartUploadId: file.multipartUploadId }, data: { multipartUploadId: null } });
    // Nor is the finished upload aborted if the file is refused below: its object is what is deleted.
    file.multipartUploadId = null;
  }
  const uploaded = await withStorage(() => storage.headObject(file.storageKey));
  if (!uploaded) {
    // Another call may have completed it meanwhile (and removed the upload object).
    const done = await acceptedMeanwhile(file.id);
    if (done) return done;
    throw validation('The file did not reach storage. Check your connection and retry the upload.');
  }
  // Checked before copying: an object other than the one announced is never copied.
  const sizeProblem = sizeMismatch(uploaded.size, file);
  if (sizeProblem) {
    await rejectPending(file, sizeProblem);
    throw validation(sizeProblem);
  }
  // Older rows were uploaded straight to their final key; new ones are copied out of uploads/.
  const finalKey = file.storageKey.startsWith(UPLOAD_PREFIX) ? `${EVIDENCE_PREFIX}${randomBytes(16).toString('hex')}` : file.storageKey;
  // The copy is on no row until it is accepted: if this server stopped (or storage failed) between
  // the copy and the acceptance, nothing would ever delete it. So its deletion is queued first, to
  // run later than any check takes, and the acceptance drops the job in its own transaction.
  const copyDeletion = finalKey !== file.storageKey ? await queueObjectDeletion({ keys: [finalKey], uploads: [] }, { runAt: new Date(Date.now() + COPY_SAFETY_NET_MS) }) : null;
  let copyDropped: Promise<boolean> | undefined;
  // This call's copy, when not accepted, goes now (and with it the queued job), once.
  const dropCopy = () => (copyDropped ??= deleteQueuedObjects(copyDeletion, 'an upload copy that was not accepted'));
  let accepted = false;
  try {
    if (finalKey !== file.storageKey) await withStorage(() => storage.copyObject(file.storageKey, finalKey, uploaded.size, file.declaredType));
    const head = await withStorage(() => storage.headObject(finalKey));
    if (!head) throw validation('The file did not reach storage. Check your connection and retry the upload.');
    // The copy is what reviewers get, so it is checked too (bytes may have been sent meanwhile).
    let reason = sizeMismatch(head.size, file);
    let detected: string | null = null;
    if (!reason) {
      const sniffed = sniffFileType(await withStorage(() => storage.readHead(finalKey)));
      detected = recordedTypeFor(sniffed, file.declaredType, acceptedKinds(file.part.allowedTypes as FileKind[]));
      if (!detected) {
        const kind = kindForMime(file.declaredType) ?? 'supported';
        reason = `“${file.fileName}” does not look like ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind} file inside. It may be damaged or renamed. Export it again, remove this one and upload the new copy.`;
        detected = sniffed?.mime ?? null;
      }
    }
    if (reason) {
      await dropCopy();
      await rejectPending(file, reason, detected);
      throw validation(reason);
    }
    const outcome = await acceptIfDraft(file, finalKey, detected, copyDeletion?.jobId ?? null);
    if (outcome === 'accepted') {
      accepted = true;
      // The file is in: a leftover upload object is only storage (the bucket's expiry rule takes it).
      if (finalKey !== file.storageKey) await storage.deleteObjectOrThrow(file.storageKey).catch((e: unknown) => console.warn('[evidence] could not delete an upload object:', e instanceof Error ? e.message : e));
      return { status: 'UPLOADED' as const };
    }
    await dropCopy();
    if (outcome === 'submitted') {
      await rejectPending(file, SENT_WHILE_UPLOADING);
      throw invalidState(SENT_WHILE_UPLOADING);
    }
    if (typeof outcome === 'object') {
      await rejectPending(file, outcome.full);
      throw validation(outcome.full);
    }
  } catch (e) {
    // This call's copy is on no row unless it was accepted: it goes (classroom video must not stay
    // stored after the teacher removes the file), now or, if storage is down, by the queued job.
    // Then, if a concurrent call accepted the file meanwhile (and removed the upload object this
    // call was copying), the file is in after all.
    if (!accepted) await dropCopy();
    const done = await acceptedMeanwhile(file.id);
    if (done) return done;
    throw e;
  }
  // Not accepted here: a concurrent call did it first (its copy is the one on record), or the
  // file was removed, or given up as stale, meanwhile. This copy went; the answer is the row's.
  const now = await db.evidenceFile.findUnique({ where: { id: file.id }, select: { status: true, rejectedReason: true } });
  if (!now) throw notFound('That file');
  if (now.status === 'REJECTED') throw rejectedError(now.rejectedReason);
  return { status: 'UPLOADED' as const };
}

function sizeMismatch(size: number, file: PendingFile): string | null {
  const announced = Number(file.sizeBytes);
  if (BigInt(size) > file.part.maxFileBytes) return `The uploaded file is ${formatBytes(size)}; this part accepts files up to ${formatBytes(Number(file.part.maxFileBytes))}.`;
  if (size < announced) return `The uploaded file is ${formatBytes(size)} but ${formatBytes(announced)} was announced; the upload was probably cut off.`;
  if (size > announced) return `The uploaded file is ${formatBytes(size)} but ${formatBytes(announced)} was announced. Upload the file again.`;
  return null;
}

/**
 * How long after a copy is made its queued deletion waits: far longer than copying and checking a
 * file takes, so only a copy whose acceptance never came (the server stopped) is deleted by it.
 */
const COPY_SAFETY_NET_MS = 6 * 60 * 60_000;
const CHECK_TOOK_TOO_LONG = 'Checking the file took too long. Try the upload again.';

/**
 * Accepts the checked copy only while the attempt is still a draft. The attempt row is locked (FOR
 * SHARE) for the update, so a submission committing at the same moment either comes first (and the
 * file is refused) or waits for this one (and the file was in before the application was sent).
 * The part's room is checked under the lock requestUpload takes, so two uploads finishing at once
 * (or one finishing while another starts) cannot both take the last place. The copy's queued
 * deletion (`copyJobId`) is dropped with the acceptance, and only if no worker has taken it: a
 * file is never accepted with a copy the job may have deleted. Finishing an upload is work on the
 * draft (recordTeacherWork, before the share lock).
 */
async function acceptIfDraft(file: PendingFile, finalKey: string, detected: string | null, copyJobId: string | null): Promise<'accepted' | 'submitted' | 'not-pending' | { full: string }> {
  return db.$transaction(async (tx) => {
    await recordTeacherWork(tx, { attemptId: file.attemptId });
    if (!(await lockDraftAttempt(tx, file.attemptId))) return 'submitted';
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`upload:${file.attemptId}:${file.partId}`}))`;
    const full = await noRoomOnCompletion(tx, file);
    // Only a file still pending is refused: a concurrent call may have accepted this one already.
    if (full) return (await tx.evidenceFile.count({ where: { id: file.id, status: 'PENDING' } })) ? { full } : 'not-pending';
    const accepted = await tx.evidenceFile.updateMany({
      where: { id: file.id, status: 'PENDING', storageKey: file.storageKey },
      data: { status: 'UPLOADED', storageKey: finalKey, detectedType: detected, verifiedAt: new Date(), multipartUploadId: null },
    });
    if (!accepted.count) return 'not-pending';
    if (copyJobId) {
      const dropped = await tx.job.deleteMany({ where: { id: copyJobId, attempts: 0, lockedAt: null, completedAt: null } });
      // Rolls the acceptance back: the row stays pending, and finishing again makes a new copy.
      if (!dropped.count) throw unavailable(CHECK_TOOK_TOO_LONG);
    }
    return 'accepted';
  });
}

/** Cancels an upload in progress or removes a file from a draft attempt. */
export async function removeFile(opts: { actor: Actor; fileId: string }) {
  const file = await loadOwnPendingFile(opts.actor, opts.fileId);
  if (file.attempt.status !== 'DRAFT') throw invalidState('This attempt has been submitted; its files can no longer change.');
  // A tombstone (lib/evidence/concerns.ts) stays as the record of what the issuer removed.
  if (file.status === 'REMOVED') throw invalidState('The issuer removed this file; it stays listed as removed.');
  if (file.carriedOver) throw invalidState('This file belongs to a part that already passed.');
  // Nor may anything else in a kept part go (e.g. a file that reached it before the part was locked).
  if (await isPartCarriedOver(file.attemptId, file.partId)) throw invalidState(CARRIED_PART);
  // Under a share lock on the attempt, as uploads and answers are written: a submit either commits
  // first, and the file stays in the sent work, or waits until the row is gone (ADR 001). Removing a
  // file is work on the draft, though it leaves no row behind: recorded on the attempt's own row
  // (recordTeacherWork, before the share lock), where the stalled-work reminders look.
  const queued = await db.$transaction(async (tx) => {
    await recordTeacherWork(tx, { attemptId: file.attemptId });
    if (!(await lockDraftAttempt(tx, file.attemptId))) throw invalidState('This attempt has been submitted; its files can no longer change.');
    // The key as the row holds it when deleted, not as read above: an upload finishing in another
    // tab may have moved the file to its checked copy meanwhile (this waits for that to commit).
    const [row] = await tx.$queryRaw<{ storageKey: string; multipartUploadId: string | null }[]>`
      DELETE FROM "EvidenceFile" WHERE "id" = ${file.id} RETURNING "storageKey", "multipartUploadId"`;
    // Removed twice at once (two tabs): the other one tidies the storage.
    if (!row) return null;
    // The object may be shared with an earlier attempt's row: only deleted when nothing refers to it.
    const stillUsed = await tx.evidenceFile.count({ where: { storageKey: row.storageKey } });
    const keys = stillUsed ? [] : [row.storageKey];
    // The upload object the file was copied from, if it moved meanwhile (it was only ever this file's).
    if (file.storageKey !== row.storageKey && file.storageKey.startsWith(UPLOAD_PREFIX)) keys.push(file.storageKey);
    // Queued with the deletion: the object goes even if storage is down or this server stops now.
    return queueObjectDeletion({ keys, uploads: row.multipartUploadId ? [{ key: row.storageKey, uploadId: row.multipartUploadId }] : [] }, { tx });
  });
  await deleteQueuedObjects(queued, 'removing a file');
}

const removedDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Asking for a file the issuer removed (lib/evidence/concerns.ts), as someone who could see it: said
 * plainly. NOT_FOUND to every caller that only knows codes; the file route answers it with 410 Gone
 * and these words (it is only ever thrown after the asker was found allowed to see the file).
 */
export class FileRemovedError extends DomainError {
  constructor(removedAt: Date | null) {
    super('NOT_FOUND', `This file was removed by the issuer${removedAt ? ` on ${removedDay.format(removedAt)}` : ''}, so it can no longer be opened.`);
  }
}
const fileRemoved = (removedAt: Date | null) => new FileRemovedError(removedAt);

/**
 * A short-lived signed URL for someone allowed to see this evidence. The name the browser saves it
 * under (Content-Disposition, signed into the URL) is the teacher's own only for whoever may see
 * it (showsOriginalFileNames), with an extension of the type it is served as (servedFileName: text
 * named "plan.js" is saved as "plan.js.txt"); under blind review everyone else gets the name the
 * workspace shows, which ends in such an extension already.
 */
export async function getEvidenceUrl(opts: { actor: Actor; fileId: string; inline: boolean }) {
  const file = await db.evidenceFile.findUnique({
    where: { id: opts.fileId },
    select: {
      id: true, partId: true, storageKey: true, fileName: true, detectedType: true, declaredType: true, status: true, ownerId: true, attemptId: true, removedAt: true,
      attempt: { select: { status: true, submission: { select: { versionId: true, microCredential: { select: { issuerId: true, issuer: { select: { blindReview: true } } } } } } } },
    },
  });
  if (!file || (file.status !== 'UPLOADED' && file.status !== 'REMOVED')) throw notFound('That file');
  const { submission } = file.attempt;
  const allowed = await canViewAttemptEvidence(opts.actor, { id: file.attemptId, ownerId: file.ownerId, issuerId: submission.microCredential.issuerId, status: file.attempt.status });
  if (!allowed) throw notFound('That file');
  // Never signed: its object is gone, and must stay unreachable even if a copy were left somewhere.
  if (file.status === 'REMOVED') throw fileRemoved(file.removedAt);
  const contentType = servedContentType(file);
  const fileName = showsOriginalFileNames(submission.microCredential.issuer, opts.actor.id, file.ownerId)
    ? servedFileName(file.fileName, contentType, file.declaredType)
    : await neutralNameOf(file, submission.versionId);
  return storage.presignGet(file.storageKey, { fileName, contentType, inline: opts.inline });
}

/** The file's neutral name, counted among its part's files exactly as the review workspace counts. */
async function neutralNameOf(file: { id: string; partId: string; attemptId: string }, versionId: string): Promise<string> {
  const [parts, siblings] = await Promise.all([
    db.submissionPart.findMany({ where: { versionId }, orderBy: PART_ORDER, select: { id: true } }),
    db.evidenceFile.findMany({
      where: { attemptId: file.attemptId, partId: file.partId, status: 'UPLOADED' },
      orderBy: EVIDENCE_FILE_ORDER,
      select: { id: true, partId: true, fileName: true, detectedType: true, declaredType: true },
    }),
  ]);
  return neutralFileNames(parts.map((p) => p.id), siblings).get(file.id) ?? 'Evidence file';
}

/**
 * A video's captions as text, for the page's <track> element (served from the app's own origin:
 * browsers load text tracks only from the page's origin unless the storage allows it by CORS).
 * Whoever may open the captions file may read it; anything else is "not found".
 */
export async function getCaptionsText(opts: { actor: Actor; fileId: string }): Promise<string> {
  const file = await db.evidenceFile.findUnique({
    where: { id: opts.fileId },
    select: { storageKey: true, detectedType: true, sizeBytes: true, status: true, removedAt: true, ownerId: true, attemptId: true, attempt: { select: { status: true, submission: { select: { microCredential: { select: { issuerId: true } } } } } } },
  });
  if (!file || (file.status !== 'UPLOADED' && file.status !== 'REMOVED') || file.detectedType !== 'text/vtt' || file.sizeBytes > BigInt(MAX_CAPTIONS_BYTES)) throw notFound('That file');
  const allowed = await canViewAttemptEvidence(opts.actor, { id: file.attemptId, ownerId: file.ownerId, issuerId: file.attempt.submission.microCredential.issuerId, status: file.attempt.status });
  if (!allowed) throw notFound('That file');
  if (file.status === 'REMOVED') throw fileRemoved(file.removedAt);
  const bytes = await withStorage(() => storage.getObjectBytes(file.storageKey));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** An upload not finished within this long is given up (the browser was closed, the laptop slept). */
export const STALE_UPLOAD_HOURS = 24;

/**
 * Periodic clean-up ('evidence.sweep-stale-uploads'): uploads started long ago and never finished
 * are marked rejected with a plain reason (the teacher sees it and can upload again), their
 * multipart uploads aborted and their objects deleted, so storage holds no orphaned parts.
 * Returns how many were given up.
 */
export async function sweepStaleUploads(now = new Date(), limit = 200): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_UPLOAD_HOURS * 3_600_000);
  const stale = await db.evidenceFile.findMany({
    where: { status: 'PENDING', createdAt: { lt: cutoff } },
    orderBy: { createdAt: 'asc' },
    take: limit,
    select: { id: true, storageKey: true, multipartUploadId: true },
  });
  let swept = 0;
  for (const f of stale) {
    // Only if still pending: a completion racing with the sweep wins.
    const marked = await db.evidenceFile.updateMany({
      where: { id: f.id, status: 'PENDING' },
      data: { status: 'REJECTED', rejectedReason: 'This upload did not finish. Remove it and upload the file again.', multipartUploadId: null },
    });
    if (!marked.count) continue;
    if (f.multipartUploadId) await storage.abortMultipart(f.storageKey, f.multipartUploadId);
    if (f.storageKey.startsWith(UPLOAD_PREFIX)) await storage.deleteObject(f.storageKey);
    swept++;
  }
  return swept;
}
