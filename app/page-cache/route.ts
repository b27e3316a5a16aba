import { NextResponse } from 'next/server';
import { decodeKeyParam, freshPage, getOrRender, internalOrigin, isCacheableKey, toResponse } from '@/lib/http/page-cache';

// Where proxy.ts hands an anonymous request for a public page once the page is in the cache
// (ADR 006). Serving it from a route (rather than from the proxy) lets Next compress it. Reached
// directly, it only ever shows a public page as anonymous visitors see it.
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  const key = decodeKeyParam(params.get('k'));
  if (!isCacheableKey(key)) return NextResponse.json({ error: 'Not found' }, { status: 404 });
  // Only a fresh copy: a stale one (an expired credential still shown as valid) is rendered again.
  const stored = freshPage(key);
  if (stored) return toResponse(stored, params.get('s') === 'hit');
  // Cleared between the proxy and here (a publish): fill again.
  const { page } = await getOrRender(internalOrigin(), key);
  return page instanceof Response ? page : toResponse(page, false);
}
