/* eslint-disable @typescript-eslint/no-explicit-any -- signed credential JSON is inspected field by field */
// A status list is signed with the key that signed the credentials pointing at it: a verifier
// accepts a list only from the did its credential names as issuer. Lists made before the key was
// recorded (migration status_list_key) have none; they used to be signed with the issuer's current
// key, so after a key rotation every badge on them stopped verifying. The migration
// status_list_signing_key records their key, and a list without one is refused, not re-keyed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedSubmission, createOrg, createPublishedCredential, nextStatusIndex } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { getSigningKey, rotateIssuerKey } from '@/lib/awards/keys';
import { getSignedStatusList, StatusListKeyMissingError, statusListUrl } from '@/lib/awards/status-lists';
import { verifyStoredCredential } from '@/lib/awards/queries';
import { GET as revocationListGET } from '@/app/status-lists/[id]/route';
import { GET as suspensionListGET } from '@/app/status-lists/[id]/suspension/route';

beforeEach(resetDatabase);

const MIGRATION = path.resolve('prisma/migrations/20261126013100_status_list_signing_key/migration.sql');

/** Runs the migration's SQL file, as deploying it would, on this worker's test database. */
async function runMigration() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(await readFile(MIGRATION, 'utf8'));
  } finally {
    await client.end();
  }
}

const listKey = async (id: string) => (await db.statusList.findUniqueOrThrow({ where: { id }, select: { issuerKeyId: true } })).issuerKeyId;

/**
 * A badge signed with the issuer's first key, on a list as it was before keys were recorded (no
 * issuerKeyId), and the issuer's key rotated since. Returns both keys.
 */
async function badgeOnOldListThenRotation() {
  const cred = await createPublishedCredential();
  const oldKey = await getSigningKey(cred.issuer.id);
  const teacher = await createActor();
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(teacher, cred.mc.id));
  const award = await db.award.findUniqueOrThrow({ where: { id: awardId } });
  await db.statusList.update({ where: { id: award.statusListId }, data: { issuerKeyId: null } });
  await rotateIssuerKey({ actor: cred.admin, issuerId: cred.issuer.id });
  const newKey = await getSigningKey(cred.issuer.id);
  expect(newKey.keyId).not.toBe(oldKey.keyId);
  return { cred, award, oldKey, newKey };
}

/** A status list row shaped as before the migration status_list_key: no key, no given-out record. */
async function insertOldList(issuerId: string, createdAt: Date): Promise<string> {
  const id = `oldlist${Math.random().toString(36).slice(2, 12)}`;
  await db.$executeRaw`INSERT INTO "StatusList" ("id", "issuerId", "purpose", "bits", "nextIndex", "size", "version", "updatedAt", "createdAt")
    VALUES (${id}, ${issuerId}, 'revocation', ${Buffer.alloc(16384)}, 1, 131072, 0, ${createdAt}, ${createdAt})`;
  return id;
}

describe('a status list with no signing key recorded', () => {
  it('is refused with a clear error, not signed with the issuer’s current key, and its badges’ status is reported unknown', async () => {
    const { award, newKey } = await badgeOnOldListThenRotation();

    const refused = await getSignedStatusList(award.statusListId).then(
      (signed) => ({ signed }),
      (error: unknown) => ({ error }),
    );
    expect(refused).not.toHaveProperty('signed');
    expect((refused as { error: unknown }).error).toBeInstanceOf(StatusListKeyMissingError);
    expect(((refused as { error: Error }).error).message).toContain(`Status list ${award.statusListId} has no signing key recorded`);
    await expect(getSignedStatusList(award.statusListId, 'suspension')).rejects.toBeInstanceOf(StatusListKeyMissingError);

    for (const [handler, what] of [[revocationListGET, 'revocation'], [suspensionListGET, 'suspension']] as const) {
      const res = await handler(new Request(statusListUrl(award.statusListId)), { params: Promise.resolve({ id: award.statusListId }) });
      expect(res.status, what).toBe(500);
      expect(res.headers.get('cache-control'), what).toBe('no-store');
      const body = await res.json();
      expect(body.message, what).toMatch(/^This status list cannot be published right now/);
      // Nothing signed with the new key, which signed none of its badges.
      expect(JSON.stringify(body), what).not.toContain(newKey.did);
    }

    const result = await verifyStoredCredential(award.credential);
    expect(result.verified).toBe(false);
    expect(result.checks.revocation).toBe('unknown');
  });
});

