import { inject } from 'vitest';
import { createDatabaseFromTemplate, databaseUrl, dropDatabase, withAdmin, workerDatabase } from './pg-admin';

/**
 * Runs before each integration test file, before the file's own imports, so `@/lib/env` and
 * `@/lib/db` see these variables. The database is created once per worker process and reused by
 * the files that worker runs; tests isolate themselves with resetDatabase() from tests/setup/db.ts.
 */
const env = inject('integrationEnv');
const poolId = process.env.VITEST_POOL_ID ?? '1';
const database = workerDatabase(env.runId, poolId);

if (process.env.MICROCRED_TEST_DATABASE !== database) {
  await withAdmin(env.adminUrl, async (client) => {
    await dropDatabase(client, database);
    await createDatabaseFromTemplate(client, database, env.templateDatabase);
  });
  process.env.MICROCRED_TEST_DATABASE = database;
}

Object.assign(process.env, {
  DATABASE_URL: databaseUrl(env.adminUrl, database),
  ...env.s3,
  AUTH_SECRET: 'integration-test-auth-secret-0123456789abcdef',
  CREDENTIAL_KEY_SECRET: 'integration-test-credential-key-secret-0123456789',
  APP_URL: 'http://127.0.0.1:3100',
  DEMO_MODE: 'false',
});
