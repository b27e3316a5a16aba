import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { DomainError, invalidState, notFound, rateLimited, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { hitRateLimit } from '@/lib/rate-limit';
import { FILE_KIND_INFO, formatBytes, kindForMime, type FileKind } from '@/lib/evidence/file-types';
import { sniffFileType } from '@/lib/evidence/sniff';
import { canViewAttemptEvidence } from '@/lib/evidence/access';
import * as storage from '@/lib/storage/s3';

const STORAGE_DOWN = 'File storage is not reachable right now. Your answers are saved; try the upload again in a minute.';

/** A storage outage becomes a message the teacher can act on; the SDK's own error stays in the log. */
const UPLOAD_PREFIX = 'uploads/';
const EVIDENCE_PREFIX = 'evidence/';

async function withStorage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    console.warn('[evidence] storage call failed:', e instanceof Error ? e.message : e);
    throw invalidState(STORAGE_DOWN);
  }
}

function extensionOf(name: string) {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name);
  return m ? m[1].toLowerCase() : '';
}

/** The declared kind, from the browser's MIME type or else the extension. */
function declaredKind(fileName: string, contentType: string): { kind: FileKind; mime: string } | null {
  const byMime = kindForMime(contentType);
  if (byMime) return { kind: byMime, mime: contentType.toLowerCase() };
  const ext = extensionOf(fileName);
  for (const [kind, info] of Object.entries(FILE_KIND_INFO) as [FileKind, (typeof FILE_KIND_INFO)[FileKind]][]) {
    const i = info.extensions.indexOf(ext);
    if (i >= 0) return { kind, mime: info.mimeTypes[Math.min(i, info.mimeTypes.length - 1)] };
  }
  return null;
}

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
  const carried = await db.partResponse.findUnique({ where: { attemptId_partId: { attemptId, partId } }, select: { carriedOver: true } });
  if (carried?.carriedOver) throw invalidState('This part already passed and is kept as it was.');
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
export async function requestUpload(opts: { actor: Actor; attemptId: string; partId: string; fileName: string; contentType: string; size: number }): Promise<UploadTicket> {
  const limit = await hitRateLimit(`upload:${opts.actor.id}`, 120, 60 * 60);
  if (!limit.allowed) throw rateLimited('You have started a lot of uploads in the last hour. Wait a little and try again.');
  const { part } = await loadDraftPart(opts.actor, opts.attemptId, opts.partId);
  if (part.responseType !== 'FILES' && part.responseType !== 'TEXT_AND_FILES') throw invalidState('This part does not take files.');
  const declared = declaredKind(opts.fileName, opts.contentType);
  const allowed = part.allowedTypes as FileKind[];
  if (!declared || !allowed.includes(declared.kind)) {
    throw validation(`“${opts.fileName}” is not an accepted type for this part. Accepted: ${allowed.map((k) => FILE_KIND_INFO[k].label).join('; ')}.`);
  }
  if (BigInt(opts.size) > part.maxFileBytes) {
    throw validation(`“${opts.fileName}” is ${formatBytes(opts.size)}; this part accepts files up to ${formatBytes(Number(part.maxFileBytes))}.`);
  }
  const count = await db.evidenceFile.count({ where: { attemptId: opts.attemptId, partId: part.id, status: { in: ['PENDING', 'UPLOADED'] } } });
  if (count >= part.maxFiles) throw validation(`This part takes at most ${part.maxFiles} file${part.maxFiles === 1 ? '' : 's'}. Remove one first.`);

  // Random key: reveals nothing about the teacher, the school or the file name. The browser uploads
  // under uploads/; completeUpload copies the object to a key under evidence/ that no upload URL
  // was ever signed for, and checks that copy (so bytes sent later to the still-valid upload URL
  // change nothing anyone sees).
  const storageKey = `${UPLOAD_PREFIX}${randomBytes(16).toString('hex')}`;
  const multipart = opts.size > storage.MULTIPART_THRESHOLD;
  const uploadId = multipart ? await withStorage(() => storage.createMultipart(storageKey, declared.mime)) : null;
  const file = await db.evidenceFile.create({
    data: {
      attemptId: opts.attemptId, partId: part.id, ownerId: opts.actor.id, storageKey, fileName: opts.fileName, declaredType: declared.mime,
      sizeBytes: BigInt(opts.size), multipartUploadId: uploadId,
    },
    select: { id: true },
  });
  if (!multipart) {
    return { fileId: file.id, mode: 'single', url: await withStorage(() => storage.presignPut(storageKey, declared.mime, opts.size)), contentType: declared.mime };
  }
  return { fileId: file.id, mode: 'multipart', partSize: storage.PART_SIZE, partCount: Math.ceil(opts.size / storage.PART_SIZE), contentType: declared.mime };
}

