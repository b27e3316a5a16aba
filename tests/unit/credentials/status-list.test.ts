import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  MIN_STATUS_LIST_LENGTH,
  buildStatusListCredential,
  createStatusList,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  setStatusBit,
} from '@/lib/credentials/status-list';

const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('bitstring', () => {
  it('defaults to the 131,072-entry (16 KB) minimum and refuses smaller lists', () => {
    const list = createStatusList();
    expect(list.length).toBe(16 * 1024);
    expect(() => createStatusList(1024)).toThrow(/at least 131072/);
  });

  it('sets, reads and clears individual bits, left-most bit first', () => {
    const list = createStatusList();
    setStatusBit(list, 0, true);
    setStatusBit(list, 9, true);
    setStatusBit(list, MIN_STATUS_LIST_LENGTH - 1, true);
    // Index 0 is the most significant bit of byte 0 (spec), index 9 is bit 0x40 of byte 1.
    expect(list[0]).toBe(0x80);
    expect(list[1]).toBe(0x40);
    expect(list[list.length - 1]).toBe(0x01);
    expect(getStatusBit(list, 0)).toBe(true);
    expect(getStatusBit(list, 1)).toBe(false);
    expect(getStatusBit(list, 9)).toBe(true);
    setStatusBit(list, 9, false);
    expect(getStatusBit(list, 9)).toBe(false);
    expect(getStatusBit(list, 0)).toBe(true);
    expect(() => getStatusBit(list, MIN_STATUS_LIST_LENGTH)).toThrow(RangeError);
    expect(() => setStatusBit(list, -1, true)).toThrow(RangeError);
  });

  it('encodes as multibase base64url ("u") of GZIP and decodes back', () => {
    const list = createStatusList();
    for (const index of [3, 1000, 77_777, 131_071]) setStatusBit(list, index, true);
    const encoded = encodeStatusList(list);
    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    // Independent decode: base64url -> gunzip.
    expect(new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')))).toEqual(list);
    const decoded = decodeStatusList(encoded);
    expect(decoded).toEqual(list);
    expect([3, 1000, 77_777, 131_071].every((i) => getStatusBit(decoded, i))).toBe(true);
    expect(getStatusBit(decoded, 4)).toBe(false);
    // An all-zero 16 KB list compresses to a few dozen bytes.
    expect(encodeStatusList(createStatusList()).length).toBeLessThan(100);
  });

  it('rejects garbage instead of treating it as an empty list', () => {
    expect(() => decodeStatusList('u!!!')).toThrow();
    expect(() => decodeStatusList(`u${Buffer.from('not gzip').toString('base64url')}`)).toThrow(/decompressed/);
  });
});

describe('buildStatusListCredential', () => {
  it('builds a BitstringStatusListCredential', () => {
    const list = createStatusList();
    setStatusBit(list, 5, true);
    const vc = buildStatusListCredential({
      id: 'https://badges.example.org/status/revocation/1',
      issuer: DID,
      statusPurpose: 'revocation',
      list,
      validFrom: new Date('2025-01-01T00:00:00Z'),
      ttl: 300_000,
    });
    expect(vc).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://badges.example.org/status/revocation/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: DID,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: {
        id: 'https://badges.example.org/status/revocation/1#list',
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: encodeStatusList(list),
        ttl: 300_000,
      },
    });
    expect(getStatusBit(decodeStatusList(vc.credentialSubject.encodedList), 5)).toBe(true);
  });
});
