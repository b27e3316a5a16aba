import 'server-only';
import { db, type Tx } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/queue';

/**
 * In-app notification now; the email goes through the job queue so a slow SMTP server never blocks
 * a request. People can turn these emails off (User.emailNotifications), except `essential` ones:
 * their account's security and their credentials' status.
 */
export async function notify(opts: { userId: string; kind: string; title: string; body?: string; href?: string; essential?: boolean }, tx?: Tx) {
  const client = tx ?? db;
  await client.notification.create({ data: { userId: opts.userId, kind: opts.kind, title: opts.title, body: opts.body ?? '', href: opts.href ?? null } });
  await enqueueJob({ type: 'email.notification', payload: { userId: opts.userId, title: opts.title, body: opts.body ?? '', href: opts.href ?? null, essential: Boolean(opts.essential) } }, tx);
}
