import fs from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { pickPort } from './ports';

/**
 * Embedded Postgres for development: PGlite (Postgres compiled to WASM) behind pglite-socket's
 * wire-protocol server on 127.0.0.1, so Prisma's adapter-pg connects with an ordinary URL.
 *
 * Limits worth knowing: one process per data folder (enforced with a lock file), one query at a time
 * (connections share a single backend and queue), no CREATE DATABASE, and the server refuses
 * connections beyond `maxConnections`, so keep client pools at or below it. pglite-socket is patched
 * (patches/@electric-sql+pglite-socket+*.patch) so one connection's extended-protocol batch (Parse
 * to Sync) is not interleaved with another's on the shared backend (tests/integration/embedded-postgres).
 */

export const EMBEDDED_PG_DEFAULT_PORT = 54329;
/**
 * pglite-socket has no upper bound of its own (default 1). Queries are serialised through one
 * backend anyway; a few connections let a pool keep one in a transaction while another waits.
 */
export const EMBEDDED_PG_MAX_CONNECTIONS = 10;

export interface StartEmbeddedPostgresOptions {
  /** Folder for the cluster (e.g. `.data/pg`); created and initialised when missing. */
  dataDir: string;
  /** Port on 127.0.0.1; default 54329 when free, else any free port. */
  port?: number;
  /** Connections the server accepts at once (default EMBEDDED_PG_MAX_CONNECTIONS). */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** postgresql://postgres:postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  maxConnections: number;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`${dataDir} is in use by process ${pid} (stop it first, or delete ${lockPathFor(dataDir)} if it is not running)`);
  }
}

interface LockInfo {
  pid: number;
  hostname: string;
  port?: number;
  startedAt: string;
}

function lockPathFor(dataDir: string) {
  return `${path.resolve(dataDir)}.lock`;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates `<dataDir>.lock` atomically. A lock left by a process that no longer runs (kill -9,
 * power loss) on this host is stale and taken over.
 */
async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = lockPathFor(dataDir);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(lockPath, JSON.stringify(info), { flag: 'wx' });
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await fs.rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let existing: Partial<LockInfo> = {};
    try {
      existing = JSON.parse(await fs.readFile(lockPath, 'utf8')) as Partial<LockInfo>;
    } catch {
      // Unreadable or half-written: treat as stale below.
    }
    const pid = typeof existing.pid === 'number' ? existing.pid : 0;
    const sameHost = !existing.hostname || existing.hostname === hostname();
    if (pid && sameHost && (pid === process.pid || processIsAlive(pid))) {
      throw new DataDirLockedError(dataDir, pid);
    }
    await fs.rm(lockPath, { force: true });
  }
  throw new Error(`could not acquire ${lockPath}`);
}

export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const releaseLock = await acquireLock(dataDir);

  let db: PGlite | undefined;
  try {
    db = await PGlite.create({ dataDir });
    const port = options.port ?? (await pickPort(EMBEDDED_PG_DEFAULT_PORT));
    const maxConnections = options.maxConnections ?? EMBEDDED_PG_MAX_CONNECTIONS;
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
    await server.start();

    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= (async () => {
        try {
          await server.stop();
        } finally {
          // close() checkpoints and flushes to disk; the lock goes only after that.
          await db!.close().catch(() => {});
          await releaseLock();
        }
      })();
      return stopped;
    };

    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
      port,
      maxConnections,
      stop,
    };
  } catch (error) {
    await db?.close().catch(() => {});
    await releaseLock();
    throw error;
  }
}
