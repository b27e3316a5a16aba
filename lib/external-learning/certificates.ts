// Certificates of completion on a teacher's other professional learning (ADR 027, addendum of 26
// Nov 2026): one file per entry, a PDF or an image of up to 10 MB, uploaded by the browser straight
// to storage as evidence is (lib/evidence/uploads.ts), and kept private. It opens only through a
// five-minute signed URL, for the teacher and for the leaders of the district they are in now, who
// verify hours for licence renewal; never for a principal (ADR 016: titles, providers, dates and
// hours only), anyone else, or on the public portfolio.
//
// The browser PUTs to a random key under uploads/, whose URL cannot be withdrawn for 15 minutes;
// completing the upload copies that object to a random key under certificates/ that no upload URL
// was ever signed for, and checks the copy (its size, and what its first bytes are), so bytes sent
// to the upload URL later change nothing anyone opens. A new certificate replaces the entry's old
// one in the transaction that accepts it. Every object no row holds any more is deleted through a
// job queued in the transaction that let it go (lib/storage/deletion.ts), so it goes even if
// storage is down at that moment.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/auth/actor';
import { isDistrictLeader } from '@/lib/auth/actor';
import { assertReadScope } from '@/lib/district/queries';
import { DomainError, invalidState, isDomainError, rateLimited, unavailable, validation } from '@/lib/errors';
import { hitRateLimit } from '@/lib/rate-limit';
import { formatBytes, stoppedUploadCutoff } from '@/lib/evidence/file-types';
import { sniffFileType } from '@/lib/evidence/sniff';
import * as storage from '@/lib/storage/s3';
import { deleteQueuedObjects, queueObjectDeletion, type QueuedDeletion } from '@/lib/storage/deletion';
import { CERTIFICATE_NOT_FOUND, ENTRY_NOT_FOUND } from '@/lib/external-learning/schemas';
import { CERTIFICATE_ACCEPTED_IN_WORDS, CERTIFICATE_MAX_BYTES, certificateFileProblem, declaredCertificateType, isCertificateType, servedCertificateName } from '@/lib/external-learning/certificate-files';

const UPLOAD_PREFIX = 'uploads/';
const CERTIFICATE_PREFIX = 'certificates/';

/** Uploads one teacher may start in an hour: far more than anyone attaching certificates needs. */
export const CERTIFICATE_UPLOADS_PER_HOUR = 30;
/**
 * Uploads to one entry under way at once (started within STOPPED_UPLOAD_MINUTES and not finished):
 * room for a retry or a second tab, not for filling storage with unfinished uploads.
 */
export const CERTIFICATE_PENDING_PER_ENTRY = 3;
/** An upload not finished within this long is given up (the page was closed, the laptop slept). */
export const STALE_CERTIFICATE_HOURS = 24;
/**
 * How long after a copy is made its queued deletion waits: far longer than checking a 10 MB file
 * takes, so only a copy whose acceptance never came (the server stopped) is deleted by it.
 */
const COPY_SAFETY_NET_MS = 6 * 60 * 60_000;

export const CERTIFICATE_STORAGE_DOWN = 'Could not reach file storage, so the certificate was not attached. Your entry is unchanged; try again in a minute.';
/** Said as INVALID_STATE: the upload is still pending, so sending the file again and finishing again can work. */
const NOT_ARRIVED = 'The file did not reach storage. Check your connection and retry the upload.';
const CHECK_TOOK_TOO_LONG = 'Checking the certificate took too long. Attach it again.';

const entryNotFound = () => new DomainError('NOT_FOUND', ENTRY_NOT_FOUND);
const certificateNotFound = () => new DomainError('NOT_FOUND', CERTIFICATE_NOT_FOUND);

/** A storage outage becomes a message the teacher can act on; the SDK's own error stays in the log. */
const withStorage = <T>(call: () => Promise<T>): Promise<T> => storage.withStorage('certificates', CERTIFICATE_STORAGE_DOWN, call);

/** Locks the teacher's own entry (FOR UPDATE): accepting, removing and deleting take it first, so they queue on it. */
async function lockOwnEntry(tx: Tx, learningId: string, userId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ExternalLearning" WHERE "id" = ${learningId} AND "userId" = ${userId} FOR UPDATE`;
  return rows.length === 1;
}

/** The keys a certificate's rows hold: their upload objects and their checked copies. */
const keysOf = (rows: { uploadKey: string; storageKey: string | null }[]) => rows.flatMap((r) => (r.storageKey ? [r.uploadKey, r.storageKey] : [r.uploadKey]));

