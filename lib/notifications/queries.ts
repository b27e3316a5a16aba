import 'server-only';
import { db } from '@/lib/db';

export function countUnreadNotifications(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
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
