import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';

/** Only admins of the issuing organisation (or platform admins) define its credentials. */
export function canAuthor(actor: Actor | null, issuerId: string): boolean {
  return isIssuerAdmin(actor, issuerId);
}
