import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// The token in a notification email's one-click unsubscribe link (lib/email/unsubscribe.ts): the
// account's id and an HMAC of it, under a key derived from the server's secret for this purpose
// only. Stateless, so any app server can check it and no row is written per email (a district's
// recommendation goes to tens of thousands of teachers), and it keeps working as long as the email
// is kept: mailbox providers offer the link for months. It can turn off one account's emails about
// its work, nothing else: its key and its message are both bound to this purpose, and nothing else
// in the app accepts it (the emailed links that act for an account are random tokens found by hash).
// Pure (the secret is passed in), so it is tested without a server.

const PURPOSE = 'microcred:unsubscribe-link:v1';
const MAC_BYTES = 32;

// An id as the database makes them (a cuid), with room to spare; nothing that could be two ids.
const UserIdShape = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
// URL-safe base64 of the MAC and the id: at least the MAC and one character of id, at most the
// longest id. Anything else never came from an email (and is not decoded at all).
export const UnsubscribeTokenShape = z.string().regex(/^[A-Za-z0-9_-]{44,180}$/);

let derived: { secret: string; key: Buffer } | null = null;

/** The HMAC key for these links: HKDF of the server's secret, with this purpose as its info. */
function keyFor(secret: string): Buffer {
  if (derived?.secret !== secret) derived = { secret, key: Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), PURPOSE, 32)) };
  return derived.key;
}

const macOf = (userId: string, secret: string) => createHmac('sha256', keyFor(secret)).update(`${PURPOSE}\n${userId}`).digest();

/** The token of `userId`'s unsubscribe link. The same every time: an email sent again carries the same link. */
export function signUnsubscribeToken(userId: string, secret: string): string {
  UserIdShape.parse(userId);
  return Buffer.concat([macOf(userId, secret), Buffer.from(userId, 'utf8')]).toString('base64url');
}

/** The account a token was made for, or null for anything this server did not make (compared in constant time). */
export function verifyUnsubscribeToken(token: unknown, secret: string): string | null {
  const shape = UnsubscribeTokenShape.safeParse(token);
  if (!shape.success) return null;
  const bytes = Buffer.from(shape.data, 'base64url');
  // Only the one spelling of those bytes: base64 leaves spare bits in its last character, which a
  // decoder ignores, so one token would otherwise have several spellings.
  if (bytes.length <= MAC_BYTES || bytes.toString('base64url') !== shape.data) return null;
  const userId = UserIdShape.safeParse(bytes.subarray(MAC_BYTES).toString('utf8'));
  if (!userId.success) return null;
  return timingSafeEqual(bytes.subarray(0, MAC_BYTES), macOf(userId.data, secret)) ? userId.data : null;
}
