import 'server-only';
import { db, type Tx } from '@/lib/db';
import { enqueueJob, maxAttemptsFor } from '@/lib/jobs/queue';

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

/**
 * The same notice to many people at once (a district's news to its teachers): the in-app
 * notifications in one insert, and an email job for each person who wants them, in another. Pass the
 * transaction that records how far the sending got, so a retry never sends twice. The email job
 * checks the person's setting again when it runs (they may have changed it since).
 */
export async function notifyMany(recipients: { userId: string; emailNotifications: boolean }[], message: { kind: string; title: string; body?: string; href?: string }, tx: Tx) {
  if (!recipients.length) return;
  const body = message.body ?? '';
  const href = message.href ?? null;
  await tx.notification.createMany({ data: recipients.map((r) => ({ userId: r.userId, kind: message.kind, title: message.title, body, href })) });
  const emails = recipients.filter((r) => r.emailNotifications);
  if (emails.length) {
    await tx.job.createMany({
      data: emails.map((r) => ({ type: 'email.notification', payload: { userId: r.userId, title: message.title, body, href, essential: false }, maxAttempts: maxAttemptsFor('email.notification') })),
    });
  }
}

/** Every enabled admin of the issuer (at most 50), in the app and by email per their setting. */
export async function notifyIssuerAdmins(tx: Tx, issuerId: string, message: { kind: string; title: string; body: string; href: string }) {
  const admins = await tx.membership.findMany({ where: { organizationId: issuerId, role: 'ISSUER_ADMIN', user: { disabledAt: null } }, select: { userId: true }, take: 50 });
  for (const a of admins) await notify({ userId: a.userId, ...message }, tx);
}
