import 'server-only';
import { db } from '@/lib/db';
import { searchText } from '@/lib/search-text';
import { forbidden, notFound } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canManageOrg } from '@/lib/people/policy';
import { decodeCursor, encodeCursor, isCursorId, isCursorTime } from '@/lib/catalog/cursor';
import type { Prisma } from '@/lib/generated/prisma/client';

export const MEMBERS_PAGE_SIZE = 25;
type NameCursor = { n: string; id: string };
const isNameCursor = (v: Record<string, unknown>): v is NameCursor => typeof v.n === 'string' && typeof v.id === 'string';

const credentialSelect = { id: true, slug: true, versions: { orderBy: { version: 'desc' as const }, take: 1, select: { title: true } } } as const;

/**
 * People holding any role in the organisation, searchable by name or email; keyset on (name, id).
 * For an issuer, each person's standing for its credentials: their qualification rows (an admin's
 * grant when `grantedById` is set, and their calibration) and the credentials whose badge they hold
 * (revoked and suspended badges left out), which qualifies a reviewer as well.
 */
export async function listOrgMembers(opts: { actor: Actor; organizationId: string; q?: string; cursor?: string }) {
  const org = await db.organization.findUnique({ where: { id: opts.organizationId }, select: { id: true, kind: true, parentId: true, name: true } });
  if (!org) throw notFound('That organisation');
  if (!canManageOrg(opts.actor, org)) throw forbidden();
  const cursor = decodeCursor(opts.cursor, isNameCursor);
  const q = searchText(opts.q);
  const rows = await db.user.findMany({
    where: {
      memberships: { some: { organizationId: org.id } },
      AND: [
        q ? { OR: [{ name: { contains: q, mode: 'insensitive' as const } }, { email: { contains: q, mode: 'insensitive' as const } }] } : {},
        cursor ? { OR: [{ name: { gt: cursor.n } }, { name: cursor.n, id: { gt: cursor.id } }] } : {},
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: MEMBERS_PAGE_SIZE + 1,
    select: {
      id: true, name: true, email: true, disabledAt: true, passwordHash: true,
      memberships: { where: { organizationId: org.id }, select: { role: true } },
      // grantedById: an admin's grant; a row without one was made when a badge holder calibrated.
      qualifications: { where: { microCredential: { issuerId: org.id } }, select: { grantedById: true, calibratedAt: true, microCredential: { select: credentialSelect } } },
      // Their valid badges of the issuer's credentials: holding one qualifies them to review it too.
      awards: { where: { revokedAt: null, suspendedAt: null, microCredential: { issuerId: org.id } }, distinct: ['microCredentialId'], select: { microCredential: { select: credentialSelect } } },
    },
  });
  const page = rows.slice(0, MEMBERS_PAGE_SIZE).map(({ passwordHash, ...u }) => ({ ...u, hasPassword: Boolean(passwordHash) }));
  const last = page[page.length - 1];
  return { org, items: page, nextCursor: rows.length > MEMBERS_PAGE_SIZE && last ? encodeCursor({ n: last.name, id: last.id }) : null };
}

// ───────────────────────────── Open invitations ─────────────────────────────

/** Open invitations are listed this many at a time, newest first. */
export const INVITATIONS_PAGE_SIZE = 25;
type InvitationCursor = { c: string; id: string };
const isInvitationCursor = (v: Record<string, unknown>): v is InvitationCursor =>
  isCursorTime(v.c) && isCursorId(v.id);
const INVITATION_ORDER = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/**
 * A page of the open invitations matching `scope` (an organisation, or a district and its schools),
 * shared by the issuer's and the district's lists: what "open" and the email search mean, and the
 * keyset on (createdAt, id), newest first. Returns the page, how many match in all (`total`) and how
 * many came on earlier pages (`before`), so the page can say where it is ("26–50 of 312") without an
 * offset. A cursor that does not decode starts from the first page. Callers check who may see it.
 */
export async function pageOfOpenInvitations<S extends Prisma.InvitationSelect & { id: true; createdAt: true }>(
  scope: Prisma.InvitationWhereInput,
  opts: { q?: string; cursor?: string; now?: Date },
  select: S,
) {
  const cursor = decodeCursor(opts.cursor, isInvitationCursor);
  const q = searchText(opts.q).slice(0, 100);
  const where: Prisma.InvitationWhereInput = {
    ...scope,
    acceptedAt: null,
    expiresAt: { gt: opts.now ?? new Date() },
    ...(q ? { email: { contains: q, mode: 'insensitive' as const } } : {}),
  };
  const at = cursor ? new Date(cursor.c) : null;
  const after = cursor && at ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor.id } }] } : null;
  const earlier = cursor && at ? { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gte: cursor.id } }] } : null;
  const [rows, total, before] = await Promise.all([
    db.invitation.findMany({ where: after ? { AND: [where, after] } : where, orderBy: INVITATION_ORDER, take: INVITATIONS_PAGE_SIZE + 1, select }),
    db.invitation.count({ where }),
    earlier ? db.invitation.count({ where: { AND: [where, earlier] } }) : 0,
  ]);
  const items = rows.slice(0, INVITATIONS_PAGE_SIZE);
  const last = items[items.length - 1] as { id: string; createdAt: Date } | undefined;
  return { items, nextCursor: rows.length > INVITATIONS_PAGE_SIZE && last ? encodeCursor({ c: last.createdAt.toISOString(), id: last.id }) : null, total, before };
}

/**
 * Who sent each invitation, by name (`invitedByName`, null for an account that no longer exists), in
 * one query for the page: leaders see whose invitations are still open (a role taken away, or an
 * account disabled, withdraws that person's).
 */
export async function withInviterNames<T extends { invitedById: string }>(items: T[]) {
  const ids = [...new Set(items.map((i) => i.invitedById))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return items.map(({ invitedById, ...i }) => ({ ...i, invitedByName: names.get(invitedById) ?? null }));
}

/**
 * The organisation's open invitations, a page at a time (newest first), searchable by email, each
 * with who sent it: the page, how many match in all (`total`) and how many came on earlier pages
 * (`before`). Rides the
 * (organizationId, createdAt) index.
 */
export async function listPendingInvitations(opts: { actor: Actor; organizationId: string; q?: string; cursor?: string; now?: Date }) {
  const org = await db.organization.findUnique({ where: { id: opts.organizationId }, select: { id: true, kind: true, parentId: true } });
  if (!org || !canManageOrg(opts.actor, org)) throw forbidden();
  const page = await pageOfOpenInvitations({ organizationId: org.id }, opts, { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedById: true });
  return { ...page, items: await withInviterNames(page.items) };
}
