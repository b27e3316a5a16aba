// JSON shapes of the Open Badges 3.0 / VC 2.0 documents this library emits and reads.
// Property names follow the 1EdTech OB 3.0 data model; only the parts we use are typed.

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OPEN_BADGE_CONTEXTS = [VC_V2_CONTEXT, OB_V3_CONTEXT] as const;

export type AchievementType =
  | 'Achievement'
  | 'ApprenticeshipCertificate'
  | 'Assessment'
  | 'Assignment'
  | 'Award'
  | 'Badge'
  | 'Certificate'
  | 'CertificateOfCompletion'
  | 'Certification'
  | 'Competency'
  | 'Course'
  | 'LearningProgram'
  | 'License'
  | 'MicroCredential'
  | `ext:${string}`;

export type ResultStatus =
  | 'Completed'
  | 'Enrolled'
  | 'Failed'
  | 'InProgress'
  | 'OnHold'
  | 'Provisional'
  | 'Withdrew';

export interface ObImage {
  id: string;
  type: 'Image';
  caption?: string;
}

export interface ObProfile {
  id: string;
  type: ['Profile'];
  name: string;
  url?: string;
  email?: string;
  description?: string;
  image?: ObImage;
}

export interface ObCriteria {
  id?: string;
  narrative: string;
}

export interface ObAlignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
}

export interface ObAchievement {
  id: string;
  type: ['Achievement'];
  name: string;
  description: string;
  criteria: ObCriteria;
  image?: ObImage;
  achievementType?: AchievementType;
  alignment?: ObAlignment[];
  creditsAvailable?: number;
  tag?: string[];
  humanCode?: string;
  fieldOfStudy?: string;
  version?: string;
  inLanguage?: string;
  creator?: ObProfile;
}

export interface ObIdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress';
  hashed: true;
  salt: string;
}

export interface ObResult {
  type: ['Result'];
  status?: ResultStatus;
  achievedLevel?: string;
  value?: string;
  resultDescription?: string;
}

export interface ObAchievementSubject {
  type: ['AchievementSubject'];
  identifier: ObIdentityObject[];
  achievement: ObAchievement;
  activityStartDate?: string;
  activityEndDate?: string;
  creditsEarned?: number;
  result?: ObResult[];
}

export interface ObEvidence {
  id: string;
  type: ['Evidence'];
  name: string;
  description?: string;
  narrative?: string;
}

export type StatusPurpose = 'revocation' | 'suspension';

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
}

export interface UnsignedOpenBadgeCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: ObProfile;
  name: string;
  description?: string;
  image?: ObImage;
  validFrom: string;
  validUntil?: string;
  awardedDate?: string;
  credentialSubject: ObAchievementSubject;
  evidence?: ObEvidence[];
  credentialStatus?: BitstringStatusListEntry;
}

export interface UnsignedStatusListCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
    ttl?: number;
  };
}

/** Any credential we sign: it must carry `@context`, `id` and an issuer. */
export interface UnsignedCredential {
  '@context': string[];
  id: string;
  type: string[];
  issuer: string | { id: string };
}

/**
 * Proofs are stored as an array: 1EdTech's OB 3.0 JSON schema requires `proof` to be an array,
 * and JSON-LD treats a one-element array and a bare object identically (see sign.ts).
 */
export type Signed<T> = T & { proof: DataIntegrityProof[] };

export type OpenBadgeCredential = Signed<UnsignedOpenBadgeCredential>;
export type StatusListCredential = Signed<UnsignedStatusListCredential>;
