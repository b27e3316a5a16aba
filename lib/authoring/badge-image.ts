// An issuer's badge picture (a square PNG the browser crops), uploaded as evidence is
// (lib/evidence/uploads.ts, lib/external-learning/certificates.ts):
// - the browser PUTs to a random key under uploads/, whose signed URL cannot be withdrawn for 15
//   minutes and which the bucket's 2-day rule on uploads/ expires (README);
// - confirming copies that object to a fresh random key under badges/ that no upload URL was ever
//   signed for, and checks the copy (its size, and that it is a whole PNG the baker can use). Bytes
//   sent to the upload URL later change nothing: the picture is the checked copy, for good, so a
//   server may keep it (lib/awards/images.ts);
// - the copy is on no row until a save puts it on the draft: its deletion is queued when it is made,
//   to run after UNSAVED_BADGE_KEEP_MS, and the save that stores it drops that job in its own
//   transaction. A picture cropped and never saved (or replaced before saving) goes by that job;
// - a draft's picture replaced or removed is deleted, through a job queued in the transaction that
//   let it go (lib/storage/deletion.ts), once no version shows it (a published version keeps its own).
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Tx } from '@/lib/db';
import { forbidden, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { isUsablePng } from '@/lib/awards/images';
import * as storage from '@/lib/storage/s3';
import { DELETE_OBJECTS_JOB, deleteQueuedObjects, queueObjectDeletion, type QueuedDeletion } from '@/lib/storage/deletion';

export const BADGE_MAX_BYTES = 2 * 1024 * 1024;

/** Where the browser sends the cropped picture: under uploads/, which the bucket's 2-day rule expires. */
const UPLOAD_PREFIX = 'uploads/badges/';
/** Where checked copies live: written only by the server, never through a signed URL. */
const BADGE_PREFIX = 'badges/';
/**
 * How long a checked copy waits for the save that puts it on a draft before its queued deletion
 * runs: as long as the bucket keeps an upload, far longer than anyone takes to finish the form.
 */
export const UNSAVED_BADGE_KEEP_MS = 2 * 24 * 60 * 60_000;

const STORAGE_DOWN = 'File storage is not reachable right now, so the badge image was not changed. Try again in a minute.';
const NOT_ARRIVED = 'The badge image did not finish uploading. Try again.';
const NOT_A_PNG = 'The badge image must be a PNG.';
const TOO_BIG = 'The badge image is larger than 2 MB.';
const NOT_THIS_ISSUER = 'That badge image does not belong to this issuer.';
/** A save with a copy whose queued deletion has run (or is running), or a key no confirmation made. */
export const BADGE_IMAGE_GONE = 'The badge image was chosen too long ago and is no longer kept. Choose the picture again (or remove it), then save.';

/** A storage outage becomes words the admin can act on; the SDK's own error stays in the log. */
const withStorage = <T>(call: () => Promise<T>): Promise<T> => storage.withStorage('badge-image', STORAGE_DOWN, call);

/** Issuer ids are cuids; anything else cannot match a key (and never reaches a regular expression). */
const issuerPart = (issuerId: string) => issuerId.replace(/[^a-z0-9]/gi, '');
const uploadKeyPattern = (issuerId: string) => new RegExp(`^uploads/badges/${issuerPart(issuerId)}/[0-9a-f]{32}\\.png$`);
const badgeKeyPattern = (issuerId: string) => new RegExp(`^badges/${issuerPart(issuerId)}/[0-9a-f]{32}\\.png$`);
const randomKey = (prefix: string, issuerId: string) => `${prefix}${issuerPart(issuerId)}/${randomBytes(16).toString('hex')}.png`;

/** Step 1: a presigned PUT for the cropped square PNG the browser made. The server never handles the bytes. */
export async function requestBadgeUpload(opts: { actor: Actor; issuerId: string; size: number }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  if (!Number.isInteger(opts.size) || opts.size <= 0) throw validation('The image is empty.');
  if (opts.size > BADGE_MAX_BYTES) throw validation('The cropped badge image is larger than 2 MB. Use a smaller picture.');
  const key = randomKey(UPLOAD_PREFIX, opts.issuerId);
  const url = await withStorage(() => storage.presignPut(key, 'image/png', opts.size));
  return { key, url };
}

/**
 * Step 2, after the browser's PUT: checks the uploaded object, copies it to a fresh key under
 * badges/ and checks the copy (what was checked is what is kept: nobody can write to that key).
 * Answers the copy's key, which the editor saves with the draft, and a preview of it. The copy's
 * deletion is queued first, to run after UNSAVED_BADGE_KEEP_MS unless a save drops it
 * (adoptBadgeImage); a refused picture's copy and upload go at once.
 */
export async function confirmBadgeUpload(opts: { actor: Actor; issuerId: string; key: string }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  if (!uploadKeyPattern(opts.issuerId).test(opts.key)) throw validation(NOT_THIS_ISSUER);
  const uploadKey = opts.key;
  const uploaded = await withStorage(() => storage.headObject(uploadKey));
  if (!uploaded) throw validation(NOT_ARRIVED);
  // Checked before copying: a bigger object than any badge (sent past the signed length) is never copied.
  if (uploaded.size > BADGE_MAX_BYTES || uploaded.size === 0) {
    await storage.deleteObject(uploadKey);
    throw validation(uploaded.size ? TOO_BIG : NOT_ARRIVED);
  }
  const finalKey = randomKey(BADGE_PREFIX, opts.issuerId);
  const safetyNet = await queueObjectDeletion({ keys: [finalKey], uploads: [] }, { runAt: new Date(Date.now() + UNSAVED_BADGE_KEEP_MS) });
  let kept = false;
  try {
    await withStorage(() => storage.copyObject(uploadKey, finalKey, uploaded.size, 'image/png'));
    // The copy is what badges show, so it is what is checked (bytes may have been sent meanwhile).
    const copied = await withStorage(() => storage.headObject(finalKey));
    if (!copied) throw validation(NOT_ARRIVED);
    if (copied.size > BADGE_MAX_BYTES) throw validation(TOO_BIG);
    const bytes = await withStorage(() => storage.getObjectBytes(finalKey));
    // A whole PNG the baker can use (every chunk intact), not only one that starts like a PNG: a
    // badge is never drawn without its picture for a file that looked right at the start.
    if (!isUsablePng(bytes)) throw validation(NOT_A_PNG);
    const previewUrl = await withStorage(() => badgePreviewUrl(finalKey));
    kept = true;
    return { key: finalKey, previewUrl };
  } finally {
    // The upload is never read again, accepted or not (the bucket's rule on uploads/ catches a miss).
    await storage.deleteObject(uploadKey);
    if (!kept) await deleteQueuedObjects(safetyNet, 'a badge image that was not accepted');
  }
}

export function badgePreviewUrl(key: string) {
  return storage.presignGet(key, { fileName: 'badge.png', contentType: 'image/png', inline: true });
}

/** Before anything is written: a key of this issuer's badge pictures (the save's transaction checks the rest). */
export function assertBadgeKeyOfIssuer(issuerId: string, key: string) {
  if (!badgeKeyPattern(issuerId).test(key)) throw validation(NOT_THIS_ISSUER, { badgeImageKey: [NOT_THIS_ISSUER] });
}

/**
 * In the transaction that puts `key` on a version of this credential (the credential row locked):
 * the key is a picture this credential already shows on a version (a published version's, brought
 * back into its draft), or a checked copy whose queued deletion has not started, which is dropped
 * here, so the copy is kept for good. Anything else (a copy given up after UNSAVED_BADGE_KEEP_MS, a
 * key another credential adopted, a key made up) is refused, and the transaction rolls back.
 */
export async function adoptBadgeImage(tx: Tx, opts: { issuerId: string; microCredentialId: string; key: string }) {
  assertBadgeKeyOfIssuer(opts.issuerId, opts.key);
  if (await tx.microCredentialVersion.count({ where: { microCredentialId: opts.microCredentialId, badgeImageKey: opts.key } })) return;
  // Only a copy's own safety net (queued to run a day or more after it was made): never the
  // deletion of a picture a save let go, which may already be deleting the object.
  const dropped = await tx.$queryRaw<{ id: string }[]>`
    DELETE FROM "Job"
    WHERE "type" = ${DELETE_OBJECTS_JOB} AND "completedAt" IS NULL AND "lockedAt" IS NULL AND "attempts" = 0
      AND "runAt" > "createdAt" + interval '1 day'
      AND "payload"->'keys' = jsonb_build_array(${opts.key}::text)
    RETURNING "id"`;
  if (!dropped.length) throw validation(BADGE_IMAGE_GONE, { badgeImageKey: [BADGE_IMAGE_GONE] });
}

/**
 * In the transaction that took `key` off a draft (replaced or removed): queues its deletion once no
 * version shows it any more. A published version's picture, or one another credential shares, stays.
 * The caller deletes it after the commit (deleteQueuedObjects); the job covers a crash or an outage.
 */
export async function releaseBadgeImage(tx: Tx, key: string | null): Promise<QueuedDeletion | null> {
  if (!key?.startsWith(BADGE_PREFIX)) return null;
  if (await tx.microCredentialVersion.count({ where: { badgeImageKey: key } })) return null;
  return queueObjectDeletion({ keys: [key], uploads: [] }, { tx });
}
