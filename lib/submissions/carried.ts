import 'server-only';
import { db } from '@/lib/db';

export const CARRIED_PART = 'This part already passed and is kept as it was.';

/**
 * Whether a part of an attempt was carried over from the previous attempt as passed, and so is
 * kept as it was (no edits, no new or removed files). The part's response row says so; a carried
 * file says so too, for files-only parts of revisions opened before those got a row.
 */
export async function isPartCarriedOver(attemptId: string, partId: string): Promise<boolean> {
  const [row, file] = await Promise.all([
    db.partResponse.findUnique({ where: { attemptId_partId: { attemptId, partId } }, select: { carriedOver: true } }),
    db.evidenceFile.findFirst({ where: { attemptId, partId, carriedOver: true }, select: { id: true } }),
  ]);
  return Boolean(row?.carriedOver || file);
}
