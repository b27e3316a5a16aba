import { createHash, randomBytes } from 'node:crypto';

// Secrets sent by email (invitations, password resets): 256 random bits, URL-safe. Only the
// SHA-256 of a token is stored, so a copy of the database lets nobody use the links in flight.

export const newToken = () => randomBytes(32).toString('base64url');

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
