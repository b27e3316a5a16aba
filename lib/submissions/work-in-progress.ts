import { Prisma } from '@/lib/generated/prisma/client';

/**
 * SQL: the application `s` (a "Submission" alias) is work in progress: not yet earned, and not
 * stopped (its teacher withdrew the enrolment, and their dashboard lists the kept draft under
 * "Stopped"). One rule for the district and school teacher lists and the Skills report.
 */
export function workInProgressSql(s: string): Prisma.Sql {
  const a = Prisma.raw(`"${s}"`);
  return Prisma.sql`${a}."status" <> 'EARNED'
    AND NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."userId" = ${a}."userId" AND e."microCredentialId" = ${a}."microCredentialId" AND e."withdrawnAt" IS NOT NULL)`;
}
