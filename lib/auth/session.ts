import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/config';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { hasRole, isPlatformAdmin } from '@/lib/auth/actor';
import type { Role } from '@/lib/generated/prisma/enums';
import { DomainError } from '@/lib/errors';

/** The signed-in person for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return loadActor(id, (session as { sv?: number }).sv);
});

/** For pages: sends anonymous visitors to sign in and back. */
export async function requireUser(returnTo?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : '/sign-in');
  return actor;
}

/** For pages: anyone without one of the roles gets the forbidden page. */
export async function requireRole(roles: Role[], returnTo?: string): Promise<Actor> {
  const actor = await requireUser(returnTo);
  if (!isPlatformAdmin(actor) && !roles.some((r) => hasRole(actor, r))) {
    redirect('/forbidden');
  }
  return actor;
}

/** For server actions and route handlers: throws instead of redirecting. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'Your session has ended. Sign in again in a new tab, then come back to this page and try again: what you entered here is still on it.');
  return actor;
}
