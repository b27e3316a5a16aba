import 'server-only';
import { db } from '@/lib/db';

export function countUnreadNotifications(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/**
 * The newest of the person's notifications' own timestamp (the database's clock), or null: what
 * "Mark all as read" marks up to from a later page of the list, where the newest are not shown.
 */
export async function newestNotificationAt(userId: string): Promise<Date | null> {
  const newest = await db.notification.findFirst({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { createdAt: true } });
  return newest?.createdAt ?? null;
}

export function listNotifications(userId: string, opts: { cursor?: string; take?: number } = {}) {
  const take = opts.take ?? 20;
  return db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: { id: true, kind: true, title: true, body: true, href: true, readAt: true, createdAt: true },
  });
}
