import 'server-only';
import pg from 'pg';
import { db, type Tx } from '@/lib/db';
import { env } from '@/lib/env';
import { clearPageCache, pageCacheEnabled } from '@/lib/http/page-cache';
import { invalidateCatalogFacets } from '@/lib/catalog/queries';
import { forgetCredentialDocuments } from '@/lib/awards/queries';

// Every app server keeps its own page cache (ADR 006). Publishing clears the publishing server's
// copy at once; this tells the others. The publishing transaction sends a Postgres NOTIFY, which
// Postgres delivers only if and when the transaction commits, and every server LISTENs on one
// connection of its own and clears its cache (and the catalogue's filter options) when one
// arrives. If the connection drops, the server clears its cache (it may have missed a notice) and
// reconnects; the 30 s TTL bounds staleness either way. PAGE_CACHE_SYNC=off turns the listener off
// (e.g. behind a transaction-mode pooler, where LISTEN does not work).

export const PAGE_CACHE_CHANNEL = 'microcred_page_cache';

/**
 * What every server drops when a public page changes: its cached pages, the catalogue's filters and
 * the credential documents it keeps (an account deleted takes its badges' credential.json with it).
 */
function dropLocalPublicCaches() {
  clearPageCache();
  invalidateCatalogFacets();
  forgetCredentialDocuments();
}

/** Inside a publishing transaction: every server drops its cached public pages once it commits. */
export async function announcePageCacheClear(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${PAGE_CACHE_CHANNEL}, '')`;
}

/**
 * Runs `work` in a transaction that changes what a public page shows: the catalogue (publishing,
 * editing, retiring a credential, track or stack) or an issued credential's status or summary.
 * Every server drops its cached pages and catalogue filters when it commits, and this one again
 * right after, so a copy filled during the transaction is not kept even with the listener off.
 *
 * `changed`: for work that only sometimes changes a public page, and finds out which as it writes
 * (a rating that may or may not move a credential's public figures): given what `work` returned, it
 * says whether to announce. The notice still goes out in the transaction that made the change, so it
 * is sent if and only if the change commits; with `changed` false nothing is announced or dropped.
 */
export async function changePublicPages<T>(work: (tx: Tx) => Promise<T>, opts: { changed?: (value: T) => boolean } = {}): Promise<T> {
  let announced = true;
  const result = await db.$transaction(async (tx) => {
    const value = await work(tx);
    announced = opts.changed ? opts.changed(value) : true;
    if (announced) await announcePageCacheClear(tx);
    return value;
  });
  if (announced) dropLocalPublicCaches();
  return result;
}

type Listener = {
  client: pg.Client | null;
  listening: boolean;
  stopped: boolean;
  retry: ReturnType<typeof setTimeout> | null;
  /** The payload of the last notice handled (tests wait on it). */
  lastPayload: string | null;
};
const g = globalThis as typeof globalThis & { __microcredPageCacheListener?: Listener };

/** Starts this process's listener once (instrumentation.ts); a no-op when the cache is off. */
export function startPageCacheListener(opts: { databaseUrl?: string; retryMs?: number } = {}): Listener | null {
  if (process.env.PAGE_CACHE_SYNC === 'off' || !pageCacheEnabled()) return null;
  if (g.__microcredPageCacheListener) return g.__microcredPageCacheListener;
  const state: Listener = { client: null, listening: false, stopped: false, retry: null, lastPayload: null };
  g.__microcredPageCacheListener = state;
  const url = opts.databaseUrl ?? env().DATABASE_URL;
  const retryMs = opts.retryMs ?? 5_000;

  const connect = async () => {
    if (state.stopped) return;
    const client = new pg.Client({ connectionString: url, application_name: 'microcred-page-cache' });
    state.client = client;
    let failed = false;
    const retry = (error?: unknown) => {
      if (failed) return;
      failed = true;
      if (state.client === client) {
        state.client = null;
        state.listening = false;
      }
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      if (state.stopped) return;
      if (error) console.warn('page cache: lost the database listener, retrying:', error instanceof Error ? error.message : error);
      // Notices may have been missed while disconnected.
      clearPageCache();
      state.retry = setTimeout(() => void connect(), retryMs);
      state.retry.unref?.();
    };
    client.on('error', retry);
    client.on('end', () => retry());
    client.on('notification', (msg) => {
      if (msg.channel !== PAGE_CACHE_CHANNEL) return;
      dropLocalPublicCaches();
      state.lastPayload = msg.payload ?? '';
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
      if (state.client === client) state.listening = true;
    } catch (error) {
      retry(error);
    }
  };
  void connect();
  return state;
}

/** Stops the listener (tests). */
export async function stopPageCacheListener(): Promise<void> {
  const state = g.__microcredPageCacheListener;
  if (!state) return;
  state.stopped = true;
  if (state.retry) clearTimeout(state.retry);
  const client = state.client;
  state.client = null;
  delete g.__microcredPageCacheListener;
  await client?.end().catch(() => {});
}

/** True once the listener is connected and listening (tests). */
export function pageCacheListenerReady(): boolean {
  return Boolean(g.__microcredPageCacheListener?.listening);
}

/** The payload of the last notice this server's listener handled (tests). */
export function lastPageCacheNotice(): string | null {
  return g.__microcredPageCacheListener?.lastPayload ?? null;
}
