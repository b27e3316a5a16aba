// The production HTTP server: Next's request handler behind a plain node:http server that answers
// anonymous page-cache hits itself, already compressed (lib/http/page-cache-server.ts, ADR 006).
// Everything else, including every miss, goes to Next exactly as under `next start`: same router,
// proxy, compression and headers. Run by `npm start`, the e2e server and the bench; needs a build.
//
// Rendering is CPU-bound and a Node process uses one core, so the server runs one worker process
// per core (node:cluster; the workers share the listening socket). Workers share nothing but the
// database and S3, as separate app servers behind a load balancer do (ADR 008). A worker that dies
// is replaced; SIGTERM drains every worker (its requests, and the background job it is running).
//
//   PORT (default 3000), HOST (default: all interfaces), KEEP_ALIVE_TIMEOUT_MS (default 65000, above
//   the 60 s idle timeout of common load balancers so they never reuse a socket we just closed),
//   WEB_CONCURRENCY (worker processes; default: the cores this machine has, at most 8; 1 runs the
//   server in this process, without a primary).
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { serveCachedPage } from '../lib/http/page-cache-server';
import { workerCount } from './workers';

// How long a stopping server gives its in-flight requests and the background job it is running
// before it exits anyway. The primary waits a little longer for its workers, and `npm start`
// (scripts/start.ts) longer still; a platform that stops the container should allow about 30 s.
const SHUTDOWN_GRACE_MS = 20_000;

// The job queue's poller (lib/jobs/worker.ts) runs inside Next's server bundle, started by
// instrumentation.ts: this script reaches it through the property it sets on globalThis. Same
// shape as JobWorker there.
type JobWorkerHandle = { stop(graceMs?: number): Promise<void> };
const jobWorker = () => (globalThis as typeof globalThis & { __microcredJobWorker?: JobWorkerHandle }).__microcredJobWorker;

async function serve() {
  // Before Next loads: it picks its production code paths from NODE_ENV.
  (process.env as Record<string, string>).NODE_ENV = 'production';
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || undefined;
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), port, hostname: host ?? 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    // Like any proxy, record who connected: the right-hand end of X-Forwarded-For is the only part
    // a client cannot make up (lib/http/client-ip.ts).
    const peer = req.socket.remoteAddress;
    if (peer) {
      const prior = req.headers['x-forwarded-for'];
      req.headers['x-forwarded-for'] = prior ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${peer}` : peer;
    }
    try {
      if (serveCachedPage(req, res)) return;
    } catch (error) {
      // The cache is an optimisation: on any fault, Next renders the page.
      console.warn('page cache: serving a hit failed, rendering instead:', error instanceof Error ? error.message : error);
      if (res.headersSent) return void res.destroy();
    }
    handle(req, res).catch((error: unknown) => {
      console.error('request failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal server error');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT_MS || 65_000);
  server.headersTimeout = server.keepAliveTimeout + 1_000;

  let closingAt = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closingAt) {
      // One Ctrl+C arrives several times (the terminal's process group, the launcher, the
      // primary): only a second one a while later means "stop now".
      if (!cluster.isWorker && Date.now() - closingAt > 2_000) process.exit(1);
      return;
    }
    closingAt = Date.now();
    setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), SHUTDOWN_GRACE_MS).unref();
    // Stop accepting, let in-flight requests finish (the load balancer has stopped sending new ones).
    const requestsDone = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Meanwhile the job worker claims nothing more, hands back the jobs it claimed but has not
    // started (so other servers run them now, with no attempt spent), and lets the one it is
    // running finish: an email sent but not recorded as sent would go out again. A job still
    // running after the grace keeps its lock, which runs out, and another server retries it.
    const jobsDone = jobWorker()?.stop(SHUTDOWN_GRACE_MS - 1_000).catch((error: unknown) => {
      console.warn('server: stopping the job worker failed:', error instanceof Error ? error.message : error);
    });
    void Promise.all([requestsDone, jobsDone]).then(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  if (cluster.isWorker) process.send?.('ready');
  else console.log(`> Ready on http://${host ?? 'localhost'}:${port}`);
}

// The primary only forks, replaces and stops workers; it never loads Next.
function supervise(count: number) {
  let stoppingAt = 0; // when the primary began stopping every worker (0: running)
  let announced = false;
  const ready = new Set<number>();
  const remaining = () => Object.keys(cluster.workers ?? {}).length;
  const stopAll = (signal: NodeJS.Signals) => {
    stoppingAt = Date.now();
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
    setTimeout(() => process.exit(process.exitCode ?? (signal === 'SIGINT' ? 130 : 143)), SHUTDOWN_GRACE_MS + 2_000).unref();
  };
  cluster.on('exit', (worker, code, signal) => {
    const served = ready.delete(worker.process.pid!);
    if (stoppingAt) {
      if (remaining() === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    // A worker that dies before it is ready (bad build, bad config) would crash-loop: give up.
    if (!served) {
      console.error(`server: a worker exited during start-up (${signal ?? `code ${code}`}); stopping`);
      process.exitCode = 1;
      stopAll('SIGTERM');
      if (remaining() === 0) process.exit(1);
      return;
    }
    console.error(`server: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting another`);
    cluster.fork();
  });
  cluster.on('message', (worker, message: unknown) => {
    if (message !== 'ready') return;
    ready.add(worker.process.pid!);
    if (announced) return void console.log(`server: worker ${worker.process.pid} ready`);
    if (ready.size < count) return;
    announced = true;
    console.log(`> Ready on http://${process.env.HOST ?? 'localhost'}:${process.env.PORT || 3000} (${count} workers: ${[...ready].join(', ')})`);
  });
  const shutdown = (signal: NodeJS.Signals) => {
    // As in serve(): one Ctrl+C arrives several times; only a second one a while later forces it.
    if (stoppingAt) {
      if (Date.now() - stoppingAt > 2_000) process.exit(1);
      return;
    }
    stopAll(signal);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal));
  for (let i = 0; i < count; i++) cluster.fork();
}

function fail(error: unknown): never {
  console.error('server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
}

if (cluster.isPrimary) {
  let count = 1;
  try {
    count = workerCount();
  } catch (error) {
    fail(error);
  }
  if (count === 1) serve().catch(fail);
  else supervise(count);
} else {
  serve().catch(fail);
}
