// Every server's page cache is cleared when another server publishes (lib/http/page-cache-sync.ts):
// NOTIFY from the publishing transaction, delivered on commit only, to a LISTEN connection per
// server. Real Postgres; the page origin is a real HTTP server on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { clearPageCache, freshPage, getOrRender } from '@/lib/http/page-cache';
import { announcePageCacheClear, lastPageCacheNotice, pageCacheListenerReady, startPageCacheListener, stopPageCacheListener } from '@/lib/http/page-cache-sync';
import { syncCatalogEntry } from '@/lib/catalog/projection';
import pg from 'pg';
import { PAGE_CACHE_CHANNEL } from '@/lib/http/page-cache-sync';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { startApplication } from '@/lib/submissions/mutations';
import { retireMicroCredential } from '@/lib/authoring/mutations';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';

let origin: Server;
let originUrl: string;

let sentinels = 0;

/**
 * Waits until this server's listener has handled every notice sent so far: notices arrive in
 * order, so once the listener has handled a sentinel sent now, it has handled all earlier ones.
 * Without it, a notice from setup or from the previous change (a publish, an award) can land just
 * after a test fills the cache. (Waiting for the cache to empty is not enough: that earlier notice
 * empties it too, and the sentinel then lands during the next fill.)
 */
async function settle() {
  const sentinel = `sentinel-${++sentinels}`;
  await db.$executeRaw`SELECT pg_notify(${PAGE_CACHE_CHANNEL}, ${sentinel})`;
  await until(() => lastPageCacheNotice() === sentinel);
}

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
    // A notice would have arrived by now (they take milliseconds); the page is still there.
    await new Promise((r) => setTimeout(r, 300));
    expect(freshPage('/catalog')).toBeDefined();

    // The real path: publishing syncs the catalogue entry inside the transaction.
    const { mc } = await createPublishedCredential();
    await getOrRender(originUrl, '/catalog');
    await db.$transaction((tx) => syncCatalogEntry(tx, 'MICRO_CREDENTIAL', mc.id));
    // (syncCatalogEntry also clears this process's cache at once; refill, after its own notice has
    // arrived, to see the next notice arrive.)
    await settle();
    await getOrRender(originUrl, '/catalog');
    expect(freshPage('/catalog')).toBeDefined();
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

  it('drops a cached credential page everywhere when its status changes', async () => {
    const { mc, admin } = await createPublishedCredential();
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
    const { awardId } = await issueAwardForSubmission(sub.id);
    const key = `/credentials/${awardId}`;
    // Another server: a LISTEN connection of its own counts the notices.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    let notices = 0;
    other.on('notification', (msg) => {
      if (!msg.payload?.startsWith('sentinel-')) notices++;
    });
    await other.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
    try {
      // (Its evidence summary is signed into the badge and cannot change: public-summary-signed.test.ts.)
      const changes: (() => Promise<unknown>)[] = [
        () => suspendAward({ actor: admin, awardId, reason: 'A complaint is being looked into.' }),
        () => reinstateAward({ actor: admin, awardId, note: '' }),
        () => revokeAward({ actor: admin, awardId, reason: 'Evidence was not the teacher’s own.' }),
      ];
      for (const [i, change] of changes.entries()) {
        await settle();
        await getOrRender(originUrl, key);
        expect(freshPage(key)).toBeDefined();
        await change();
        expect(freshPage(key)).toBeUndefined();
        await until(() => notices >= i + 1);
      }
      await settle();
      // One notice per change, each from the change's own transaction.
      expect(notices).toBe(changes.length);
    } finally {
      await other.end();
    }
  });

  it('drops a page filled while a catalogue change was still uncommitted, once it commits', async () => {
    // Another server renders the catalogue in the middle of the retiring transaction (after its
    // early clear): it still sees the old rows, and that copy must not outlive the commit.
    await stopPageCacheListener(); // not the NOTIFY path: the clear after commit on this server
    const { mc, admin } = await createPublishedCredential();
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "CatalogEntry" IN EXCLUSIVE MODE');
      const retiring = retireMicroCredential({ actor: admin, microCredentialId: mc.id });
      // Wait until the transaction is blocked on the catalogue projection.
      for (let i = 0; ; i++) {
        const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0].n > 0) break;
        if (i > 250) throw new Error('the retiring transaction never reached the catalogue');
        await new Promise((r) => setTimeout(r, 20));
      }
      await getOrRender(originUrl, '/catalog');
      expect(freshPage('/catalog')).toBeDefined();
      await locker.query('COMMIT');
      await retiring;
      expect(freshPage('/catalog')).toBeUndefined();
    } finally {
      await locker.end();
    }
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
