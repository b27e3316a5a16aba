import 'server-only';
import { db, type Tx } from '@/lib/db';
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
 * What forgetUnconfirmedChoices put back: the settings that were not as a new account has them
 * (keys of User), and the district a request to join was withdrawn from.
 */
export type ForgottenChoices = { settings: ForgettableSetting[]; withdrawnFrom: { id: string; name: string } | null };
type ForgettableSetting = 'publicName' | 'handle' | 'portfolioPublic' | 'portfolioShowsSchool' | 'portfolioHeadline' | 'sharesWithColleagues';

// Each as a new account has it (the defaults in prisma/schema.prisma, model User)...
const FRESH = {
  publicName: null, handle: null, portfolioPublic: false, portfolioShowsSchool: false, portfolioHeadline: null, sharesWithColleagues: false,
} as const satisfies Record<ForgettableSetting, string | boolean | null>;
// ...and in the owner's words.
const SETTING_WORDS: Record<ForgettableSetting, string> = {
  publicName: 'the name shown on your badges',
  handle: 'your portfolio’s web address',
  portfolioPublic: 'making your portfolio public (it is private now)',
  portfolioShowsSchool: 'showing your school on your portfolio',
  portfolioHeadline: 'your portfolio’s headline',
  sharesWithColleagues: 'sharing with colleagues at your school',
};
const FORGETTABLE = Object.keys(FRESH) as ForgettableSetting[];

/**
 * Inside the transaction in which the owner of an address takes back an account that was not
 * confirmed and had a password (with a reset link, or a school sign-in that vouches for the
 * address), after the account's row is locked: anything chosen on it until then may be a
 * stranger's who signed up with the address, so what others see of the account goes back to how a
 * new account has it. That is the name signed into badges, the portfolio (its address, headline,
 * being public, naming the school) and sharing with colleagues; a request to join a district is
 * withdrawn, and its leaders are not told: a request told from a confirmed address is taken as the
 * teacher's own (ADR 010). Not for an account an issuer's import opened (no password: nobody could
 * sign in to it, and its request is the import's, told to the leaders then). What only the account
 * itself sees (time zone, licence, what they teach) stays. Returns what changed, for the notice.
 */
export async function forgetUnconfirmedChoices(tx: Tx, userId: string): Promise<ForgottenChoices> {
  const before = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { publicName: true, handle: true, portfolioPublic: true, portfolioShowsSchool: true, portfolioHeadline: true, sharesWithColleagues: true, requestedDistrict: { select: { id: true, name: true } } },
  });
  await tx.user.update({ where: { id: userId }, data: { ...FRESH, requestedDistrictId: null, districtRequestedAt: null } });
  return { settings: FORGETTABLE.filter((k) => before[k] !== FRESH[k]), withdrawnFrom: before.requestedDistrict };
}

/** For the audit entry: the settings' keys, and `districtRequest` when a request was withdrawn. */
export function forgottenChoicesAudit(f: ForgottenChoices | null): { choicesReset?: string[] } {
  const keys = f ? [...f.settings, ...(f.withdrawnFrom ? ['districtRequest'] : [])] : [];
  return keys.length ? { choicesReset: keys } : {};
}

/** What the owner is told of it, in their notice (null: nothing had been chosen). */
export function forgottenChoicesNotice(f: ForgottenChoices | null): string | null {
  if (!f) return null;
  const items = [
    ...f.settings.map((k) => SETTING_WORDS[k]),
    ...(f.withdrawnFrom ? [`your request to join ${oneLine(f.withdrawnFrom.name)} (withdrawn; its leaders were not told)`] : []),
  ];
  if (!items.length) return null;
  const list = items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0];
  return `Anything chosen on this account before your address was confirmed may have been someone else’s, so this was reset: ${list}. If any of it was yours, choose it again on your account page.`;
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
  // unproven password is dropped, its sessions end, and what was chosen with it is forgotten
  // (forgetUnconfirmedChoices).
  const name = providerName(opts.provider);
  return db.$transaction(async (tx) => {
    // Read again under the account's row lock: of two school sign-ins at once (two providers, one
    // unconfirmed account), the second waits here and sees the address the first confirmed, so
    // the password and choices are dropped and the owner notified once, not twice.
    const [locked] = await tx.$queryRaw<{ emailVerified: Date | null; passwordHash: string | null }[]>`
      SELECT "emailVerified", "passwordHash" FROM "User" WHERE "id" = ${existing.id} FOR UPDATE`;
    if (!locked) throw invalidState('This account was deleted a moment ago. Sign in again to open a new one.');
    const unconfirmed = !locked.emailVerified;
    const hadPassword = Boolean(locked.passwordHash);
    // Someone else may have signed in with that password and chosen what others see of the
    // account (a district request among it): that goes too, and the request is never told.
    const forgotten = unconfirmed && hadPassword ? await forgetUnconfirmedChoices(tx, existing.id) : null;
    const user = await tx.user.update({
      where: { id: existing.id },
      data: {
        accounts: { create: account },
        ...(unconfirmed ? { emailVerified: now, passwordHash: null } : {}),
        ...(unconfirmed || hadPassword ? { sessionVersion: { increment: 1 } } : {}),
      },
      select,
    });
    // No district is told of a request here: one made before the address was confirmed was just
    // withdrawn, and accounts an issuer's import opened have no password, their leaders told at the import.
    if (hadPassword) {
      await recordAudit({ actorId: user.id, action: 'user.sign_in_link', entityType: 'User', entityId: user.id, data: { provider: name, passwordRemoved: unconfirmed, ...forgottenChoicesAudit(forgotten) } }, tx);
      const reset = forgottenChoicesNotice(forgotten);
      await notify({
        userId: user.id,
        kind: 'account.sign_in_linked',
        title: `${name} sign-in was added to your account`,
        body: unconfirmed
          ? `You signed in with ${name}, which confirmed your email address. The password this account had was set before the address was confirmed, so it was removed, and every other session was signed out. ${reset ? `${reset} ` : ''}To have a password as well, use “Forgot your password?” on the sign-in page. If this was not you, tell your administrator.`
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
