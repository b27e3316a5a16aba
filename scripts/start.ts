// `npm start`: production. Nothing embedded and no demo seeding: every service is configured through
// the environment. Applies pending migrations, then runs the app's HTTP server (scripts/server.ts:
// Next's handler plus already-compressed page-cache hits; build first with `npm run build`).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { deployMigrations } from './db/migrate-engine';
import { hasMigrations, MIGRATIONS_DIR } from './embedded/migrations';
import { checkDatabase, exitWithError, LaunchError, loadDotEnvFiles, onShutdownSignal, spawnAppServer, terminate } from './embedded/launch';

const REQUIRED = [
  'DATABASE_URL',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'AUTH_SECRET',
  'CREDENTIAL_KEY_SECRET',
  'APP_URL',
] as const;
const MIN_SECRET_LENGTH = 32;

let next: ChildProcess | undefined;

function checkEnvironment() {
  const problems: string[] = [];
  const missing = REQUIRED.filter((name) => !process.env[name]?.trim());
  if (missing.length) problems.push(`missing ${missing.join(', ')}`);
  for (const name of ['AUTH_SECRET', 'CREDENTIAL_KEY_SECRET'] as const) {
    const value = process.env[name];
    if (value && value.length < MIN_SECRET_LENGTH) problems.push(`${name} must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (process.env.APP_URL && !URL.canParse(process.env.APP_URL)) problems.push('APP_URL must be an absolute URL');
  if (process.env.DEMO_MODE === 'true') console.warn('npm start: DEMO_MODE=true shows demo accounts; unset it in production');
  if (problems.length) {
    throw new LaunchError(`refusing to start: ${problems.join('; ')} (see .env.example)`);
  }
}

async function main() {
  loadDotEnvFiles();
  checkEnvironment();
  if (!fs.existsSync('.next/BUILD_ID')) throw new LaunchError('no production build found: run `npm run build` first');
  await checkDatabase(process.env.DATABASE_URL!);
  if (hasMigrations()) {
    const outcome = await deployMigrations({ databaseUrl: process.env.DATABASE_URL!, migrationsDir: MIGRATIONS_DIR });
    console.log(`Migrations: ${outcome.applied.length ? `applied ${outcome.applied.join(', ')}` : 'up to date'}`);
  }
  next = spawnAppServer({ port: Number(process.env.PORT || 3000), host: process.env.HOST, env: process.env });
  next.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// The server drains requests and its running background job for up to 22 s (scripts/server.ts,
// SHUTDOWN_GRACE_MS and its primary's margin) before it exits by itself: killed sooner, a job cut
// off mid-way would run again later (an email sent twice).
const SERVER_STOP_MS = 25_000;
onShutdownSignal(() => terminate(next, SERVER_STOP_MS));
main().catch((error) => exitWithError(error, 'npm start'));
