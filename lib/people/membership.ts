import type { Tx } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';

/** Gives the person the role in the organisation, once (already holding it changes nothing). */
export function ensureMembership(tx: Tx, userId: string, organizationId: string, role: Role) {
  return tx.membership.upsert({
    where: { userId_organizationId_role: { userId, organizationId, role } },
    create: { userId, organizationId, role },
    update: {},
  });
}
