import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';

/**
 * Keeps the zone a browser reported at sign-in or sign-up, for someone who has none yet. A zone
 * already there (one the person chose on their account page, or an earlier browser's) is never
 * replaced: signing in from a laptop abroad does not move their clock. One conditional write, so
 * two sign-ins at once cannot overwrite each other either.
 */
export async function rememberBrowserTimeZone(opts: { userId: string; timeZone: string }): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: opts.userId, timeZone: null }, data: { timeZone: opts.timeZone } });
  return count === 1;
}

/** The account page's "Time zone": the signed-in person's own, and nobody else's. `timeZone` is a listed name (TimeZoneName). */
export async function setOwnTimeZone(opts: { actor: Actor; timeZone: string }): Promise<void> {
  await db.user.update({ where: { id: opts.actor.id }, data: { timeZone: opts.timeZone }, select: { id: true } });
}
