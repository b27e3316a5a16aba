import { Prisma } from '@/lib/generated/prisma/client';
import { db, type Tx } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';

/** Gives the person the role in the organisation, once (already holding it changes nothing). */
export function ensureMembership(tx: Tx, userId: string, organizationId: string, role: Role) {
  return tx.membership.upsert({
    where: { userId_organizationId_role: { userId, organizationId, role } },
    create: { userId, organizationId, role },
    update: {},
  });
}

/**
 * How many people hold a role in each organisation: a person with two roles there (a reviewer who is
 * also an admin) is one person, as the People page lists them. `active`: only accounts not disabled.
 */
export async function countPeopleByOrganization(organizationIds: string[], opts: { active?: boolean } = {}): Promise<Map<string, number>> {
  if (!organizationIds.length) return new Map();
  const rows = await db.$queryRaw<{ organizationId: string; people: number }[]>`
    SELECT m."organizationId", COUNT(DISTINCT m."userId")::int AS "people"
    FROM "Membership" m
    ${opts.active ? Prisma.sql`JOIN "User" u ON u."id" = m."userId" AND u."disabledAt" IS NULL` : Prisma.empty}
    WHERE m."organizationId" = ANY(${organizationIds})
    GROUP BY m."organizationId"`;
  return new Map(rows.map((r) => [r.organizationId, r.people]));
}
