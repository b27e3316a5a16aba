import 'server-only';
import nodemailer from 'nodemailer';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

let transport: nodemailer.Transporter | null | undefined;

// nodemailer waits minutes by default (2 min to connect, 10 min of silence). A stalled server must
// fail the send well within the job queue's lock (lib/jobs/queue.ts) so the job is retried later
// rather than holding up the emails behind it. Set in the URL's query, which an operator's own
// values there override.
export const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 15_000, socketTimeout: 30_000 } as const;

/** SMTP_URL with the timeouts it does not set itself. */
export function smtpUrlWithTimeouts(url: string): string {
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    return url;
  }
  const missing = Object.entries(SMTP_TIMEOUTS_MS).filter(([k]) => !query.has(k));
  if (!missing.length) return url;
  const cut = url.includes('#') ? url.indexOf('#') : url.length;
  const base = url.slice(0, cut);
  return `${base}${base.includes('?') ? '&' : '?'}${missing.map(([k, v]) => `${k}=${v}`).join('&')}${url.slice(cut)}`;
}

// Links that act for whoever holds them: a password reset, an address confirmation, an invitation,
// an unsubscribe link (lib/email/unsubscribe.ts, which works for months).
const TOKEN_LINK = /(\/(?:reset-password|verify-email|invitations|unsubscribe)\/)[A-Za-z0-9_-]{16,}/g;

/** The text with every one-time link's token removed (what the outbox keeps once emails really go out). */
export function withoutTokenLinks(text: string): string {
  return text.replace(TOKEN_LINK, '$1[link removed from this copy]');
}

/**
 * Every email is written to the outbox table first; with SMTP_URL configured it is then sent. A
 * failed send throws so the job queue retries it. Without SMTP (local development, demos) the
 * outbox IS the delivery, so it keeps the whole text (the demo outbox page shows it). With SMTP the
 * stored copy has its one-time links removed: the database (and its backups) then holds no usable
 * reset, confirmation or invitation link, only their hashes (lib/security/tokens.ts).
 * `unsubscribeUrl`: for emails a person may turn off, the one-click unsubscribe address
 * (lib/email/unsubscribe.ts), sent as the List-Unsubscribe headers; the outbox keeps no headers.
 */
export async function sendEmail(opts: { to: string; subject: string; text: string; unsubscribeUrl?: string }) {
  const url = env().SMTP_URL;
  const stored = url ? withoutTokenLinks(opts.text) : opts.text;
  // Kept under the address as accounts hold it (trimmed, lower case), so the copies written to an
  // account are found by an indexed equality when it is deleted, whatever case it was typed in.
  const message = await db.emailMessage.create({ data: { to: opts.to.trim().toLowerCase(), subject: opts.subject, text: stored }, select: { id: true } });
  if (!url) return;
  transport ??= nodemailer.createTransport(smtpUrlWithTimeouts(url));
  try {
    await transport.sendMail({
      from: env().EMAIL_FROM,
      to: opts.to,
      subject: opts.subject,
      text: opts.text,
      // One-click unsubscribe (RFC 8058), which large mailbox providers require of bulk senders: the
      // provider POSTs "List-Unsubscribe=One-Click" to the address. Both headers must be covered by
      // the message's DKIM signature, which the sending relay adds.
      ...(opts.unsubscribeUrl ? { list: { unsubscribe: opts.unsubscribeUrl }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
    });
  } catch (e) {
    await db.emailMessage.update({ where: { id: message.id }, data: { error: String(e).slice(0, 500) } });
    throw e;
  }
  // Sent: from here nothing may throw, or the job would be retried and the person emailed twice.
  // A copy left without its sentAt only misreports the outbox.
  try {
    await db.emailMessage.update({ where: { id: message.id }, data: { sentAt: new Date() } });
  } catch (e) {
    console.warn('[email] sent, but could not mark the outbox copy as sent:', e instanceof Error ? e.message : e);
  }
}
