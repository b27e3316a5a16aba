// `npm run dev`: the whole app with no configuration. Starts embedded Postgres (PGlite) and S3
// (s3rver) under .data/ unless DATABASE_URL / S3_ENDPOINT (or S3_BUCKET) point elsewhere, applies
// migrations, seeds the demo content, then runs `next dev`. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { deployMigrations } from './db/migrate-engine';
import { hasMigrations, MIGRATIONS_DIR } from './embedded/migrations';
import { startEmbeddedPostgres, DataDirLockedError, type EmbeddedPostgres } from './embedded/postgres';
import { startEmbeddedS3, type EmbeddedS3 } from './embedded/s3';
import {
  binPath,
  checkDatabase,
  exitWithError,
  LaunchError,
  loadDotEnvFiles,
  onShutdownSignal,
  run,
  terminate,
} from './embedded/launch';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../lib/demo';

const DATA_DIR = path.resolve('.data');

let postgres: EmbeddedPostgres | undefined;
let s3: EmbeddedS3 | undefined;
let next: ChildProcess | undefined;

async function stopAll() {
  await terminate(next);
  await Promise.allSettled([s3?.stop(), postgres?.stop()]);
}

/** Generated on first run and kept, so sessions and issuer keys survive restarts. */
function loadOrCreateSecrets(): { AUTH_SECRET: string; CREDENTIAL_KEY_SECRET: string } {
  const file = path.join(DATA_DIR, 'secrets.json');
  if (fs.existsSync(file)) {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    if (saved.AUTH_SECRET && saved.CREDENTIAL_KEY_SECRET) {
      return { AUTH_SECRET: saved.AUTH_SECRET, CREDENTIAL_KEY_SECRET: saved.CREDENTIAL_KEY_SECRET };
    }
  }
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    CREDENTIAL_KEY_SECRET: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  return secrets;
}

async function main() {
  loadDotEnvFiles();
  const t0 = Date.now();
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new LaunchError(`PORT must be a port number (got ${process.env.PORT})`);

  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  env.APP_URL ||= `http://localhost:${port}`;
  env.DEMO_MODE ||= 'true';
  const secrets = !env.AUTH_SECRET || !env.CREDENTIAL_KEY_SECRET ? loadOrCreateSecrets() : undefined;
  env.AUTH_SECRET ||= secrets?.AUTH_SECRET;
  env.CREDENTIAL_KEY_SECRET ||= secrets?.CREDENTIAL_KEY_SECRET;

  // Database
  if (env.DATABASE_URL) {
    await checkDatabase(env.DATABASE_URL);
    console.log('• Postgres: DATABASE_URL');
  } else {
    try {
      postgres = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'pg') });
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        throw new LaunchError(`embedded Postgres: ${error.message} (is another \`npm run dev\` running?)`);
      }
      throw error;
    }
    env.DATABASE_URL = postgres.url;
    // Stay under the embedded server's connection limit (Next may create more than one client).
    env.DATABASE_POOL_MAX ||= '4';
    console.log(`• Postgres: embedded PGlite on ${postgres.url} (data in .data/pg)`);
  }

  // Object storage
  if (env.S3_ENDPOINT || env.S3_BUCKET) {
    console.log(`• S3: ${env.S3_ENDPOINT ?? 'AWS'} bucket ${env.S3_BUCKET ?? '(S3_BUCKET not set)'}`);
  } else {
    s3 = await startEmbeddedS3({ dataDir: path.join(DATA_DIR, 's3') });
    Object.assign(env, s3.env);
    console.log(`• S3: embedded s3rver on ${s3.endpoint}, bucket ${s3.bucket} (data in .data/s3)`);
  }

  // Schema
  if (hasMigrations()) {
    const outcome = await deployMigrations({ databaseUrl: env.DATABASE_URL!, migrationsDir: MIGRATIONS_DIR });
    console.log(`• Migrations: ${outcome.applied.length ? `applied ${outcome.applied.join(', ')}` : 'up to date'}`);
  } else {
    console.warn('• Migrations: prisma/migrations is empty, skipped');
  }

  // Demo content (the seed is idempotent; it only adds what is missing)
  if (env.DEMO_MODE === 'true' || env.DEMO_MODE === '1') {
    if (fs.existsSync('prisma/seed.ts')) {
      await run(binPath('tsx'), ['--conditions=react-server', 'prisma/seed.ts'], { env, label: 'prisma/seed.ts' });
    } else {
      console.warn('• Seed: prisma/seed.ts not found, skipped');
    }
  }

  console.log(`• Ready to start Next.js after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  next = spawn(binPath('next'), ['dev', '-p', String(port)], { env, stdio: ['inherit', 'pipe', 'inherit'] });
  let bannerShown = false;
  next.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!bannerShown && /Ready in|✓ Ready/.test(chunk.toString())) {
      bannerShown = true;
      printBanner(env);
    }
  });
  next.once('exit', (code, signal) => {
    void Promise.allSettled([s3?.stop(), postgres?.stop()]).then(() => process.exit(code ?? (signal ? 1 : 0)));
  });
}

function printBanner(env: NodeJS.ProcessEnv) {
  const lines = [`\n  Microcred is running at ${env.APP_URL}`];
  if (env.DEMO_MODE === 'true' || env.DEMO_MODE === '1') {
    lines.push(`  Demo logins (password: ${DEMO_PASSWORD}):`);
    for (const { email, role } of DEMO_ACCOUNTS) lines.push(`    ${email.padEnd(22)} ${role.toLowerCase()}`);
  }
  lines.push('  Press Ctrl-C to stop.\n');
  console.log(lines.join('\n'));
}

onShutdownSignal(stopAll);
main().catch(async (error) => {
  await stopAll();
  exitWithError(error, 'npm run dev');
});
