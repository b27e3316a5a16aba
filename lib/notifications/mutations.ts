import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { safeCallbackUrl } from '@/lib/auth/schemas';
import { notFound } from '@/lib/errors';

/**
 * Marks the person's notifications read, up to `upTo`: when the page they read was shown. One that
 * arrived after that stays unread: they have not seen it.
 */
export async function markAllNotificationsRead(userId: string, upTo: Date = new Date()) {
  const until = upTo > new Date() ? new Date() : upTo;
  await db.notification.updateMany({ where: { userId, readAt: null, createdAt: { lte: until } }, data: { readAt: new Date() } });
}

/** Where opening a notification goes when it has no link of its own, or one that leaves the site. */
export const NOTIFICATIONS_PATH = '/notifications';

/**
 * Opens one of the actor's notifications: marks it read and returns where it points. Someone else's
 * notification looks exactly like a missing one (NOT_FOUND) and is left unread. The stored link goes
 * back through the same check as a sign-in callback, so only a path on this site comes out: a
 * notification can never send its reader to another site.
 */
export async function openNotification(opts: { actor: Actor; notificationId: string }): Promise<string> {
  const found = await db.notification.findFirst({ where: { id: opts.notificationId, userId: opts.actor.id }, select: { id: true, href: true, readAt: true } });
  if (!found) throw notFound('That notification');
  // Ownership again in the write: the row is this person's, whatever happened in between.
  if (!found.readAt) await db.notification.updateMany({ where: { id: found.id, userId: opts.actor.id, readAt: null }, data: { readAt: new Date() } });
  return safeCallbackUrl(found.href, NOTIFICATIONS_PATH);
}
