// Worker thread hosting Prisma's official WASM schema engine (@prisma/schema-engine-wasm), driven
// through a @prisma/adapter-pg connection. Started by scripts/db/migrate-engine.ts, which explains
// why the engine lives in a worker. This file is loaded by Node directly (native TypeScript type
// stripping, also under tsx and vitest), so it must stay self-contained at run time: only packages
// and node: builtins may be imported, relative imports must be `import type`, and only erasable
// TypeScript syntax is allowed (no enums, namespaces or constructor parameter properties).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import pg from 'pg';

import type { CreateResult, DeployResult, EngineRequest, EngineResult, ResolveResult, WorkerMessage } from './engine-protocol';

/** A failure the user can act on: reported as a one-line message, never with a stack trace. */
class ExpectedFailure extends Error {}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };
const CONNECT_TIMEOUT_MS = 10_000;

function log(message: string): void {
  parentPort?.postMessage({ type: 'log', message } satisfies WorkerMessage);
}

// ---------------------------------------------------------------------------------------------
// Connection settings
// ---------------------------------------------------------------------------------------------

type PgSettings = {
  host: string;
  port: number;
  user: string | undefined;
  password: string | undefined;
  database: string;
  ssl: boolean | { rejectUnauthorized: boolean } | undefined;
  /** Postgres schema from `?schema=`, as the Prisma CLI understands it. */
  schema: string | undefined;
  /** Where the settings came from, for error messages ("DATABASE_URL", "SHADOW_DATABASE_URL"...). */
  label: string;
};

// pg is given host/port/user/password/database as separate fields, never a connectionString: with a
// connectionString, pg lets the URL override the `database` field, so a shadow database derived
// from the main settings would silently point at the main database.
function parseDatabaseUrl(url: string, label: string): PgSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ExpectedFailure(`${label} is not a valid URL (expected postgresql://user:password@host:port/database)`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new ExpectedFailure(`${label} must be a postgresql:// URL (got ${parsed.protocol}//...)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new ExpectedFailure(`${label} does not name a database (postgresql://host:port/<database>)`);
  const params = parsed.searchParams;
  const sslmode = params.get('sslmode');
  let ssl: PgSettings['ssl'];
  if (sslmode === 'require' || sslmode === 'prefer') ssl = { rejectUnauthorized: false };
  else if (sslmode === 'verify-ca' || sslmode === 'verify-full') ssl = true;
  else if (sslmode === 'disable') ssl = false;
  return {
    // `?host=` allows a unix socket directory, as in libpq URLs.
    host: params.get('host') ?? (parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost'),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database,
    ssl,
    schema: params.get('schema') ?? undefined,
    label,
  };
}

function poolConfig(settings: PgSettings): pg.PoolConfig {
  return {
    host: settings.host,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    database: settings.database,
    ssl: settings.ssl,
    options: settings.schema ? `-c search_path="${settings.schema.replaceAll('"', '""')}"` : undefined,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // The engine works on a single connection, and the PGlite socket server (dev database and
    // shadow fallback) accepts exactly one: a second pooled connection would be turned away.
    max: 1,
    Client: CharAwareClient,
  };
}

function where(settings: PgSettings): string {
  return `${settings.host}:${settings.port} (${settings.label})`;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

type PgError = Error & { code?: string; errno?: number; syscall?: string; severity?: string };

function isPgServerError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError || (error instanceof Error && typeof (error as PgError).severity === 'string');
}

/** Turns a failed connection attempt into a one-line message naming the server and the setting. */
function describeConnectionError(error: unknown, settings: PgSettings): ExpectedFailure {
  const e = error as PgError;
  const code = e?.code;
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `host "${settings.host}" not found`
        : code === 'ETIMEDOUT' || /timeout/i.test(e?.message ?? '')
          ? 'connection timed out'
          : code === 'ECONNRESET' || /terminated unexpectedly/i.test(e?.message ?? '')
            ? 'the server closed the connection (is another client holding its only connection?)'
            : code === '28P01'
              ? `authentication failed for user "${settings.user ?? ''}"`
              : code === '3D000'
                ? `database "${settings.database}" does not exist`
                : (e?.message ?? String(error));
  const verb = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' ? 'reach' : 'connect to';
  return new ExpectedFailure(`Cannot ${verb} the database at ${where(settings)}: ${reason}`);
}

/**
 * Checks the server is reachable before the engine gets involved (its own errors are far less
 * readable), creating the database when it is missing, as `prisma migrate deploy` does.
 */
async function ensureDatabase(settings: PgSettings, createIfMissing: boolean): Promise<boolean> {
  const client = new pg.Client({ ...poolConfig(settings), Client: undefined } as pg.ClientConfig);
  try {
    await client.connect();
    return false;
  } catch (error) {
    if (!createIfMissing || (error as PgError).code !== '3D000') throw describeConnectionError(error, settings);
  } finally {
    await client.end().catch(() => undefined);
  }
  await withMaintenanceClient(settings, async (admin) => {
    await admin.query(`CREATE DATABASE ${quoteIdent(settings.database)}`);
  });
  return true;
}

/** Runs `fn` on a connection to the server's `postgres` database (for CREATE/DROP DATABASE). */
async function withMaintenanceClient<T>(settings: PgSettings, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...poolConfig({ ...settings, database: 'postgres', schema: undefined }), Client: undefined } as pg.ClientConfig);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw describeConnectionError(error, settings);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Driver adapter
// ---------------------------------------------------------------------------------------------

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
/** Set on a result's `rows` array; adapter-pg passes that array through to its SqlResultSet. */
const CHAR_COLUMNS = Symbol('charColumns');
type MarkedRows = unknown[] & { [CHAR_COLUMNS]?: number[] };

function markCharColumns<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    const res = r as Partial<pg.QueryResult>;
    if (!res?.fields || !res.rows) continue;
    const charColumns: number[] = [];
    res.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(i);
      }
    });
    if (charColumns.length > 0) Object.defineProperty(res.rows, CHAR_COLUMNS, { value: charColumns });
  }
  return result;
}

