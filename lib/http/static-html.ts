// Anonymous visitors get the public pages (catalogue, credential definitions, tracks, stacks,
// issuers, the home page) as plain HTML: the page cache stores them without the React and Next
// client runtime (ADR 007). These pages are links, a GET search form and text; everything on them
// works as HTML, so a visitor on a phone downloads about 5 kB of compressed HTML instead of that
// plus about 135 kB of JavaScript and an RSC payload that doubles the HTML, and nothing has to run
// before the page is usable. Signed-in people, who use forms that need the app, get the full app.
//
// What is removed: every <script> except structured data (JSON-LD, never executed), and the
// <link rel="preload" as="script"> / rel="modulepreload" hints for the removed chunks. The page is
// marked `<html data-static>` so CSS can hide controls that only work with JavaScript
// (`.js-only`, see globals.css). A page whose HTML still depends on a script to show its content
// (React's streamed Suspense boundaries, moved into place by inline scripts) is left as it is.

const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script>/gi;
const SCRIPT_HINT = /<link\b[^>]*\b(?:as="script"|rel="modulepreload")[^>]*>/gi;
// React's streaming: content rendered after the shell arrives in hidden <div id="S:n"> and is
// swapped into its <template id="B:n"> placeholder by $RC / $RS scripts.
const STREAMED = /<template id="B:|<div hidden id="S:|\$RC\(|\$RS\(|\$RX\(/;
const HTML_OPEN = /<html\b/i;

/** A CSP that allows no script at all, for a page served without any (the rest unchanged). */
export function withoutScripts(csp: string): string {
  const directives = csp.split(';').map((d) => d.trim()).filter((d) => d && !/^script-src(-elem|-attr)?\s/i.test(d));
  return [...directives, "script-src 'none'"].join('; ');
}

/** The page without the client runtime, or null when the page needs it to show its content. */
export function withoutClientRuntime(html: string): string | null {
  if (STREAMED.test(html) || !HTML_OPEN.test(html)) return null;
  return html
    .replace(SCRIPT, (tag, attrs: string) => (/\btype="application\/ld\+json"/i.test(attrs) ? tag : ''))
    .replace(SCRIPT_HINT, '')
    .replace(HTML_OPEN, '<html data-static=""');
}
