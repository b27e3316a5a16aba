import 'server-only';

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MULTIKEY_V1_CONTEXT, isEd25519DidKey } from './document-loader';

export interface IssuerKeyPair {
  /** `did:key:z6Mk...`: the issuer id written into credentials signed with this key. */
  did: string;
  /** `did:key:z6Mk...#z6Mk...`: what the proof's `verificationMethod` names. */
  verificationMethod: string;
  publicKeyMultibase: string;
  /** Plain secret key; store only `encryptPrivateKey(...)` of it. */
  secretKeyMultibase: string;
}

export function didFromPublicKeyMultibase(publicKeyMultibase: string): string {
  const did = `did:key:${publicKeyMultibase}`;
  if (!isEd25519DidKey(did)) {
    throw new Error('Not an Ed25519 multikey public key (expected "z6Mk...").');
  }
  return did;
}

export function verificationMethodFor(did: string): string {
  if (!isEd25519DidKey(did)) {
    throw new Error(`Not an Ed25519 did:key: "${did}".`);
  }
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** Generate a fresh Ed25519 issuer key. Rotation = generate another and keep the old ones. */
export async function generateIssuerKeyPair(): Promise<IssuerKeyPair> {
  const keyPair = await Ed25519Multikey.generate();
  const exported = await keyPair.export({ publicKey: true, secretKey: true });
  const publicKeyMultibase = String(exported.publicKeyMultibase);
  const secretKeyMultibase = String(exported.secretKeyMultibase);
  const did = didFromPublicKeyMultibase(publicKeyMultibase);
  return {
    did,
    verificationMethod: verificationMethodFor(did),
    publicKeyMultibase,
    secretKeyMultibase,
  };
}

/** Load a stored key as a Multikey key pair bound to its did:key verification method. */
export async function loadKeyPair(key: {
  did: string;
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
}): Promise<Ed25519Multikey.Ed25519MultikeyKeyPair> {
  if (key.did !== didFromPublicKeyMultibase(key.publicKeyMultibase)) {
    throw new Error('The DID does not match the public key.');
  }
  return Ed25519Multikey.from({
    '@context': MULTIKEY_V1_CONTEXT,
    type: 'Multikey',
    id: verificationMethodFor(key.did),
    controller: key.did,
    publicKeyMultibase: key.publicKeyMultibase,
    ...(key.secretKeyMultibase ? { secretKeyMultibase: key.secretKeyMultibase } : {}),
  });
}

// --- Encryption of secret keys at rest --------------------------------------------------------

const ENVELOPE_VERSION = 'v1';
// HKDF needs a salt and context label; both are fixed so the same env secret always derives the
// same key. Changing either makes every stored key undecryptable, hence the version prefix.
const HKDF_SALT = Buffer.from('microcred/issuer-keys/salt/v1', 'utf8');
const HKDF_INFO = Buffer.from('microcred issuer secret key encryption (AES-256-GCM)', 'utf8');
// The master key is expected to be high-entropy (e.g. `openssl rand -base64 32`); HKDF is not a
// password hash, so refuse obviously short values rather than silently deriving a weak key.
const MIN_MASTER_KEY_LENGTH = 32;

function deriveMasterKey(masterKey: string): Buffer {
  if (typeof masterKey !== 'string' || masterKey.length < MIN_MASTER_KEY_LENGTH) {
    throw new Error(
      `The key-encryption master key must be at least ${MIN_MASTER_KEY_LENGTH} characters (generate one with "openssl rand -base64 32").`,
    );
  }
  return Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
}

/** Encrypt a secret key for storage: `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function encryptPrivateKey(secretKeyMultibase: string, masterKey: string): string {
  const key = deriveMasterKey(masterKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // Binding the version as associated data stops a ciphertext being replayed under another scheme.
  cipher.setAAD(Buffer.from(ENVELOPE_VERSION, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secretKeyMultibase, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENVELOPE_VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptPrivateKey(encrypted: string, masterKey: string): string {
  const parts = encrypted.split('.');
  if (parts.length !== 4 || parts[0] !== ENVELOPE_VERSION) {
    throw new Error('Unrecognised encrypted key format.');
  }
  const [, ivText, tagText, ciphertextText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== 12 || tag.length !== 16) {
    throw new Error('Unrecognised encrypted key format.');
  }
  const decipher = createDecipheriv('aes-256-gcm', deriveMasterKey(masterKey), iv);
  decipher.setAAD(Buffer.from(ENVELOPE_VERSION, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertextText, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // GCM authentication failed: wrong master key or tampered ciphertext. Never return garbage.
    throw new Error('Could not decrypt the issuer key: wrong master key or corrupted data.');
  }
}
