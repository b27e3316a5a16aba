// Stands in for lib/auth/session in tests that call server actions or render pages outside a
// request (no session cookie there): the test says who is signed in through `session.actor`.
// Use: vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
import type { Actor } from '@/lib/auth/actor';

export const session = { actor: null as Actor | null };

function signedIn(): Actor {
  if (!session.actor) throw new Error('signed out');
  return session.actor;
}

export const getActor = async () => session.actor;
export const requireUser = async () => signedIn();
export const requireActor = async () => signedIn();
