// Builders for unsigned Open Badges 3.0 documents (W3C VC Data Model 2.0).
//
// Every property emitted here is a term defined by the VC 2.0 or OB 3.0.3 context. VC 2.0 has no
// `@vocab` fallback, so an undefined term would make JSON-LD canonicalization (and therefore
// signing) fail; that is why inputs are mapped field by field instead of spread through.
import { buildEmailIdentity } from './identity';
import {
  OPEN_BADGE_CONTEXTS,
  type AchievementType,
  type BitstringStatusListEntry,
  type ObAchievement,
  type ObAchievementSubject,
  type ObAlignment,
  type ObEvidence,
  type ObImage,
  type ObProfile,
  type ObResult,
  type ResultStatus,
  type StatusPurpose,
  type UnsignedOpenBadgeCredential,
} from './types';

export class CredentialInputError extends Error {
  readonly code = 'VALIDATION';
  constructor(message: string) {
    super(message);
    this.name = 'CredentialInputError';
  }
}

export interface ImageInput {
  /** Absolute URL (https or data:) of the image. */
  id: string;
  caption?: string;
}

export interface IssuerProfileInput {
  /** The issuer's `did:key` (must match the signing key) or another absolute URI. */
  id: string;
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: ImageInput;
}

export interface AlignmentInput {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface AchievementInput {
  id: string;
  name: string;
  description: string;
  criteria: { id?: string; narrative: string };
  image?: ImageInput;
  achievementType?: AchievementType;
  alignment?: AlignmentInput[];
  /** Professional-development hours the achievement is worth. */
  creditsAvailable?: number;
  tag?: string[];
  humanCode?: string;
  fieldOfStudy?: string;
  version?: string;
  /** BCP 47 language tag such as "en" or "es-MX". */
  inLanguage?: string;
  creator?: IssuerProfileInput;
}

export interface EvidenceInput {
  /** Public URL of the evidence summary (never a private upload URL). */
  id: string;
  name: string;
  description?: string;
  narrative?: string;
}

export interface ResultInput {
  status?: ResultStatus;
  achievedLevel?: string;
  value?: string;
  resultDescription?: string;
}

export interface CredentialStatusInput {
  /** URL of the BitstringStatusListCredential. */
  statusListCredential: string;
  statusListIndex: number;
  statusPurpose: StatusPurpose;
}

export interface OpenBadgeCredentialInput {
  /** `urn:uuid:...` or the https URL where the credential is published. */
  id: string;
  issuer: IssuerProfileInput;
  achievement: AchievementInput;
  recipient: {
    email: string;
    /** Salt for the identity hash; random when omitted. */
    salt?: string;
  };
  validFrom: Date | string;
  validUntil?: Date | string;
  awardedDate?: Date | string;
  /** Defaults to the achievement name. */
  name?: string;
  description?: string;
  image?: ImageInput;
  evidence?: EvidenceInput[];
  result?: ResultInput[];
  activityStartDate?: Date | string;
  activityEndDate?: Date | string;
  creditsEarned?: number;
  /**
   * One status entry. VC 2.0 allows several, but 1EdTech's OB 3.0 JSON schema only accepts a
   * single `credentialStatus` object, so we issue revocation only.
   */
  credentialStatus?: CredentialStatusInput;
}

// --- small validators -------------------------------------------------------------------------

function requireText(value: string | undefined, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CredentialInputError(`${field} is required.`);
  }
  return value;
}

/** JSON-LD treats `id` values as IRIs; a relative or malformed one would change meaning. */
function requireUri(value: string | undefined, field: string): string {
  requireText(value, field);
  try {
    new URL(value as string);
  } catch {
    throw new CredentialInputError(`${field} must be an absolute URL or URN (got "${value}").`);
  }
  return value as string;
}

function requireHttpUrl(value: string | undefined, field: string): string {
  requireUri(value, field);
  const protocol = new URL(value as string).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new CredentialInputError(`${field} must be an http(s) URL.`);
  }
  return value as string;
}

/** XSD dateTimeStamp without milliseconds, e.g. 2025-03-01T12:00:00Z. */
export function toDateTimeStamp(value: Date | string, field = 'date'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new CredentialInputError(`${field} is not a valid date.`);
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function optionalNumber(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CredentialInputError(`${field} must be a non-negative number.`);
  }
  return value;
}

