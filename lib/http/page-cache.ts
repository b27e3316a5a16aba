// A short-lived, per-server cache of public pages as anonymous visitors see them (the catalogue,
// micro-credential, track, stack and issuer pages, issued credentials' pages, the home page).
// Every visitor who is not signed in gets the same HTML for these, yet each request used to cost a
// full server render (20-40 ms of CPU).
// See docs/decisions/006-anonymous-page-cache.md.
//
// - Used from proxy.ts. A miss renders the page through the server's own loopback port (the inner
//   request carries `x-page-cache: fill` and goes through the normal rendering path); concurrent
//   misses for one URL share that single render. The proxy then rewrites the request to
//   app/page-cache/route.ts, which sends the stored page, so Next compresses it like any response
//   (Next strips Content-Encoding from responses a proxy returns itself).
// - Under the app's own HTTP server (scripts/server.ts, what `npm start` runs), a hit never reaches
//   Next at all: lib/http/page-cache-server.ts answers it with the gzip or brotli copy made once
//   when the page was filled. The proxy path above remains for misses and for plain `next start`.
// - Stored as plain HTML without the React and Next client runtime (lib/http/static-html.ts, ADR 007).
// - Only 200 text/html responses without Set-Cookie are kept, for PAGE_CACHE_TTL_MS (30 s), with
//   the headers they were rendered with, except that a page kept without scripts gets a CSP that
//   allows none.
// - Stateless servers: nothing depends on this cache. Each server keeps its own; publishing or
//   retiring clears the publishing server's copy at once, and the others' when the publishing
//   transaction commits (lib/http/page-cache-sync.ts), or within the TTL at worst.
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { withoutClientRuntime, withoutScripts } from './static-html';

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
  /** The body compressed once at fill time, for servers that can send it as is. */
  gzip: Uint8Array;
  br: Uint8Array;
  expires: number;
  bytes: number;
  /** The request headers the response depends on (for shared caches in front of the app). */
  vary: string;
};

/**
 * An issuer's address serves its page to browsers and its JSON profile to machines that ask for
 * JSON (proxy.ts), so caches in front of the app must key it on Accept as well.
 */
export function varyFor(key: string): string {
  return /^\/issuers\/[^/?]+\/?(\?|$)/.test(key) ? 'Cookie, Accept' : 'Cookie';
}

/** What isCacheableRequest reads: a fetch Request, a NextRequest, or an adapter over node's IncomingMessage. */
export type RequestLike = { method: string; headers: { get(name: string): string | null; has(name: string): boolean } };

// `generation` goes up on every clear: a fill that started before a clear (a publish) must not
// store the page it rendered from the old data.
type Store = { pages: Map<string, CachedPage>; inflight: Map<string, Promise<CachedPage | Response>>; bytes: number; generation: number };

const TTL_MS = Number(process.env.PAGE_CACHE_TTL_MS || 30_000);
/** How long a kept public page (or anything as public, such as a credential document) may be served after it changed elsewhere. */
export const PAGE_CACHE_TTL_MS = TTL_MS > 0 ? TTL_MS : 30_000;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
export const FILL_HEADER = 'x-page-cache';

// On globalThis: proxy.ts and the app's server actions are bundled separately but share a process.
const g = globalThis as typeof globalThis & { __microcredPageCache?: Store };
const store: Store = (g.__microcredPageCache ??= { pages: new Map(), inflight: new Map(), bytes: 0, generation: 0 });

