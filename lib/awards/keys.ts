import 'server-only';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { decryptPrivateKey, encryptPrivateKey, generateIssuerKeyPair } from '@/lib/credentials/keys';
import type { SigningKey } from '@/lib/credentials/sign';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { conflict, forbidden } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';

async function createKey(tx: Tx, issuerId: string) {
  const pair = await generateIssuerKeyPair();
  return tx.issuerKey.create({
    data: { issuerId, did: pair.did, publicKeyMultibase: pair.publicKeyMultibase, secretKeyEncrypted: encryptPrivateKey(pair.secretKeyMultibase, env().CREDENTIAL_KEY_SECRET) },
    select: { id: true, did: true, publicKeyMultibase: true, secretKeyEncrypted: true },
  });
}

/**
 * The issuer's current signing key, created on first use. An advisory lock per issuer makes two
 * app servers issuing the first badge at once agree on one key.
 */
export async function getSigningKey(issuerId: string): Promise<SigningKey & { keyId: string }> {
  const existing = await db.issuerKey.findFirst({
    where: { issuerId, retiredAt: null },
    orderBy: { createdAt: 'desc' },
    select: { id: true, did: true, publicKeyMultibase: true, secretKeyEncrypted: true },
  });
  const key =
    existing ??
    (await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`issuer-key:${issuerId}`}))`;
      const again = await tx.issuerKey.findFirst({ where: { issuerId, retiredAt: null }, orderBy: { createdAt: 'desc' }, select: { id: true, did: true, publicKeyMultibase: true, secretKeyEncrypted: true } });
      return again ?? createKey(tx, issuerId);
    }));
  return { keyId: key.id, did: key.did, publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: decryptPrivateKey(key.secretKeyEncrypted, env().CREDENTIAL_KEY_SECRET) };
}

/**
 * The issuer's signing keys, newest first (at most 20): the current one (not retired) and those it
 * replaced, with when each was in use. For the issuer's admins; the public issuer page lists them too.
 */
export async function listSigningKeys(opts: { actor: Actor; issuerId: string }) {
  if (!isIssuerAdmin(opts.actor, opts.issuerId)) throw forbidden();
  return db.issuerKey.findMany({ where: { issuerId: opts.issuerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 20, select: { id: true, did: true, createdAt: true, retiredAt: true } });
}

export const KEY_REPLACED_SINCE = 'The signing key was already replaced since this page was loaded (by you in another tab, or another admin). Reload the page to see the current key.';

/**
 * Retires the current key and makes a new one, which signs every badge and status list issued from
 * then on. Earlier credentials keep verifying: their proofs name a did:key, which carries its own
 * public key, and their status lists stay signed by the key that signed them.
 *
 * `seenKeyId`: the key the admin's page showed as current ('' for none yet). A second press of the
 * same button, or a rotation by another admin since, is refused (CONFLICT) instead of replacing the
 * new key too. `reason` is kept in the audit log.
 */
export async function rotateIssuerKey(opts: { actor: Actor; issuerId: string; seenKeyId?: string; reason?: string }) {
  if (!isIssuerAdmin(opts.actor, opts.issuerId)) throw forbidden();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`issuer-key:${opts.issuerId}`}))`;
    const current = await tx.issuerKey.findFirst({ where: { issuerId: opts.issuerId, retiredAt: null }, orderBy: { createdAt: 'desc' }, select: { id: true, did: true } });
    if (opts.seenKeyId !== undefined && (current?.id ?? '') !== opts.seenKeyId) throw conflict(KEY_REPLACED_SINCE);
    await tx.issuerKey.updateMany({ where: { issuerId: opts.issuerId, retiredAt: null }, data: { retiredAt: new Date() } });
    const key = await createKey(tx, opts.issuerId);
    await recordAudit({ actorId: opts.actor.id, action: 'issuer.key_rotate', entityType: 'Organization', entityId: opts.issuerId, organizationId: opts.issuerId, data: { did: key.did, ...(current ? { replaced: current.did } : {}), ...(opts.reason ? { reason: opts.reason } : {}) } }, tx);
    return { did: key.did };
  });
}

/** A specific key (possibly retired), for re-signing the status lists of its credentials. */
export async function getKeyById(keyId: string): Promise<SigningKey & { keyId: string }> {
  const key = await db.issuerKey.findUniqueOrThrow({ where: { id: keyId }, select: { id: true, did: true, publicKeyMultibase: true, secretKeyEncrypted: true } });
  return { keyId: key.id, did: key.did, publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: decryptPrivateKey(key.secretKeyEncrypted, env().CREDENTIAL_KEY_SECRET) };
}
