import { env } from '@/lib/env';
import { acceptsHtml, htmlPageResponse } from '@/lib/http/html-page';

// What an issued badge's files (/credentials/{id}/credential.json, badge.png, badge.svg,
// certificate.pdf) answer for an id that is no badge: one 404 for all four. A person who opened the
// link in a tab gets a page that says so and where to go; an <img>, a download or a verifier gets
// the same sentence as plain text (JSON for credential.json), never an error from inside the app.

const HEADERS = { 'cache-control': 'no-store', vary: 'Accept' };

/** The plain-text (and JSON) answer: what happened and what to do, with the verify page's address. */
export function credentialNotFoundMessage(): string {
  return `No badge was found at this address. Check the link, or check a badge at ${new URL('/verify', env().APP_URL)}.`;
}

export function credentialNotFound(req: Request, file: 'certificate' | 'badge' | 'credential'): Response {
  if (acceptsHtml(req)) {
    const what = file === 'certificate' ? 'certificate' : 'badge';
    return htmlPageResponse({
      status: 404,
      title: `${what === 'certificate' ? 'Certificate' : 'Badge'} not found`,
      code: '404',
      heading: `We could not find that ${what}`,
      paragraphs: [
        'No badge issued here has this address. The link may be mistyped or cut short: check it against the one you were given, or ask the person who shared it to send it again.',
      ],
      links: [
        { href: '/verify', text: 'Verify a badge' },
        { href: '/', text: 'Go to the home page' },
      ],
    });
  }
  if (file === 'credential') return Response.json({ error: 'Not found', message: credentialNotFoundMessage() }, { status: 404, headers: HEADERS });
  return new Response(`${credentialNotFoundMessage()}\n`, { status: 404, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
