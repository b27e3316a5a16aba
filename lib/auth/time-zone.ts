import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { NO_TIME_ZONE_CHOSEN } from '@/lib/time-zone';

/**
 * Keeps the zone a browser reported at sign-in or sign-up, for someone who has none yet. A zone
 * already there (one the person chose on their account page, or an earlier browser's) is never
 * replaced: signing in from a laptop abroad does not move their clock. Nor is "Not set", once the
 * person chose it (NO_TIME_ZONE_CHOSEN, not null). One conditional write, so two sign-ins at once
 * cannot overwrite each other either.
 */
export async function rememberBrowserTimeZone(opts: { userId: string; timeZone: string }): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: opts.userId, timeZone: null }, data: { timeZone: opts.timeZone } });
  return count === 1;
}

/** The account page's "Time zone": the signed-in person's own, and nobody else's. `timeZone` is a listed name (TimeZoneName). */
export async function setOwnTimeZone(opts: { actor: Actor; timeZone: string }): Promise<void> {
  await db.user.update({ where: { id: opts.actor.id }, data: { timeZone: opts.timeZone }, select: { id: true } });
}

/**
 * The account page's "Not set": the signed-in person keeps no zone, and times are shown in UTC. Stored
 * as NO_TIME_ZONE_CHOSEN rather than null, so neither the next sign-in nor the layout's capture
 * fills it in again from the browser.
 */
export async function clearOwnTimeZone(opts: { actor: Actor }): Promise<void> {
  await db.user.update({ where: { id: opts.actor.id }, data: { timeZone: NO_TIME_ZONE_CHOSEN }, select: { id: true } });
}
