import 'server-only';
import { db } from '@/lib/db';
import { findDistrict, recordDistrictRequest, tellLeadersOfWaitingRequest } from '@/lib/district/requests';
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
const SIGN_IN_PER_ADDRESS_AND_IP = 8;
const SIGN_IN_PER_IP = 60;
// Far above what one IP can reach on its own against an address (8 per 15 minutes is at most 40 in
// an hour), so a lone guesser cannot lock its owner out, yet low enough to stop guesses spread over
// many IPs.
const SIGN_IN_PER_ADDRESS_WINDOW_SECONDS = 60 * 60;
const SIGN_IN_PER_ADDRESS = 100;

// Failed sign-ins are counted under these keys in the RateLimit table.
const addressKey = (email: string) => `signin:email-all:${email}`;
const pairPrefix = (email: string) => `signin:email-ip:${email}:`;
// With no client IP there is no pair to count: the address alone gets the pair's limit.
const noIpKey = (email: string) => `signin:email:${email}`;

export type AuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'rate_limited'; retryAfterSeconds?: number };

/**
 * Checks an email and password. Wrong email and wrong password give the same answer in about the
 * same time. Failures are rate-limited across all app servers: 8 per 15 minutes per address from
 * one client IP (8 per address when the IP is unknown), 100 an hour per address from all IPs
 * together, and 60 per 15 minutes per client IP. So someone guessing at a teacher's address from one
 * IP locks out only that IP; it takes guesses from many IPs to reach the address's own limit (which a
 * new password clears, see clearSignInLimits).
 * `timeZone`: the browser's zone (already a listed name), kept on success if the person has none yet.
 */
export async function authenticate(opts: { email: string; password: string; ip?: string | null; timeZone?: string }): Promise<AuthenticateResult> {
  const email = opts.email.trim().toLowerCase();
  // Failed attempts count in Postgres so every app server shares the counters. Each attempt takes
  // its hits BEFORE the password is checked, so a burst of parallel guesses cannot all pass a check
  // that none of them has counted yet; an attempt that is refused gives all its hits back.
  const pairKey = opts.ip ? `${pairPrefix(email)}${opts.ip}` : noIpKey(email);
  const ipKey = opts.ip ? `signin:ip:${opts.ip}` : null;
  const limits = [
    { key: pairKey, max: SIGN_IN_PER_ADDRESS_AND_IP, windowSeconds: SIGN_IN_WINDOW_SECONDS },
    { key: addressKey(email), max: SIGN_IN_PER_ADDRESS, windowSeconds: SIGN_IN_PER_ADDRESS_WINDOW_SECONDS },
    ...(ipKey ? [{ key: ipKey, max: SIGN_IN_PER_IP, windowSeconds: SIGN_IN_WINDOW_SECONDS }] : []),
  ];
  const hits = await Promise.all(limits.map((l) => hitRateLimit(l.key, l.max, l.windowSeconds)));
  const refused = hits.filter((hit) => !hit.allowed);
  if (refused.length) {
    await Promise.all(limits.map((l) => releaseRateLimit(l.key)));
    // The wait lasts until every limit that refused has reset.
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(...refused.map((hit) => hit.retryAfterSeconds)) };
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true, sessionVersion: true, timeZone: true },
  });
  const ok = await verifyPassword(user?.passwordHash, opts.password);
  if (!user || !ok || user.disabledAt) return { ok: false, reason: 'invalid' };
  // The right password from this IP ends the guessing from it, so its pair count is cleared. The
  // per-address and per-IP counts only get this attempt's hit back: they also hold failures from
  // other IPs or other addresses, and clearing them would hand whoever made those a fresh allowance
  // each time the teacher signs in.
  await Promise.all([
    clearRateLimit(pairKey),
    releaseRateLimit(addressKey(email)),
    ipKey ? releaseRateLimit(ipKey) : null,
    opts.timeZone && timeZoneUnknown(user.timeZone) ? rememberBrowserTimeZone({ userId: user.id, timeZone: opts.timeZone }) : null,
  ]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/**
 * Forgets every failed sign-in counted against an address (from each IP, with none, and in all),
 * for when its owner has proven who they are another way, such as a password reset. Failures
 * counted per client IP stay: they belong to the network, not to this account.
 */
export async function clearSignInLimits(email: string): Promise<void> {
  const address = email.trim().toLowerCase();
  // starts_with rather than Prisma's startsWith, which is a LIKE whose `_` (common in addresses)
  // would match any character, and so clear other addresses' counts too.
  await db.$executeRaw`DELETE FROM "RateLimit" WHERE "key" IN (${addressKey(address)}, ${noIpKey(address)}) OR starts_with("key", ${pairPrefix(address)})`;
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
  // They are told of it once the address is confirmed (a confirmation link, or a school sign-in), not now.
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
  const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
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
  const name = providerName(opts.provider);
  return db.$transaction(async (tx) => {
    // Read again under the account's row lock: of two school sign-ins at once (two providers, one
    // unconfirmed account), the second waits here and sees the address the first confirmed, so
    // the password is dropped, the join request told and the owner notified once, not twice.
    const [locked] = await tx.$queryRaw<{ emailVerified: Date | null; passwordHash: string | null }[]>`
      SELECT "emailVerified", "passwordHash" FROM "User" WHERE "id" = ${existing.id} FOR UPDATE`;
    if (!locked) throw invalidState('This account was deleted a moment ago. Sign in again to open a new one.');
    const unconfirmed = !locked.emailVerified;
    const hadPassword = Boolean(locked.passwordHash);
    const user = await tx.user.update({
      where: { id: existing.id },
      data: {
        accounts: { create: account },
        ...(unconfirmed ? { emailVerified: now, passwordHash: null } : {}),
        ...(unconfirmed || hadPassword ? { sessionVersion: { increment: 1 } } : {}),
      },
      select,
    });
    // This sign-in confirms the address, so a request to join a district made at sign-up (or from
    // the account page) before then is told to its leaders now, as a confirmation link would.
    // Accounts an issuer's import opened have no password, and their leaders were told at the import.
    if (unconfirmed && hadPassword) await tellLeadersOfWaitingRequest(tx, user.id);
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
