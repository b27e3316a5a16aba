import 'server-only';
import type { Tx } from '@/lib/db';

/**
 * Whether the attempt is still a draft, holding a share lock on its row until the transaction
 * ends. A submit (which locks the row FOR UPDATE) waits for the write made under this lock, or the
 * write finds the attempt sent: every change to a draft's answers and files is either in what the
 * submit checks or refused (ADR 001). Used by answers (lib/submissions/mutations.ts) and evidence
 * files (lib/evidence/uploads.ts).
 */
export async function lockDraftAttempt(tx: Tx, attemptId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS "status" FROM "Attempt" WHERE "id" = ${attemptId} FOR SHARE`;
  return row?.status === 'DRAFT';
}
