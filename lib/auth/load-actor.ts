import 'server-only';
import { db } from '@/lib/db';
import { formerPlacementOf, formerPlacementColumns, type Actor } from '@/lib/auth/actor';

/** Loads an actor from the database: roles always come from the records, never from the cookie. */
export async function loadActor(userId: string, sessionVersion?: number): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
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
    },
  });
  if (!user || user.disabledAt) return null;
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return null;
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
