import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { forbidden, invalidState, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { sniffFileType } from '@/lib/evidence/sniff';
import { recordAudit } from '@/lib/audit/log';
import * as storage from '@/lib/storage/s3';

export const BADGE_MAX_BYTES = 2 * 1024 * 1024;

const keyPattern = (issuerId: string) => new RegExp(`^badges/${issuerId.replace(/[^a-z0-9]/gi, '')}/[0-9a-f]{32}\\.png$`);

/** Step 1: a presigned PUT for the cropped square PNG the browser made. The server never handles the bytes. */
export async function requestBadgeUpload(opts: { actor: Actor; issuerId: string; size: number }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  if (!Number.isInteger(opts.size) || opts.size <= 0) throw validation('The image is empty.');
  if (opts.size > BADGE_MAX_BYTES) throw validation('The cropped badge image is larger than 2 MB. Use a smaller picture.');
  const key = `badges/${opts.issuerId}/${randomBytes(16).toString('hex')}.png`;
  const url = await storage.presignPut(key, 'image/png', opts.size);
  return { key, url };
}

/** Step 2 (and again on save): the object exists, is small enough, and really is a PNG. */
export async function verifyBadgeObject(opts: { actor: Actor; issuerId: string; key: string }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  if (!keyPattern(opts.issuerId).test(opts.key)) throw validation('That badge image does not belong to this issuer.');
  const head = await storage.headObject(opts.key);
  if (!head) throw validation('The badge image did not finish uploading. Try again.');
  if (head.size > BADGE_MAX_BYTES) {
    await storage.deleteObject(opts.key);
    throw validation('The badge image is larger than 2 MB.');
  }
  const sniffed = sniffFileType(await storage.readHead(opts.key, 64));
  if (sniffed?.mime !== 'image/png') {
    await storage.deleteObject(opts.key);
    throw validation('The badge image must be a PNG.');
  }
  return { key: opts.key, previewUrl: await badgePreviewUrl(opts.key) };
}

export function badgePreviewUrl(key: string) {
  return storage.presignGet(key, { fileName: 'badge.png', contentType: 'image/png', inline: true });
}

/**
 * Sets (or clears) the image of the newest version. Only a draft changes: a published version's
 * image is part of what teachers earned against, so editing it goes through a new draft.
 */
export async function setBadgeImage(opts: { actor: Actor; microCredentialId: string; key: string | null }) {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: { id: true, issuerId: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, status: true, badgeImageKey: true } } },
  });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  const latest = mc.versions[0];
  if (!latest) throw invalidState('Save the credential first.');
  if (latest.badgeImageKey === opts.key) return;
  if (latest.status !== 'DRAFT') throw invalidState('Save your changes as a draft before changing the badge image.');
  if (opts.key) await verifyBadgeObject({ actor: opts.actor, issuerId: mc.issuerId, key: opts.key });
  await db.$transaction(async (tx) => {
    await tx.microCredentialVersion.update({ where: { id: latest.id }, data: { badgeImageKey: opts.key } });
    await recordAudit({ actorId: opts.actor.id, action: 'credential.badge_image', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { key: opts.key } }, tx);
  });
}
