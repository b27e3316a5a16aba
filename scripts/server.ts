// The production HTTP server: Next's request handler behind a plain node:http server that answers
// anonymous page-cache hits itself, already compressed (lib/http/page-cache-server.ts, ADR 006).
// Everything else, including every miss, goes to Next exactly as under `next start`: same router,
// proxy, compression and headers. Run by `npm start`, the e2e server and the bench; needs a build.
//
//   PORT (default 3000), HOST (default: all interfaces), KEEP_ALIVE_TIMEOUT_MS (default 65000, above
//   the 60 s idle timeout of common load balancers so they never reuse a socket we just closed).
import { createServer } from 'node:http';
import { serveCachedPage } from '../lib/http/page-cache-server';

async function main() {
  // Before Next loads: it picks its production code paths from NODE_ENV.
  (process.env as Record<string, string>).NODE_ENV = 'production';
  const port = Number(process.env.PORT || 3000);
  const host = process.env.HOST || undefined;
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), port, hostname: host ?? 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
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

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return process.exit(1);
    closing = true;
    // Stop accepting, let in-flight requests finish (the load balancer has stopped sending new ones).
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), 10_000).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  console.log(`> Ready on http://${host ?? 'localhost'}:${port}`);
}

main().catch((error) => {
  console.error('server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
