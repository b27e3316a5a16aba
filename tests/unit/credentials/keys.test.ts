import { describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential } from '@/lib/credentials/build';
import {
  decryptPrivateKey,
  encryptPrivateKey,
  generateIssuerKeyPair,
  verificationMethodFor,
} from '@/lib/credentials/keys';
import { signCredential } from '@/lib/credentials/sign';
import { credentialInput } from './fixtures';

const MASTER_KEY = 'q2w9Zk1u8m3XbV7c0pLr5tY4hN6sD2fG8jK1aQ3eW0o=';
const OTHER_MASTER_KEY = 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa98765432=';

describe('generateIssuerKeyPair', () => {
  it('creates an Ed25519 did:key with a fragment-qualified verification method', async () => {
    const key = await generateIssuerKeyPair();
    expect(key.did).toMatch(/^did:key:z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(key.did).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(key.verificationMethod).toBe(`${key.did}#${key.publicKeyMultibase}`);
    expect(verificationMethodFor(key.did)).toBe(key.verificationMethod);
    expect(key.secretKeyMultibase).toMatch(/^z/);
    const other = await generateIssuerKeyPair();
    expect(other.did).not.toBe(key.did);
  });
});

describe('encryptPrivateKey / decryptPrivateKey', () => {
  it('round-trips and uses the v1.<iv>.<tag>.<ciphertext> format', async () => {
    const { secretKeyMultibase } = await generateIssuerKeyPair();
    const encrypted = encryptPrivateKey(secretKeyMultibase, MASTER_KEY);
    expect(encrypted).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(encrypted).not.toContain(secretKeyMultibase);
    expect(decryptPrivateKey(encrypted, MASTER_KEY)).toBe(secretKeyMultibase);
  });

  it('uses a fresh IV each time', async () => {
    const { secretKeyMultibase } = await generateIssuerKeyPair();
    expect(encryptPrivateKey(secretKeyMultibase, MASTER_KEY)).not.toBe(
      encryptPrivateKey(secretKeyMultibase, MASTER_KEY),
    );
  });

  it('fails with the wrong master key or a tampered ciphertext', async () => {
    const { secretKeyMultibase } = await generateIssuerKeyPair();
    const encrypted = encryptPrivateKey(secretKeyMultibase, MASTER_KEY);
    expect(() => decryptPrivateKey(encrypted, OTHER_MASTER_KEY)).toThrow(/wrong master key/);

    const parts = encrypted.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 0x01;
    const tampered = [...parts.slice(0, 3), ciphertext.toString('base64url')].join('.');
    expect(() => decryptPrivateKey(tampered, MASTER_KEY)).toThrow(/corrupted/);
    expect(() => decryptPrivateKey('v2.a.b.c', MASTER_KEY)).toThrow(/format/);
  });

  it('refuses a master key too short to be a real secret', () => {
    expect(() => encryptPrivateKey('zSecret', 'short')).toThrow(/at least 32 characters/);
  });
});

describe('signCredential key checks', () => {
  it('refuses to sign when the issuer is not the key DID', async () => {
    const key = await generateIssuerKeyPair();
    const other = await generateIssuerKeyPair();
    const vc = buildOpenBadgeCredential(credentialInput(other.did));
    await expect(signCredential(vc, key)).rejects.toThrow(/does not match the signing key/);
  });

  it('refuses a secret key that belongs to a different public key', async () => {
    const key = await generateIssuerKeyPair();
    const other = await generateIssuerKeyPair();
    const vc = buildOpenBadgeCredential(credentialInput(key.did));
    await expect(
      signCredential(vc, { ...key, secretKeyMultibase: other.secretKeyMultibase }),
    ).rejects.toThrow(/does not belong/);
  });
});