/**
 * adapter-pg rejects Postgres' internal single-byte `"char"` type (oid 18) as unsupported, yet the
 * engine's introspection queries return it (pg_class.relkind, pg_constraint.contype, ...). This
 * client relabels such columns as text so adapter-pg accepts them (pg hands them over as strings
 * either way) and records their positions, so queryRaw can report them as `Character`, the type
 * the engine expects for them.
 */
class CharAwareClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query() has many overloads; this only post-processes results.
  override query(...args: any[]): any {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (err: Error | null, res: unknown) => void;
      args[callbackIndex] = (err: Error | null, res: unknown) => callback(err, err ? res : markCharColumns(res));
    }
    const returned: unknown = super.query(...(args as Parameters<pg.Client['query']>));
    return returned instanceof Promise ? returned.then(markCharColumns) : returned;
  }
}

function reportCharColumns(resultSet: SqlResultSet): SqlResultSet {
  const charColumns = (resultSet.rows as MarkedRows)[CHAR_COLUMNS];
  for (const i of charColumns ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
  return resultSet;
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

function wrapTransaction(tx: Transaction): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: async (query: SqlQuery) => reportCharColumns(await tx.queryRaw(query)),
    executeRaw: (query: SqlQuery) => tx.executeRaw(query),
    commit: () => tx.commit(),
    rollback: () => tx.rollback(),
    createSavepoint: tx.createSavepoint?.bind(tx),
    rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
    releaseSavepoint: tx.releaseSavepoint?.bind(tx),
  };
}

/**
 * The adapter handed to the engine: adapter-pg plus the `"char"` fix above and a faithful
 * executeScript. adapter-pg's executeScript splits the script on every `;` (breaking functions,
 * DO blocks and string literals) and runs the pieces one by one; the native engine sends a
 * migration as one simple-protocol query, which Postgres runs atomically as an implicit
 * transaction. Sending the whole script keeps that behaviour.
 */
function wrapAdapter(inner: PgAdapter, onDispose?: () => Promise<void>): SqlDriverAdapter {
  const pool = inner.underlyingDriver();
  let disposed: Promise<void> | undefined;
  const adapter: SqlDriverAdapter = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: async (query) => reportCharColumns(await inner.queryRaw(query)),
    executeRaw: (query) => inner.executeRaw(query),
    executeScript: async (script) => {
      try {
        await pool.query(script);
      } catch (error) {
        if (!isPgServerError(error)) throw error;
        throw new DriverAdapterError({
          kind: 'postgres',
          code: error.code ?? 'N/A',
          severity: error.severity ?? 'N/A',
          message: error.message,
          detail: error.detail,
          column: error.column,
          hint: error.hint,
          originalCode: error.code,
          originalMessage: error.message,
        });
      }
    },
    startTransaction: async (isolationLevel?: IsolationLevel) => wrapTransaction(await inner.startTransaction(isolationLevel)),
    getConnectionInfo: () => inner.getConnectionInfo(),
    // Idempotent: the engine may dispose adapters itself, and we dispose whatever is left at the end.
    dispose: () => (disposed ??= (async () => {
      try {
        await inner.dispose();
      } finally {
        await onDispose?.();
      }
    })()),
  };
  openAdapters.add(adapter);
  return adapter;
}

