// Recipient identity for OB 3.0: the earner's email is never published; the credential carries
// `sha256$<hex(sha256(email + salt))>` so a verifier who is told the email can confirm it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ObIdentityObject } from './types';

/**
 * Emails are compared case-insensitively in practice, so hash a canonical form (trimmed,
 * lower-case); otherwise "Ana@School.org" would not match the badge issued to "ana@school.org".
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function generateSalt(): string {
  return randomBytes(16).toString('hex');
}

export function hashEmailIdentity(email: string, salt: string): string {
  const digest = createHash('sha256').update(normalizeEmail(email) + salt, 'utf8').digest('hex');
  return `sha256$${digest}`;
}

export function buildEmailIdentity(email: string, salt: string = generateSalt()): ObIdentityObject {
  if (!email.includes('@')) {
    throw new Error('The recipient email address is not valid.');
  }
  return {
    type: 'IdentityObject',
    identityHash: hashEmailIdentity(email, salt),
    identityType: 'emailAddress',
    hashed: true,
    salt,
  };
}

/** Does this email belong to the recipient named by the identity object? */
export function emailMatchesIdentity(
  email: string,
  identity: { identityHash?: unknown; salt?: unknown; hashed?: unknown; identityType?: unknown },
): boolean {
  if (identity.identityType !== 'emailAddress' || typeof identity.identityHash !== 'string') {
    return false;
  }
  if (identity.hashed !== true) {
    return normalizeEmail(identity.identityHash) === normalizeEmail(email);
  }
  const expected = Buffer.from(hashEmailIdentity(email, String(identity.salt ?? '')), 'utf8');
  const actual = Buffer.from(identity.identityHash.toLowerCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
