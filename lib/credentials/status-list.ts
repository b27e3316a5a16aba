// W3C Bitstring Status List v1.0: one bit per issued credential, published as a signed
// BitstringStatusListCredential. A set bit means "revoked" (or "suspended" for that purpose).
import { gunzipSync, gzipSync } from 'node:zlib';
import { toDateTimeStamp } from './build';
import { VC_V2_CONTEXT, type StatusPurpose, type UnsignedStatusListCredential } from './types';

/**
 * The spec's minimum: 16 KB (131,072 entries), so that a list reveals little about how many
 * credentials an issuer has and which one a verifier is asking about (herd privacy).
 */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/** Decoded lists larger than this are refused to bound memory on hostile input (16 MB). */
const MAX_DECODED_BYTES = 16 * 1024 * 1024;

export function createStatusList(length: number = MIN_STATUS_LIST_LENGTH): Uint8Array {
  if (!Number.isSafeInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new Error(`A status list needs at least ${MIN_STATUS_LIST_LENGTH} entries, in whole bytes.`);
  }
  return new Uint8Array(length / 8);
}

function locate(list: Uint8Array, index: number): { byte: number; mask: number } {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.length * 8) {
    throw new RangeError(`Status index ${index} is outside the list (0..${list.length * 8 - 1}).`);
  }
  // The spec numbers bits from the left: index 0 is the most significant bit of byte 0.
  return { byte: index >> 3, mask: 0x80 >> (index & 7) };
}

export function getStatusBit(list: Uint8Array, index: number): boolean {
  const { byte, mask } = locate(list, index);
  return (list[byte]! & mask) !== 0;
}

/** Sets (or clears) the bit in place. */
export function setStatusBit(list: Uint8Array, index: number, value: boolean): void {
  const { byte, mask } = locate(list, index);
  list[byte] = value ? list[byte]! | mask : list[byte]! & ~mask;
}

/** GZIP, then multibase base64url without padding ("u" prefix), as the spec requires. */
export function encodeStatusList(list: Uint8Array): string {
  return `u${gzipSync(list).toString('base64url')}`;
}

export function decodeStatusList(encodedList: string): Uint8Array {
  // Some early implementations omitted the multibase prefix; accept both.
  const base64url = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList;
  if (!/^[A-Za-z0-9_-]+$/.test(base64url)) {
    throw new Error('The status list is not base64url encoded.');
  }
  let decoded: Buffer;
  try {
    decoded = gunzipSync(Buffer.from(base64url, 'base64url'), { maxOutputLength: MAX_DECODED_BYTES });
  } catch {
    throw new Error('The status list could not be decompressed.');
  }
  return new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
}

export interface StatusListCredentialInput {
  /** Public URL where this status list credential is served. */
  id: string;
  /** The issuer's did:key; must be the same issuer as the credentials that point here. */
  issuer: string;
  statusPurpose: StatusPurpose;
  list: Uint8Array;
  validFrom: Date | string;
  /** Optional expiry; verifiers reject an expired status list. */
  validUntil?: Date | string;
  /** Suggested cache lifetime in milliseconds. */
  ttl?: number;
}

/** The unsigned BitstringStatusListCredential; sign it with `signCredential` like any other. */
export function buildStatusListCredential(input: StatusListCredentialInput): UnsignedStatusListCredential {
  new URL(input.id);
  if (input.list.length * 8 < MIN_STATUS_LIST_LENGTH) {
    throw new Error(`A status list needs at least ${MIN_STATUS_LIST_LENGTH} entries.`);
  }
  const credential: UnsignedStatusListCredential = {
    '@context': [VC_V2_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: toDateTimeStamp(input.validFrom, 'validFrom'),
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.statusPurpose,
      encodedList: encodeStatusList(input.list),
    },
  };
  if (input.validUntil !== undefined) {
    credential.validUntil = toDateTimeStamp(input.validUntil, 'validUntil');
  }
  if (input.ttl !== undefined) {
    credential.credentialSubject.ttl = input.ttl;
  }
  return credential;
}
