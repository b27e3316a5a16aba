import 'server-only';
import { db } from '@/lib/db';
import { findDistrict, recordDistrictRequest } from '@/lib/district/requests';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { clearRateLimit, hitRateLimit, releaseRateLimit } from '@/lib/rate-limit';
import { rateLimited, validation, invalidState } from '@/lib/errors';
import { notify } from '@/lib/notifications/notify';
import { oneLine, SignUpInput } from '@/lib/auth/schemas';
import { recordAudit } from '@/lib/audit/log';
import type { z } from 'zod';
import { loadActor } from '@/lib/auth/load-actor';
import { homePath } from '@/lib/auth/actor';
import { queueVerificationEmail } from '@/lib/auth/email-verification';
import { rememberBrowserTimeZone } from '@/lib/auth/time-zone';
import { timeZoneUnknown } from '@/lib/time-zone';

const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const SIGN_IN_PER_EMAIL = 8;
const SIGN_IN_PER_IP = 60;

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterSeconds?: number };

/**
 * Checks an email and password. Wrong email and wrong password give the same answer in about the
 * same time; failures are rate-limited per address and per client IP across all app servers.
 * `timeZone`: the browser's zone (already a listed name), kept on success if the person has none yet.
 */
export async function authenticate(opts: { email: string; password: string; ip?: string | null; timeZone?: string }): Promise<AuthenticateResult> {
  const email = opts.email.trim().toLowerCase();
  // Failed attempts count, per address and per client IP, in Postgres so every app server shares
  // the counters. Each attempt takes its hit BEFORE the password is checked, so a burst of parallel
  // guesses cannot all pass a check that none of them has counted yet; an attempt that is refused,
  // or that succeeds, gives its hit back (a correct password also clears the address's counter).
  const emailKey = `signin:email:${email}`;
  const ipKey = opts.ip ? `signin:ip:${opts.ip}` : null;
  const [byEmail, byIp] = await Promise.all([
    hitRateLimit(emailKey, SIGN_IN_PER_EMAIL, SIGN_IN_WINDOW_SECONDS),
    ipKey ? hitRateLimit(ipKey, SIGN_IN_PER_IP, SIGN_IN_WINDOW_SECONDS) : null,
  ]);
  const giveBack = () => Promise.all([releaseRateLimit(emailKey), ipKey ? releaseRateLimit(ipKey) : null]);
  if (!byEmail.allowed || (byIp && !byIp.allowed)) {
    await giveBack();
    return {
      ok: false,
      reason: 'rate_limited',
      retryAfterSeconds: Math.max(byEmail.allowed ? 0 : byEmail.retryAfterSeconds, byIp && !byIp.allowed ? byIp.retryAfterSeconds : 0),
    };
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true, sessionVersion: true, timeZone: true },
  });
  const ok = await verifyPassword(user?.passwordHash, opts.password);
  if (!user || !ok || user.disabledAt) return { ok: false, reason: 'invalid' };
  await Promise.all([
    clearRateLimit(emailKey),
    ipKey ? releaseRateLimit(ipKey) : null,
    opts.timeZone && timeZoneUnknown(user.timeZone) ? rememberBrowserTimeZone({ userId: user.id, timeZone: opts.timeZone }) : null,
  ]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

export async function signUp(input: z.infer<typeof SignUpInput>, opts: { ip?: string | null } = {}) {
  if (opts.ip) {
    const limit = await hitRateLimit(`signup:ip:${opts.ip}`, 20, 60 * 60);
    if (!limit.allowed) throw rateLimited('Too many new accounts from this network. Try again later.');
  }
  const email = input.email.trim().toLowerCase();
  const district = input.districtId ? await findDistrict(input.districtId) : null;
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    // Said plainly on sign-up (the person needs to know to sign in instead); sign-in itself never reveals it.
    throw validation('An account with this email already exists. Sign in instead.', {
      email: ['An account with this email already exists. Sign in instead.'],
    });
  }
  // A district chosen here is a request: its leaders confirm the teacher before it counts them.
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email, name: oneLine(input.name), passwordHash, timeZone: input.timeZone ?? null },
      select: { id: true, email: true, name: true, sessionVersion: true },
    });
    await recordAudit({ actorId: created.id, action: 'user.sign_up', entityType: 'User', entityId: created.id }, tx);
    if (district) await recordDistrictRequest(tx, { id: created.id, name: created.name, districtId: null }, district, new Date());
    return created;
  });
  await queueVerificationEmail(user.id);
  return user;
}