const openAdapters = new Set<SqlDriverAdapter>();

async function connectAdapter(settings: PgSettings, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const factory = new PrismaPg(poolConfig(settings), { schema: settings.schema });
  return wrapAdapter(await factory.connect(), onDispose);
}

// ---------------------------------------------------------------------------------------------
// Shadow databases (needed by `create`: the engine replays the migration history on them)
// ---------------------------------------------------------------------------------------------

/**
 * Hands out a fresh, empty shadow database on every call: the WASM engine neither resets a shadow
 * database nor cleans up after itself, and one `create` replays the history twice (once for the
 * schema of the migrations, once to validate every migration).
 */
type ShadowProvider = { description: string; connect: () => Promise<SqlDriverAdapter>; close: () => Promise<void> };

async function shadowProvider(main: PgSettings, shadowUrl: string | undefined): Promise<ShadowProvider> {
  if (shadowUrl) {
    const settings = parseDatabaseUrl(shadowUrl, 'SHADOW_DATABASE_URL');
    await ensureDatabase(settings, true);
    return {
      description: `${settings.database} at ${where(settings)} (reset before each use)`,
      connect: async () => {
        await resetDatabase(settings);
        return connectAdapter(settings);
      },
      close: async () => undefined,
    };
  }
  // Probe with the first temporary database now, before the engine holds a connection to the
  // main server: on PGlite (the embedded dev database) that connection would be the only one.
  let first: TemporaryDatabase;
  try {
    first = await createTemporaryDatabase(main, true);
  } catch (error) {
    // E.g. the PGlite socket server (one database, few connections) or a role without CREATEDB:
    // a throwaway in-memory PGlite is an equally good shadow database.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log(`Note: no temporary shadow database on ${main.host}:${main.port} (${reason}); using an in-memory PGlite.`);
    return pgliteShadowProvider();
  }
  let spare: TemporaryDatabase | undefined = first;
  const live = new Set<TemporaryDatabase>([first]);
  return {
    description: `temporary databases ${main.database.slice(0, 40)}_shadow_* on ${main.host}:${main.port}`,
    connect: async () => {
      const db = spare ?? (await createTemporaryDatabase(main, false));
      spare = undefined;
      live.add(db);
      return connectAdapter(db.settings, async () => {
        live.delete(db);
        await db.drop();
      });
    },
    // Drops databases the engine never disposed of (or never asked for).
    close: async () => {
      for (const db of live) await db.drop();
      live.clear();
    },
  };
}

type TemporaryDatabase = { settings: PgSettings; drop: () => Promise<void> };

/**
 * Creates `<db>_shadow_<random>` on the main server. With `probe`, also proves the server can serve
 * it: a second, concurrent connection to that very database must work. The PGlite socket server
 * accepts CREATE DATABASE but allows one connection and ignores the requested database name, so
 * without this check the shadow history would be replayed into the main database.
 */
async function createTemporaryDatabase(main: PgSettings, probe: boolean): Promise<TemporaryDatabase> {
  // Postgres truncates identifiers to 63 bytes; keep the random suffix intact.
  const name = `${main.database.slice(0, 40)}_shadow_${randomBytes(6).toString('hex')}`;
  const settings: PgSettings = { ...main, database: name, schema: undefined, label: `temporary shadow database ${name}` };
  await withMaintenanceClient(main, async (admin) => {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    if (!probe) return;
    const client = new pg.Client({ ...poolConfig(settings), Client: undefined } as pg.ClientConfig);
    try {
      await client.connect();
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      if (rows[0]?.db !== name) throw new Error('the server does not serve separate databases');
    } catch (error) {
      await client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`).catch(() => undefined);
      throw error;
    }
    await client.end();
  });
  let dropped = false;
  return {
    settings,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      try {
        await withMaintenanceClient(main, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`));
      } catch (error) {
        log(`Warning: could not drop the temporary shadow database ${name}: ${(error as Error).message}`);
      }
    },
  };
}

