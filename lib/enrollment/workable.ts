import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * The micro-credentials a teacher may work on: every published one, and a retired one they were
 * already working on (enrolled, or with an application). Retiring takes a credential out of the
 * catalogue and closes it to newcomers; it never strands someone halfway (proposal, application,
 * revision), as the retire prompt promises.
 */
export function workableBy(userId: string): Prisma.MicroCredentialWhereInput {
  return {
    OR: [
      { status: 'PUBLISHED' },
      { status: 'RETIRED', OR: [{ enrollments: { some: { userId, withdrawnAt: null } } }, { submissions: { some: { userId } } }] },
    ],
  };
}