/**
 * Deletes the certificate rows `where` says, in `tx`, and queues their objects for deletion with
 * them. Null when no row went (every row holds an upload key, so any row deleted queues a job).
 */
async function dropCertificateRows(tx: Tx, where: Prisma.Sql): Promise<QueuedDeletion | null> {
  const rows = await tx.$queryRaw<{ uploadKey: string; storageKey: string | null }[]>`
    DELETE FROM "ExternalLearningCertificate" WHERE ${where} RETURNING "uploadKey", "storageKey"`;
  return queueObjectDeletion({ keys: keysOf(rows), uploads: [] }, { tx });
}

export type CertificateTicket = { certificateId: string; url: string; contentType: string };

/**
 * Step 1 of attaching a certificate: checks the file the browser describes (type and size, with
 * the words the browser itself uses, certificateFileProblem) and hands it a URL to PUT exactly that
 * many bytes of that type to. The server never touches the bytes.
 */
export async function requestCertificateUpload(opts: { actor: Pick<Actor, 'id'>; learningId: string; fileName: string; contentType: string; size: number }): Promise<CertificateTicket> {
  const limit = await hitRateLimit(`certificate-upload:${opts.actor.id}`, CERTIFICATE_UPLOADS_PER_HOUR, 60 * 60);
  if (!limit.allowed) throw rateLimited('You have started a lot of uploads in the last hour. Wait a little and try again.');
  const userId = opts.actor.id;
  const entry = await db.externalLearning.findFirst({ where: { id: opts.learningId, userId }, select: { id: true } });
  if (!entry) throw entryNotFound();
  const problem = certificateFileProblem({ name: opts.fileName, type: opts.contentType, size: opts.size });
  if (problem) throw validation(problem);
  const contentType = declaredCertificateType(opts.fileName, opts.contentType)!;

  // Random key: reveals nothing about the teacher, the entry or the file name.
  const uploadKey = `${UPLOAD_PREFIX}${randomBytes(16).toString('hex')}`;
  const row = await db.$transaction(async (tx) => {
    // Under the entry's lock, so two requests at once cannot both take the last place.
    if (!(await lockOwnEntry(tx, opts.learningId, userId))) throw entryNotFound();
    const underWay = await tx.externalLearningCertificate.count({ where: { learningId: opts.learningId, status: 'PENDING', createdAt: { gte: stoppedUploadCutoff(new Date()) } } });
    if (underWay >= CERTIFICATE_PENDING_PER_ENTRY) {
      throw validation(`${CERTIFICATE_PENDING_PER_ENTRY} uploads to this entry are already under way. Wait for them to finish, or try again in half an hour.`);
    }
    return tx.externalLearningCertificate.create({
      data: { learningId: opts.learningId, userId, uploadKey, fileName: opts.fileName, contentType, sizeBytes: opts.size },
      select: { id: true },
    });
  });
  // Signed for the exact length and type: storage refuses a bigger file, or another type header.
  const url = await withStorage(() => storage.presignPut(uploadKey, contentType, opts.size));
  return { certificateId: row.id, url, contentType };
}

export type AttachedCertificate = { id: string; fileName: string; contentType: string; sizeBytes: number };

async function loadOwnCertificate(actor: Pick<Actor, 'id'>, certificateId: string) {
  const row = await db.externalLearningCertificate.findUnique({
    where: { id: certificateId },
    select: { id: true, userId: true, learningId: true, status: true, uploadKey: true, storageKey: true, fileName: true, contentType: true, sizeBytes: true },
  });
  if (!row || row.userId !== actor.id) throw certificateNotFound();
  return row;
}

type OwnCertificate = Awaited<ReturnType<typeof loadOwnCertificate>>;

const attached = (r: { id: string; fileName: string; contentType: string; sizeBytes: number }): AttachedCertificate => ({ id: r.id, fileName: r.fileName, contentType: r.contentType, sizeBytes: r.sizeBytes });

/** The row's answer when another call accepted it meanwhile (the browser asked twice). */
async function acceptedMeanwhile(id: string): Promise<AttachedCertificate | null> {
  const row = await db.externalLearningCertificate.findUnique({ where: { id }, select: { id: true, status: true, fileName: true, contentType: true, sizeBytes: true } });
  return row?.status === 'UPLOADED' ? attached(row) : null;
}

