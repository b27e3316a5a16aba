// The anonymous page cache (lib/http/page-cache.ts): which requests it may answer, and how it fills,
// shares, refuses and expires entries. The origin is a real HTTP server on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cacheKey, clearPageCache, decodeKeyParam, encodeKeyParam, getOrRender, internalOrigin, isCacheableKey, isCacheableRequest, toResponse, varyFor, type CachedPage } from '@/lib/http/page-cache';

function req(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const url = new URL(path, 'http://app.test');
  return [new Request(url, { method, headers: { accept: 'text/html,application/xhtml+xml', ...headers } }), url.pathname, url.searchParams] as const;
}

describe('which requests the page cache may answer', () => {
  beforeEach(() => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
  });

  it('anonymous page loads of public pages only', () => {
    for (const path of ['/', '/catalog', '/catalog?q=feedback&level=2', '/micro-credentials/the-assessment-cycle', '/micro-credentials/the-assessment-cycle/versions/2', '/tracks/x', '/stacks/y', '/issuers/ptc', '/credentials/6f1c1a52-6f1c-4a52-8a52-6f1c1a526f1c']) {
      expect(isCacheableRequest(...req(path)), path).toBe(true);
    }
    for (const path of ['/dashboard', '/review', '/credentials/not-an-id', '/credentials/6f1c1a52-6f1c-4a52-8a52-6f1c1a526f1c/credential.json', '/admin', '/micro-credentials/x/apply', '/micro-credentials/x/versions/0', '/micro-credentials/x/versions/abc', '/u/maya-okafor', '/verify', '/sign-in']) {
      expect(isCacheableRequest(...req(path)), path).toBe(false);
    }
  });

  it('never for a signed-in visitor, a client navigation, an action, a prefetch or the cache’s own fill', () => {
    expect(isCacheableRequest(...req('/catalog', { cookie: 'a=1; authjs.session-token=abc' }))).toBe(false);
    expect(isCacheableRequest(...req('/catalog', { cookie: '__Secure-authjs.session-token.0=abc' }))).toBe(false);
    expect(isCacheableRequest(...req('/catalog', { cookie: 'authjs.csrf-token=abc; theme=x' }))).toBe(true);
    expect(isCacheableRequest(...req('/catalog', { rsc: '1' }))).toBe(false);
    expect(isCacheableRequest(...req('/catalog?_rsc=abc'))).toBe(false);
    expect(isCacheableRequest(...req('/catalog', { 'next-action': 'abc' }, 'POST'))).toBe(false);
    expect(isCacheableRequest(...req('/catalog', { 'next-router-prefetch': '1' }))).toBe(false);
    expect(isCacheableRequest(...req('/catalog', { 'x-page-cache': 'fill' }))).toBe(false);
    expect(isCacheableRequest(...req('/catalog', { accept: 'application/json' }))).toBe(false);
    // JSON clients with a */* fallback (axios) asking for an issuer's profile get JSON, not the page.
    expect(isCacheableRequest(...req('/issuers/ptc', { accept: 'application/json, text/plain, */*' }))).toBe(false);
    expect(isCacheableRequest(...req('/issuers/ptc', { accept: 'application/ld+json, */*;q=0.1' }))).toBe(false);
    expect(isCacheableRequest(...req('/issuers/ptc', { accept: 'text/html, application/json' }))).toBe(true);
    expect(isCacheableRequest(...req('/issuers/ptc', { accept: '*/*' }))).toBe(true);
    expect(isCacheableRequest(...req('/catalog', {}, 'HEAD'))).toBe(false);
  });

  it('is off outside production builds and when switched off', () => {
    vi.stubEnv('NODE_ENV', 'development');
    expect(isCacheableRequest(...req('/catalog'))).toBe(false);
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', 'off');
    expect(isCacheableRequest(...req('/catalog'))).toBe(false);
  });

  it('the route that serves stored pages accepts only keys of public pages', () => {
    expect(isCacheableKey('/catalog?q=a')).toBe(true);
    expect(isCacheableKey('/micro-credentials/x')).toBe(true);
    for (const key of ['/dashboard', '/page-cache?k=/catalog', '//evil.example/catalog', 'catalog', '/catalog/../dashboard', '']) {
      expect(isCacheableKey(key), key).toBe(false);
    }
  });

  it('passes a key to the serving route intact, whatever its query holds', () => {
    for (const key of ['/catalog?level=2&q=feedback', '/catalog?q=%22quoted+phrase%22&stack=a%26b', '/', '/catalog?q=caf%C3%A9']) {
      const param = encodeKeyParam(key);
      expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
      // What Next does to a rewrite's query on the way: decode, then encode again.
      const relayed = new URLSearchParams(decodeURIComponent(new URLSearchParams({ k: param, s: 'hit' }).toString())).get('k');
      expect(decodeKeyParam(relayed)).toBe(key);
    }
    for (const bad of [null, '', '/catalog', 'a b', 'abc=']) expect(decodeKeyParam(bad)).toBe('');
  });

  it('fills through loopback, or through HOST when the server listens on one address only', () => {
    vi.stubEnv('INTERNAL_URL', '');
    vi.stubEnv('PORT', '4000');
    vi.stubEnv('HOST', '');
    expect(internalOrigin()).toBe('http://127.0.0.1:4000');
    vi.stubEnv('HOST', '0.0.0.0');
    expect(internalOrigin()).toBe('http://127.0.0.1:4000');
    vi.stubEnv('HOST', '10.0.0.5');
    expect(internalOrigin()).toBe('http://10.0.0.5:4000');
    vi.stubEnv('HOST', 'fd00::5');
    expect(internalOrigin()).toBe('http://[fd00::5]:4000');
    vi.stubEnv('INTERNAL_URL', 'http://app.internal:8080/');
    expect(internalOrigin()).toBe('http://app.internal:8080');
  });

  it('keys on the path and the query in a stable order', () => {
    const a = new URL('http://x/catalog?level=2&q=feedback');
    const b = new URL('http://x/catalog?q=feedback&level=2');
    expect(cacheKey(a.pathname, a.searchParams)).toBe(cacheKey(b.pathname, b.searchParams));
    expect(cacheKey('/catalog', new URLSearchParams())).toBe('/catalog');
    expect(cacheKey('/catalog', new URLSearchParams('q=a'))).not.toBe(cacheKey('/catalog', new URLSearchParams('q=b')));
  });
});

