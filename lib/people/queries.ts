import 'server-only';
import { db } from '@/lib/db';
import { forbidden, notFound } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canManageOrg } from '@/lib/people/policy';
import { decodeCursor, encodeCursor } from '@/lib/catalog/cursor';

export const MEMBERS_PAGE_SIZE = 25;
type NameCursor = { n: string; id: string };
const isNameCursor = (v: Record<string, unknown>): v is NameCursor => typeof v.n === 'string' && typeof v.id === 'string';

/** People holding any role in the organisation, searchable by name or email; keyset on (name, id). */
export async function listOrgMembers(opts: { actor: Actor; organizationId: string; q?: string; cursor?: string }) {
  const org = await db.organization.findUnique({ where: { id: opts.organizationId }, select: { id: true, kind: true, parentId: true, name: true } });
  if (!org) throw notFound('That organisation');
  if (!canManageOrg(opts.actor, org)) throw forbidden();
  const cursor = decodeCursor(opts.cursor, isNameCursor);
  const q = opts.q?.trim();
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
      qualifications: { where: { microCredential: { issuerId: org.id } }, select: { calibratedAt: true, microCredential: { select: { id: true, slug: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { title: true } } } } } },
    },
  });
  const page = rows.slice(0, MEMBERS_PAGE_SIZE).map(({ passwordHash, ...u }) => ({ ...u, hasPassword: Boolean(passwordHash) }));
  const last = page[page.length - 1];
  return { org, items: page, nextCursor: rows.length > MEMBERS_PAGE_SIZE && last ? encodeCursor({ n: last.name, id: last.id }) : null };
}

export async function listPendingInvitations(opts: { actor: Actor; organizationId: string; now?: Date }) {
  const org = await db.organization.findUnique({ where: { id: opts.organizationId }, select: { id: true, kind: true, parentId: true } });
  if (!org || !canManageOrg(opts.actor, org)) throw forbidden();
  return db.invitation.findMany({
    where: { organizationId: org.id, acceptedAt: null, expiresAt: { gt: opts.now ?? new Date() } },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
}