/**
 * Gives up a pending upload: its row goes (only if still pending, so an acceptance that won
 * stays), and its objects (the upload and this call's copy, if any) are deleted through a job
 * queued with it. The copy's own safety-net job (`copyJobId`) is dropped with it, as the new job
 * covers the copy.
 */
async function rejectPending(row: OwnCertificate, copyKey: string | null, copyJobId: string | null) {
  const queued = await db.$transaction(async (tx) => {
    const gone = await tx.externalLearningCertificate.deleteMany({ where: { id: row.id, status: 'PENDING' } });
    if (!gone.count) return null;
    if (copyJobId) await tx.job.deleteMany({ where: { id: copyJobId, lockedAt: null, completedAt: null } });
    return queueObjectDeletion({ keys: copyKey ? [row.uploadKey, copyKey] : [row.uploadKey], uploads: [] }, { tx });
  });
  await deleteQueuedObjects(queued, 'rejecting a certificate');
}

/** Why the stored size is not the one announced (the request refused anything bigger than 10 MB), or null. */
function sizeMismatch(size: number, announced: number): string | null {
  if (size > CERTIFICATE_MAX_BYTES) return `The uploaded file is ${formatBytes(size)}; a certificate can be up to ${formatBytes(CERTIFICATE_MAX_BYTES)}.`;
  if (size < announced) return `The uploaded file is ${formatBytes(size)} but ${formatBytes(announced)} was announced; the upload was probably cut off. Attach it again.`;
  if (size > announced) return `The uploaded file is ${formatBytes(size)} but ${formatBytes(announced)} was announced. Attach it again.`;
  return null;
}

type Acceptance = { outcome: 'accepted'; queued: QueuedDeletion | null } | { outcome: 'entry-gone' } | { outcome: 'not-pending' };

/**
 * Accepts the checked copy, under the entry's lock: the entry's certificate on file (if any) goes,
 * its objects queued for deletion with the upload object of this one, and this one takes its
 * place. The copy's safety-net job is dropped here, only if no worker has taken it: a certificate
 * is never accepted with a copy the job may have deleted.
 */