describe('filling and serving entries', () => {
  let server: Server;
  let origin: string;
  const hits = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '/';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      // Slow enough that concurrent misses overlap.
      setTimeout(() => {
        if (request.headers['x-page-cache'] !== 'fill') return response.writeHead(400).end('missing fill marker');
        if (path.startsWith('/missing')) return response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
        if (path.startsWith('/cookie')) return response.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'x=1' }).end('<p>personal</p>');
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'nonce-abc'", 'x-frame-options': 'DENY' });
        response.end(`<html><body><script nonce="abc"></script>${'page '.repeat(2000)}${path}</body></html>`);
      }, 40);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    clearPageCache();
    hits.clear();
  });

  it('renders once for many concurrent misses, then serves hits without rendering', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => getOrRender(origin, '/catalog?q=a')));
    expect(hits.get('/catalog?q=a')).toBe(1);
    expect(results.every((r) => !r.hit)).toBe(true);
    const again = await getOrRender(origin, '/catalog?q=a');
    expect(again.hit).toBe(true);
    expect(hits.get('/catalog?q=a')).toBe(1);
  });

  it('replays the page with the headers it was rendered with', async () => {
    const { page } = await getOrRender(origin, '/catalog');
    const cached = page as CachedPage;
    const res = toResponse(cached, true);
    // Kept without scripts, so it may run none.
    expect(res.headers.get('content-security-policy')).toBe("script-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-page-cache')).toBe('hit');
    expect(res.headers.get('vary')).toBe('Cookie');
    // An issuer's address also answers JSON to machines asking for it: caches must key on Accept.
    const issuer = toResponse((await getOrRender(origin, '/issuers/north-valley')).page as CachedPage, false);
    expect(issuer.headers.get('vary')).toBe('Cookie, Accept');
    expect([varyFor('/issuers/x'), varyFor('/issuers/x/'), varyFor('/issuers/x?a=1'), varyFor('/issuers-x'), varyFor('/credentials/x')]).toEqual(['Cookie, Accept', 'Cookie, Accept', 'Cookie, Accept', 'Cookie', 'Cookie']);
    const html = await res.text();
    // Stored as plain HTML: the page without its scripts (lib/http/static-html.ts).
    expect(html.startsWith('<html data-static=""><body>page ')).toBe(true);
    expect(html).not.toContain('<script');
    expect(html).toContain('/catalog</body>');
    expect(toResponse(cached, false).headers.get('x-page-cache')).toBe('miss');
  });

  it('passes through, and never keeps, error pages and pages that set cookies', async () => {
    const missing = await getOrRender(origin, '/missing');
    expect(missing.page).toBeInstanceOf(Response);
    expect((missing.page as Response).status).toBe(404);
    await getOrRender(origin, '/missing');
    expect(hits.get('/missing')).toBe(2);

    const cookie = await getOrRender(origin, '/cookie');
    expect((cookie.page as Response).headers.get('set-cookie')).toBe('x=1');
    expect(await (cookie.page as Response).text()).toBe('<p>personal</p>');
    await getOrRender(origin, '/cookie');
    expect(hits.get('/cookie')).toBe(2);
  });

  it('does not keep a page whose render started before the cache was cleared', async () => {
    const racing = getOrRender(origin, '/catalog?q=race');
    clearPageCache(); // a publish commits while the old page is being rendered
    expect((await racing).hit).toBe(false);
    const after = await getOrRender(origin, '/catalog?q=race');
    expect(after.hit).toBe(false);
    expect(hits.get('/catalog?q=race')).toBe(2);
    expect((await getOrRender(origin, '/catalog?q=race')).hit).toBe(true);
  });

  it('forgets everything when cleared (after a publish) and when entries expire', async () => {
    await getOrRender(origin, '/catalog');
    clearPageCache();
    expect((await getOrRender(origin, '/catalog')).hit).toBe(false);
    expect(hits.get('/catalog')).toBe(2);

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31_000);
      expect((await getOrRender(origin, '/catalog')).hit).toBe(false);
      expect(hits.get('/catalog')).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
