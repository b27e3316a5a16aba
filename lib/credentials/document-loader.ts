// Offline JSON-LD document loader. Signing and verifying canonicalize the credential with
// JSON-LD, which dereferences every context URL and the proof's verification method. Fetching
// those at run time would make verification depend on third-party uptime and let a network
// attacker swap a context, so every document is bundled and anything unknown is refused.
import credentialsV2 from './contexts/credentials-v2.json';
import dataIntegrityV1 from './contexts/data-integrity-v1.json';
import dataIntegrityV2 from './contexts/data-integrity-v2.json';
import didV1 from './contexts/did-v1.json';
import multikeyV1 from './contexts/multikey-v1.json';
import obContext303 from './contexts/ob-context-3.0.3.json';

export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

const STATIC_DOCUMENTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ['https://www.w3.org/ns/credentials/v2', credentialsV2],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', obContext303],
  ['https://w3id.org/security/data-integrity/v1', dataIntegrityV1],
  ['https://w3id.org/security/data-integrity/v2', dataIntegrityV2],
  [DID_V1_CONTEXT, didV1],
  [MULTIKEY_V1_CONTEXT, multikeyV1],
]);

// An Ed25519 did:key is "z6Mk" (base58btc of multicodec 0xed01) plus the base58btc-encoded
// 32-byte key: 48 characters in all.
const ED25519_DID_KEY = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{44})$/;

export interface DidKeyVerificationMethod {
  '@context': string;
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidKeyDocument {
  '@context': string[];
  id: string;
  verificationMethod: Array<Omit<DidKeyVerificationMethod, '@context'>>;
  authentication: string[];
  assertionMethod: string[];
  capabilityDelegation: string[];
  capabilityInvocation: string[];
}

/** True for an Ed25519 `did:key` (the only DID method this platform issues with). */
export function isEd25519DidKey(did: string): boolean {
  return ED25519_DID_KEY.test(did);
}

/**
 * Resolve an Ed25519 `did:key` locally. A did:key is self-describing (the DID *is* the public
 * key), so no registry lookup is needed and old credentials keep verifying after key rotation.
 * With a fragment, returns the verification method; without, the DID document.
 */
export function resolveDidKey(didUrl: string): DidKeyDocument | DidKeyVerificationMethod {
  const [did, fragment] = didUrl.split('#', 2) as [string, string | undefined];
  const match = ED25519_DID_KEY.exec(did);
  if (!match) {
    throw new Error(`Unsupported DID "${didUrl}": only Ed25519 did:key identifiers are accepted.`);
  }
  const publicKeyMultibase = match[1];
  const vmId = `${did}#${publicKeyMultibase}`;
  const verificationMethod = {
    id: vmId,
    type: 'Multikey' as const,
    controller: did,
    publicKeyMultibase,
  };
  if (fragment !== undefined) {
    if (fragment !== publicKeyMultibase) {
      throw new Error(`Unknown verification method "${didUrl}".`);
    }
    return { '@context': MULTIKEY_V1_CONTEXT, ...verificationMethod };
  }
  return {
    // The DID v1 context must come first: jsonld-signatures then reads `assertionMethod`
    // directly instead of JSON-LD framing the document.
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: [verificationMethod],
    authentication: [vmId],
    assertionMethod: [vmId],
    capabilityDelegation: [vmId],
    capabilityInvocation: [vmId],
  };
}

/** The one document loader used for signing and verifying; it never touches the network. */
export const documentLoader: DocumentLoader = async (url: string) => {
  const staticDocument = STATIC_DOCUMENTS.get(url);
  if (staticDocument !== undefined) {
    // jsonld may mutate what it receives; hand out a copy so the bundled contexts stay pristine.
    return { contextUrl: null, documentUrl: url, document: structuredClone(staticDocument) };
  }
  if (url.startsWith('did:key:')) {
    return { contextUrl: null, documentUrl: url, document: resolveDidKey(url) };
  }
  throw new Error(`Refusing to load "${url}": documents are only served from the offline bundle.`);
};
