// LinkedIn "Add license or certification" deep link. LinkedIn has no API for this; the profile
// form is pre-filled from these query parameters and the earner confirms it themselves.

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

export function buildLinkedInAddToProfileUrl(input: LinkedInCertificationInput): string {
  const certUrl = new URL(input.certUrl);
  if (certUrl.protocol !== 'https:' && certUrl.protocol !== 'http:') {
    throw new Error('certUrl must be an http(s) URL.');
  }
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