/** Drops every user schema (with its tables, types, extensions...) and recreates `public`. */
const RESET_SCRIPT = `
DO $reset$
DECLARE nsp text;
BEGIN
  FOR nsp IN SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', nsp);
  END LOOP;
END
$reset$;
CREATE SCHEMA public;
`;

/** Empties an explicitly configured shadow database, as the native engine does before using it. */
async function resetDatabase(settings: PgSettings): Promise<void> {
  const client = new pg.Client({ ...poolConfig(settings), Client: undefined } as pg.ClientConfig);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw describeConnectionError(error, settings);
  }
  try {
    await client.query(RESET_SCRIPT);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * One in-memory PGlite, served on a loopback port and emptied between uses: booting PGlite takes
 * seconds, resetting it milliseconds.
 */
function pgliteShadowProvider(): ShadowProvider {
  let instance: Promise<{ db: PGlite; server: PGLiteSocketServer; port: number }> | undefined;
  let used = false;
  const start = async () => {
    const db = await PGlite.create();
    // Several connections: the engine may not have closed the previous shadow connection yet.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    return { db, server, port: Number(server.getServerConn().split(':').pop()) };
  };
  return {
    description: 'in-memory PGlite',
    connect: async () => {
      const { db, port } = await (instance ??= start());
      if (used) await db.exec(RESET_SCRIPT);
      used = true;
      return connectAdapter({
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password: undefined,
        database: 'postgres',
        ssl: false,
        schema: undefined,
        label: 'in-memory PGlite shadow database',
      });
    },
    close: async () => {
      if (!instance) return;
      const { db, server } = await instance;
      await server.stop();
      await db.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

/**
 * Instantiates the WASM module by hand rather than importing the package's entry point, which
 * relies on Node's still-experimental WebAssembly ES-module integration (and prints a warning).
 */
async function loadEngineBindings(): Promise<typeof engineBindings> {
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = readFileSync(path.join(path.dirname(bindingsPath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': engineBindings });
  engineBindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return engineBindings;
}

async function startEngine(
  main: PgSettings,
  shadow: () => Promise<SqlDriverAdapter>,
): Promise<SchemaEngine> {
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectAdapter(main),
    connectToShadowDb: shadow,
  };
  const bindings = await loadEngineBindings();
  const debug = process.env.MIGRATE_DEBUG === '1';
  // The engine reports results as `{ ok, value }` / `{ ok: false, error }` objects; driver-adapter-utils'
  // binder produces exactly that shape (and keeps JS errors in a registry the engine refers to).
  return bindings.SchemaEngine.new(
    { datamodels: undefined },
    (line: unknown) => {
      if (debug) log(`[engine] ${String(line)}`);
    },
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}

/**
 * Engine errors are JS errors carrying the user-facing text followed by a tracing span trace
 * ("   0: sql_schema_connector::... at ...rs:113"): keep the text, name the failed migration.
 */
function engineFailure(error: unknown): unknown {
  if (error instanceof ExpectedFailure || !(error instanceof Error)) return error;
  // A panic inside the engine (RuntimeError) or a bug in this file: keep the stack.
  if (error instanceof WebAssembly.RuntimeError || error instanceof TypeError || error instanceof ReferenceError) return error;
  const lines = error.message.split('\n');
  const traceStart = lines.findIndex((line) => /^\s+\d+: \S+::/.test(line));
  const text = (traceStart >= 0 ? lines.slice(0, traceStart) : lines)
    .join('\n')
    // "external connector error" only says the error came through the driver adapter.
    .replace(/^external connector error$\n?/gm, '')
    .replace(/Error:\s*\n/g, 'Error: ')
    .replace(/[ \t]+$/gm, '')
    .trim();
  if (text.includes('shadow DB must be provided through an external factory')) {
    return new ExpectedFailure('Could not replay the migration history on a shadow database' + (lastShadowError ? `: ${lastShadowError}` : ''));
  }
  const migration = /Applying migration\s+with migration_name="([^"]+)"/.exec(error.message)?.[1];
  return new ExpectedFailure(migration && !text.includes(migration) ? `Migration ${migration} failed: ${text}` : text);
}

async function deploy(request: Extract<EngineRequest, { op: 'deploy' }>): Promise<DeployResult> {
  const main = parseDatabaseUrl(request.databaseUrl, request.urlLabel);
  const createdDatabase = await ensureDatabase(main, true);
  if (createdDatabase) log(`Created database "${main.database}" at ${main.host}:${main.port}.`);
  const engine = await startEngine(main, () => Promise.reject(new Error('deploy never needs a shadow database')));
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: request.migrationsList,
      filters: NO_FILTER,
    });
    return { op: 'deploy', appliedMigrationNames, createdDatabase };
  } finally {
    engine.free();
  }
}

let lastShadowError: string | undefined;

async function create(request: Extract<EngineRequest, { op: 'create' }>): Promise<CreateResult> {
  const main = parseDatabaseUrl(request.databaseUrl, request.urlLabel);
  const createdDatabase = await ensureDatabase(main, true);
  if (createdDatabase) log(`Created database "${main.database}" at ${main.host}:${main.port}.`);
  // Set up before the engine connects: on PGlite the engine's connection is the only one.
  const shadows = await shadowProvider(main, request.shadowDatabaseUrl);
  log(`Shadow database: ${shadows.description}`);
  try {
    const engine = await startEngine(main, async () => {
      try {
        return await shadows.connect();
      } catch (error) {
        // The engine swallows this error; keep it to explain the failure it causes later.
        lastShadowError = error instanceof Error ? error.message : String(error);
        throw error;
      }
    });
    try {
      const { migrationsList } = request;
      // The WASM engine's createMigration cannot open a shadow database itself: it only reads the
      // schema of the migration history from a cache that diagnoseMigrationHistory fills (using the
      // adapter factory's shadow databases), keyed by the migrations applied to the main database.
      // So, like `prisma migrate dev --create-only`, first bring the main database up to date.
      const { appliedMigrationNames } = await engine
        .applyMigrations({ migrationsList, filters: NO_FILTER })
        .catch((error: unknown) => {
          const failure = engineFailure(error);
          if (!(failure instanceof ExpectedFailure)) throw failure;
          throw new ExpectedFailure(`Applying the pending migrations to ${where(main)} failed (create does that first): ${failure.message}`);
        });
      if (appliedMigrationNames.length > 0) {
        log(`Applied pending migrations to ${main.database} first: ${appliedMigrationNames.join(', ')}`);
      }
      // devDiagnostic runs diagnoseMigrationHistory and, unlike it, reports migrations that fail to
      // replay on the shadow database as errors. A suggested reset (drift, edited migrations...) does
      // not affect the new migration, which is computed from the migrations folder alone.
      const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER });
      if (action.tag === 'reset') log(`Warning: the database ${main.database} is not in sync with the migrations (${action.reason.trim()})`);
      const output = await engine.createMigration({
        draft: false,
        migrationName: request.migrationName,
        migrationsList,
        schema: { files: request.schemaFiles },
        filters: NO_FILTER,
      });
      return { op: 'create', ...output };
    } finally {
      engine.free();
    }
  } finally {
    await disposeAdapters();
    await shadows.close();
  }
}

