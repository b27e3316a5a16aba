import 'server-only';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/auth/actor';
import { resolveSchool } from '@/lib/school/access';
import { isDomainError } from '@/lib/errors';

/** For pages: the school from ?school= (and the picker's search), or the forbidden page when the actor does not lead it. */
export async function schoolForPage(actor: Actor, query: { school?: string; find?: string }) {
  try {
    return await resolveSchool(actor, query.school, { find: query.find });
  } catch (e) {
    if (isDomainError(e) && e.code === 'FORBIDDEN') redirect('/forbidden');
    throw e;
  }
}

/**
 * The ?school= that links between the /school pages carry: none for someone leading one school
 * (their only school is the default), the school shown for anyone who can choose.
 */
export function schoolParam(r: { school: { id: string }; schools: { id: string }[]; cutOff: boolean }): string | undefined {
  return r.schools.length === 1 && r.schools[0].id === r.school.id && !r.cutOff ? undefined : r.school.id;
}
