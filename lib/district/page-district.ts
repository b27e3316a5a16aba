import 'server-only';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { resolveDistrict } from '@/lib/district/access';
import { isDomainError } from '@/lib/errors';

/** For pages: the district from ?district=, or the forbidden page when the actor does not lead it. */
export async function districtForPage(actor: Actor, requested?: string) {
  try {
    return await resolveDistrict(actor, requested);
  } catch (e) {
    if (isDomainError(e) && e.code === 'FORBIDDEN') redirect('/forbidden');
    throw e;
  }
}
