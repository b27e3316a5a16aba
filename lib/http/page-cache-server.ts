// Cache hits answered by the app's own HTTP server (scripts/server.ts) before Next sees the request.
// A hit through Next (proxy → /page-cache route) costs about 3 ms of CPU, most of it gzip of the
// page on every response: Next strips Content-Encoding from responses a proxy or route returns, so
// it cannot send the copy compressed at fill time. Here the stored gzip or brotli bytes go out as
// they are, for about as much as a static file costs. Misses, and everything else, go to Next.
// See docs/decisions/006-anonymous-page-cache.md.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { cacheKey, FILL_HEADER, freshPage, isCacheableRequest, type CachedPage, type RequestLike } from './page-cache';

function headerValue(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(name === 'cookie' ? '; ' : ', ') : v;
}

function adapt(req: IncomingMessage): RequestLike {
  return {
    method: req.method ?? 'GET',
    headers: { get: (name) => headerValue(req.headers, name.toLowerCase()), has: (name) => req.headers[name.toLowerCase()] !== undefined },
  };
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts among br, gzip and none (RFC 9110 §12.5.3, q-values honoured). */
export function chooseEncoding(acceptEncoding: string | null): Encoding {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}

/** Writes a cached page to `res` in the chosen encoding. */
export function writeCachedPage(res: ServerResponse, page: CachedPage, encoding: Encoding) {
  const body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.body;
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader('vary', `${page.vary}, Accept-Encoding`);
  if (encoding !== 'identity') res.setHeader('content-encoding', encoding);
  res.setHeader('content-length', body.byteLength);
  res.setHeader(FILL_HEADER, 'hit');
  res.statusCode = page.status;
  res.end(body);
}

/**
 * Answers `req` from the page cache when it is an anonymous load of a public page whose entry is
 * fresh. Returns false (having written nothing) for everything else.
 */
export function serveCachedPage(req: IncomingMessage, res: ServerResponse): boolean {
  const raw = req.url ?? '/';
  // Only origin-form targets; Next answers anything odder.
  if (!raw.startsWith('/') || raw.startsWith('//')) return false;
  let url: URL;
  try {
    url = new URL(raw, 'http://page-cache.invalid');
  } catch {
    return false;
  }
  if (!isCacheableRequest(adapt(req), url.pathname, url.searchParams)) return false;
  const page = freshPage(cacheKey(url.pathname, url.searchParams));
  if (!page) return false;
  writeCachedPage(res, page, chooseEncoding(headerValue(req.headers, 'accept-encoding')));
  return true;
}
