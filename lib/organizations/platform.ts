import 'server-only';
import type { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin } from '@/lib/auth/actor';
import { conflict, forbidden, invalidState, isDomainError, isUniqueViolation, notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { notify } from '@/lib/notifications/notify';
import { inviteMember } from '@/lib/people/mutations';
import { countPeopleByOrganization, ensureMembership } from '@/lib/people/membership';
import { releaseAllClaimsOf } from '@/lib/review/mutations';
import { issueAccountToken } from '@/lib/auth/account-tokens';
import { forgetUnconfirmedChoices, forgottenChoicesAudit } from '@/lib/auth/accounts';
import { enqueueJob } from '@/lib/jobs/queue';
import { decodeCursor, encodeCursor } from '@/lib/catalog/cursor';
import { searchText } from '@/lib/search-text';
import type { AccountStatusInput, NewOrganizationInput } from '@/lib/organizations/schemas';

// Platform administration: bringing issuing organisations and districts onto the platform, and
// disabling accounts (a compromised account, someone who left). Only platform admins; the first
// one is made from the command line (scripts/platform-admin.ts), since nobody can grant it here.

export const PLATFORM_PAGE_SIZE = 25;
const PLATFORM_SLUG = 'platform';

function assertPlatformAdmin(actor: Actor) {
  if (!isPlatformAdmin(actor)) throw forbidden('Only platform administrators can do that.');
}

// Callers other than the form (tests, scripts) may leave out the tick: it then counts as not given.
type AccountStatusOptions = Omit<z.output<typeof AccountStatusInput>, 'disableAnyway'> & { disableAnyway?: boolean };

const FIRST_ROLE = { ISSUER: 'ISSUER_ADMIN', DISTRICT: 'DISTRICT_LEADER' } as const;

/**
 * Creates an issuer or a district and, when an address is given, invites its first admin or leader
 * (who then invites the rest). The slug is fixed from here on: badges and pages link to it.
 *
 * The organisation is saved first and stays saved if its first invitation is then refused (the
 * address has had its day's invitations, say): `invitationError` says why, and `peoplePath` is
 * where to invite them (or someone else) later. Checking the invitation before creating would not
 * be enough (another invitation can use up the limit in between), and refusing the organisation
 * for a reason that is only the invitation's would leave the platform admin unable to make it today.
 */
export async function createOrganization(opts: { actor: Actor; input: z.output<typeof NewOrganizationInput> }) {
  assertPlatformAdmin(opts.actor);
  const { kind, name, slug, firstEmail } = opts.input;
  let org: { id: string; slug: string; name: string; kind: 'ISSUER' | 'DISTRICT' };
  try {
    org = await db.$transaction(async (tx) => {
      const created = await tx.organization.create({ data: { kind, name, slug }, select: { id: true, slug: true, name: true } });
      await recordAudit({ actorId: opts.actor.id, action: 'org.create', entityType: 'Organization', entityId: created.id, organizationId: created.id, data: { kind, name, slug } }, tx);
      return { ...created, kind };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw validation('That address is already taken.', { slug: ['Another organisation already uses this address. Choose another.'] });
    throw e;
  }
  const peoplePath = orgPeoplePath(org);
  if (!firstEmail) return { organization: org, peoplePath, invitation: null, invitationError: null };
  try {
    const invitation = await inviteMember({ actor: opts.actor, organizationId: org.id, email: firstEmail, role: FIRST_ROLE[kind] });
    return { organization: org, peoplePath, invitation, invitationError: null };
  } catch (e) {
    // Thrown now, the error would hide that the organisation exists, and a retry would be told its
    // address is taken. An unexpected failure is logged for the operators and told plainly.
    if (!isDomainError(e)) console.error(e);
    const invitationError = isDomainError(e) ? e.message : 'something went wrong on our side';
    return { organization: org, peoplePath, invitation: null, invitationError };
  }
}

type OrgCursor = { n: string; id: string };
const isOrgCursor = (v: Record<string, unknown>): v is OrgCursor => typeof v.n === 'string' && typeof v.id === 'string';

/** Issuers and districts by name (keyset on name, id), with what each holds. */
export async function listOrganizations(opts: { actor: Actor; kind?: 'ISSUER' | 'DISTRICT'; q?: string; cursor?: string }) {
  assertPlatformAdmin(opts.actor);
  const cursor = decodeCursor(opts.cursor, isOrgCursor);
  const q = searchText(opts.q);
  const rows = await db.organization.findMany({
    where: {
      kind: opts.kind ?? { in: ['ISSUER', 'DISTRICT'] },
      AND: [
        q ? { OR: [{ name: { contains: q, mode: 'insensitive' as const } }, { slug: { contains: q.toLowerCase() } }] } : {},
        cursor ? { OR: [{ name: { gt: cursor.n } }, { name: cursor.n, id: { gt: cursor.id } }] } : {},
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: PLATFORM_PAGE_SIZE + 1,
    select: {
      id: true, kind: true, name: true, slug: true, createdAt: true,
      _count: { select: { microCredentials: true, districtUsers: { where: { disabledAt: null } }, children: true, awards: true } },
      // Whether anyone can still run it: an admin (issuer) or leader (district) whose account is active.
      memberships: { where: { role: { in: ['ISSUER_ADMIN', 'DISTRICT_LEADER'] }, user: { disabledAt: null } }, select: { id: true }, take: 1 },
      invitations: { where: { acceptedAt: null, expiresAt: { gt: new Date() } }, select: { email: true, role: true }, take: 3 },
    },
  });
  const page = rows.slice(0, PLATFORM_PAGE_SIZE);
  // People, not roles: an admin who also reviews is one person.
  const people = await countPeopleByOrganization(page.map((o) => o.id), { active: true });
  const items = page.map(({ memberships, ...o }) => ({ ...o, people: people.get(o.id) ?? 0, hasActiveAdmin: memberships.length > 0 }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > PLATFORM_PAGE_SIZE && last ? encodeCursor({ n: last.name, id: last.id }) : null };
}

/**
 * Where a platform admin invites an organisation's people (a new admin or leader among them): its
 * people page, which platform admins can open for any issuer or district.
 */
export function orgPeoplePath(org: { id: string; kind: string }): string {
  return org.kind === 'ISSUER' ? `/admin/people?org=${encodeURIComponent(org.id)}` : `/district/people?district=${encodeURIComponent(org.id)}`;
}

export type SoleLeadership = { userId: string; organizationId: string; name: string; kind: 'ISSUER' | 'DISTRICT' };

/**
 * The issuers and districts where each of `userIds` is the only enabled admin (issuer) or leader
 * (district): disabling that account would leave nobody there to run it. One query for any number
 * of accounts; it reads Membership by (userId, ...) and the other holders by (organizationId, role),
 * both indexed. Accounts already disabled hold nothing here: they are not an enabled holder.
 */
async function findSoleLeadership(client: Pick<Tx, '$queryRaw'>, userIds: string[]): Promise<SoleLeadership[]> {
  if (!userIds.length) return [];
  return client.$queryRaw<SoleLeadership[]>`
    SELECT m."userId", o."id" AS "organizationId", o."name", o."kind"::text AS "kind"
    FROM "Membership" m
    JOIN "User" holder ON holder."id" = m."userId" AND holder."disabledAt" IS NULL
    JOIN "Organization" o ON o."id" = m."organizationId"
    WHERE m."userId" IN (${Prisma.join(userIds)})
      AND ((m."role" = 'ISSUER_ADMIN' AND o."kind" = 'ISSUER') OR (m."role" = 'DISTRICT_LEADER' AND o."kind" = 'DISTRICT'))
      AND NOT EXISTS (
        SELECT 1 FROM "Membership" other
        JOIN "User" u ON u."id" = other."userId"
        WHERE other."organizationId" = m."organizationId" AND other."role" = m."role"
          AND other."userId" <> m."userId" AND u."disabledAt" IS NULL
      )
    ORDER BY o."name", o."id"`;
}

/** What the disable confirmation (and a refused disable) says for each organisation it would leave without anyone to run it. */
export function soleLeaderWarning(personName: string, org: { name: string; kind: 'ISSUER' | 'DISTRICT' }): string {
  return org.kind === 'DISTRICT'
    ? `${personName} is the only active leader of ${org.name}. Invite another leader first, or nobody can decide its proposals or its requests to join.`
    : `${personName} is the only active admin of ${org.name}. Invite another admin first, or nobody can run it: its credentials, reviewers and adjudications.`;
}

type AccountCursor = { e: string };
const isAccountCursor = (v: Record<string, unknown>): v is AccountCursor => typeof v.e === 'string';

/**
 * Accounts by email (keyset on email). An address-like search ("@district.org", "ann@") matches
 * the address; anything else matches the name or the address. Without a search: newest first
 * is not offered, to keep this a lookup rather than a browse of everyone.
 */
export async function searchAccounts(opts: { actor: Actor; q?: string; cursor?: string }) {
  assertPlatformAdmin(opts.actor);
  const q = searchText(opts.q);
  if (!q) return { items: [], nextCursor: null };
  const cursor = decodeCursor(opts.cursor, isAccountCursor);
  const match = q.includes('@')
    ? { email: { contains: q.toLowerCase() } }
    : { OR: [{ name: { contains: q, mode: 'insensitive' as const } }, { email: { contains: q.toLowerCase() } }] };
  const rows = await db.user.findMany({
    where: { AND: [match, cursor ? { email: { gt: cursor.e } } : {}] },
    orderBy: { email: 'asc' },
    take: PLATFORM_PAGE_SIZE + 1,
    select: {
      id: true, name: true, email: true, disabledAt: true, createdAt: true, emailVerified: true,
      memberships: { select: { role: true, organization: { select: { name: true } } } },
      district: { select: { name: true } },
    },
  });
  const page = rows.slice(0, PLATFORM_PAGE_SIZE);
  // For the "Disable" confirmation: where each account is the one person left to run an organisation.
  const sole = await findSoleLeadership(db, page.filter((u) => !u.disabledAt).map((u) => u.id));
  const items = page.map((u) => ({
    ...u,
    soleLeaderOf: sole.filter((s) => s.userId === u.id).map(({ organizationId, name, kind }) => ({ id: organizationId, name, kind, peoplePath: orgPeoplePath({ id: organizationId, kind }) })),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > PLATFORM_PAGE_SIZE && last ? encodeCursor({ e: last.email }) : null };
}

/**
 * Disables or re-enables an account. Disabling signs the person out everywhere (their session
 * version goes up), stops sign-in, reset and confirmation links, and gives back any review they had
 * claimed so the work returns to the queue. Their records, badges and public credentials stay: a
 * disabled account is not a deleted one. The person is emailed either way. An account that is the
 * only active admin of an issuer or leader of a district is disabled only with `disableAnyway`
 * ticked: otherwise its proposals, requests to join or credentials and reviews would be left with
 * nobody to act on them (see soleLeaderWarning).
 */
export async function setAccountDisabled(opts: { actor: Actor; input: AccountStatusOptions; now?: Date }) {
  assertPlatformAdmin(opts.actor);
  const now = opts.now ?? new Date();
  const { userId, op, reason } = opts.input;
  if (userId === opts.actor.id) throw invalidState('You cannot disable your own account.');
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, disabledAt: true, email: true, name: true } });
  if (!user) throw notFound('That account');
  if (op === 'disable') {
    if (user.disabledAt) throw conflict('This account is already disabled.');
    await db.$transaction(async (tx) => {
      await lockActorAndTarget(tx, opts.actor.id, userId);
      const leftAlone = await soleLeadershipHeld(tx, userId);
      // The explicit tick is what lets a takeover be stopped at once, successor or not.
      if (leftAlone.length && !opts.input.disableAnyway) {
        const warnings = leftAlone.map((o) => soleLeaderWarning(user.name, o));
        // Refused only when the form showed no box (a page from before the account became the last
        // one running it: the box is required when shown), so the message says where the box comes from.
        throw validation(`${warnings.join(' ')} To disable the account all the same (if it has been taken over, say), tick “Disable anyway”, now shown under the reason, and press “Yes, disable” again. If the box is not there, reload the page.`, { disableAnyway: warnings });
      }
      const u = await tx.user.updateMany({ where: { id: userId, disabledAt: null }, data: { disabledAt: now, sessionVersion: { increment: 1 } } });
      if (!u.count) throw conflict('This account is already disabled.');
      const released = await releaseAllClaimsOf(tx, userId, opts.actor.id, now);
      // Invitations they sent stop working: a taken-over account must not leave a way back in.
      const invitations = await tx.invitation.updateMany({ where: { invitedById: userId, acceptedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now, withdrawnAt: now } });
      const leftWithoutLeader = leftAlone.length ? { leftWithoutLeader: leftAlone.map((o) => ({ organizationId: o.organizationId, name: o.name, kind: o.kind })) } : {};
      await recordAudit({ actorId: opts.actor.id, action: 'user.disable', entityType: 'User', entityId: userId, data: { reason, releasedClaims: released, cancelledInvitations: invitations.count, ...leftWithoutLeader } }, tx);
      await notify({ userId, kind: 'account', essential: true, title: 'Your Microcred account has been disabled', body: `Reason given: ${reason}\n\nYour badges stay valid and their public pages stay up. If you think this is a mistake, contact the organisation you work with (your district or the issuer you review for).` }, tx);
    });
    return { disabled: true };
  }
  if (!user.disabledAt) throw conflict('This account is not disabled.');
  await db.$transaction(async (tx) => {
    await lockActorAndTarget(tx, opts.actor.id, userId);
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
    // An account is often disabled because someone else got into it: the old password does not
    // come back with it. The person sets a new one through the emailed link (or "Forgot your
    // password?"); school sign-in works as before.
    const u = await tx.user.updateMany({ where: { id: userId, disabledAt: { not: null } }, data: { disabledAt: null, passwordHash: null, sessionVersion: { increment: 1 } } });
    if (!u.count) throw conflict('This account is not disabled.');
    const hadPassword = Boolean(before.passwordHash);
    await recordAudit({ actorId: opts.actor.id, action: 'user.enable', entityType: 'User', entityId: userId, data: { ...(reason ? { note: reason } : {}), passwordCleared: hadPassword } }, tx);
    if (hadPassword) await enqueueJob({ type: 'auth.password-reset', payload: { email: user.email, restored: true } }, tx);
    await notify({
      userId, kind: 'account', essential: true, title: 'Your Microcred account is active again', href: '/sign-in',
      body: hadPassword
        ? 'For your safety your old password no longer works: set a new one with the link we have emailed you, or use “Forgot your password?” on the sign-in page.'
        : 'You can sign in as before.',
    }, tx);
  });
  return { disabled: false };
}

/**
 * The organisations `userId` is the only enabled admin or leader of, with each one held (an advisory
 * lock per organisation, in id order, after the account rows) until the transaction ends: of two
 * co-leaders disabled at once by different platform admins, the second waits, then sees the first
 * disabled and is refused unless ticked.
 */
async function soleLeadershipHeld(tx: Tx, userId: string): Promise<SoleLeadership[]> {
  const led = await tx.membership.findMany({ where: { userId, role: { in: ['ISSUER_ADMIN', 'DISTRICT_LEADER'] } }, select: { organizationId: true }, orderBy: { organizationId: 'asc' } });
  for (const id of new Set(led.map((m) => m.organizationId))) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`org-leaders:${id}`}))`;
  }
  return led.length ? findSoleLeadership(tx, [userId]) : [];
}

/**
 * Locks both accounts (in id order, so two admins acting on each other queue instead of deadlocking)
 * and checks the actor is still an enabled account: of two platform admins disabling each other at
 * once, the second finds itself disabled and stops, so the platform always keeps one.
 */
async function lockActorAndTarget(tx: Tx, actorId: string, targetId: string) {
  const ids = [actorId, targetId].sort();
  await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" IN (${ids[0]}, ${ids[1]}) ORDER BY "id" FOR UPDATE`;
  const actor = await tx.user.findUnique({ where: { id: actorId }, select: { disabledAt: true } });
  if (!actor || actor.disabledAt) throw forbidden('Your own account has just been disabled.');
}

export const BOOTSTRAP_LINK_MINUTES = 24 * 60;

/**
 * Makes `email` a platform admin (for `npm run platform:admin`, the way the first one is made on a
 * new installation). Creates the platform organisation and the account when missing; enables the
 * account if it was disabled (the way back when no enabled platform admin is left). An account
 * without a password gets a one-time link to set one (valid for a day; using it also confirms the
 * address); a confirmed, enabled account with one keeps it, and no link is made. The password is
 * cleared first (`passwordCleared`), with every session, when the account was unconfirmed (it may
 * be a stranger's who signed up with the address) or disabled (as enabling in the app does: it may
 * have been disabled because someone else got in and changed it).
 */
export async function grantPlatformAdmin(opts: { email: string; name: string; now?: Date }) {
  const email = opts.email.trim().toLowerCase();
  const now = opts.now ?? new Date();
  const result = await db.$transaction(async (tx) => {
    const platform = await tx.organization.upsert({ where: { slug: PLATFORM_SLUG }, update: {}, create: { slug: PLATFORM_SLUG, name: 'Microcred platform', kind: 'PLATFORM' }, select: { id: true, kind: true } });
    if (platform.kind !== 'PLATFORM') throw invalidState(`The address “${PLATFORM_SLUG}” belongs to another organisation.`);
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, disabledAt: true, passwordHash: true, emailVerified: true } });
    const user = existing ?? (await tx.user.create({ data: { email, name: opts.name }, select: { id: true, disabledAt: true, passwordHash: true, emailVerified: true } }));
    // Anyone can sign up with any address without confirming it: an unconfirmed account's password
    // may be a stranger's, waiting for this grant. A disabled account's may be an intruder's (the
    // reason it was disabled), and it is about to get the platform's every right. Either way it goes
    // (and every session with it), and the owner of the address sets one through the link printed.
    const reenabled = Boolean(user.disabledAt);
    const passwordCleared = Boolean(user.passwordHash) && (!user.emailVerified || reenabled);
    if (reenabled) {
      await tx.user.update({ where: { id: user.id }, data: { disabledAt: null, passwordHash: null, sessionVersion: { increment: 1 } } });
      await recordAudit({ actorId: null, action: 'user.enable', entityType: 'User', entityId: user.id, data: { via: 'command line', passwordCleared } }, tx);
    } else if (passwordCleared) {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash: null, sessionVersion: { increment: 1 } } });
    }
    // What a stranger chose on an unconfirmed account goes with their password, as when the owner
    // takes the address back by a reset link or a school sign-in (forgetUnconfirmedChoices).
    const forgotten = passwordCleared && !user.emailVerified ? await forgetUnconfirmedChoices(tx, user.id) : null;
    await ensureMembership(tx, user.id, platform.id, 'PLATFORM_ADMIN');
    await recordAudit({ actorId: null, action: 'platform.admin_grant', entityType: 'User', entityId: user.id, organizationId: platform.id, data: { email, via: 'command line', newAccount: !existing, passwordCleared, ...forgottenChoicesAudit(forgotten) } }, tx);
    return { userId: user.id, created: !existing, reenabled, passwordCleared, hasPassword: Boolean(user.passwordHash) && !passwordCleared };
  });
  const token = result.hasPassword ? null : await issueAccountToken(result.userId, 'PASSWORD_RESET', BOOTSTRAP_LINK_MINUTES, now);
  return { ...result, token };
}
