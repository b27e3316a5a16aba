// The production server (scripts/server.ts) with several worker processes, as `npm start` runs it
// on a multi-core machine: every worker serves, a worker that dies is replaced while the others
// keep serving, and SIGTERM drains them all and exits cleanly. Runs the build against the e2e
// database (already migrated and seeded by the e2e server).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const tsx = path.resolve('node_modules/.bin/tsx');

test('npm start runs one worker per core, replaces a worker that dies, and drains on SIGTERM', async () => {
  test.setTimeout(90_000);
  const port = 3400 + Math.floor(Math.random() * 200);
  const origin = `http://127.0.0.1:${port}`;
  const server = spawn(tsx, ['scripts/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_CONCURRENCY: '2',
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/microcred_e2e',
      APP_URL: origin,
      AUTH_URL: origin,
      AUTH_TRUST_HOST: 'true',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      CREDENTIAL_KEY_SECRET: randomBytes(32).toString('base64url'),
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_BUCKET: 'unused',
      S3_ACCESS_KEY_ID: 'unused',
      S3_SECRET_ACCESS_KEY: 'unused',
      JOB_WORKER: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, ms = 60_000) => {
    await expect.poll(() => pattern.exec(log), { timeout: ms, message: `server log:\n${log}` }).toBeTruthy();
    return pattern.exec(log)!;
  };
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // New connections each time, so the primary hands them to both workers in turn.
  const get = (p: string) => fetch(`${origin}${p}`, { headers: { connection: 'close' } });

  try {
    const [, a, b] = await waitFor(/Ready on \S+ \(2 workers: (\d+), (\d+)\)/);
    const workers = [Number(a), Number(b)];
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => get(`/catalog?q=worker-${i}`).then((r) => r.status)));
    expect(statuses).toEqual(Array(12).fill(200));

    process.kill(workers[0], 'SIGKILL');
    await waitFor(new RegExp(`worker ${workers[0]} exited \\(SIGKILL\\); starting another`));
    // The other worker never stopped serving.
    expect((await get('/catalog')).status).toBe(200);
    const [, replacement] = await waitFor(/server: worker (\d+) ready/);
    expect(alive(Number(replacement))).toBe(true);
    expect((await Promise.all(Array.from({ length: 6 }, () => get('/robots.txt').then((r) => r.status))))).toEqual(Array(6).fill(200));

    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(workers[1]) || alive(Number(replacement))).toBe(false);
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
  }
});
