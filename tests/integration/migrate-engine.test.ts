// Deploys the fixture migrations (tests/fixtures/migrations-basic) with Prisma's WASM schema engine
// to a throwaway database on the local Postgres (127.0.0.1:5432, or MIGTEST_ADMIN_URL).
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deployMigrations, MigrationError } from '../../scripts/db/migrate-engine';

const ADMIN_URL = process.env.MIGTEST_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const MIGRATIONS_DIR = fileURLToPath(new URL('../fixtures/migrations-basic/migrations', import.meta.url));
const MIGRATIONS = ['20261124022546_init', '20261124022549_add_badge_description'];
const DB_NAME = `migtest_${randomBytes(6).toString('hex')}`;
const dbUrl = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A port nothing listens on: bind an ephemeral one, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('deployMigrations (WASM schema engine)', () => {
  beforeAll(async () => {
    await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${DB_NAME}"`));
  });

  afterAll(async () => {
    await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));
  });

  it('applies the fixture migrations to a fresh database', async () => {
    const logs: string[] = [];
    const result = await deployMigrations({ databaseUrl: dbUrl, migrationsDir: MIGRATIONS_DIR, log: (m) => logs.push(m) });

    expect(result.applied).toEqual(MIGRATIONS);
    expect(logs[0]).toMatch(/^2 migrations found/);

    await withClient(dbUrl, async (client) => {
      const tables = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['Badge', 'Teacher', '_prisma_migrations']);

      const columns = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'Badge' ORDER BY ordinal_position`,
      );
      expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'title', 'teacherId', 'description']);

      // Same bookkeeping as `prisma migrate deploy`: one finished row per migration, sha256 checksum.
      const rows = await client.query<{ migration_name: string; checksum: string; finished: boolean; applied_steps_count: number }>(
        `SELECT migration_name, checksum, finished_at IS NOT NULL AND rolled_back_at IS NULL AS finished, applied_steps_count
           FROM _prisma_migrations ORDER BY migration_name`,
      );
      const expected = await Promise.all(
        MIGRATIONS.map(async (name) => ({
          migration_name: name,
          checksum: createHash('sha256')
            .update(await readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql')))
            .digest('hex'),
          finished: true,
          applied_steps_count: 1,
        })),
      );
      expect(rows.rows).toEqual(expected);
    });
  }, 60_000);

  it('applies nothing the second time', async () => {
    const result = await deployMigrations({ databaseUrl: dbUrl, migrationsDir: MIGRATIONS_DIR });
    expect(result).toEqual({ applied: [], createdDatabase: false });
    const count = await withClient(dbUrl, (c) => c.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations'));
    expect(count.rows[0].n).toBe(2);
  }, 60_000);

  it('reports an unreachable database as a one-line MigrationError', async () => {
    const port = await closedPort();
    const attempt = deployMigrations({ databaseUrl: `postgresql://postgres@127.0.0.1:${port}/x`, migrationsDir: MIGRATIONS_DIR });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(`Cannot reach the database at 127.0.0.1:${port} (DATABASE_URL): connection refused`);
  }, 60_000);
});
