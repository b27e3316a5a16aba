// Verification of Open Badges 3.0 credentials, reported check by check for the public /verify
// and /credentials/{id} pages. Works offline: contexts and did:key documents come from the
// bundled document loader, and status lists come from the caller's `fetchStatusList`.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';
import { documentLoader } from './document-loader';
import { validateOpenBadgeCredential } from './schema';
import { decodeStatusList, getStatusBit } from './status-list';
import { OB_V3_CONTEXT, VC_V2_CONTEXT, type StatusPurpose } from './types';

export type SignatureCheck = 'ok' | 'fail';
export type ExpiryCheck = 'ok' | 'expired' | 'not-yet-valid';
export type RevocationCheck = 'ok' | 'revoked' | 'suspended' | 'unknown';
export type SchemaCheck = 'ok' | 'fail';

export interface VerifiedIssuer {
  id: string;
  name?: string;
  url?: string;
  image?: string;
}

export interface VerificationResult {
  /** True only when every check is 'ok'. */
  verified: boolean;
  checks: {
    signature: SignatureCheck;
    expiry: ExpiryCheck;
    revocation: RevocationCheck;
    schema: SchemaCheck;
  };
  /** Plain-language explanations of each failed check, suitable for showing to a visitor. */
  errors: string[];
  /** Library messages behind `errors`, for logs; never show these to visitors. */
  details: string[];
  /** The issuer the credential *claims*; only trustworthy when `checks.signature === 'ok'`. */
  issuer?: VerifiedIssuer;
  /**
   * The credential as every check read it: compacted against VC 2.0 and OB 3.0, so its keys are
   * the usual short names whatever spelling it arrived in (the raw input only when it could not be
   * compacted, in which case the signature check has failed).
   */
  credential?: Record<string, unknown>;
}

/** Returns the status list credential (parsed JSON) published at `url`, or null if unavailable. */
export type FetchStatusList = (url: string) => Promise<unknown | null>;

export interface VerifyOptions {
  fetchStatusList?: FetchStatusList;
  /**
   * For an issuer that publishes suspension in a companion list (same index as the revocation
   * entry) because its credentials may carry only one `credentialStatus`: the companion's URL for
   * a revocation list URL, or null when there is none.
   */
  companionSuspensionList?: (revocationListUrl: string) => string | null;
  /** Evaluation time for validity dates; defaults to now. */
  now?: Date;
}

// Clocks of issuing and verifying servers can differ slightly; same tolerance as @digitalbazaar/vc.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseDate(value: unknown): Date | undefined | 'invalid' {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return 'invalid';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

function summarizeIssuer(issuer: unknown): VerifiedIssuer | undefined {
  const id = idOf(issuer);
  if (!id) return undefined;
  if (!isObject(issuer)) return { id };
  const image = idOf(issuer.image);
  return {
    id,
    ...(typeof issuer.name === 'string' ? { name: issuer.name } : {}),
    ...(typeof issuer.url === 'string' ? { url: issuer.url } : {}),
    ...(image ? { image } : {}),
  };
}

// --- reading form -----------------------------------------------------------------------------

// The signature covers the credential's meaning (its JSON-LD graph), not its JSON spelling: the
// same credential can be written with a full IRI for a key ("https://www.w3.org/2018/credentials#
// validUntil"), an {"@value": …} object, an inline context that aliases a term, and still verify.
// Every check after the signature therefore reads a copy re-spelled in the one vocabulary this
// verifier knows, never the raw keys, or such a respelling would hide an expiry date or a
// revocation entry behind a genuine signature.
const READING_CONTEXT = [VC_V2_CONTEXT, OB_V3_CONTEXT];

/** The credential compacted against VC 2.0 + OB 3.0, or null when it cannot be read that way. */
async function readingForm(credential: JsonObject): Promise<JsonObject | null> {
  try {
    // safe: refuse (rather than silently drop) anything the contexts cannot express.
    const compacted = await jsonld.compact(structuredClone(credential), READING_CONTEXT, { documentLoader, safe: true });
    return isObject(compacted) ? compacted : null;
  } catch {
    return null;
  }
}

