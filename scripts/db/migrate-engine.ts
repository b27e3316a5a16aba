// Prisma migrations without the Prisma CLI's native engine (which it downloads from a host that is
// unreachable here): Prisma's official WASM schema engine, the same engine compiled to WebAssembly,
// produces the same migration SQL and the same `_prisma_migrations` bookkeeping, so the
// `prisma/migrations` folder stays compatible with `prisma migrate deploy`.
//
// The engine runs in a worker thread (scripts/db/engine-worker.ts), not in the caller's thread:
// it arms 10 s and 60 s timers that it never clears, which would keep the process alive, and we
// cannot clear or unref them from outside without patching the global setTimeout. Terminating the
// worker discards those timers, the WASM instance and any connection left behind, so callers such
// as the dev-server launcher and the test global setup can call deployMigrations() in-process.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { MigrationDirectory, MigrationList, SchemaContainer } from '@prisma/schema-engine-wasm';

import type { EngineRequest, EngineResult, WorkerMessage } from './engine-protocol';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/microcred';
export const DEFAULT_MIGRATIONS_DIR = 'prisma/migrations';
export const DEFAULT_SCHEMA_PATH = 'prisma/schema.prisma';

const MIGRATION_FILE = 'migration.sql';
const LOCKFILE = 'migration_lock.toml';
const WORKER_URL = new URL('./engine-worker.ts', import.meta.url);

/** An expected failure (bad URL, unreachable database, failed migration...): print `message` only. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export type Logger = (message: string) => void;

export type DeployOptions = {
  databaseUrl: string;
  /** Defaults to `prisma/migrations` (relative to the current directory). */
  migrationsDir?: string;
  log?: Logger;
  /** Name of the setting `databaseUrl` came from, used in error messages. Defaults to DATABASE_URL. */
  urlLabel?: string;
};

export type DeployOutcome = { applied: string[]; createdDatabase: boolean };

