import { createHash } from 'node:crypto';
import { isDomainError } from '@/lib/errors';

// A small page of its own for route handlers (files, certificates, badge images) that a person may
// open in a browser tab: there, a bare "Not found" in plain text reads as a broken site. Route
// handlers do not go through the app's layout, so this page carries its own styles, in the same
// colours and type as app/not-found.tsx and app/forbidden, and needs no script.

/**
 * Whether the request is a page load in a browser tab (its Accept names text/html), rather than an
 * <img>, a fetch or a machine (those ask for an image, for anything or for JSON, and keep their plain
 * answers).
 */
export function acceptsHtml(req: Request): boolean {
  return (req.headers.get('accept') ?? '').toLowerCase().includes('text/html');
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Tailwind's slate and the app's brand colours (app/globals.css), at the app's sizes.
const STYLE = [
  'html{color-scheme:light;overflow-wrap:break-word}',
  "body{margin:0;background:#f8fafc;color:#0f172a;font-family:ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;line-height:1.5;-webkit-font-smoothing:antialiased}",
  'header{border-bottom:1px solid #e2e8f0;background:#fff}',
  'header div{max-width:72rem;margin:0 auto;padding:.75rem 1rem}',
  'header a{font-weight:700;font-size:1.125rem;color:#0f172a;text-decoration:none}',
  'main{max-width:36rem;margin:0 auto;padding:4rem 1rem;text-align:center}',
  '.code{margin:0;font-size:.875rem;font-weight:600;color:#1e40af}',
  'h1{margin:.5rem 0 0;font-size:1.875rem;line-height:2.25rem;font-weight:700;text-wrap:balance}',
  'p{margin:.75rem 0 0;color:#334155}',
  'ul{list-style:none;margin:1.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;justify-content:center;gap:.75rem 1.5rem}',
  'a{color:#1e40af;text-decoration:underline;text-underline-offset:2px}',
  'a:hover{text-decoration-thickness:2px}',
  ':focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}',
].join('');
// The style is allowed by its hash: nothing else may load or run on the page.
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export type HtmlPage = {
  status: number;
  /** The tab's title (the app adds " · Microcred" to every page's). */
  title: string;
  /** The small line above the heading, as on the app's 404 and 403 pages ("404"). */
  code?: string;
  heading: string;
  /** Plain sentences, one paragraph each. */
  paragraphs: string[];
  links: { href: string; text: string }[];
};

/** The page as a Response: never cached, as it depends on who asks and on their Accept header. */
export function htmlPageResponse(page: HtmlPage): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · Microcred</title>
<style>${STYLE}</style>
</head>
<body>
<header><div><a href="/">Microcred</a></div></header>
<main>
${page.code ? `<p class="code">${escapeHtml(page.code)}</p>\n` : ''}<h1>${escapeHtml(page.heading)}</h1>
${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<ul>
${page.links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`).join('\n')}
</ul>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: page.status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', vary: 'Accept', 'content-security-policy': CSP },
  });
}

/**
 * The query parameter that brings a person back to a report page after signing in for one of its
 * downloads: the page then says they are signed in and can choose the download again.
 */
export const DOWNLOAD_AGAIN_PARAM = 'downloadAgain';

/** Whether a page's search params say the person has just signed in to download from it. */
export function cameToDownloadAgain(searchParams: Record<string, string | string[] | undefined>): boolean {
  return searchParams[DOWNLOAD_AGAIN_PARAM] === '1';
}

/**
 * For a download (a CSV export) opened from a link on a page: a person signed out is sent to sign
 * in and then back to that page (`page`: its path on this site, with the filters it had), not to the
 * download itself. Sent back to the download, the browser would save the file and leave the tab on
 * the sign-in page, which looks as if signing in failed. A browser tab is redirected; anything else
 * that asks (a fetch, a script) gets a 401 page with the same sign-in link. The sign-in page follows
 * only same-site paths (safeCallbackUrl).
 */
export function signInToDownload(request: Request, page: string): Response {
  const back = `${page}${page.includes('?') ? '&' : '?'}${DOWNLOAD_AGAIN_PARAM}=1`;
  const signIn = `/sign-in?callbackUrl=${encodeURIComponent(back)}`;
  if (acceptsHtml(request)) return new Response(null, { status: 307, headers: { location: signIn, 'cache-control': 'no-store' } });
  return htmlPageResponse({
    status: 401, title: 'Sign in to download', code: '401', heading: 'Sign in to download this file',
    paragraphs: ['You need to be signed in to download this file. Sign in, and you will come back to the page it is offered on to download it again.'],
    links: [{ href: signIn, text: 'Sign in' }],
  });
}

/**
 * A download refused (403), for something that does not exist (404), or asked for with a link
 * that is not right (400): said in plain words on a page of its own, with links back (to the page
 * the download is offered on, the person's home page).
 */
export function downloadErrorPage(opts: { status: 400 | 403 | 404; message: string; links: { href: string; text: string }[] }): Response {
  const heading = opts.status === 403 ? 'You cannot download this file' : opts.status === 404 ? 'We could not find what to download' : 'We could not make this download';
  return htmlPageResponse({
    status: opts.status, title: heading, code: String(opts.status), heading,
    paragraphs: [opts.message],
    links: opts.links,
  });
}

type PageLink = { href: string; text: string };

/**
 * A download's failure as its page, when it is the domain's refusal: signed out, sign in and come
 * back to the page as it was asked for (`back`); refused (403) or not found (404), links to the
 * person's own list (`mine`) and home; anything else is the link's fault (400), with links back to
 * that page (`back`) and home. Null for any other error, which the caller rethrows.
 */
export function downloadRefusalPage(request: Request, e: unknown, links: { back: PageLink; mine: PageLink; home: PageLink }): Response | null {
  if (!isDomainError(e)) return null;
  if (e.code === 'UNAUTHENTICATED') return signInToDownload(request, links.back.href);
  if (e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND') return downloadErrorPage({ status: e.code === 'FORBIDDEN' ? 403 : 404, message: e.message, links: [links.mine, links.home] });
  return downloadErrorPage({ status: 400, message: e.message, links: [links.back, links.home] });
}

