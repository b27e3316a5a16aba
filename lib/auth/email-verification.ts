import 'server-only';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { DomainError, forbidden, invalidState, isUniqueViolation, rateLimited, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { issueAccountToken, readAccountToken, retireUnusedLinks, redeemAccountToken, requireUsableAccountToken, type LinkMessages, type LinkState } from '@/lib/auth/account-tokens';
import { hitRateLimit, releaseRateLimit } from '@/lib/rate-limit';
import { CONFIRMED_EMAIL_FIXED, oneLine, ROLE_EMAIL_FIXED } from '@/lib/auth/schemas';
import { enqueueJob } from '@/lib/jobs/queue';
import { linkEmailVerdictFor } from '@/lib/jobs/link-email-requests';
import { VERIFY_EMAIL_JOB, type LinkEmailRequest } from '@/lib/jobs/link-emails';
import { sendEmail } from '@/lib/email/send';
import { recordAudit } from '@/lib/audit/log';
import { tellLeadersOfWaitingRequest } from '@/lib/district/requests';

// "Confirm your email address". A credential names its holder by a hash of their email address,
// so the platform only sends work for review (and so issues credentials) for addresses the person
// has shown they read. Sign-up sends a link; so can the dashboard, again. The link confirms only
// for the person signed in to its account: the inbox and the password, together. Accounts whose
// address was proven another way are confirmed already: by an invitation link, a password-reset
// link, or a school sign-in (OIDC), and the demo accounts.

export const VERIFY_DAYS = 7;
const RESENDS_PER_HOUR = 5;
const EMAIL_CHANGES_PER_DAY = 5;

/** Queues the confirmation email (sign-up does this; the dashboard's "send it again" too). */
export async function queueVerificationEmail(userId: string, tx?: Tx): Promise<void> {
  await enqueueJob({ type: VERIFY_EMAIL_JOB, payload: { userId } }, tx);
}

/**
 * The job: a new link for an unconfirmed, active account. `request`: the queued job; with it,
 * nothing is sent once a later request for the account is sent or still to be tried (its link would
 * be retired by this one), or a link made since it was used (lib/jobs/link-emails.ts).
 */
export async function sendVerificationEmail(userId: string, now = new Date(), request?: LinkEmailRequest): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, emailVerified: true, disabledAt: true } });
  if (!user || user.emailVerified || user.disabledAt) return;
  if (request && (await linkEmailVerdictFor({ type: VERIFY_EMAIL_JOB, target: { field: 'userId', value: userId }, userId, purpose: 'EMAIL_VERIFICATION', request })) !== 'send') return;
  // Issued only if the address read above is still the account's: a change in between retires
  // the links and queues its own email to the new address.
  const token = await issueAccountToken(userId, 'EMAIL_VERIFICATION', VERIFY_DAYS * 24 * 60, now, user.email);
  if (!token) return;
  const url = new URL(`/verify-email/${token}`, env().APP_URL).toString();
  await sendEmail({
    to: user.email,
    subject: 'Confirm your email address for Microcred',
    text: `Hello ${oneLine(user.name)},\n\nPlease confirm that this is your address. Your badges will carry it (as a fingerprint, never in plain text), so we only send work for review from confirmed addresses. Open the link where you are signed in to Microcred (it asks you to sign in first otherwise); it works for ${VERIFY_DAYS} days:\n${url}\n\nIf you did not create a Microcred account, ignore this email.\n\n— Microcred`,
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

export type EmailChangeResult = { changed: boolean; email: string; linkSent: boolean; retryAfterSeconds?: number };

/**
 * Fixes a mistyped address before it is confirmed: the new one is stored, still unconfirmed, and
 * gets the confirmation link. Every link sent before stops working, password-reset links too:
 * using one confirms the account's address, and they went to an inbox that is not this person's.
 * A confirmed address is not changed here (that needs the new inbox proven before the switch).
 */
export async function changeUnconfirmedEmail(opts: { actor: Actor; email: string; now?: Date }): Promise<EmailChangeResult> {
  const now = opts.now ?? new Date();
  // Normalised as sign-up normalises it, for callers that did not parse with EmailInput.
  const email = opts.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { id: opts.actor.id }, select: { email: true, emailVerified: true } });
  if (!user) throw invalidState('Your account could not be found. Sign in again.');
  if (user.emailVerified) throw invalidState(CONFIRMED_EMAIL_FIXED);
  // Someone given a role (reviewer, admin, leader) was given it at this address: moving it would
  // move them off the address their organisation approved, and out of checks that read its domain
  // (same-district conflicts of interest). Their organisation corrects it instead.
  if (await db.membership.count({ where: { userId: opts.actor.id, role: { not: 'TEACHER' } } })) throw invalidState(ROLE_EMAIL_FIXED);
  if (email === user.email) return { changed: false, email, linkSent: false };
  // Counted before the lookup: the answer says whether an account has the address, as sign-up does.
  const changes = await hitRateLimit(`email-change:${opts.actor.id}`, EMAIL_CHANGES_PER_DAY, 24 * 60 * 60);
  if (!changes.allowed) throw rateLimited('You have changed your address several times today. Try again tomorrow, or ask a platform administrator.');
  const taken = () => validation('An account with this email already exists.', { email: ['An account with this email already exists. If it is yours, sign in with it instead.'] });
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw taken();
  // The link to the new address is a send like "Send the link again": same counter, same limit.
  // Past it the address still changes (the earlier sends went to the wrong inbox) and the link
  // waits for the person to ask again.
  const sendKey = `verify-email:${opts.actor.id}`;
  const send = await hitRateLimit(sendKey, RESENDS_PER_HOUR, 60 * 60);
  try {
    await db.$transaction(async (tx) => {
      // After any link being issued right now (so it is retired below, not left working in the old
      // inbox); then links first, then the account: the order confirmEmail locks them in.
      await retireUnusedLinks(tx, opts.actor.id, now);
      const moved = await tx.user.updateMany({ where: { id: opts.actor.id, emailVerified: null }, data: { email } });
      if (moved.count !== 1) throw invalidState(CONFIRMED_EMAIL_FIXED);
      await recordAudit({ actorId: opts.actor.id, action: 'user.email_change', entityType: 'User', entityId: opts.actor.id, data: { linkSent: send.allowed } }, tx);
      if (send.allowed) await queueVerificationEmail(opts.actor.id, tx);
    });
  } catch (e) {
    await releaseRateLimit(sendKey);
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
  return { changed: true, email, linkSent: send.allowed, ...(send.allowed ? {} : { retryAfterSeconds: send.retryAfterSeconds }) };
}

export async function isEmailVerified(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerified: true } });
  return Boolean(user?.emailVerified);
}

