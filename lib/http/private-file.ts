import { NextResponse } from 'next/server';
import { homePath, type Actor } from '@/lib/auth/actor';
import { acceptsHtml, htmlPageResponse } from '@/lib/http/html-page';

// The answers the private file routes share (evidence, /files/{id}; certificates of other
// learning, /other-learning/certificates/{id}): each checks who is asking against the record, then
// redirects to a signed URL valid for five minutes, never cached.

/**
 * Signed out: a person following the link in a tab signs in and comes back to it (whether it
 * exists is only looked up once they have); anything else (a fetch, a script) gets a plain 401.
 * `back` is the route's own path, with its query.
 */
export function signInToOpen(request: Request, back: string): Response {
  if (!acceptsHtml(request)) return new NextResponse('Sign in to view this file.', { status: 401, headers: { 'cache-control': 'no-store' } });
  return new Response(null, { status: 307, headers: { location: `/sign-in?callbackUrl=${encodeURIComponent(back)}`, 'cache-control': 'no-store' } });
}

/** The redirect to the short-lived signed URL: never cached, and the URL never sent on as a referrer. */
export function redirectToSignedUrl(url: string): Response {
  return NextResponse.redirect(url, { status: 302, headers: { 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } });
}

/** The same answer for a file that does not exist and one this person may not open. */
export function fileNotFound(request: Request, actor: Actor): Response {
  if (!acceptsHtml(request)) return new NextResponse('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
  return htmlPageResponse({
    status: 404,
    title: 'File not found',
    code: '404',
    heading: 'We could not find that file',
    paragraphs: ['Either there is no such file, or it is not one your account can open. If someone sent you this link, ask them to check it.'],
    links: [{ href: homePath(actor), text: 'Go to my home page' }],
  });
}
