import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { str } from '@/lib/zod-text';
import { invalidState, rateLimited, validation } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { EmailInput, oneLine, PasswordInput } from '@/lib/auth/schemas';
import type { Actor } from '@/lib/auth/actor';
import { issueAccountToken, lockAccountLinks, redeemAccountToken, requireUsableAccountToken, retireUnusedLinks, type LinkMessages } from '@/lib/auth/account-tokens';
import { clearRateLimit, hitRateLimit, releaseRateLimit } from '@/lib/rate-limit';
import { clearSignInLimits, forgetUnconfirmedChoices, forgottenChoicesAudit, forgottenChoicesNotice, type ForgottenChoices } from '@/lib/auth/accounts';
import { enqueueJob } from '@/lib/jobs/queue';
import { linkEmailVerdictFor } from '@/lib/jobs/link-email-requests';
import { PASSWORD_RESET_JOB, type LinkEmailRequest } from '@/lib/jobs/link-emails';
import { sendEmail } from '@/lib/email/send';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';

// "Forgot your password?" and "Change password".
//
// - Asking for a link answers the same whether or not the address has an account, in the same
//   time: the request only queues a job with the address (lib/jobs/handlers.ts), and the job makes
//   the token and sends the email when there is an account to send it for.
// - A link works once, for RESET_MINUTES; asking again retires the links sent before. Only the
//   token's hash is stored (lib/auth/account-tokens.ts). Using one also confirms the address; on an
//   account that was not confirmed, it also forgets what was chosen with the password it replaces
//   (forgetUnconfirmedChoices), which may have been a stranger's.
// - Setting a new password, either way, signs the account out everywhere (its session version goes
//   up), retires every reset link not used yet (one left in an inbox must not undo the change),
//   clears the sign-in lockout, is audit-logged, and tells the person by notification and email, so
//   a change they did not make does not go unnoticed.
// - The email is tried for a few minutes only, and a try sends nothing once the person has asked
//   again or used a link since (lib/jobs/link-emails.ts): its new link would retire theirs.

export const RESET_MINUTES = 60;
const REQUESTS_PER_EMAIL = 5;
const REQUESTS_PER_IP = 30;
const REQUEST_WINDOW_SECONDS = 60 * 60;
const CHANGE_ATTEMPTS = 8;
const CHANGE_WINDOW_SECONDS = 15 * 60;

const NewPassword = { password: PasswordInput, confirm: str().max(200, 'Use at most 200 characters.') };
const confirmed = (v: { password: string; confirm: string }) => v.password === v.confirm;
const mismatch = { path: ['confirm'], message: 'The two passwords do not match.' };

export const ForgotPasswordInput = z.object({ email: EmailInput });
export const ResetPasswordInput = z.object({ token: str().trim().min(1).max(200), ...NewPassword }).refine(confirmed, mismatch);
export const ChangePasswordInput = z.object({ current: str().min(1, 'Enter your current password.').max(200, 'That is longer than any password here (at most 200 characters). Check it and try again.'), ...NewPassword }).refine(confirmed, mismatch);

/** Queues the reset email for `email` if it has an account; the caller cannot tell which. */
export async function requestPasswordReset(opts: { email: string; ip?: string | null }): Promise<void> {
  const email = opts.email.trim().toLowerCase();
  const byEmail = await hitRateLimit(`reset:email:${email}`, REQUESTS_PER_EMAIL, REQUEST_WINDOW_SECONDS);
  const byIp = opts.ip ? await hitRateLimit(`reset:ip:${opts.ip}`, REQUESTS_PER_IP, REQUEST_WINDOW_SECONDS) : null;
  if (!byEmail.allowed || (byIp && !byIp.allowed)) {
    throw rateLimited('Too many reset requests. Check your inbox (and spam folder) for the links already sent, or try again in an hour.');
  }
  await enqueueJob({ type: PASSWORD_RESET_JOB, payload: { email } });
}

/**
 * The job behind requestPasswordReset: a new link for an active account, nothing otherwise.
 * `request`: the queued job; with it, nothing is sent once a later request for the address is sent
 * or still to be tried, or a link made since it was used (linkEmailVerdict).
 */
export async function sendPasswordResetEmail(email: string, now = new Date(), request?: LinkEmailRequest, why: 'asked' | 'restored' = 'asked'): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true } });
  if (!user || user.disabledAt) return;
  if (request && (await linkEmailVerdictFor({ type: PASSWORD_RESET_JOB, target: { field: 'email', value: email }, userId: user.id, purpose: 'PASSWORD_RESET', request })) !== 'send') return;
  // Only while `email` is still the account's address (it may have been corrected since the request).
  // An account an admin enabled again has no password (the old one was cleared): nobody asked, so
  // the email says why it came, and how to get a new link once this one has expired.
  const token = await issueAccountToken(user.id, 'PASSWORD_RESET', RESET_MINUTES, now, email);
  if (!token) return;
  const url = new URL(`/reset-password/${token}`, env().APP_URL).toString();
  const forgotUrl = new URL('/forgot-password', env().APP_URL).toString();
  await sendEmail({
    to: email,
    subject: why === 'restored' ? 'Your Microcred account is active again: set a new password' : 'Reset your Microcred password',
    text: why === 'restored'
      ? `Hello ${oneLine(user.name)},\n\nYour Microcred account has been enabled again. For your safety your old password no longer works: choose a new one here. The link works once, for ${RESET_MINUTES} minutes:\n${url}\n\nIf it has expired, ask for a new link at ${forgotUrl}. If you sign in with your school account, you can keep doing so.\n\n— Microcred`
      : `Hello ${oneLine(user.name)},\n\nSomeone (we hope you) asked to reset the password of your Microcred account. Choose a new one here; the link works once, for ${RESET_MINUTES} minutes:\n${url}\n\nIf you did not ask, ignore this email: your password stays as it is.\n\n— Microcred`,
  });
}