async function resolve(request: Extract<EngineRequest, { op: 'resolve' }>): Promise<ResolveResult> {
  const main = parseDatabaseUrl(request.databaseUrl, request.urlLabel);
  await ensureDatabase(main, false);
  const engine = await startEngine(main, () => Promise.reject(new Error('resolve never needs a shadow database')));
  try {
    if (request.as === 'rolled-back') {
      await engine.markMigrationRolledBack({ migrationName: request.migrationName });
    } else {
      await engine.markMigrationApplied({ migrationName: request.migrationName, migrationsList: request.migrationsList });
    }
    return { op: 'resolve' };
  } finally {
    engine.free();
  }
}

async function disposeAdapters(): Promise<void> {
  for (const adapter of openAdapters) await adapter.dispose().catch(() => undefined);
  openAdapters.clear();
}

async function run(request: EngineRequest): Promise<EngineResult> {
  try {
    switch (request.op) {
      case 'deploy':
        return await deploy(request);
      case 'create':
        return await create(request);
      case 'resolve':
        return await resolve(request);
    }
  } catch (error) {
    throw engineFailure(error);
  } finally {
    await disposeAdapters();
  }
}

run(workerData as EngineRequest).then(
  (result) => parentPort?.postMessage({ type: 'result', result } satisfies WorkerMessage),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    parentPort?.postMessage({
      type: 'error',
      message,
      expected: error instanceof ExpectedFailure,
      stack: error instanceof Error ? error.stack : undefined,
    } satisfies WorkerMessage);
  },
);
