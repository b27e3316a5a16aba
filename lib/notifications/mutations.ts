import 'server-only';
import { db } from '@/lib/db';

/**
 * Marks the person's notifications read, up to `upTo`: when the page they read was shown. One that
 * arrived after that stays unread: they have not seen it.
 */
export async function markAllNotificationsRead(userId: string, upTo: Date = new Date()) {
  const until = upTo > new Date() ? new Date() : upTo;
  await db.notification.updateMany({ where: { userId, readAt: null, createdAt: { lte: until } }, data: { readAt: new Date() } });
}
