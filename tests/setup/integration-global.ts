import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedS3 } from '../../scripts/embedded/s3';
import { deployMigrations } from '../../scripts/db/migrate-engine';
import { hasMigrations, MIGRATIONS_DIR } from '../../scripts/embedded/migrations';
import { databaseUrl, dropDatabase, dropStaleRunDatabases, quoteIdent, RUN_ID, TEMPLATE_DATABASE, TEST_ADMIN_URL, withAdmin } from './pg-admin';

/** Values the global setup hands to every worker (read with `inject('integrationEnv')`). */
export interface IntegrationEnv {
  adminUrl: string;
  templateDatabase: string;
  runId: string;
  migrated: boolean;
  s3: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    integrationEnv: IntegrationEnv;
  }
}

/**
 * Runs once per `vitest run --project integration`: starts a real S3-compatible server on loopback
 * and builds a template database with every migration applied, so each worker can copy it in
 * milliseconds instead of migrating.
 */
export default async function setup(project: TestProject) {
  const s3Dir = await mkdtemp(path.join(os.tmpdir(), 'microcred-s3-'));
  const s3 = await startEmbeddedS3({ dataDir: s3Dir, port: 0 });

  const migrated = hasMigrations();
  try {
    await withAdmin(TEST_ADMIN_URL, async (client) => {
      await dropStaleRunDatabases(client);
      await client.query(`CREATE DATABASE ${quoteIdent(TEMPLATE_DATABASE)}`);
    });
    if (migrated) {
      await deployMigrations({
        databaseUrl: databaseUrl(TEST_ADMIN_URL, TEMPLATE_DATABASE),
        migrationsDir: MIGRATIONS_DIR,
        urlLabel: 'TEST_DATABASE_URL',
      });
    } else {
      console.warn('[integration] prisma/migrations has no migrations yet: test databases start empty');
    }
    await withAdmin(TEST_ADMIN_URL, (client) =>
      client.query(`ALTER DATABASE ${quoteIdent(TEMPLATE_DATABASE)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
    );
  } catch (error) {
    await s3.stop();
    await rm(s3Dir, { recursive: true, force: true });
    throw error;
  }

  project.provide('integrationEnv', {
    adminUrl: TEST_ADMIN_URL,
    templateDatabase: TEMPLATE_DATABASE,
    runId: RUN_ID,
    migrated,
    s3: { ...s3.env },
  });

  return async () => {
    await s3.stop();
    await rm(s3Dir, { recursive: true, force: true });
    // This run's databases go with it; after a crash the next run drops them.
    await withAdmin(TEST_ADMIN_URL, async (client) => {
      const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ $1`, [`^microcred_(tpl|test)_${RUN_ID}(_|$)`]);
      for (const { datname } of rows) {
        await client.query(`ALTER DATABASE ${quoteIdent(datname)} WITH IS_TEMPLATE false`).catch(() => undefined);
        await dropDatabase(client, datname).catch(() => undefined);
      }
    }).catch(() => undefined);
  };
}
