import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  organizationId?: string | null;
  data?: Prisma.InputJsonValue;
};

/** Appends to the audit log; pass the transaction so the entry commits with the change it records. */
export async function recordAudit(entry: AuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db).auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      organizationId: entry.organizationId ?? null,
      data: entry.data ?? {},
    },
  });
}
