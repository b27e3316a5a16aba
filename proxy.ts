import { NextResponse, type NextRequest } from 'next/server';
import { buildCsp, formTargets, storageOrigin } from '@/lib/security/csp';
import { cacheKey, encodeKeyParam, getOrRender, internalOrigin, isCacheableRequest, wantsJson } from '@/lib/http/page-cache';

// Security headers for every page. Authorization does NOT happen here: every page, action and route
// handler checks the signed-in person against the record itself.
export async function proxy(request: NextRequest) {
  // /issuers/{slug} is both a page and the issuer's JSON profile: machines asking for JSON get JSON.
  const accept = request.headers.get('accept') ?? '';
  if (/^\/issuers\/[^/]+\/?$/.test(request.nextUrl.pathname) && wantsJson(accept)) {
    const url = request.nextUrl.clone();
    url.pathname = `${request.nextUrl.pathname.replace(/\/$/, '')}/profile.json`;
    return NextResponse.rewrite(url);
  }
  // Public pages as anonymous visitors see them come from a short-lived cache (ADR 006).
  if (isCacheableRequest(request, request.nextUrl.pathname, request.nextUrl.searchParams)) {
    try {
      const key = cacheKey(request.nextUrl.pathname, request.nextUrl.searchParams);
      const { page, hit } = await getOrRender(internalOrigin(), key);
      if (page instanceof Response) return page;
      const url = request.nextUrl.clone();
      url.pathname = '/page-cache';
      url.search = new URLSearchParams({ k: encodeKeyParam(key), s: hit ? 'hit' : 'miss' }).toString();
      return NextResponse.rewrite(url);
    } catch (e) {
      // The cache is an optimisation: if the inner render fails, render this request normally.
      console.warn('page cache: falling back to a direct render:', e instanceof Error ? e.message : e);
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const dev = process.env.NODE_ENV !== 'production';
  // Plain-http deployments (local, CI) must not be told to upgrade to https.
  const secure = request.nextUrl.protocol === 'https:' || (process.env.APP_URL ?? '').startsWith('https://');
  const csp = buildCsp(nonce, { dev: dev || !secure, storage: storageOrigin(), formTargets: formTargets() });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: [
    // Pages only: static assets, images and machine endpoints skip the per-request nonce.
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico|robots.txt|files/|other-learning/certificates/|credentials/.+/credential.json|credentials/.+/badge|credentials/.+/certificate.pdf|issuers/.+/profile.json|status-lists|page-cache).*)',
      missing: [{ type: 'header', key: 'next-router-prefetch' }, { type: 'header', key: 'purpose', value: 'prefetch' }],
    },
  ],
};
