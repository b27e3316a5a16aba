import 'server-only';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { resolveSchool } from '@/lib/school/access';
import { isDomainError } from '@/lib/errors';

/** For pages: the school from ?school=, or the forbidden page when the actor does not lead it. */
export async function schoolForPage(actor: Actor, requested?: string) {
  try {
    return await resolveSchool(actor, requested);
  } catch (e) {
    if (isDomainError(e) && e.code === 'FORBIDDEN') redirect('/forbidden');
    throw e;
  }
}