/**
 * What the confirmation page shows for a link and the person who opened it: the link's state and,
 * for a link that works, whether they are signed in to its account (`yours`), to another one
 * (`another`; the page does not say whose the link is), or not at all (`signed-out`).
 */
export async function getVerificationLink(opts: { token: string; actor: Actor | null; now?: Date }): Promise<{ state: LinkState; signedIn: 'yours' | 'another' | 'signed-out' }> {
  const { state, row } = await readAccountToken(opts.token, 'EMAIL_VERIFICATION', opts.now);
  const signedIn = !opts.actor ? 'signed-out' : row && opts.actor.id === row.userId ? 'yours' : 'another';
  return { state, signedIn };
}

const MESSAGES: LinkMessages = {
  unknown: 'This confirmation link is not valid. Sign in and send yourself a new one from your dashboard.',
  used: 'This confirmation link has already been used, or a newer one was sent.',
  expired: `This confirmation link has expired (links work for ${VERIFY_DAYS} days). Sign in and send yourself a new one from your dashboard.`,
};

export const SIGN_IN_TO_CONFIRM = 'Sign in to confirm your address: the link works once you are signed in to the account it was sent for.';
export const LINK_FOR_ANOTHER_ACCOUNT = 'This link is for another account. Sign out, then sign in to the account it was sent for and open the link again.';

/**
 * Confirms the address the link was sent to, for the person signed in to that account (`actor`),
 * on any device. The link proves the inbox; being signed in proves the password. A link alone
 * is not enough: someone who opened an account with another person's address, and set its
 * password, would otherwise have that account confirmed by the owner clicking the link, and keep
 * signing in to it. Confirming an address that is already confirmed is not an error.
 */
export async function confirmEmail(opts: { token: string; actor?: Actor | null; now?: Date }): Promise<{ email: string }> {
  const now = opts.now ?? new Date();
  const row = await requireUsableAccountToken(opts.token, 'EMAIL_VERIFICATION', MESSAGES, now);
  if (!opts.actor) throw new DomainError('UNAUTHENTICATED', SIGN_IN_TO_CONFIRM);
  if (opts.actor.id !== row.userId) throw forbidden(LINK_FOR_ANOTHER_ACCOUNT);
  await db.$transaction(async (tx) => {
    const { newlyConfirmed } = await redeemAccountToken(tx, row, MESSAGES, now, { signedInAs: opts.actor!.id });
    if (newlyConfirmed) {
      await recordAudit({ actorId: row.userId, action: 'user.email_verified', entityType: 'User', entityId: row.userId }, tx);
      // A request to join a district made before the address was confirmed is told to its leaders now.
      await tellLeadersOfWaitingRequest(tx, row.userId);
    }
  });
  return { email: row.user.email };
}