/** Applies the pending migrations of `migrationsDir` to the database (like `prisma migrate deploy`). */
export async function deployMigrations(options: DeployOptions): Promise<DeployOutcome> {
  const log = options.log ?? (() => undefined);
  const migrationsDir = path.resolve(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const migrationsList = await readMigrationsList(migrationsDir);
  const count = migrationsList.migrationDirectories.length;
  log(`${count} migration${count === 1 ? '' : 's'} found in ${displayPath(migrationsDir)}`);

  const result = await runEngine(
    { op: 'deploy', databaseUrl: options.databaseUrl, urlLabel: options.urlLabel ?? 'DATABASE_URL', migrationsList },
    log,
  );
  if (result.op !== 'deploy') throw new Error(`Unexpected engine result for deploy: ${result.op}`);
  return { applied: result.appliedMigrationNames, createdDatabase: result.createdDatabase };
}

export type CreateOptions = {
  databaseUrl: string;
  name: string;
  /** Defaults to `prisma/schema.prisma`; a directory of `.prisma` files is accepted too. */
  schemaPath?: string;
  /** Defaults to `prisma/migrations`. */
  migrationsDir?: string;
  /** Shadow database to replay the history on; defaults to env SHADOW_DATABASE_URL, else a temporary one. */
  shadowDatabaseUrl?: string;
  log?: Logger;
  urlLabel?: string;
};

/** `null` when the schema already matches the migrations: nothing is written then. */
export type CreateOutcome = { name: string; directory: string; sql: string } | null;

/**
 * Writes a new migration for the difference between the migration history and the schema (like
 * `prisma migrate dev --create-only`). The database itself is not modified.
 */
export async function createMigration(options: CreateOptions): Promise<CreateOutcome> {
  const log = options.log ?? (() => undefined);
  const migrationsDir = path.resolve(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const migrationName = slugifyMigrationName(options.name);
  if (!migrationName) throw new MigrationError(`Invalid migration name "${options.name}": use letters, digits and _`);

  const schemaFiles = await readSchemaFiles(path.resolve(options.schemaPath ?? DEFAULT_SCHEMA_PATH));
  const migrationsList = await readMigrationsList(migrationsDir);
  const result = await runEngine(
    {
      op: 'create',
      databaseUrl: options.databaseUrl,
      urlLabel: options.urlLabel ?? 'DATABASE_URL',
      shadowDatabaseUrl: options.shadowDatabaseUrl ?? (process.env.SHADOW_DATABASE_URL || undefined),
      migrationName,
      migrationsList,
      schemaFiles,
    },
    log,
  );
  if (result.op !== 'create') throw new Error(`Unexpected engine result for create: ${result.op}`);
  if (result.migrationScript === null) return null;

  // Same layout and lock file content as the Prisma CLI writes.
  const directory = path.join(migrationsDir, result.generatedMigrationName);
  if (existsSync(directory)) throw new MigrationError(`The migration directory already exists at ${directory}`);
  await mkdir(directory, { recursive: true });
  await writeFile(path.join(directory, `migration.${result.extension}`), result.migrationScript, 'utf8');
  await writeFile(
    path.join(migrationsDir, LOCKFILE),
    `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${result.connectorType}"\n`,
    'utf8',
  );
  return { name: result.generatedMigrationName, directory, sql: result.migrationScript };
}

export type ResolveOptions = {
  databaseUrl: string;
  migrationName: string;
  /** `rolled-back`: the failed migration was reverted by hand and will be re-applied by deploy; `applied`: it was completed by hand. */
  as: 'applied' | 'rolled-back';
  migrationsDir?: string;
  urlLabel?: string;
};

/** Settles a failed migration (like `prisma migrate resolve --applied/--rolled-back`). */
export async function resolveMigration(options: ResolveOptions): Promise<void> {
  const migrationsList = await readMigrationsList(path.resolve(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR));
  await runEngine(
    {
      op: 'resolve',
      databaseUrl: options.databaseUrl,
      urlLabel: options.urlLabel ?? 'DATABASE_URL',
      migrationName: options.migrationName,
      as: options.as,
      migrationsList,
    },
    () => undefined,
  );
}

/**
 * Approximates the Prisma CLI's slugify(name, { separator: '_' }): "Add user table" and
 * "addUserTable" both become "add_user_table". The engine prefixes the timestamp.
 */
export function slugifyMigrationName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? '.' : relative.startsWith('..') ? dir : relative;
}

/** Mirrors how the Prisma CLI loads the migrations folder for the engine. */
export async function readMigrationsList(baseDir: string): Promise<MigrationList> {
  const lockContent = await readFile(path.join(baseDir, LOCKFILE), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const migrationDirectories: MigrationDirectory[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const content = await readFile(path.join(baseDir, entry.name, MIGRATION_FILE), 'utf8').then(
      (value) => ({ tag: 'ok' as const, value }),
      (error: Error) => ({ tag: 'error' as const, value: error.message }),
    );
    migrationDirectories.push({ path: entry.name, migrationFile: { path: MIGRATION_FILE, content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function readSchemaFiles(schemaPath: string): Promise<SchemaContainer[]> {
  const info = await stat(schemaPath).catch(() => null);
  if (!info) throw new MigrationError(`Prisma schema not found at ${schemaPath}`);
  if (info.isFile()) return [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];
  const names = (await readdir(schemaPath, { recursive: true })).filter((n) => n.endsWith('.prisma')).sort();
  if (names.length === 0) throw new MigrationError(`No .prisma files in ${schemaPath}`);
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(schemaPath, name);
      return { path: file, content: await readFile(file, 'utf8') };
    }),
  );
}

/** Runs one engine operation in a fresh worker, which is terminated as soon as it answers. */
function runEngine(request: EngineRequest, log: Logger): Promise<EngineResult> {
  return new Promise<EngineResult>((resolve, reject) => {
    // The worker is plain TypeScript loaded by Node itself (type stripping, on by default since
    // Node 22.18/23.6; older 22.x need the flag). It inherits the parent's execArgv, so under tsx it
    // also gets tsx's loader, which is harmless.
    const execArgv = process.features.typescript ? undefined : [...process.execArgv, '--experimental-strip-types'];
    const worker = new Worker(WORKER_URL, { workerData: request, execArgv });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      // The engine's leftover timers die with the worker.
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') log(message.message);
      else if (message.type === 'result') settle(() => resolve(message.result));
      else {
        const error = message.expected ? new MigrationError(message.message) : new Error(message.message);
        if (!message.expected && message.stack) error.stack = message.stack;
        settle(() => reject(error));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`Migration engine worker exited unexpectedly (code ${code})`))));
  });
}
