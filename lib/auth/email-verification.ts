import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { rateLimited } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { issueAccountToken, readAccountToken, redeemAccountToken, requireUsableAccountToken, type LinkMessages, type LinkState } from '@/lib/auth/account-tokens';
import { hitRateLimit } from '@/lib/rate-limit';
import { enqueueJob } from '@/lib/jobs/queue';
import { sendEmail } from '@/lib/email/send';
import { recordAudit } from '@/lib/audit/log';

// "Confirm your email address". A credential names its holder by a hash of their email address,
// so the platform only sends work for review (and so issues credentials) for addresses the person
// has shown they read. Sign-up sends a link; so can the dashboard, again. Accounts whose address
// was proven another way are confirmed already: by an invitation link, a password-reset link, or
// a school sign-in (OIDC), and the demo accounts.

export const VERIFY_DAYS = 7;
const RESENDS_PER_HOUR = 5;

/** Queues the confirmation email (sign-up does this; the dashboard's "send it again" too). */
export async function queueVerificationEmail(userId: string): Promise<void> {
  await enqueueJob({ type: 'auth.verify-email', payload: { userId } });
}

/** The job: a new link for an unconfirmed, active account. */
export async function sendVerificationEmail(userId: string, now = new Date()): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, emailVerified: true, disabledAt: true } });
  if (!user || user.emailVerified || user.disabledAt) return;
  const token = await issueAccountToken(userId, 'EMAIL_VERIFICATION', VERIFY_DAYS * 24 * 60, now);
  const url = new URL(`/verify-email/${token}`, env().APP_URL).toString();
  await sendEmail({
    to: user.email,
    subject: 'Confirm your email address for Microcred',
    text: `Hello ${user.name},\n\nPlease confirm that this is your address. Your badges will carry it (as a fingerprint, never in plain text), so we only send work for review from confirmed addresses. The link works for ${VERIFY_DAYS} days:\n${url}\n\nIf you did not create a Microcred account, ignore this email.\n\n— Microcred`,
  });
}

/** "Send the link again", from the signed-in person's own pages. */
export async function resendVerificationEmail(opts: { actor: Actor }): Promise<{ alreadyConfirmed: boolean }> {
  if (await isEmailVerified(opts.actor.id)) return { alreadyConfirmed: true };
  const limit = await hitRateLimit(`verify-email:${opts.actor.id}`, RESENDS_PER_HOUR, 60 * 60);
  if (!limit.allowed) throw rateLimited('We have sent several links already. Check your spam folder, or try again in an hour.');
  await queueVerificationEmail(opts.actor.id);
  return { alreadyConfirmed: false };
}

export async function isEmailVerified(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerified: true } });
  return Boolean(user?.emailVerified);
}

export async function getVerificationLinkState(token: string, now = new Date()): Promise<LinkState> {
  return (await readAccountToken(token, 'EMAIL_VERIFICATION', now)).state;
}

const MESSAGES: LinkMessages = {
  unknown: 'This confirmation link is not valid. Sign in and send yourself a new one from your dashboard.',
  used: 'This confirmation link has already been used, or a newer one was sent.',
  expired: `This confirmation link has expired (links work for ${VERIFY_DAYS} days). Sign in and send yourself a new one from your dashboard.`,
};

/**
 * Confirms the address the link was sent to. Works from any device, signed in or not: the link
 * itself is the proof. Confirming an address that is already confirmed is not an error.
 */
export async function confirmEmail(opts: { token: string; now?: Date }): Promise<{ email: string }> {
  const now = opts.now ?? new Date();
  const row = await requireUsableAccountToken(opts.token, 'EMAIL_VERIFICATION', MESSAGES, now);
  await db.$transaction(async (tx) => {
    const { newlyConfirmed } = await redeemAccountToken(tx, row, MESSAGES, now);
    if (newlyConfirmed) await recordAudit({ actorId: row.userId, action: 'user.email_verified', entityType: 'User', entityId: row.userId }, tx);
  });
  return { email: row.user.email };
}
