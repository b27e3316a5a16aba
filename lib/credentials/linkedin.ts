// LinkedIn "Add license or certification" deep link and "share a post" link. LinkedIn has no API
// for either; the profile form is pre-filled from query parameters, the post's preview comes from
// the badge page's Open Graph tags, and the earner confirms each on LinkedIn themselves.

export interface LinkedInCertificationInput {
  /** Credential (achievement) name shown on the profile. */
  name: string;
  /** Issuing organization name; used when LinkedIn does not know the organization's page id. */
  organizationName: string;
  /** LinkedIn company page id, when known; LinkedIn then links the certification to the page. */
  organizationId?: string | number;
  issuedAt: Date;
  expiresAt?: Date;
  /** Public page where anyone can verify the credential. */
  certUrl: string;
  /** Credential id shown on the profile. */
  certId: string;
}

const LINKEDIN_ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';
const LINKEDIN_SHARE_POST = 'https://www.linkedin.com/sharing/share-offsite/';

function webUrl(raw: string, what: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${what} must be an http(s) URL.`);
  return url;
}

export function buildLinkedInAddToProfileUrl(input: LinkedInCertificationInput): string {
  const certUrl = webUrl(input.certUrl, 'certUrl');
  if (Number.isNaN(input.issuedAt.getTime())) {
    throw new Error('issuedAt is not a valid date.');
  }
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: input.name,
    organizationName: input.organizationName,
  });
  if (input.organizationId !== undefined && String(input.organizationId) !== '') {
    params.set('organizationId', String(input.organizationId));
  }
  // Months are 1-12; use UTC so the month does not depend on the server's time zone.
  params.set('issueYear', String(input.issuedAt.getUTCFullYear()));
  params.set('issueMonth', String(input.issuedAt.getUTCMonth() + 1));
  if (input.expiresAt && !Number.isNaN(input.expiresAt.getTime())) {
    params.set('expirationYear', String(input.expiresAt.getUTCFullYear()));
    params.set('expirationMonth', String(input.expiresAt.getUTCMonth() + 1));
  }
  params.set('certUrl', certUrl.toString());
  params.set('certId', input.certId);
  // Percent-encode (spaces as %20, not "+"): LinkedIn's own examples use %20, and "+" in a name
  // like "C++ Coaching" must survive.
  const query = [...params].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${LINKEDIN_ADD_TO_PROFILE}?${query}`;
}

/**
 * LinkedIn's "share a post" link for a badge's public page: LinkedIn opens a post with the page's
 * preview (its Open Graph title and image) for the earner to write about and publish.
 */
export function buildLinkedInSharePostUrl(publicUrl: string): string {
  // The whole URL is one parameter: its own "?" and "&" must not become LinkedIn's.
  return `${LINKEDIN_SHARE_POST}?url=${encodeURIComponent(webUrl(publicUrl, 'publicUrl').toString())}`;
}

/**
 * The LinkedIn links a badge's page offers: only to its holder, and only while the badge stands. A
 * revoked or suspended badge is no claim to publicise (its page says so to anyone who follows a
 * link already shared); null when none is offered.
 */
export function linkedInLinksFor(badge: { isOwner: boolean; revokedAt: Date | null; suspendedAt: Date | null; certification: LinkedInCertificationInput }): { addToProfile: string; sharePost: string } | null {
  if (!badge.isOwner || badge.revokedAt || badge.suspendedAt) return null;
  return { addToProfile: buildLinkedInAddToProfileUrl(badge.certification), sharePost: buildLinkedInSharePostUrl(badge.certification.certUrl) };
}
