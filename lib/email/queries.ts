import 'server-only';
import { db } from '@/lib/db';

/** The dev outbox: every email the platform wrote, newest first (demo mode only). */
export function listOutbox(opts: { to?: string; take?: number } = {}) {
  return db.emailMessage.findMany({
    where: opts.to ? { to: opts.to } : {},
    orderBy: { createdAt: 'desc' },
    take: opts.take ?? 50,
    select: { id: true, to: true, subject: true, text: true, sentAt: true, error: true, createdAt: true },
  });
}