async function loadOwnPendingFile(actor: Actor, fileId: string) {
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: { id: true, ownerId: true, status: true, storageKey: true, multipartUploadId: true, sizeBytes: true, declaredType: true, fileName: true, carriedOver: true, attempt: { select: { status: true } }, part: { select: { allowedTypes: true } } },
  });
  if (!file || file.ownerId !== actor.id) throw notFound('That file');
  return file;
}

export async function presignUploadParts(opts: { actor: Actor; fileId: string; partNumbers: number[] }) {
  const file = await loadOwnPendingFile(opts.actor, opts.fileId);
  if (file.status !== 'PENDING' || !file.multipartUploadId) throw invalidState('This upload has already finished or was cancelled.');
  const urls: { partNumber: number; url: string }[] = [];
  for (const n of opts.partNumbers) urls.push({ partNumber: n, url: await withStorage(() => storage.presignPart(file.storageKey, file.multipartUploadId!, n)) });
  return urls;
}

function compatible(sniffed: NonNullable<ReturnType<typeof sniffFileType>>, declaredMime: string, allowed: FileKind[]): boolean {
  const declared = kindForMime(declaredMime);
  if (!declared || !allowed.includes(declared)) return false;
  if (sniffed.mime === 'application/x-ooxml') return declaredMime.includes('openxmlformats');
  if (sniffed.mime === 'text/plain') return declaredMime === 'text/plain' || declaredMime === 'text/csv';
  return sniffed.kind === declared;
}

/**
 * Step 2: after the browser's upload, the server copies the object to its final key (which no one
 * can write to), checks that copy itself (size and first bytes), and accepts it, or rejects it with
 * a clear reason and deletes it. A presigned upload URL stays valid for minutes and cannot be
 * withdrawn: checking the uploaded object in place would let a teacher swap the bytes after the
 * check, or after submitting. Safe to call twice.
 */
