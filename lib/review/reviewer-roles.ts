import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { OrgKind } from '@/lib/generated/prisma/enums';
import type { ReviewerRef } from '@/lib/review/policy';

type Role = NonNullable<ReviewerRef['roles']>[number];

/** One role a person holds at a school or district, as the conflict rules read it. */
export type SchoolOrDistrictMembershipRow = { organizationId: string; kind: OrgKind; parentId: string | null };

/**
 * The roles of several people at once at schools and districts (any role: a principal is not placed
 * at the school they lead), where people are loaded in bulk rather than one by one: the reviewer
 * digest (reviewers and teachers alike), the adjudication notice, notices to admins. Everyone asked
 * for is in the map, with [] for no such role. Callers shape the rows as their side of the conflict
 * rules wants them (schoolAndDistrictRoles; the digest's teachers).
 */
export async function loadSchoolAndDistrictMemberships(userIds: string[], client: Tx | typeof db = db): Promise<Map<string, SchoolOrDistrictMembershipRow[]>> {
  const out = new Map<string, SchoolOrDistrictMembershipRow[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  // The ids as one array parameter: the digest asks for every candidate reviewer and every waiting
  // teacher at once, and a Prisma `in` list would make each of them a bind parameter of this one statement.
  const rows = await client.$queryRaw<({ userId: string } & SchoolOrDistrictMembershipRow)[]>`
    SELECT mb."userId", mb."organizationId", o."kind", o."parentId"
    FROM "Membership" mb
    JOIN "Organization" o ON o."id" = mb."organizationId"
    WHERE mb."userId" = ANY(${userIds}::text[]) AND o."kind" IN ('SCHOOL'::"OrgKind", 'DISTRICT'::"OrgKind")`;
  for (const { userId, organizationId, kind, parentId } of rows) out.get(userId)?.push({ organizationId, kind, parentId });
  return out;
}

/**
 * The school and district roles of several people at once, as a reviewer's roles (`affiliations`
 * in policy.ts): the reviewer digest and the adjudication notice. Everyone asked for is in the map.
 */
export async function schoolAndDistrictRoles(userIds: string[], client: Tx | typeof db = db): Promise<Map<string, Role[]>> {
  const rows = await loadSchoolAndDistrictMemberships(userIds, client);
  return new Map([...rows].map(([id, list]) => [id, list.map((m): Role => ({ organizationId: m.organizationId, organizationKind: m.kind, parentOrganizationId: m.parentId }))]));
}