/** The public pages whose anonymous HTML is the same for everyone. */
const CACHEABLE_PATH = /^\/(?:|catalog|micro-credentials\/[a-z0-9-]{1,100}(?:\/versions\/[1-9][0-9]{0,5})?|tracks\/[a-z0-9-]{1,100}|stacks\/[a-z0-9-]{1,100}|issuers\/[a-z0-9-]{1,100}|credentials\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/** On in production builds; `PAGE_CACHE=off` or `PAGE_CACHE_TTL_MS=0` turns it off. Off in `next dev`. */
export function pageCacheEnabled(): boolean {
  return TTL_MS > 0 && process.env.PAGE_CACHE !== 'off' && process.env.NODE_ENV === 'production';
}

/** An Accept header asking for JSON (or JSON-LD) rather than a page. */
export function wantsJson(accept: string): boolean {
  return /application\/(ld\+)?json/.test(accept) && !accept.includes('text/html');
}

/** Whether this request may be answered from the cache: an anonymous, plain page load of a public page. */
export function isCacheableRequest(req: RequestLike, pathname: string, search: URLSearchParams): boolean {
  if (req.method !== 'GET' || !pageCacheEnabled()) return false;
  if (!CACHEABLE_PATH.test(pathname)) return false;
  const h = req.headers;
  if (h.has(FILL_HEADER) || h.has('rsc') || h.has('next-action') || h.has('next-router-prefetch') || h.has('next-router-state-tree')) return false;
  if (search.has('_rsc')) return false;
  if (SESSION_COOKIE.test(h.get('cookie') ?? '')) return false;
  const accept = h.get('accept') ?? '*/*';
  // Machines asking for JSON (an issuer's profile, see proxy.ts) never get the cached page, even
  // with a */* fallback in their Accept header (axios sends "application/json, text/plain, */*").
  if (wantsJson(accept)) return false;
  return accept.includes('text/html') || accept.includes('*/*');
}

/** A fresh entry for `key`, or undefined (expired entries are left for the next fill to replace). */
export function freshPage(key: string): CachedPage | undefined {
  const cached = store.pages.get(key);
  if (!cached || cached.expires <= Date.now()) return undefined;
  store.pages.delete(key);
  store.pages.set(key, cached);
  return cached;
}

/** Whether `key` (path and query, as from cacheKey) names a page this cache may hold. */
export function isCacheableKey(key: string): boolean {
  const q = key.indexOf('?');
  return CACHEABLE_PATH.test(q === -1 ? key : key.slice(0, q));
}

// The key travels to app/page-cache/route.ts in the rewrite's query. Next decodes and re-encodes a
// rewrite's query on the way, so a key's own `&` would split it (`/catalog?level=2&q=x` arriving as
// `/catalog?level=2`): it goes as base64url, which has no character Next could reinterpret.
export function encodeKeyParam(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** The key from encodeKeyParam, or '' for anything that is not one. */
export function decodeKeyParam(param: string | null): string {
  if (!param || !/^[A-Za-z0-9_-]+$/.test(param)) return '';
  return Buffer.from(param, 'base64url').toString('utf8');
}

/** Query parameters in a stable order, so `?a=1&b=2` and `?b=2&a=1` share an entry. */
export function cacheKey(pathname: string, search: URLSearchParams): string {
  const params = [...search.entries()].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  const qs = new URLSearchParams(params).toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

// Hop-by-hop and per-response headers are not replayed; the body is re-encoded per request.
const DROP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date', 'set-cookie', 'vary', 'x-page-cache']);

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

async function render(origin: string, key: string): Promise<CachedPage | Response> {
  const res = await fetch(`${origin}${key}`, {
    headers: { [FILL_HEADER]: 'fill', accept: 'text/html', 'accept-encoding': 'identity' },
    redirect: 'manual',
    cache: 'no-store',
    signal: AbortSignal.timeout(15_000),
  });
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || !type.startsWith('text/html') || res.headers.has('set-cookie')) return res;
  const rendered = new Uint8Array(await res.arrayBuffer());
  if (rendered.byteLength > MAX_PAGE_BYTES) return new Response(rendered, { status: res.status, headers: res.headers });
  // Anonymous visitors get plain HTML, without the client runtime (lib/http/static-html.ts).
  const html = withoutClientRuntime(new TextDecoder().decode(rendered));
  const body = html === null ? rendered : new TextEncoder().encode(html);
  const headers: [string, string][] = [];
  res.headers.forEach((value, name) => {
    if (DROP.has(name)) return;
    // A page kept without scripts may run none: even markup injected into it could not.
    headers.push([name, html !== null && name === 'content-security-policy' ? withoutScripts(value) : value]);
  });
  // Compressed once per fill, off the event loop (zlib's thread pool). Brotli at quality 5: about
  // gzip's speed with a smaller result; the top qualities cost tens of ms per page.
  const [gz, br] = await Promise.all([
    gzipAsync(body, { level: 6 }),
    brotliAsync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
  ]);
  return {
    status: 200,
    headers,
    body,
    gzip: new Uint8Array(gz),
    br: new Uint8Array(br),
    expires: Date.now() + TTL_MS,
    bytes: body.byteLength + gz.byteLength + br.byteLength,
    vary: varyFor(key),
  };
}

function remember(key: string, page: CachedPage) {
  const old = store.pages.get(key);
  if (old) store.bytes -= old.bytes;
  store.pages.delete(key);
  store.pages.set(key, page);
  store.bytes += page.bytes;
  // Oldest first: Map keeps insertion order, and hits re-insert.
  for (const [k, p] of store.pages) {
    if (store.bytes <= MAX_BYTES) break;
    store.pages.delete(k);
    store.bytes -= p.bytes;
  }
}

/**
 * The cached page for `key`, rendering it through `origin` on a miss. Returns the inner response
 * as is when it is not cacheable (a redirect, a 404, a page that set a cookie).
 */
export async function getOrRender(origin: string, key: string): Promise<{ page: CachedPage | Response; hit: boolean }> {
  const cached = freshPage(key);
  if (cached) return { page: cached, hit: true };
  let pending = store.inflight.get(key);
  if (!pending) {
    const generation = store.generation;
    const fill: Promise<CachedPage | Response> = render(origin, key)
      .then((page) => {
        if (!(page instanceof Response) && store.generation === generation) remember(key, page);
        return page;
      })
      .finally(() => {
        if (store.inflight.get(key) === fill) store.inflight.delete(key);
      });
    pending = fill;
    store.inflight.set(key, fill);
  }
  const page = await pending;
  // Waiters on a shared uncacheable response each need their own copy of the body.
  return { page: page instanceof Response ? page.clone() : page, hit: false };
}

/** The HTTP response for a cached page (Next compresses it on the way out). */
export function toResponse(page: CachedPage, hit: boolean): Response {
  const headers = new Headers(page.headers);
  headers.set('vary', page.vary);
  headers.set(FILL_HEADER, hit ? 'hit' : 'miss');
  return new Response(page.body as BodyInit, { status: page.status, headers });
}

/** Drops every cached page on this server (after publishing or retiring something public). */
export function clearPageCache() {
  store.generation++;
  store.pages.clear();
  store.inflight.clear();
  store.bytes = 0;
}

/** Where this server can reach itself: INTERNAL_URL, else its own port on HOST or loopback. */
export function internalOrigin(): string {
  if (process.env.INTERNAL_URL) return process.env.INTERNAL_URL.replace(/\/$/, '');
  // A server bound to one address (HOST) is not listening on loopback.
  const host = process.env.HOST && !['0.0.0.0', '::', 'localhost'].includes(process.env.HOST) ? process.env.HOST : '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${process.env.PORT || 3000}`;
}
