import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; prismaUrl?: string };

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (!value || typeof value !== 'object' || depth > 10 || value instanceof Date || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  for (const v of Object.values(value)) if (hasNul(v, depth + 1)) return true;
  return false;
}

function createClient(url: string) {
  const adapter = new PrismaPg({
    connectionString: url,
    max: env().DATABASE_POOL_MAX,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // Postgres text can never contain NUL (U+0000), so a query filtering on such a string can match
  // nothing: answer that directly instead of letting Postgres reject the query as a server error.
  // Inputs are stripped of NUL by the zod schemas; this covers ids taken straight from URLs.
  return new PrismaClient({ adapter }).$extends({
    query: {
      $allModels: {
        async $allOperations({ operation, args, query }) {
          if (!hasNul(args)) return query(args);
          if (operation === 'findMany' || operation === 'groupBy') return [];
          if (operation === 'findUnique' || operation === 'findFirst') return null;
          if (operation === 'count' && !(args as { select?: unknown }).select) return 0;
          if (operation.endsWith('OrThrow')) throw new DomainError('NOT_FOUND', 'That could not be found.');
          throw new DomainError('VALIDATION', 'Text cannot contain NUL characters.');
        },
      },
    },
  }) as unknown as PrismaClient;
}

/** The one Prisma client of this process (reused across hot reloads in dev). */
export function getDb(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!globalForDb.prisma || globalForDb.prismaUrl !== url) {
    globalForDb.prisma = createClient(url);
    globalForDb.prismaUrl = url;
  }
  return globalForDb.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop, receiver) {
    const client = getDb();
    const value = Reflect.get(client, prop, receiver);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});