describe('the migration status_list_signing_key', () => {
  it('gives an old list the key its badges were signed with, not the issuer’s current key, and the badges verify again', async () => {
    const { award, oldKey, newKey } = await badgeOnOldListThenRotation();
    // An old list of another issuer, with a key recorded already: left as it is.
    const other = await createPublishedCredential();
    const otherKey = await getSigningKey(other.issuer.id);
    const { awardId: otherAwardId } = await issueAwardForSubmission(await createEarnedSubmission(await createActor(), other.mc.id));
    const otherList = (await db.award.findUniqueOrThrow({ where: { id: otherAwardId } })).statusListId;

    await runMigration();

    expect(await listKey(award.statusListId)).toBe(oldKey.keyId);
    expect(await listKey(otherList)).toBe(otherKey.keyId);
    const signed = (await getSignedStatusList(award.statusListId)) as any;
    expect(signed.issuer).toBe(oldKey.did);
    expect(signed.issuer).not.toBe(newKey.did);
    const result = await verifyStoredCredential(award.credential);
    expect(result.checks.revocation).toBe('ok');
    expect(result.verified).toBe(true);
  });

  it('gives a list no badge of a known key is on the issuer’s key in use when the list was started', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const first = await getSigningKey(issuer.id);
    await rotateIssuerKey({ actor: admin, issuerId: issuer.id });
    const second = await getSigningKey(issuer.id);
    // The first key was in use from January to June 2026, the second since.
    await db.issuerKey.update({ where: { id: first.keyId }, data: { createdAt: new Date('2026-01-01T00:00:00Z'), retiredAt: new Date('2026-06-01T00:00:00Z') } });
    await db.issuerKey.update({ where: { id: second.keyId }, data: { createdAt: new Date('2026-06-01T00:00:00Z') } });

    const inMarch = await insertOldList(issuer.id, new Date('2026-03-01T00:00:00Z'));
    const inJuly = await insertOldList(issuer.id, new Date('2026-07-01T00:00:00Z'));
    // A March list whose only badge names another issuer's key: that key is not this list's.
    const stranger = await createPublishedCredential();
    const strangerKey = await getSigningKey(stranger.issuer.id);
    const withStrangerBadge = await insertOldList(issuer.id, new Date('2026-03-01T00:00:00Z'));
    const holder = await createActor();
    await db.award.create({
      data: {
        userId: holder.id, issuerId: issuer.id, title: 'Badge', pdHours: 1, recipientName: 'Holder', issuedAt: new Date('2026-03-01T00:00:00Z'),
        credential: { issuer: { id: strangerKey.did }, proof: { verificationMethod: `${strangerKey.did}#${strangerKey.did.slice('did:key:'.length)}` } },
        statusListId: withStrangerBadge, statusListIndex: nextStatusIndex(),
      },
    });
    // An issuer with no key at all: nothing to give; the list stays without one (and is refused).
    const keyless = await createOrg({ kind: 'ISSUER' });
    const keylessList = await insertOldList(keyless.id, new Date('2026-03-01T00:00:00Z'));

    await runMigration();

    expect(await listKey(inMarch)).toBe(first.keyId);
    expect(await listKey(inJuly)).toBe(second.keyId);
    expect(await listKey(withStrangerBadge)).toBe(first.keyId);
    expect(await listKey(keylessList)).toBeNull();
    await expect(getSignedStatusList(keylessList)).rejects.toBeInstanceOf(StatusListKeyMissingError);
    expect(((await getSignedStatusList(inMarch)) as any).issuer).toBe(first.did);
  });
});
