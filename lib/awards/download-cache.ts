import 'server-only';
import { createHash } from 'node:crypto';

/**
 * How a badge's files (badge.png, badge.svg, certificate.pdf) may be cached. What they hold changes
 * with the badge's standing: a revoked badge's picture is greyed, marked and has no credential baked
 * in, and its downloads and certificate answer 410; a suspended badge's certificate carries a
 * SUSPENDED banner that goes once it is reinstated; a badge deleted with its holder's account has
 * no files at all. So a cache (the browser's, a proxy's, a link preview's) may keep a copy but must
 * ask again before each use; unchanged, the answer is a 304 with no body.
 */
export const BADGE_FILE_CACHE_CONTROL = 'public, no-cache';

/** A strong validator: the hash of the exact bytes, so it changes whenever what is served does. */
export function contentEtag(body: Uint8Array | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * A badge file's answer: the body with its ETag and BADGE_FILE_CACHE_CONTROL, or 304 Not Modified
 * (same validators, no body) when the request already holds these exact bytes.
 */
export function badgeFileResponse(req: Request, body: Uint8Array | string, headers: Record<string, string>): Response {
  const etag = contentEtag(body);
  const validators = { etag, 'cache-control': BADGE_FILE_CACHE_CONTROL };
  if (etagMatches(req.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers: validators });
  return new Response(typeof body === 'string' ? body : Buffer.from(body), { headers: { ...headers, ...validators } });
}