/** Drop undefined members so the JSON (and the signed bytes) never carry empty keys. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

// --- builders -----------------------------------------------------------------------------------

export function buildImage(input: ImageInput, field = 'image'): ObImage {
  return compact({
    id: requireUri(input.id, `${field}.id`),
    type: 'Image' as const,
    caption: input.caption,
  });
}

export function buildIssuerProfile(input: IssuerProfileInput): ObProfile {
  return compact({
    id: requireUri(input.id, 'issuer.id'),
    type: ['Profile'] as ['Profile'],
    name: requireText(input.name, 'issuer.name'),
    url: input.url === undefined ? undefined : requireHttpUrl(input.url, 'issuer.url'),
    email: input.email,
    description: input.description,
    image: input.image ? buildImage(input.image, 'issuer.image') : undefined,
  });
}

function buildAlignment(input: AlignmentInput, index: number): ObAlignment {
  return compact({
    type: ['Alignment'] as ['Alignment'],
    targetName: requireText(input.targetName, `alignment[${index}].targetName`),
    targetUrl: requireUri(input.targetUrl, `alignment[${index}].targetUrl`),
    targetDescription: input.targetDescription,
    targetFramework: input.targetFramework,
    targetCode: input.targetCode,
  });
}

/** The OB 3.0 `Achievement` on its own; also used for catalog import/export. */
export function buildAchievement(input: AchievementInput): ObAchievement {
  if (input.inLanguage !== undefined && !/^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/.test(input.inLanguage)) {
    throw new CredentialInputError('achievement.inLanguage must be a language tag such as "en" or "es-MX".');
  }
  return compact({
    id: requireUri(input.id, 'achievement.id'),
    type: ['Achievement'] as ['Achievement'],
    name: requireText(input.name, 'achievement.name'),
    description: requireText(input.description, 'achievement.description'),
    criteria: compact({
      id: input.criteria.id === undefined ? undefined : requireUri(input.criteria.id, 'achievement.criteria.id'),
      narrative: requireText(input.criteria.narrative, 'achievement.criteria.narrative'),
    }),
    image: input.image ? buildImage(input.image, 'achievement.image') : undefined,
    achievementType: input.achievementType,
    alignment: input.alignment?.length ? input.alignment.map(buildAlignment) : undefined,
    creditsAvailable: optionalNumber(input.creditsAvailable, 'achievement.creditsAvailable'),
    tag: input.tag?.length ? [...input.tag] : undefined,
    humanCode: input.humanCode,
    fieldOfStudy: input.fieldOfStudy,
    version: input.version,
    inLanguage: input.inLanguage,
    creator: input.creator ? buildIssuerProfile(input.creator) : undefined,
  });
}

function buildEvidence(input: EvidenceInput, index: number): ObEvidence {
  return compact({
    id: requireHttpUrl(input.id, `evidence[${index}].id`),
    type: ['Evidence'] as ['Evidence'],
    name: requireText(input.name, `evidence[${index}].name`),
    description: input.description,
    narrative: input.narrative,
  });
}

function buildResult(input: ResultInput): ObResult {
  return compact({
    type: ['Result'] as ['Result'],
    status: input.status,
    achievedLevel: input.achievedLevel === undefined ? undefined : requireUri(input.achievedLevel, 'result.achievedLevel'),
    value: input.value,
    resultDescription:
      input.resultDescription === undefined ? undefined : requireUri(input.resultDescription, 'result.resultDescription'),
  });
}

export function buildStatusEntry(input: CredentialStatusInput): BitstringStatusListEntry {
  const { statusListIndex, statusPurpose } = input;
  if (!Number.isSafeInteger(statusListIndex) || statusListIndex < 0) {
    throw new CredentialInputError('credentialStatus.statusListIndex must be a non-negative integer.');
  }
  if (statusPurpose !== 'revocation' && statusPurpose !== 'suspension') {
    throw new CredentialInputError('credentialStatus.statusPurpose must be "revocation" or "suspension".');
  }
  const statusListCredential = requireHttpUrl(input.statusListCredential, 'credentialStatus.statusListCredential');
  return {
    id: `${statusListCredential}#${statusListIndex}`,
    type: 'BitstringStatusListEntry',
    statusPurpose,
    // The Bitstring Status List spec types the index as a string (an xsd:integer lexical form).
    statusListIndex: String(statusListIndex),
    statusListCredential,
  };
}

export function buildOpenBadgeCredential(input: OpenBadgeCredentialInput): UnsignedOpenBadgeCredential {
  const achievement = buildAchievement(input.achievement);
  const validFrom = toDateTimeStamp(input.validFrom, 'validFrom');
  const validUntil = input.validUntil === undefined ? undefined : toDateTimeStamp(input.validUntil, 'validUntil');
  if (validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) {
    throw new CredentialInputError('validUntil must be after validFrom.');
  }

  const credentialSubject: ObAchievementSubject = compact({
    type: ['AchievementSubject'] as ['AchievementSubject'],
    identifier: [buildEmailIdentity(input.recipient.email, input.recipient.salt)],
    achievement,
    activityStartDate:
      input.activityStartDate === undefined ? undefined : toDateTimeStamp(input.activityStartDate, 'activityStartDate'),
    activityEndDate:
      input.activityEndDate === undefined ? undefined : toDateTimeStamp(input.activityEndDate, 'activityEndDate'),
    creditsEarned: optionalNumber(input.creditsEarned, 'creditsEarned'),
    result: input.result?.length ? input.result.map(buildResult) : undefined,
  });

  return compact({
    '@context': [...OPEN_BADGE_CONTEXTS],
    id: requireUri(input.id, 'id'),
    type: ['VerifiableCredential', 'OpenBadgeCredential'] as ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: buildIssuerProfile(input.issuer),
    name: input.name === undefined ? achievement.name : requireText(input.name, 'name'),
    description: input.description,
    image: input.image ? buildImage(input.image) : undefined,
    validFrom,
    validUntil,
    awardedDate: input.awardedDate === undefined ? undefined : toDateTimeStamp(input.awardedDate, 'awardedDate'),
    credentialSubject,
    evidence: input.evidence?.length ? input.evidence.map(buildEvidence) : undefined,
    credentialStatus: input.credentialStatus ? buildStatusEntry(input.credentialStatus) : undefined,
  });
}
