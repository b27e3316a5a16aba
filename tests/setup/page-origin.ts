// A stand-in origin for the anonymous page cache (lib/http/page-cache.ts): a real HTTP server on
// loopback that answers every request with one small HTML page, so a test can fill the cache
// (getOrRender) and watch it being dropped. Started before the file's tests, closed after them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/** Registers the server's start and stop in the calling test file; `url()` is its address once started. */
export function pageOriginForTests(body = '<p>page</p>'): { url: () => string } {
  let server: Server | undefined;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));
  return {
    url: () => {
      if (!url) throw new Error('The page origin is not started yet: use it inside a test.');
      return url;
    },
  };
}
