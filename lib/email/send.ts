import 'server-only';
import nodemailer from 'nodemailer';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

let transport: nodemailer.Transporter | null | undefined;

/**
 * Every email is written to the outbox table first (the dev outbox page shows it); with SMTP_URL
 * configured it is then sent. A failed send throws so the job queue retries it.
 */
export async function sendEmail(opts: { to: string; subject: string; text: string }) {
  const message = await db.emailMessage.create({ data: { to: opts.to, subject: opts.subject, text: opts.text }, select: { id: true } });
  const url = env().SMTP_URL;
  if (!url) return;
  transport ??= nodemailer.createTransport(url);
  try {
    await transport.sendMail({ from: env().EMAIL_FROM, to: opts.to, subject: opts.subject, text: opts.text });
    await db.emailMessage.update({ where: { id: message.id }, data: { sentAt: new Date() } });
  } catch (e) {
    await db.emailMessage.update({ where: { id: message.id }, data: { error: String(e).slice(0, 500) } });
    throw e;
  }
}