// --- signature --------------------------------------------------------------------------------

interface SignatureOutcome {
  ok: boolean;
  details: string[];
}

function collectMessages(error: unknown): string[] {
  if (!error) return [];
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return nested.flatMap(collectMessages);
  return [error instanceof Error ? error.message : String(error)];
}

/**
 * Checks the Data Integrity proof only. @digitalbazaar/vc also enforces validFrom/validUntil and
 * throws before checking the proof, which would hide whether the signature is genuine; we want to
 * report "expired but authentic" separately, so we evaluate dates ourselves and give the library
 * a `now` inside the credential's validity window. Status is likewise checked by us afterwards.
 */
async function checkSignature(credential: JsonObject, reading: JsonObject | null): Promise<SignatureOutcome> {
  if (asArray(credential.proof).length === 0) {
    return { ok: false, details: ['No proof present.'] };
  }
  const dates = reading ?? credential;
  const validFrom = parseDate(dates.validFrom);
  const validUntil = parseDate(dates.validUntil);
  const now =
    validFrom instanceof Date ? validFrom : validUntil instanceof Date ? validUntil : new Date();
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  try {
    const result = await vc.verifyCredential({
      credential: structuredClone(credential),
      suite,
      documentLoader,
      now,
      checkStatus: async () => ({ verified: true }),
    });
    if (result.verified) return { ok: true, details: [] };
    const details = collectMessages(result.error);
    for (const entry of result.results ?? []) details.push(...collectMessages(entry.error));
    return { ok: false, details: details.length ? [...new Set(details)] : ['Proof did not verify.'] };
  } catch (error) {
    return { ok: false, details: collectMessages(error) };
  }
}

function explainSignatureFailure(credential: JsonObject, details: string[]): string {
  if (asArray(credential.proof).length === 0) return 'The credential has no digital signature.';
  const text = details.join(' ');
  // Our loader refuses unknown contexts and non-did:key issuers rather than fetching them, which
  // is "cannot check here", not "forged"; say so instead of alleging tampering.
  if (/Refusing to load|Unsupported DID|Dereferencing a URL did not result/.test(text)) {
    return 'This credential uses a vocabulary or issuer key type that this verifier cannot check, so its signature could not be confirmed.';
  }
  return 'The digital signature is not valid: the credential was changed after it was issued, or it was not signed by the issuer it names.';
}

// --- validity dates ---------------------------------------------------------------------------

function checkExpiry(credential: JsonObject, now: Date): { check: ExpiryCheck; errors: string[] } {
  const validFrom = parseDate(credential.validFrom);
  const validUntil = parseDate(credential.validUntil);
  if (validFrom === 'invalid' || validUntil === 'invalid') {
    // Malformed dates cannot be evaluated; the schema check reports the format problem.
    return { check: 'not-yet-valid', errors: ['The credential has an unreadable validity date.'] };
  }
  if (validFrom && validFrom.getTime() - CLOCK_SKEW_MS > now.getTime()) {
    return { check: 'not-yet-valid', errors: [`This credential is not valid until ${formatDate(validFrom)}.`] };
  }
  if (validUntil && validUntil.getTime() < now.getTime()) {
    return { check: 'expired', errors: [`This credential expired on ${formatDate(validUntil)}.`] };
  }
  return { check: 'ok', errors: [] };
}

// --- revocation / suspension ------------------------------------------------------------------

interface StatusOutcome {
  check: RevocationCheck;
  errors: string[];
  details: string[];
}

const UNKNOWN_STATUS = 'We could not check whether the issuer has revoked this credential.';

