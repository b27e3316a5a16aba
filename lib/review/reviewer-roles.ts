import 'server-only';
import { db, type Tx } from '@/lib/db';
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
  const rows = await client.membership.findMany({
    where: { userId: { in: userIds }, organization: { kind: { in: ['SCHOOL', 'DISTRICT'] } } },
    select: { userId: true, organizationId: true, organization: { select: { kind: true, parentId: true } } },
  });
  for (const r of rows) {
    out.get(r.userId)?.push({ organizationId: r.organizationId, organizationKind: r.organization.kind, parentOrganizationId: r.organization.parentId });
  }
  return out;
}
