// Cache hits answered by the app's own HTTP server (lib/http/page-cache-server.ts): the stored
// compressed copy goes out as is, in the encoding the client asked for, and anything that is not an
// anonymous hit falls through to Next. Real HTTP servers on loopback for both the origin and the app.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearPageCache, getOrRender } from '@/lib/http/page-cache';
import { chooseEncoding, serveCachedPage } from '@/lib/http/page-cache-server';

describe('choosing the encoding', () => {
  it('prefers brotli, then gzip, honouring q-values and refusals', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip, deflate')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('GZIP')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0')).toBe('identity');
    expect(chooseEncoding('identity')).toBe('identity');
    expect(chooseEncoding('')).toBe('identity');
    expect(chooseEncoding(null)).toBe('identity');
    expect(chooseEncoding('br;q=banana, gzip')).toBe('gzip');
  });
});

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer };

function get(url: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving hits from the app server', () => {
  let origin: Server;
  let originUrl: string;
  let app: Server;
  let appUrl: string;
  let fellThrough = 0;
  const page = `<html><body><script nonce="abc"></script>${'catalogue '.repeat(3000)}</body></html>`;
  // What the cache keeps and sends: the page without its scripts (lib/http/static-html.ts).
  const stored = `<html data-static=""><body>${'catalogue '.repeat(3000)}</body></html>`;

  beforeAll(async () => {
    origin = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'nonce-abc'", 'x-frame-options': 'DENY' });
      res.end(page);
    });
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    // What scripts/server.ts does: a hit is answered here, anything else goes on (to Next there).
    app = createServer((req, res) => {
      if (serveCachedPage(req, res)) return;
      fellThrough++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('rendered by next');
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => origin.close(() => r()));
    await new Promise<void>((r) => app.close(() => r()));
  });
  beforeEach(() => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    clearPageCache();
    fellThrough = 0;
  });

  const browser = { accept: 'text/html,application/xhtml+xml' };

  it('sends the stored brotli, gzip or plain copy with the page’s own headers', async () => {
    await getOrRender(originUrl, '/catalog?level=2&q=feedback');
    // The query in another order is the same entry.
    const br = await get(`${appUrl}/catalog?q=feedback&level=2`, { ...browser, 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['x-page-cache']).toBe('hit');
    expect(br.headers['content-security-policy']).toBe("script-src 'none'");
    expect(br.headers['x-frame-options']).toBe('DENY');
    expect(br.headers.vary).toBe('Cookie, Accept-Encoding');
    expect(Number(br.headers['content-length'])).toBe(br.body.byteLength);
    expect(br.body.byteLength).toBeLessThan(page.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(stored);

    const gz = await get(`${appUrl}/catalog?level=2&q=feedback`, { ...browser, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(stored);

    const plain = await get(`${appUrl}/catalog?level=2&q=feedback`, browser);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(stored);
    expect(fellThrough).toBe(0);
  });

  it('leaves misses, signed-in visitors, client navigations and other pages to Next', async () => {
    await getOrRender(originUrl, '/catalog');
    await getOrRender(originUrl, '/dashboard').catch(() => undefined);
    await getOrRender(originUrl, '/issuers/ptc');
    const cases: [string, Record<string, string>][] = [
      ['/catalog?q=never-filled', browser],
      ['/catalog', { ...browser, cookie: 'theme=x; authjs.session-token=abc' }],
      ['/catalog', { ...browser, cookie: '__Secure-authjs.session-token.1=abc' }],
      ['/catalog', { ...browser, rsc: '1' }],
      ['/catalog?_rsc=1', browser],
      ['/catalog', { ...browser, 'next-router-state-tree': '%5B%5D' }],
      ['/catalog', { accept: 'application/json' }],
      ['/dashboard', browser],
      // An issuer's profile asked for as JSON (the proxy answers it): never the cached page.
      ['/issuers/ptc', { accept: 'application/json, text/plain, */*' }],
      ['//catalog', browser],
    ];
    for (const [path, headers] of cases) {
      const res = await get(`${appUrl}${path}`, headers);
      expect(res.body.toString(), `${path} ${JSON.stringify(headers)}`).toBe('rendered by next');
    }
    expect(fellThrough).toBe(cases.length);
  });

  it('stops answering once the entry expires or the cache is cleared, and when switched off', async () => {
    await getOrRender(originUrl, '/catalog');
    expect((await get(`${appUrl}/catalog`, browser)).headers['x-page-cache']).toBe('hit');
    clearPageCache();
    expect((await get(`${appUrl}/catalog`, browser)).body.toString()).toBe('rendered by next');

    await getOrRender(originUrl, '/catalog');
    vi.stubEnv('PAGE_CACHE', 'off');
    expect((await get(`${appUrl}/catalog`, browser)).body.toString()).toBe('rendered by next');
    vi.stubEnv('PAGE_CACHE', '');

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31_000);
      expect((await get(`${appUrl}/catalog`, browser)).body.toString()).toBe('rendered by next');
    } finally {
      vi.useRealTimers();
    }
  });
});
