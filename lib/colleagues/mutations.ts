// The signed-in person's own choice to share with colleagues at their school (docs/decisions/028).
// Not audited, like the teacher's other settings about themselves (what their portfolio shows, what
// they teach): no organisation decides anything on it.
import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';

/**
 * Shares with colleagues, or stops: the actor's own row, whatever the input says. Turning it off
 * takes them off every colleague's page at once (each page reads the rule afresh). Allowed without
 * a school too: it then takes effect once they have one. Returns the choice as saved and their
 * school's name, for the confirmation.
 */
export async function setSharesWithColleagues(opts: { actor: Pick<Actor, 'id'>; shares: boolean }): Promise<{ shares: boolean; schoolName: string | null }> {
  const user = await db.user.update({
    where: { id: opts.actor.id },
    data: { sharesWithColleagues: opts.shares },
    select: { sharesWithColleagues: true, school: { select: { name: true } } },
  });
  return { shares: user.sharesWithColleagues, schoolName: user.school?.name ?? null };
}
