import 'server-only';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { resolveIssuer, resolveIssuerScope } from '@/lib/authoring/queries';
import { isDomainError } from '@/lib/errors';

// An ?issuer= that is not one of the admin's (another issuer's id, a stale or edited link) is the
// forbidden page, as on the school and district pages; an admin with no issuer at all gets an empty
// list of issuers, for the page to say so in its own words.
async function orForbiddenPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isDomainError(e) && e.code === 'FORBIDDEN') redirect('/forbidden');
    throw e;
  }
}

/** For pages on one issuer at a time: the one from ?issuer= (else the admin's first; null if none) and all of theirs. */
export function issuerForPage(actor: Actor, requested?: string) {
  return orForbiddenPage(resolveIssuer(actor, requested));
}

/** For pages across issuers: every issuer the admin administers, and the scope shown (all of them, or the one from ?issuer=). */
export function issuerScopeForPage(actor: Actor, requested?: string) {
  return orForbiddenPage(resolveIssuerScope(actor, requested));
}
