import 'server-only';

import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { documentLoader } from './document-loader';
import { loadKeyPair } from './keys';
import type { DataIntegrityProof as Proof, Signed, UnsignedCredential } from './types';

export interface SigningKey {
  did: string;
  publicKeyMultibase: string;
  /** Decrypted secret key (see `decryptPrivateKey`). */
  secretKeyMultibase: string;
}

export interface SignOptions {
  /** Proof creation time; defaults to now. */
  created?: Date;
}

function issuerId(credential: UnsignedCredential): string {
  return typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
}

/**
 * Sign a credential with an `eddsa-rdfc-2022` DataIntegrityProof (proofPurpose assertionMethod,
 * verificationMethod `did:key:z6Mk...#z6Mk...`).
 *
 * Proof shape: @digitalbazaar/vc emits `proof` as a single object, but 1EdTech's OB 3.0 JSON
 * schema requires an array. In JSON-LD (and so in the signed canonical form) a one-element array
 * and a bare object are the same value, and both @digitalbazaar/vc and the DCC verifier-core
 * accept either, so we always store and publish `proof: [ ... ]`. That satisfies the schema
 * without affecting signature verification (covered by the integration test).
 */
export async function signCredential<T extends UnsignedCredential>(
  unsigned: T,
  key: SigningKey,
  options: SignOptions = {},
): Promise<Signed<T>> {
  if ('proof' in unsigned) {
    throw new Error('The credential is already signed.');
  }
  // Verifiers check that the proof's controller is the issuer; catching a mismatch here gives a
  // clear error instead of a credential that can never verify.
  if (issuerId(unsigned) !== key.did) {
    throw new Error(`The issuer "${issuerId(unsigned)}" does not match the signing key "${key.did}".`);
  }
  const keyPair = await loadKeyPair(key);
  const signer = keyPair.signer();
  await assertKeyPairConsistent(keyPair);

  const suite = new DataIntegrityProof({
    signer,
    cryptosuite: eddsaRdfc2022,
    date: options.created ?? new Date(),
  });
  // `issue` mutates its input; never touch the caller's object.
  const signed = await vc.issue({
    credential: structuredClone(unsigned) as unknown as Record<string, unknown>,
    suite,
    documentLoader,
  });
  const proof = signed.proof as Proof | Proof[];
  return { ...signed, proof: Array.isArray(proof) ? proof : [proof] } as unknown as Signed<T>;
}

/**
 * A secret key that does not belong to the public key would produce proofs no one can verify;
 * a sign-and-check of a fixed message (about a millisecond) rules that out before issuing.
 */
async function assertKeyPairConsistent(
  keyPair: Awaited<ReturnType<typeof loadKeyPair>>,
): Promise<void> {
  const data = new TextEncoder().encode('microcred key self-check');
  const signature = await keyPair.signer().sign({ data });
  const ok = await keyPair.verifier().verify({ data, signature });
  if (!ok) {
    throw new Error('The secret key does not belong to the public key.');
  }
}
