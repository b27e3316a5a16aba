// Every server's page cache is cleared when another server publishes (lib/http/page-cache-sync.ts):
// NOTIFY from the publishing transaction, delivered on commit only, to a LISTEN connection per
// server. Real Postgres; the page origin is a real HTTP server on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { clearPageCache, freshPage, getOrRender } from '@/lib/http/page-cache';
import { announcePageCacheClear, pageCacheListenerReady, startPageCacheListener, stopPageCacheListener } from '@/lib/http/page-cache-sync';
import { syncCatalogEntry } from '@/lib/catalog/projection';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';

let origin: Server;
let originUrl: string;

async function until(check: () => boolean, ms = 5_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  origin = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>catalogue</p>'));
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => origin.close(() => r())));
beforeEach(async () => {
  await resetDatabase();
  vi.stubEnv('NODE_ENV', 'production');
  vi.stubEnv('PAGE_CACHE', '');
  clearPageCache();
  startPageCacheListener({ databaseUrl: process.env.DATABASE_URL, retryMs: 100 });
  await until(pageCacheListenerReady);
});
afterEach(async () => {
  await stopPageCacheListener();
  vi.unstubAllEnvs();
});

describe('page cache across servers', () => {
  it('clears when another server’s publishing transaction commits, not when it rolls back', async () => {
    await getOrRender(originUrl, '/catalog');
    expect(freshPage('/catalog')).toBeDefined();

    await db.$transaction(async (tx) => {
      await announcePageCacheClear(tx);
      throw new Error('rolled back');
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(freshPage('/catalog')).toBeDefined();

    // The real path: publishing syncs the catalogue entry inside the transaction.
    const { mc } = await createPublishedCredential();
    await getOrRender(originUrl, '/catalog');
    await db.$transaction((tx) => syncCatalogEntry(tx, 'MICRO_CREDENTIAL', mc.id));
    // (syncCatalogEntry also clears this process's cache at once; refill to see the notice arrive.)
    await getOrRender(originUrl, '/catalog');
    await db.$transaction((tx) => announcePageCacheClear(tx));
    await until(() => freshPage('/catalog') === undefined);
  });

  it('clears and listens again after losing its connection', async () => {
    await getOrRender(originUrl, '/catalog');
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'microcred-page-cache' AND datname = current_database() AND pid <> pg_backend_pid()`;
    // Notices sent while it was away are lost, so it starts from an empty cache.
    await until(() => freshPage('/catalog') === undefined);
    await until(pageCacheListenerReady);
    await getOrRender(originUrl, '/catalog');
    await db.$transaction((tx) => announcePageCacheClear(tx));
    await until(() => freshPage('/catalog') === undefined);
  });

  it('does not start outside production or when switched off', async () => {
    await stopPageCacheListener();
    vi.stubEnv('PAGE_CACHE_SYNC', 'off');
    expect(startPageCacheListener({ databaseUrl: process.env.DATABASE_URL })).toBeNull();
    vi.stubEnv('PAGE_CACHE_SYNC', '');
    vi.stubEnv('NODE_ENV', 'development');
    expect(startPageCacheListener({ databaseUrl: process.env.DATABASE_URL })).toBeNull();
  });
});
