// The session stub (./session-stub) with lib/auth/session.ts's checks, for tests that render pages
// of several roles and routes: nobody signed in goes to sign in (pages) or is refused (routes), and
// anyone without one of the roles gets the forbidden page.
// Use: vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
import { redirect } from 'next/navigation';
import { hasRole, isPlatformAdmin } from '@/lib/auth/actor';
import type { Role } from '@/lib/generated/prisma/enums';
import { DomainError } from '@/lib/errors';
import { session } from './session-stub';

export { session, getActor } from './session-stub';

export const requireUser = async () => session.actor ?? redirect('/sign-in');

export const requireActor = async () => {
  if (!session.actor) throw new DomainError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
  return session.actor;
};

export const requireRole = async (roles: Role[]) => {
  const actor = await requireUser();
  if (!isPlatformAdmin(actor) && !roles.some((r) => hasRole(actor, r))) redirect('/forbidden');
  return actor;
};
