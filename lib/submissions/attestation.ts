import 'server-only';
import { db } from '@/lib/db';

/**
 * When the teacher confirmed, on submitting `attemptId`, that the evidence is their own and that
 * students who can be recognised have permission; null when the attempt was submitted before the
 * confirmation existed. No access check: call it only for an attempt the caller has already been
 * allowed to read (the review page calls it with the attempt of the reviewer's own workspace). It
 * says nothing about who the teacher is, so it is safe under blind review.
 */
export async function attestationOf(attemptId: string): Promise<Date | null> {
  const a = await db.attempt.findUnique({ where: { id: attemptId }, select: { attestedAt: true } });
  return a?.attestedAt ?? null;
}
