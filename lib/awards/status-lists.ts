import 'server-only';
import { randomInt } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { buildStatusListCredential, createStatusList, getStatusBit, setStatusBit } from '@/lib/credentials/status-list';
import { signCredential } from '@/lib/credentials/sign';
import { getKeyById } from '@/lib/awards/keys';

const PURPOSE = 'revocation';
// Past this share of used indexes a fresh list is started, so random picks stay quick.
const MAX_FILL = 0.5;

export function statusListUrl(id: string) {
  return new URL(`/status-lists/${id}`, env().APP_URL).toString();
}

/**
 * The suspension list that accompanies a revocation list: same key, same index for each award.
 * 1EdTech's OB 3.0 schema allows one `credentialStatus` per credential, which we spend on
 * revocation (the status every verifier checks); suspension is published here, at a URL derived
 * from the revocation list's, and our verifier consults it (ADR 005).
 */
export function suspensionListUrl(id: string) {
  return `${statusListUrl(id)}/suspension`;
}

/**
 * Reserves a random index in the issuer's current revocation list. Random (not sequential) so a
 * list does not reveal how many credentials exist or which one a verifier is checking.
 */
export async function allocateStatusEntry(tx: Tx, issuerId: string, issuerKeyId: string): Promise<{ statusListId: string; statusListIndex: number }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`status-list:${issuerId}`}))`;
  const columns = { id: true, size: true, nextIndex: true, bits: true, suspensionBits: true, allocatedBits: true } as const;
  // The newest list of this key, by when it was started: not by updatedAt, which a revocation or a
  // suspension on an older list bumps, and which would send new awards back to that list (or, once
  // it is full, start yet another list beside a newest one with room).
  let list = await tx.statusList.findFirst({ where: { issuerId, issuerKeyId, purpose: PURPOSE }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: columns });
  if (!list || list.nextIndex >= list.size * MAX_FILL) {
    list = await tx.statusList.create({
      data: { issuerId, issuerKeyId, purpose: PURPOSE, bits: Buffer.from(createStatusList()), allocatedBits: Buffer.from(createStatusList()) },
      select: columns,
    });
  }
  const revokedBits = new Uint8Array(list.bits);
  const suspendedBits = list.suspensionBits ? new Uint8Array(list.suspensionBits) : null;
  const given = list.allocatedBits ? new Uint8Array(list.allocatedBits) : await givenOutFromAwards(tx, list.id, list.size);
  for (let tries = 0; tries < 64; tries++) {
    const index = randomInt(0, list.size);
    // An index is never given out twice, even once no award holds it (the award was deleted with
    // its account): copies of that badge downloaded before still point at it, and would follow the
    // new badge's status. A set bit (revoked, suspended) is never reused either: a new badge there
    // would be born revoked, or suspended.
    if (getStatusBit(given, index) || getStatusBit(revokedBits, index) || (suspendedBits && getStatusBit(suspendedBits, index))) continue;
    const taken = await tx.award.findUnique({ where: { statusListId_statusListIndex: { statusListId: list.id, statusListIndex: index } }, select: { id: true } });
    if (taken) continue;
    setStatusBit(given, index, true);
    // nextIndex counts allocations (the fill level), not a position.
    await tx.statusList.update({ where: { id: list.id }, data: { nextIndex: { increment: 1 }, allocatedBits: Buffer.from(given) } });
    return { statusListId: list.id, statusListIndex: index };
  }
  throw new Error('Could not allocate a status list index');
}

/** A list's given-out indexes as its standing awards hold them: for a list with none recorded (made before they were). */
async function givenOutFromAwards(tx: Tx, statusListId: string, size: number): Promise<Uint8Array> {
  const bits = createStatusList(size);
  const held = await tx.award.findMany({ where: { statusListId }, select: { statusListIndex: true } });
  for (const a of held) setStatusBit(bits, a.statusListIndex, true);
  return bits;
}

export async function setRevocationBit(tx: Tx, statusListId: string, index: number, revoked: boolean) {
  // Row lock: two revocations on one list at once must not lose each other's bit.
  const [row] = await tx.$queryRaw<{ bits: Uint8Array }[]>`SELECT "bits" FROM "StatusList" WHERE "id" = ${statusListId} FOR UPDATE`;
  const bits = new Uint8Array(row.bits);
  setStatusBit(bits, index, revoked);
  await tx.statusList.update({ where: { id: statusListId }, data: { bits: Buffer.from(bits), version: { increment: 1 } } });
}

/** Sets or clears an award's bit in the companion suspension list. */
export async function setSuspensionBit(tx: Tx, statusListId: string, index: number, suspended: boolean) {
  const [row] = await tx.$queryRaw<{ suspensionBits: Uint8Array | null }[]>`SELECT "suspensionBits" FROM "StatusList" WHERE "id" = ${statusListId} FOR UPDATE`;
  const bits = row.suspensionBits ? new Uint8Array(row.suspensionBits) : createStatusList();
  // Already so: no new version of the list to sign and serve.
  if (getStatusBit(bits, index) === suspended) return;
  setStatusBit(bits, index, suspended);
  await tx.statusList.update({ where: { id: statusListId }, data: { suspensionBits: Buffer.from(bits), suspensionVersion: { increment: 1 } } });
}

/**
 * A status list with no signing key recorded (lists made before keys were, left unfilled by the
 * migration `status_list_signing_key`, or whose key row was deleted). Its status cannot be published
 * until someone records the key that signed the credentials pointing at it.
 */
export class StatusListKeyMissingError extends Error {
  constructor(readonly statusListId: string) {
    super(
      `Status list ${statusListId} has no signing key recorded (StatusList.issuerKeyId is empty), so it is not published: ` +
        'signing it with the issuer’s current key would not match the key its credentials were signed with. ' +
        'Set its issuerKeyId to the IssuerKey whose did those credentials name as issuer.',
    );
    this.name = 'StatusListKeyMissingError';
  }
}

// Signing costs a few milliseconds; keep the latest signed copy of each list version in memory.
// Correctness does not depend on it: the version is read from the database every time.
const signedCache = new Map<string, { version: number; credential: unknown }>();

/**
 * The signed BitstringStatusListCredential as published at /status-lists/{id} (revocation) or
 * /status-lists/{id}/suspension (its companion suspension list).
 */
export async function getSignedStatusList(id: string, purpose: 'revocation' | 'suspension' = 'revocation'): Promise<unknown | null> {
  const list = await db.statusList.findUnique({
    where: { id },
    select: { id: true, issuerId: true, issuerKeyId: true, purpose: true, bits: true, version: true, suspensionBits: true, suspensionVersion: true, updatedAt: true },
  });
  if (!list) return null;
  const suspension = purpose === 'suspension';
  const version = suspension ? list.suspensionVersion : list.version;
  const cacheKey = `${purpose} ${id}`;
  const cached = signedCache.get(cacheKey);
  if (cached && cached.version === version) return cached.credential;
  // Signed by the key of the credentials that point here, even after that key was retired: a
  // verifier accepts a list only from the issuer (the did) its credential names. A list with no key
  // recorded is refused, never signed with the issuer's current key: after a key rotation that key
  // signed none of its credentials, and every one of them would stop verifying.
  if (!list.issuerKeyId) throw new StatusListKeyMissingError(list.id);
  const key = await getKeyById(list.issuerKeyId);
  const unsigned = buildStatusListCredential({
    id: suspension ? suspensionListUrl(list.id) : statusListUrl(list.id),
    issuer: key.did,
    statusPurpose: suspension || list.purpose === 'suspension' ? 'suspension' : 'revocation',
    list: suspension ? (list.suspensionBits ? new Uint8Array(list.suspensionBits) : createStatusList()) : new Uint8Array(list.bits),
    validFrom: list.updatedAt,
  });
  const signed = await signCredential(unsigned, key);
  if (signedCache.size > 500) signedCache.clear();
  signedCache.set(cacheKey, { version, credential: signed });
  return signed;
}

/**
 * The HTTP answer for /status-lists/{id} and its /suspension companion: the signed list, or 404
 * for an id that is malformed or unknown.
 */
export async function statusListResponse(id: string, purpose: 'revocation' | 'suspension'): Promise<Response> {
  let list: unknown;
  try {
    list = LIST_ID.test(id) ? await getSignedStatusList(id, purpose) : null;
  } catch (e) {
    if (!(e instanceof StatusListKeyMissingError)) throw e;
    console.error(`[awards] ${e.message}`);
    return Response.json(
      { error: 'Status list unavailable', message: 'This status list cannot be published right now, so whether the badges that use it were revoked or suspended cannot be checked. Try again later, or ask the badge’s issuer.' },
      { status: 500, headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' } },
    );
  }
  if (!list) return Response.json({ error: 'Not found' }, { status: 404 });
  return new Response(JSON.stringify(list), {
    headers: { 'content-type': 'application/vc+ld+json; charset=utf-8', 'cache-control': 'public, max-age=60', 'access-control-allow-origin': '*' },
  });
}

const LIST_ID = /^[a-z0-9]{1,40}$/i;
const OWN_LIST = /^([a-z0-9]{1,40})(\/suspension)?$/i;

/** For verifying our own credentials without an HTTP round trip. */
export async function fetchOwnStatusList(url: string): Promise<unknown | null> {
  const base = statusListUrl('');
  if (!url.startsWith(base)) return null;
  const match = OWN_LIST.exec(url.slice(base.length));
  if (!match) return null;
  return getSignedStatusList(match[1], match[2] ? 'suspension' : 'revocation');
}

/**
 * Where the companion suspension list of a credential's revocation entry lives, for our own lists
 * only (another issuer's URL layout means nothing to us).
 */
export function ownSuspensionListFor(revocationListUrl: string): string | null {
  const base = statusListUrl('');
  if (!revocationListUrl.startsWith(base)) return null;
  const id = revocationListUrl.slice(base.length);
  return LIST_ID.test(id) ? suspensionListUrl(id) : null;
}
