// Playwright's webServer: a production build (`next build`, done beforehand by scripts/test.ts)
// against a fresh `microcred_e2e` database on the machine's Postgres and an embedded S3 in a temp
// folder, seeded with the demo content.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { deployMigrations } from './db/migrate-engine';
import { hasMigrations, MIGRATIONS_DIR } from './embedded/migrations';
import { startEmbeddedS3, type EmbeddedS3 } from './embedded/s3';
import { binPath, checkDatabase, exitWithError, LaunchError, onShutdownSignal, run, spawnAppServer, terminate } from './embedded/launch';

const DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/microcred_e2e';
const PORT = Number(process.env.E2E_PORT ?? 3100);

let s3: EmbeddedS3 | undefined;
let s3Dir: string | undefined;
let next: ChildProcess | undefined;

async function cleanup() {
  await terminate(next);
  await s3?.stop();
  if (s3Dir) fs.rmSync(s3Dir, { recursive: true, force: true });
}

async function recreateDatabase(url: string) {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  if (!database || database === 'postgres') throw new LaunchError(`E2E_DATABASE_URL must name a throwaway database (got "${database}")`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await checkDatabase(admin.toString(), 'E2E_DATABASE_URL');
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const ident = `"${database.replaceAll('"', '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${ident}`);
    // Thrown away after the run: its commits need not wait for the disk (as the integration tests' databases).
    await client.query(`ALTER DATABASE ${ident} SET synchronous_commit = off`);
  } finally {
    await client.end();
  }
}

async function main() {
  if (!fs.existsSync('.next/BUILD_ID')) throw new LaunchError('no production build in .next: run `npx next build` first');
  await recreateDatabase(DATABASE_URL);

  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-e2e-s3-'));
  s3 = await startEmbeddedS3({ dataDir: s3Dir, port: 0 });

  const appUrl = `http://127.0.0.1:${PORT}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...s3.env,
    DATABASE_URL,
    APP_URL: appUrl,
    AUTH_URL: appUrl,
    AUTH_TRUST_HOST: 'true',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    CREDENTIAL_KEY_SECRET: randomBytes(32).toString('base64url'),
    DEMO_MODE: 'true',
    PORT: String(PORT),
    // One worker: the cache assertions expect consecutive requests to meet the same page cache.
    // tests/e2e/server.spec.ts runs the multi-worker server.
    WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1',
  };

  if (hasMigrations()) await deployMigrations({ databaseUrl: DATABASE_URL, migrationsDir: MIGRATIONS_DIR, urlLabel: 'E2E_DATABASE_URL' });
  if (fs.existsSync('prisma/seed.ts')) {
    await run(binPath('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env, label: 'prisma/seed.ts' });
  }

  next = spawnAppServer({ port: PORT, host: '127.0.0.1', env });
  next.once('exit', (code, signal) => {
    void cleanup().then(() => process.exit(code ?? (signal ? 1 : 0)));
  });
}

onShutdownSignal(cleanup);
main().catch(async (error) => {
  await cleanup();
  exitWithError(error, 'e2e-server');
});
