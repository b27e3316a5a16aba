import 'server-only';
import { db } from '@/lib/db';

export async function exportUserCredentials(userId: string) {
  const rows = await db.award.findMany({ where: { userId }, orderBy: { issuedAt: 'asc' }, select: { credential: true } });
  return rows.map((r) => r.credential);
}
