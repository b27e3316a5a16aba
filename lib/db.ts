import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; prismaUrl?: string };

function createClient(url: string) {
  const adapter = new PrismaPg({
    connectionString: url,
    max: env().DATABASE_POOL_MAX,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
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