const LINK_MESSAGES: LinkMessages = {
  unknown: 'This reset link is not valid. Ask for a new one.',
  used: 'This reset link has already been used, or a newer one was sent. Ask for a new one if you still need it.',
  expired: `This reset link has expired (links work for ${RESET_MINUTES} minutes). Ask for a new one.`,
};

/**
 * What the notice says: a new password ends every session (sessionVersion), the one that changed
 * it too, so nobody is left wondering why they were signed out.
 */
function passwordChangedNotice(action: 'user.password_reset' | 'user.password_change', forgotten: ForgottenChoices | null): string {
  const signedOut = action === 'user.password_change'
    ? 'Every session of your account has been signed out, including the one you used to change it.'
    : 'Every session of your account has been signed out.';
  const reset = forgottenChoicesNotice(forgotten);
  return `${signedOut} ${reset ? `${reset} ` : ''}Sign in again with your new password. If this was not you, reset your password now and tell your administrator.`;
}

// The hash is made before the transaction: Argon2 takes tens of milliseconds, and a transaction
// should not hold its connection that long. `forgotten`: what a reset of an unconfirmed account
// forgot, for the audit entry and the notice.
async function setPassword(userId: string, passwordHash: string, action: 'user.password_reset' | 'user.password_change', tx: Tx, now: Date, forgotten: ForgottenChoices | null = null) {
  // Links before the account, the order every change to them takes (lib/auth/account-tokens.ts).
  await retireUnusedLinks(tx, userId, now, 'PASSWORD_RESET');
  const user = await tx.user.update({
    where: { id: userId },
    data: { passwordHash, sessionVersion: { increment: 1 } },
    select: { email: true },
  });
  const audit = forgottenChoicesAudit(forgotten);
  await recordAudit({ actorId: userId, action, entityType: 'User', entityId: userId, ...(audit.choicesReset ? { data: audit } : {}) }, tx);
  await notify({ userId, kind: 'account.password_changed', title: 'Your password was changed', body: passwordChangedNotice(action, forgotten), href: '/account', essential: true }, tx);
  return user.email;
}

/**
 * Sets a new password with an emailed link: once, before it expires. `settingsReset`, only when the
 * account was not confirmed and settings chosen on it were forgotten (the notice lists them).
 */
export async function resetPassword(opts: { token: string; password: string; now?: Date }): Promise<{ email: string; settingsReset?: true }> {
  const now = opts.now ?? new Date();
  const row = await requireUsableAccountToken(opts.token, 'PASSWORD_RESET', LINK_MESSAGES, now);
  const passwordHash = await hashPassword(opts.password);
  const { email, forgotten } = await db.$transaction(async (tx) => {
    // Links first, then the account (setPassword retires the other links; an address change or a
    // link being issued takes them in this order too).
    await lockAccountLinks(tx, row.userId);
    // Two submits of the same link (a double click, two tabs): exactly one sets the password.
    // The link replaces the password, so whoever set the old one (a stranger, maybe) is locked out.
    const { newlyConfirmed } = await redeemAccountToken(tx, row, LINK_MESSAGES, now, { newPassword: true });
    // The link proves the address. Until now anyone could have signed in with the password it
    // replaces, and what was chosen with it goes too, a district request included: it is withdrawn,
    // not told to the district's leaders as a confirmation link would tell it. Not for an account an
    // issuer's import opened (no password before this): nobody could sign in to it, and its leaders
    // were told at the import.
    const before = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { passwordHash: true } });
    const forgotten = newlyConfirmed && before.passwordHash ? await forgetUnconfirmedChoices(tx, row.userId) : null;
    return { email: await setPassword(row.userId, passwordHash, 'user.password_reset', tx, now, forgotten), forgotten };
  });
  await clearSignInLimits(email);
  return { email, ...(forgottenChoicesNotice(forgotten) ? { settingsReset: true as const } : {}) };
}

/**
 * Changes the signed-in person's password; they must know the current one. Tries are counted per
 * account before the password is checked, so past the limit even the right password is refused
 * (someone holding a stolen session cannot keep guessing until they take the account over), and
 * no guess past it costs a password check. The right password gives its try back (a change
 * clears the count).
 */
export async function changePassword(opts: { actor: Actor; current: string; password: string }): Promise<void> {
  const limitKey = `password-change:${opts.actor.id}`;
  const user = await db.user.findUnique({ where: { id: opts.actor.id }, select: { passwordHash: true } });
  if (!user?.passwordHash) {
    throw invalidState('Your account signs in with your school account and has no password here. To add one, use “Forgot your password?” on the sign-in page.');
  }
  const limit = await hitRateLimit(limitKey, CHANGE_ATTEMPTS, CHANGE_WINDOW_SECONDS);
  if (!limit.allowed) {
    // A refused try checked nothing, so it does not count (as at sign-in).
    await releaseRateLimit(limitKey);
    throw rateLimited('Too many wrong passwords. Wait 15 minutes, or sign out and use “Forgot your password?”.');
  }
  if (!(await verifyPassword(user.passwordHash, opts.current))) {
    throw validation('That is not your current password.', { current: ['That is not your current password.'] });
  }
  if (opts.current === opts.password) {
    await releaseRateLimit(limitKey);
    throw validation('Choose a password different from the current one.', { password: ['Choose a password different from the current one.'] });
  }
  const passwordHash = await hashPassword(opts.password);
  const email = await db.$transaction((tx) => setPassword(opts.actor.id, passwordHash, 'user.password_change', tx, new Date()));
  await Promise.all([clearRateLimit(limitKey), clearSignInLimits(email)]);
}
