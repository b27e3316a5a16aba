import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { formerPlacementOf, formerPlacementColumns, type Actor } from '@/lib/auth/actor';

const actorSelect = {
  id: true,
  email: true,
  name: true,
  districtId: true,
  schoolId: true,
  timeZone: true,
  ...formerPlacementColumns,
  disabledAt: true,
  sessionVersion: true,
  memberships: { select: { role: true, organizationId: true, organization: { select: { kind: true, name: true, parentId: true } } } },
} as const;

type ActorRow = Prisma.UserGetPayload<{ select: typeof actorSelect }>;

function toActor(user: ActorRow): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    districtId: user.districtId,
    schoolId: user.schoolId,
    former: formerPlacementOf(user),
    timeZone: user.timeZone,
    roles: user.memberships.map((m) => ({
      role: m.role,
      organizationId: m.organizationId,
      organizationKind: m.organization.kind,
      organizationName: m.organization.name,
      parentOrganizationId: m.organization.parentId,
    })),
  };
}

/** Loads an actor from the database: roles always come from the records, never from the cookie. */
export async function loadActor(userId: string, sessionVersion?: number): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: actorSelect });
  if (!user || user.disabledAt) return null;
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return null;
  return toActor(user);
}

/**
 * loadActor for several people in one query (a background sweep over many people's work). Everyone
 * asked for is in the map: null for a missing or disabled account, as loadActor answers.
 */
export async function loadActors(userIds: string[]): Promise<Map<string, Actor | null>> {
  const out = new Map<string, Actor | null>(userIds.map((id) => [id, null]));
  if (!userIds.length) return out;
  const users = await db.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: actorSelect });
  for (const u of users) if (!u.disabledAt) out.set(u.id, toActor(u));
  return out;
}
