// A server shutting down (a deploy) stops its job worker: the jobs it claimed but had not started go
// back to the queue at once, as if never claimed, and the one it is running is allowed to finish.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { claimJobs, enqueueJob, type JobHandler } from '@/lib/jobs/queue';
import { startJobWorker, stopJobWorker } from '@/lib/jobs/worker';
import { until } from '../setup/until';

beforeEach(resetDatabase);
afterEach(async () => {
  await stopJobWorker({ graceMs: 0 });
  vi.restoreAllMocks();
});

const ago = (ms: number) => new Date(Date.now() - ms);


const jobsByType = async () =>
  Object.fromEntries((await db.job.findMany({ select: { type: true, attempts: true, lockedAt: true, lockedBy: true, completedAt: true, runAt: true } })).map((j) => [j.type, j]));

/** A handler that runs until the test lets it finish, and says when it has started. */
function gated() {
  const started = Promise.withResolvers<void>();
  const finish = Promise.withResolvers<void>();
  const handler: JobHandler = async () => {
    started.resolve();
    await finish.promise;
  };
  return { handler, started: started.promise, finish: () => finish.resolve() };
}

describe('stopping the job worker', () => {
  it('hands back the jobs it claimed but has not started (attempt given back, lock cleared) and waits for the one running', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    // An email being sent, then three more in the same batch, one of them on its last attempt.
    await enqueueJob({ type: 'sending', payload: {}, runAt: ago(4_000) });
    await enqueueJob({ type: 'next', payload: {}, runAt: ago(3_000) });
    await enqueueJob({ type: 'after', payload: {}, runAt: ago(2_000) });
    await db.job.create({ data: { type: 'last-try', payload: {}, runAt: ago(1_000), attempts: 4, maxAttempts: 5, lastError: 'SMTP 421' } });
    const before = await jobsByType();
    const sending = gated();
    const ran: string[] = [];
    const other = (type: string): JobHandler => async () => { ran.push(type); };
    startJobWorker({ intervalMs: 20, periodic: [], handlers: { sending: sending.handler, next: other('next'), after: other('after'), 'last-try': other('last-try') } });
    await sending.started;

    // The whole batch is claimed, each with an attempt counted.
    const claimed = await jobsByType();
    expect(Object.values(claimed).map((j) => [j.type, j.attempts, Boolean(j.lockedBy)]).sort()).toEqual([
      ['after', 1, true], ['last-try', 5, true], ['next', 1, true], ['sending', 1, true],
    ]);

    let stopped = false;
    const stopping = stopJobWorker({ graceMs: 10_000 }).then(() => { stopped = true; });
    // At once, while the email is still being sent: the three not started are back in the queue,
    // due as before, their attempt given back; the last-try one is no longer on its last attempt.
    const handedBack = await until(jobsByType, (jobs) => jobs.next.lockedBy === null && jobs.after.lockedBy === null && jobs['last-try'].lockedBy === null, 'the unstarted jobs to be handed back');
    for (const type of ['next', 'after', 'last-try']) {
      expect(handedBack[type]).toMatchObject({ attempts: before[type].attempts, lockedAt: null, lockedBy: null, completedAt: null, runAt: before[type].runAt });
    }
    // The running one keeps its lock, and the stop waits for it.
    expect(handedBack.sending).toMatchObject({ lockedBy: claimed.sending.lockedBy, completedAt: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopped).toBe(false);
    // Other servers can run the handed-back jobs right away (no lock to wait out).
    expect((await claimJobs(10)).map((j) => j.type).sort()).toEqual(['after', 'last-try', 'next']);

    sending.finish();
    await stopping;
    // Finished and recorded as done (not left to run again, the email going out twice).
    expect((await jobsByType()).sending).toMatchObject({ attempts: 1, lockedBy: null, completedAt: expect.any(Date) });
    // This worker started nothing else, and claims nothing more.
    await enqueueJob({ type: 'next', payload: {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ran).toEqual([]);
    expect(await db.job.count({ where: { type: 'next', lockedBy: null, completedAt: null } })).toBe(1);
  });

  it('leaves a job that outlasts the grace to its lock, and stops anyway', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await enqueueJob({ type: 'stuck', payload: {} });
    const stuck = gated();
    startJobWorker({ intervalMs: 20, periodic: [], handlers: { stuck: stuck.handler } });
    await stuck.started;
    const started = Date.now();
    await stopJobWorker({ graceMs: 300 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(3_000);
    // Still locked with its attempt counted: once the lock runs out, another server retries it.
    expect(await db.job.findFirstOrThrow({ select: { attempts: true, lockedBy: true, completedAt: true } })).toMatchObject({ attempts: 1, lockedBy: expect.any(String), completedAt: null });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/stopped while stuck job \S+ still ran/));
    // (The handler ends here, so nothing of this test runs into the next.)
    stuck.finish();
    await until(() => db.job.findFirstOrThrow({ select: { completedAt: true } }), (j) => j.completedAt !== null, 'the stuck job to end');
  });

  it('with nothing running, stops at once; with no worker, there is nothing to stop', async () => {
    await stopJobWorker();
    startJobWorker({ intervalMs: 20, periodic: [], handlers: {} });
    // What scripts/server.ts calls on SIGTERM, from outside Next's bundle.
    const handle = () => (globalThis as { __microcredJobWorker?: { stop: unknown } }).__microcredJobWorker;
    expect(handle()?.stop).toBeTypeOf('function');
    const started = Date.now();
    await stopJobWorker();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(handle()).toBeUndefined();
  });
});

// The production server (scripts/server.ts) with Next replaced by a stand-in whose prepare() does
// what instrumentation.ts does: it starts a "job worker" (here one whose running job takes JOB_MS,
// or outlasts any grace) where the server's shutdown handler finds it.
describe('the server’s shutdown', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-shutdown-'));
    fs.writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
    fs.writeFileSync(path.join(dir, 'hooks.mjs'), `export async function resolve(specifier, context, next) {
  if (specifier === 'next') return { url: new URL('./next.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}\n`);
    fs.writeFileSync(path.join(dir, 'next.mjs'), `export default function next() {
  return {
    async prepare() {
      globalThis.__microcredJobWorker = {
        stop(graceMs) {
          console.log('stop(' + graceMs + ')');
          const ms = process.env.JOB_MS === 'never' ? 60000 : Number(process.env.JOB_MS);
          return new Promise((resolve) => setTimeout(() => { console.log('job done'); resolve(); }, ms));
        },
      };
    },
    getRequestHandler() { return async (req, res) => res.end('ok'); },
  };
}\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Starts the server, sends SIGTERM once it is ready (and again `againAfterMs` later), and reports how it ended. */
  async function stopServer(env: { WEB_CONCURRENCY: string; JOB_MS: string }, againAfterMs?: number) {
    const root = path.resolve(__dirname, '../..');
    const server = spawn(path.join(root, 'node_modules/.bin/tsx'), ['--import', path.join(dir, 'register.mjs'), 'scripts/server.ts'], {
      cwd: root, env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 20_000);
        const read = (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Ready on')) { clearTimeout(timer); resolve(); }
        };
        server.stdout!.on('data', read);
        server.stderr!.on('data', read);
      });
      const signalled = Date.now();
      server.kill('SIGTERM');
      if (againAfterMs !== undefined) setTimeout(() => server.kill('SIGTERM'), againAfterMs);
      const code = await exited;
      return { code, ms: Date.now() - signalled, out };
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
  }

  it('on SIGTERM, every worker process stops its job worker and exits once the running job is done', async () => {
    const { code, ms, out } = await stopServer({ WEB_CONCURRENCY: '2', JOB_MS: '1500' });
    expect(code).toBe(0);
    expect(out.match(/stop\(19000\)/g)).toHaveLength(2);
    expect(out.match(/job done/g)).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(10_000);
  }, 40_000);

  it('a second SIGTERM while a job still runs stops the server at once', async () => {
    const { code, ms, out } = await stopServer({ WEB_CONCURRENCY: '1', JOB_MS: 'never' }, 2_500);
    expect(out).toContain('stop(19000)');
    expect(out).not.toContain('job done');
    expect(code).toBe(1);
    expect(ms).toBeLessThan(6_000);
  }, 40_000);
});