async function loadStatusList(
  url: string,
  issuerId: string,
  purpose: StatusPurpose,
  fetchStatusList: FetchStatusList,
  now: Date,
): Promise<{ list: Uint8Array } | { problem: string }> {
  let fetched: unknown;
  try {
    fetched = await fetchStatusList(url);
  } catch (error) {
    return { problem: `Fetching the status list failed: ${collectMessages(error).join('; ')}` };
  }
  if (!isObject(fetched)) return { problem: `Status list ${url} is not available.` };
  const listCredential = await readingForm(fetched);
  if (!listCredential) return { problem: 'The status list cannot be read with the Open Badges and Verifiable Credentials vocabularies.' };
  if (!asArray(listCredential.type).includes('BitstringStatusListCredential')) {
    return { problem: 'The status list credential is not a BitstringStatusListCredential.' };
  }
  // The list must be the one the credential points to and come from the same issuer; otherwise
  // anyone could serve an all-clear list for someone else's credential.
  if (listCredential.id !== url) return { problem: 'The status list credential id does not match its URL.' };
  if (idOf(listCredential.issuer) !== issuerId) {
    return { problem: 'The status list was not issued by the credential issuer.' };
  }
  const signature = await checkSignature(fetched, listCredential);
  if (!signature.ok) return { problem: `The status list signature is invalid: ${signature.details.join('; ')}` };
  const dates = checkExpiry(listCredential, now);
  if (dates.check !== 'ok') return { problem: `The status list is not currently valid (${dates.check}).` };
  const subject = asArray(listCredential.credentialSubject)[0];
  if (!isObject(subject) || typeof subject.encodedList !== 'string') {
    return { problem: 'The status list has no encoded list.' };
  }
  if (subject.statusPurpose !== purpose) {
    return { problem: `The status list is for "${String(subject.statusPurpose)}", not "${purpose}".` };
  }
  try {
    return { list: decodeStatusList(subject.encodedList) };
  } catch (error) {
    return { problem: collectMessages(error).join('; ') };
  }
}

/** The credential's status entries plus, where the issuer publishes one, the companion suspension entries. */
function statusEntries(credential: JsonObject, companion: VerifyOptions['companionSuspensionList']): unknown[] {
  const entries = asArray(credential.credentialStatus);
  if (!companion) return entries;
  const extra: JsonObject[] = [];
  for (const entry of entries) {
    if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry' || entry.statusPurpose !== 'revocation') continue;
    if (typeof entry.statusListCredential !== 'string') continue;
    const url = companion(entry.statusListCredential);
    if (!url) continue;
    const declared = entries.some((e) => isObject(e) && e.statusPurpose === 'suspension' && e.statusListCredential === url);
    if (!declared) extra.push({ type: 'BitstringStatusListEntry', statusPurpose: 'suspension', statusListCredential: url, statusListIndex: entry.statusListIndex });
  }
  return [...entries, ...extra];
}

async function checkStatus(
  credential: JsonObject,
  fetchStatusList: FetchStatusList | undefined,
  companion?: VerifyOptions['companionSuspensionList'],
): Promise<StatusOutcome> {
  const entries = statusEntries(credential, companion);
  if (entries.length === 0) return { check: 'ok', errors: [], details: [] };
  if (!fetchStatusList) {
    return { check: 'unknown', errors: [UNKNOWN_STATUS], details: ['No status list fetcher was provided.'] };
  }
  const issuerId = idOf(credential.issuer) ?? '';
  const lists = new Map<string, ReturnType<typeof loadStatusList>>();
  let revoked = false;
  let suspended = false;
  const details: string[] = [];

  for (const entry of entries) {
    if (!isObject(entry) || entry.type !== 'BitstringStatusListEntry') {
      details.push(`Unsupported credentialStatus type "${String(isObject(entry) ? entry.type : entry)}".`);
      continue;
    }
    const purpose = entry.statusPurpose;
    const url = entry.statusListCredential;
    const index = Number(entry.statusListIndex);
    if ((purpose !== 'revocation' && purpose !== 'suspension') || typeof url !== 'string' || !/^\d+$/.test(String(entry.statusListIndex))) {
      details.push('Malformed credentialStatus entry.');
      continue;
    }
    const key = `${purpose} ${url}`;
    // The status list is a live document fetched now, so its own validity is judged against the
    // real clock, not the (possibly historical) `now` the credential is evaluated at.
    if (!lists.has(key)) lists.set(key, loadStatusList(url, issuerId, purpose, fetchStatusList, new Date()));
    const loaded = await lists.get(key)!;
    if ('problem' in loaded) {
      details.push(loaded.problem);
      continue;
    }
    if (index >= loaded.list.length * 8) {
      details.push(`Status index ${index} is beyond the end of the status list.`);
      continue;
    }
    if (getStatusBit(loaded.list, index)) {
      if (purpose === 'revocation') revoked = true;
      else suspended = true;
    }
  }

  // A set bit is conclusive even if another entry could not be checked.
  if (revoked) return { check: 'revoked', errors: ['The issuer has revoked this credential.'], details };
  if (suspended) return { check: 'suspended', errors: ['The issuer has suspended this credential.'], details };
  if (details.length > 0) return { check: 'unknown', errors: [UNKNOWN_STATUS], details };
  return { check: 'ok', errors: [], details };
}