export async function completeUpload(opts: { actor: Actor; fileId: string; parts?: { partNumber: number; etag: string }[] }) {
  const file = await loadOwnPendingFile(opts.actor, opts.fileId);
  if (file.status === 'UPLOADED') return { status: 'UPLOADED' as const };
  if (file.status === 'REJECTED') throw validation('This file was rejected. Remove it and upload another.');
  if (file.multipartUploadId) {
    if (!opts.parts?.length) throw validation('The upload is incomplete; some parts are missing.');
    try {
      await storage.completeMultipart(file.storageKey, file.multipartUploadId, opts.parts);
    } catch {
      throw validation('The upload could not be completed: some parts did not arrive. Retry the upload.');
    }
  }
  const uploaded = await withStorage(() => storage.headObject(file.storageKey));
  if (!uploaded) {
    // Another call may have completed it meanwhile (and removed the upload object).
    if ((await db.evidenceFile.findUnique({ where: { id: file.id }, select: { status: true } }))?.status === 'UPLOADED') return { status: 'UPLOADED' as const };
    throw validation('The file did not reach storage. Check your connection and retry the upload.');
  }
  // Older rows were uploaded straight to their final key; new ones are copied out of uploads/.
  const finalKey = file.storageKey.startsWith(UPLOAD_PREFIX) ? `${EVIDENCE_PREFIX}${randomBytes(16).toString('hex')}` : file.storageKey;
  if (finalKey !== file.storageKey) await withStorage(() => storage.copyObject(file.storageKey, finalKey, uploaded.size, file.declaredType));
  const head = await withStorage(() => storage.headObject(finalKey));
  if (!head) throw validation('The file did not reach storage. Check your connection and retry the upload.');
  let reason: string | null = null;
  let detected: string | null = null;
  if (BigInt(head.size) !== file.sizeBytes) {
    reason = `The uploaded file is ${formatBytes(head.size)} but ${formatBytes(Number(file.sizeBytes))} was announced; the upload was probably cut off.`;
  } else {
    const sniffed = sniffFileType(await withStorage(() => storage.readHead(finalKey)));
    detected = sniffed?.mime ?? null;
    if (!sniffed || !compatible(sniffed, file.declaredType, file.part.allowedTypes as FileKind[])) {
      reason = `“${file.fileName}” does not look like a ${kindForMime(file.declaredType) ?? 'supported'} file inside. It may be damaged or renamed. Export it again and retry.`;
    }
  }
  const removeUploaded = async () => {
    if (finalKey !== file.storageKey) await storage.deleteObject(file.storageKey);
  };
  if (reason) {
    await db.evidenceFile.update({ where: { id: file.id }, data: { status: 'REJECTED', rejectedReason: reason, detectedType: detected, multipartUploadId: null } });
    await storage.deleteObject(finalKey);
    await removeUploaded();
    throw validation(reason);
  }
  const accepted = await db.evidenceFile.updateMany({
    where: { id: file.id, status: 'PENDING', storageKey: file.storageKey },
    data: { status: 'UPLOADED', storageKey: finalKey, detectedType: detected, verifiedAt: new Date(), multipartUploadId: null },
  });
  if (accepted.count === 0) {
    // Not accepted here: a concurrent call did it first (its copy is the one on record), or the
    // file was removed, or given up as stale, meanwhile. This copy goes; the answer is the row's.
    if (finalKey !== file.storageKey) await storage.deleteObject(finalKey);
    const now = await db.evidenceFile.findUnique({ where: { id: file.id }, select: { status: true, rejectedReason: true } });
    if (!now) throw notFound('That file');
    if (now.status === 'REJECTED') throw validation(now.rejectedReason ?? 'This file was rejected. Remove it and upload another.');
    return { status: 'UPLOADED' as const };
  }
  await removeUploaded();
  return { status: 'UPLOADED' as const };
}

/** Cancels an upload in progress or removes a file from a draft attempt. */
export async function removeFile(opts: { actor: Actor; fileId: string }) {
  const file = await loadOwnPendingFile(opts.actor, opts.fileId);
  if (file.attempt.status !== 'DRAFT') throw invalidState('This attempt has been submitted; its files can no longer change.');
  if (file.carriedOver) throw invalidState('This file belongs to a part that already passed.');
  if (file.multipartUploadId) await storage.abortMultipart(file.storageKey, file.multipartUploadId);
  await db.evidenceFile.delete({ where: { id: file.id } });
  // The object may be shared with an earlier attempt's row: only delete it when nothing refers to it.
  const stillUsed = await db.evidenceFile.count({ where: { storageKey: file.storageKey } });
  if (!stillUsed) await storage.deleteObject(file.storageKey);
}

/** A short-lived signed URL for someone allowed to see this evidence. */
export async function getEvidenceUrl(opts: { actor: Actor; fileId: string; inline: boolean }) {
  const file = await db.evidenceFile.findUnique({
    where: { id: opts.fileId },
    select: { storageKey: true, fileName: true, detectedType: true, declaredType: true, status: true, ownerId: true, attemptId: true, attempt: { select: { status: true, submission: { select: { microCredential: { select: { issuerId: true } } } } } } },
  });
  if (!file || file.status !== 'UPLOADED') throw notFound('That file');
  const allowed = await canViewAttemptEvidence(opts.actor, { id: file.attemptId, ownerId: file.ownerId, issuerId: file.attempt.submission.microCredential.issuerId, status: file.attempt.status });
  if (!allowed) throw notFound('That file');
  const contentType = file.detectedType && file.detectedType !== 'application/x-ooxml' ? file.detectedType : file.declaredType;
  return storage.presignGet(file.storageKey, { fileName: file.fileName, contentType, inline: opts.inline });
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