async function accept(row: OwnCertificate, finalKey: string, detected: string, copyJobId: string | null): Promise<Acceptance> {
  return db.$transaction(async (tx): Promise<Acceptance> => {
    if (!(await lockOwnEntry(tx, row.learningId, row.userId))) return { outcome: 'entry-gone' };
    // Still pending? A concurrent call may have accepted it, or a removal taken it, meanwhile;
    // asked before anything is changed, under the row's lock (the sweep takes it too).
    const [mine] = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS "status" FROM "ExternalLearningCertificate" WHERE "id" = ${row.id} FOR UPDATE`;
    if (mine?.status !== 'PENDING') return { outcome: 'not-pending' };
    const previous = await tx.externalLearningCertificate.findMany({
      where: { learningId: row.learningId, status: 'UPLOADED' },
      select: { id: true, uploadKey: true, storageKey: true },
    });
    // The one on file goes first: at most one per entry (the partial unique index).
    if (previous.length) await tx.externalLearningCertificate.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } });
    await tx.externalLearningCertificate.update({ where: { id: row.id }, data: { status: 'UPLOADED', storageKey: finalKey, contentType: detected } });
    if (copyJobId) {
      // Rolls the acceptance back: the row stays pending, and finishing again makes a new copy.
      const dropped = await tx.job.deleteMany({ where: { id: copyJobId, attempts: 0, lockedAt: null, completedAt: null } });
      if (!dropped.count) throw unavailable(CHECK_TOOK_TOO_LONG);
    }
    return { outcome: 'accepted', queued: await queueObjectDeletion({ keys: [row.uploadKey, ...keysOf(previous)], uploads: [] }, { tx }) };
  });
}

/**
 * Step 2, after the browser's PUT: copies the uploaded object to its final key, checks the copy
 * (its size is the one announced; its first bytes are a PDF, PNG, JPEG or WebP, whatever its name
 * says), and attaches it to the entry, replacing the certificate it had. A refused file is said
 * in plain words, its row and objects gone. Safe to call twice: a second call after success
 * answers the same. Storage down: UNAVAILABLE with CERTIFICATE_STORAGE_DOWN, and nothing changed
 * (the upload stays pending, so the same call can be made again).
 */
export async function completeCertificateUpload(opts: { actor: Pick<Actor, 'id'>; certificateId: string }): Promise<AttachedCertificate> {
  const row = await loadOwnCertificate(opts.actor, opts.certificateId);
  if (row.status === 'UPLOADED') return attached(row);
  const uploaded = await withStorage(() => storage.headObject(row.uploadKey));
  if (!uploaded) {
    const done = await acceptedMeanwhile(row.id);
    if (done) return done;
    throw invalidState(NOT_ARRIVED);
  }
  // Checked before copying: an object other than the one announced is never copied.
  const early = sizeMismatch(uploaded.size, row.sizeBytes);
  if (early) {
    await rejectPending(row, null, null);
    throw validation(early);
  }
  const finalKey = `${CERTIFICATE_PREFIX}${randomBytes(16).toString('hex')}`;
  // The copy is on no row until it is accepted: its deletion is queued first, to run later than any
  // check takes, and the acceptance drops the job in its own transaction.
  const copyDeletion = await queueObjectDeletion({ keys: [finalKey], uploads: [] }, { runAt: new Date(Date.now() + COPY_SAFETY_NET_MS) });
  let copyDropped: Promise<boolean> | undefined;
  const dropCopy = () => (copyDropped ??= deleteQueuedObjects(copyDeletion, 'a certificate copy that was not accepted'));
  let outcome: Acceptance['outcome'] | null = null;
  try {
    await withStorage(() => storage.copyObject(row.uploadKey, finalKey, uploaded.size, row.contentType));
    const head = await withStorage(() => storage.headObject(finalKey));
    if (!head) throw invalidState(NOT_ARRIVED);
    // The copy is what district leaders open, so it is what is checked (bytes may have been sent meanwhile).
    let reason = sizeMismatch(head.size, row.sizeBytes);
    const sniffed = reason ? null : sniffFileType(await withStorage(() => storage.readHead(finalKey)));
    if (!reason && !isCertificateType(sniffed?.mime)) {
      reason = `“${row.fileName}” does not look like a PDF or an image inside: it may be damaged, or another kind of file renamed. Save or export the certificate again as ${CERTIFICATE_ACCEPTED_IN_WORDS}, and attach that.`;
    }
    if (reason) {
      await rejectPending(row, finalKey, copyDeletion?.jobId ?? null);
      throw validation(reason);
    }
    const result = await accept(row, finalKey, sniffed!.mime, copyDeletion?.jobId ?? null);
    outcome = result.outcome;
    if (result.outcome === 'accepted') {
      await deleteQueuedObjects(result.queued, 'replacing a certificate');
      return { id: row.id, fileName: row.fileName, contentType: sniffed!.mime, sizeBytes: row.sizeBytes };
    }
  } catch (e) {
    // This call's copy is on no row: it goes, now or, if storage is down, by the queued job. Then, if
    // a concurrent call accepted the certificate meanwhile, it is attached after all.
    await dropCopy();
    const done = await acceptedMeanwhile(row.id);
    if (done) return done;
    throw e;
  }
  await dropCopy();
  if (outcome === 'entry-gone') {
    // Deleted while this upload was checked: its row went with it (deleteExternalLearning queued
    // the upload object's deletion); this call's copy went just above.
    await deleteQueuedObjects(await queueObjectDeletion({ keys: [row.uploadKey], uploads: [] }), 'a certificate whose entry was deleted');
    throw entryNotFound();
  }
  const done = await acceptedMeanwhile(row.id);
  if (done) return done;
  throw certificateNotFound();
}

/**
 * The browser gave up an upload (Cancel, or another file chosen instead): its row goes if it is
 * still pending, so it no longer holds one of the entry's places, and its object is queued for
 * deletion with it. One already accepted, or gone, answers as done: the page shows what is on file.
 * Someone else's is "not found".
 */
export async function cancelCertificateUpload(opts: { actor: Pick<Actor, 'id'>; certificateId: string }): Promise<void> {
  const row = await loadOwnCertificate(opts.actor, opts.certificateId);
  if (row.status !== 'PENDING') return;
  const queued = await db.$transaction(async (tx) => {
    // The entry's lock first, as an acceptance takes it: a completion under way finishes, or finds this row gone.
    await lockOwnEntry(tx, row.learningId, row.userId);
    return dropCertificateRows(tx, Prisma.sql`"id" = ${row.id} AND "status" = 'PENDING'`);
  });
  await deleteQueuedObjects(queued, 'cancelling a certificate upload');
}

/**
 * "Remove" on an entry's certificate: its rows go (the certificate on file, and any upload under
 * way, which then finds nothing to finish), their objects queued for deletion with them. An entry
 * with no certificate answers as done; someone else's entry is "not found".
 */
export async function removeCertificate(opts: { actor: Pick<Actor, 'id'>; learningId: string }): Promise<void> {
  const queued = await db.$transaction(async (tx) => {
    if (!(await lockOwnEntry(tx, opts.learningId, opts.actor.id))) throw entryNotFound();
    return dropCertificateRows(tx, Prisma.sql`"learningId" = ${opts.learningId} AND "userId" = ${opts.actor.id}`);
  });
  await deleteQueuedObjects(queued, 'removing a certificate');
}

/**
 * For deleteExternalLearning, in its transaction, with the entry already locked: the entry's
 * certificate rows go (they would cascade) and their objects are queued for deletion.
 */
export async function queueCertificatesOfEntry(tx: Tx, learningId: string): Promise<QueuedDeletion | null> {
  return dropCertificateRows(tx, Prisma.sql`"learningId" = ${learningId}`);
}

/**
 * For account deletion (lib/auth/delete-account.ts), in its transaction: every object of the
 * account's certificates, with the entries and then the rows locked in the order an acceptance
 * takes them, so one under way commits first (and its copy is read) or finds the entry gone.
 */
export async function certificateKeysOfAccount(tx: Tx, userId: string): Promise<string[]> {
  await tx.$queryRaw`SELECT "id" FROM "ExternalLearning" WHERE "userId" = ${userId} ORDER BY "id" FOR UPDATE`;
  const rows = await tx.$queryRaw<{ uploadKey: string; storageKey: string | null }[]>`
    SELECT "uploadKey", "storageKey" FROM "ExternalLearningCertificate" WHERE "userId" = ${userId} ORDER BY "id" FOR UPDATE`;
  return keysOf(rows);
}

/**
 * A short-lived signed URL for someone allowed to open this certificate: the teacher, and a leader
 * of the district the teacher is in now (getDistrictTeacherRecord's 'district' reader, through the
 * same assertReadScope). A principal, another teacher, a reviewer, an issuer's admin, a leader of
 * another district: "not found", as for a certificate that does not exist, so nobody learns which.
 * Served as the type its bytes showed (never as something a browser would run), under the name
 * the teacher gave it with an extension of that type (servedCertificateName). A platform admin
 * counts as a district leader here, as on the teacher record itself.
 */
export async function getCertificateUrl(opts: { actor: Actor; certificateId: string; inline: boolean }): Promise<string> {
  const row = await db.externalLearningCertificate.findUnique({
    where: { id: opts.certificateId },
    select: { status: true, storageKey: true, fileName: true, contentType: true, userId: true, user: { select: { districtId: true } } },
  });
  if (!row || row.status !== 'UPLOADED' || !row.storageKey || !isCertificateType(row.contentType)) throw certificateNotFound();
  if (row.userId !== opts.actor.id) {
    const districtId = row.user.districtId;
    if (!districtId || !isDistrictLeader(opts.actor, districtId)) throw certificateNotFound();
    try {
      await assertReadScope(opts.actor, districtId, null);
    } catch (e) {
      if (isDomainError(e) && e.code === 'FORBIDDEN') throw certificateNotFound();
      throw e;
    }
  }
  const key = row.storageKey;
  return withStorage(() => storage.presignGet(key, { fileName: servedCertificateName(row.fileName, row.contentType), contentType: row.contentType, inline: opts.inline }));
}

/**
 * Periodic clean-up (with the evidence sweep, lib/jobs/handlers.ts): uploads started more than
 * STALE_CERTIFICATE_HOURS ago and never finished go, rows and objects, so storage keeps nothing
 * no row holds. Returns how many went.
 */
export async function sweepStaleCertificateUploads(now = new Date(), limit = 200): Promise<number> {
  const cutoff = new Date(now.getTime() - STALE_CERTIFICATE_HOURS * 3_600_000);
  const stale = await db.externalLearningCertificate.findMany({
    where: { status: 'PENDING', createdAt: { lt: cutoff } },
    orderBy: { createdAt: 'asc' },
    take: limit,
    select: { id: true },
  });
  let swept = 0;
  for (const { id } of stale) {
    // Only if still pending: a completion racing with the sweep wins.
    const queued = await db.$transaction((tx) => dropCertificateRows(tx, Prisma.sql`"id" = ${id} AND "status" = 'PENDING'`));
    if (!queued) continue;
    await deleteQueuedObjects(queued, 'a stale certificate upload');
    swept++;
  }
  return swept;
}