/**
 * Whether a school sign-in provider vouches that the person owns the address it sends. Google says
 * so in `email_verified`. Microsoft Entra ID sends no such claim by default, and a tenant's own
 * administrators can set a user's `email` to any address, so only the optional `xms_edov` claim
 * ("email domain owner verified", enabled in the app registration) counts there.
 */
export function providerVouchesForEmail(provider: string, profile: Record<string, unknown>): boolean {
  if (provider === 'microsoft-entra-id') return profile.xms_edov === true || profile.xms_edov === 'true' || profile.xms_edov === '1';
  return profile.email_verified === true || profile.email_verified === 'true';
}

/** A sign-in provider by the name people know it by. */
export function providerName(provider: string): string {
  return provider === 'google' ? 'Google' : provider === 'microsoft-entra-id' ? 'Microsoft' : provider;
}

/**
 * The account a school sign-in opens. Linked before: that account. Otherwise an account is found or
 * made by email, and only for an address the provider vouches for. An unvouched one is refused
 * outright: even a new account made from it would keep the link after the address's real owner
 * confirmed it some other way (a reset link, another provider), and the link would open it.
 *
 * Linking a provider to an account that has a password ends the account's other sessions and tells
 * the owner (in the app and by email): whoever else knows the password, or holds a session, loses
 * it, and a link the owner did not make does not go unnoticed. The returned `sessionVersion` is the
 * new one, so this sign-in itself stays signed in.
 */
export async function upsertOidcUser(opts: { provider: string; providerAccountId: string; email: string; name: string; emailVouched?: boolean }) {
  const email = opts.email.trim().toLowerCase();
  const vouched = opts.emailVouched ?? true;
  const select = { id: true, email: true, name: true, sessionVersion: true, disabledAt: true } as const;
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: opts.provider, providerAccountId: opts.providerAccountId } },
    select: { user: { select } },
  });
  if (linked) return linked.user;
  const now = new Date();
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, emailVerified: true, passwordHash: true } });
  if (!vouched) {
    throw invalidState(existing
      ? 'An account with this email already exists. Sign in with its password.'
      : 'Your school sign-in does not confirm that this email address is yours. Create an account with your email instead, or ask your school’s IT team.');
  }
  const account = { provider: opts.provider, providerAccountId: opts.providerAccountId };
  if (!existing) {
    return db.user.create({ data: { email, name: oneLine(opts.name) || email, emailVerified: now, accounts: { create: account } }, select });
  }
  // An account someone opened with this address but never confirmed may not be theirs (it could
  // have been opened in advance to hijack it). The school sign-in proves the address: the
  // unproven password is dropped and its sessions end.
  const unconfirmed = !existing.emailVerified;
  const hadPassword = Boolean(existing.passwordHash);
  const name = providerName(opts.provider);
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: existing.id },
      data: {
        accounts: { create: account },
        ...(unconfirmed ? { emailVerified: now, passwordHash: null } : {}),
        ...(unconfirmed || hadPassword ? { sessionVersion: { increment: 1 } } : {}),
      },
      select,
    });
    if (hadPassword) {
      await recordAudit({ actorId: user.id, action: 'user.sign_in_link', entityType: 'User', entityId: user.id, data: { provider: name, passwordRemoved: unconfirmed } }, tx);
      await notify({
        userId: user.id,
        kind: 'account.sign_in_linked',
        title: `${name} sign-in was added to your account`,
        body: unconfirmed
          ? `You signed in with ${name}, which confirmed your email address. The password this account had was set before the address was confirmed, so it was removed, and every other session was signed out. To have a password as well, use “Forgot your password?” on the sign-in page. If this was not you, tell your administrator.`
          : `Someone signed in with a ${name} account for your address, so it now opens your account too, and every other session was signed out. If this was you, there is nothing to do. If it was not, reset your password now and tell your administrator.`,
        href: '/account',
        essential: true,
      }, tx);
    }
    return user;
  });
}

/** Where a person lands right after signing in. */
export async function homePathForEmail(email: string): Promise<string> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  const actor = user ? await loadActor(user.id) : null;
  return actor ? homePath(actor) : '/dashboard';
}
