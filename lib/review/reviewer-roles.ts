import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { OrgKind } from '@/lib/generated/prisma/enums';
import type { ReviewerRef } from '@/lib/review/policy';

type Role = NonNullable<ReviewerRef['roles']>[number];

/**
 * The school and district roles of several people at once, for the conflict rules (`affiliations`
 * in policy.ts) where people are loaded in bulk rather than as signed-in actors: the reviewer
 * digest and the adjudication notice. Everyone asked for is in the map, with [] for no such role.
 */
export async function schoolAndDistrictRoles(userIds: string[], client: Tx | typeof db = db): Promise<Map<string, Role[]>> {
  const out = new Map<string, Role[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  // The ids as one array parameter: the digest asks for every candidate reviewer at once, and a
  // Prisma `in` list would make each of them a bind parameter of this one statement.
  const rows = await client.$queryRaw<{ userId: string; organizationId: string; kind: OrgKind; parentId: string | null }[]>`
    SELECT mb."userId", mb."organizationId", o."kind", o."parentId"
    FROM "Membership" mb
    JOIN "Organization" o ON o."id" = mb."organizationId"
    WHERE mb."userId" = ANY(${userIds}::text[]) AND o."kind" IN ('SCHOOL'::"OrgKind", 'DISTRICT'::"OrgKind")`;
  for (const r of rows) {
    out.get(r.userId)?.push({ organizationId: r.organizationId, organizationKind: r.kind, parentOrganizationId: r.parentId });
  }
  return out;
}