// --- entry point --------------------------------------------------------------------------------

function parseInput(input: unknown): JsonObject | undefined {
  if (typeof input === 'string') {
    try {
      const parsed: unknown = JSON.parse(input);
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return isObject(input) ? input : undefined;
}

/**
 * Verify an Open Badges 3.0 credential (parsed JSON or a JSON string).
 *
 * `verified` is strict: a credential whose revocation status cannot be determined is not
 * reported as verified; pages can still show the individual checks.
 */
export async function verifyCredential(
  input: unknown,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const now = options.now ?? new Date();
  const credential = parseInput(input);
  if (!credential) {
    const jwtLike = typeof input === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(input.trim());
    return {
      verified: false,
      checks: { signature: 'fail', expiry: 'ok', revocation: 'unknown', schema: 'fail' },
      errors: [
        jwtLike
          ? 'This looks like a JWT-encoded credential, which this verifier does not support yet.'
          : 'This is not an Open Badges credential (expected a JSON object).',
      ],
      details: [],
    };
  }

  const errors: string[] = [];
  const details: string[] = [];

  const schemaResult = validateOpenBadgeCredential(credential);
  const schema: SchemaCheck = schemaResult.valid ? 'ok' : 'fail';
  if (!schemaResult.valid) {
    errors.push('The credential does not follow the Open Badges 3.0 format.');
    details.push(...schemaResult.errors.slice(0, 10));
  }

  const reading = await readingForm(credential);
  const signatureResult = await checkSignature(credential, reading);
  let signature: SignatureCheck = signatureResult.ok ? 'ok' : 'fail';
  if (!signatureResult.ok) {
    errors.push(explainSignatureFailure(credential, signatureResult.details));
    details.push(...signatureResult.details);
  } else if (!reading) {
    // A proof that verifies over a document these vocabularies cannot express: nothing after it
    // could be read reliably, so it vouches for nothing here.
    signature = 'fail';
    errors.push('This credential uses a vocabulary that this verifier cannot check, so its signature could not be confirmed.');
    details.push('The credential could not be compacted against the VC 2.0 and OB 3.0 contexts.');
  }

  // Dates, status and the issuer are read from the re-spelled copy (see READING_CONTEXT).
  const read = reading ?? credential;
  const expiryResult = checkExpiry(read, now);
  errors.push(...expiryResult.errors);

  // Without a valid signature the status entry itself could be forged, so do not consult it.
  let revocation: RevocationCheck = 'unknown';
  if (signature === 'ok') {
    const statusResult = await checkStatus(read, options.fetchStatusList, options.companionSuspensionList);
    revocation = statusResult.check;
    errors.push(...statusResult.errors);
    details.push(...statusResult.details);
  }

  const checks = { signature, expiry: expiryResult.check, revocation, schema };
  const issuer = summarizeIssuer(read.issuer);
  return {
    verified: signature === 'ok' && checks.expiry === 'ok' && revocation === 'ok' && schema === 'ok',
    checks,
    errors,
    details,
    ...(issuer ? { issuer } : {}),
    credential: read,
  };
}
