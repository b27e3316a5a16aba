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

// React writes text with `<` escaped and attribute values in double quotes with `"` escaped, so a
// `<` outside a quoted value always opens a tag or a comment. Tokenizing by tags (rather than
// searching for "<script") keeps an attribute such as alt="Using <script> tags" from being taken
// for a tag. Script content never holds "</script" (React escapes it).
const TOKEN = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^\s/>]*(?:\s+[^\s=/>"']+(?:=(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*\/?>|[^<]+|</g;
const SCRIPT_OPEN = /^<script\b/i;
const SCRIPT_CLOSE = /<\/script\s*>/gi;
const SCRIPT_HINT = /^<link\b(?=[^>]*\b(?:as="script"|rel="modulepreload"))/i;
const JSON_LD = /\btype="application\/ld\+json"/i;
// React's streaming: content rendered after the shell arrives in hidden <div id="S:n"> and is
// swapped into its <template id="B:n"> placeholder by $RC / $RS scripts.
const STREAMED = /<template id="B:|<div hidden id="S:|\$RC\(|\$RS\(|\$RX\(/;
const HTML_OPEN = /^<html\b/i;

/** A CSP that allows no script at all, for a page served without any (the rest unchanged). */
export function withoutScripts(csp: string): string {
  const directives = csp.split(';').map((d) => d.trim()).filter((d) => d && !/^script-src(-elem|-attr)?\s/i.test(d));
  return [...directives, "script-src 'none'"].join('; ');
}

/** The page without the client runtime, or null when the page needs it to show its content. */
export function withoutClientRuntime(html: string): string | null {
  if (STREAMED.test(html)) return null;
  let out = '';
  let marked = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const token = m[0];
    if (SCRIPT_OPEN.test(token)) {
      SCRIPT_CLOSE.lastIndex = TOKEN.lastIndex;
      const close = SCRIPT_CLOSE.exec(html);
      if (!close) return null; // not React's output: leave the page as rendered
      if (JSON_LD.test(token)) out += html.slice(m.index, SCRIPT_CLOSE.lastIndex);
      TOKEN.lastIndex = SCRIPT_CLOSE.lastIndex;
    } else if (SCRIPT_HINT.test(token)) {
      // dropped: it preloads a script the page no longer has
    } else if (!marked && HTML_OPEN.test(token)) {
      out += token.replace(HTML_OPEN, '<html data-static=""');
      marked = true;
    } else {
      out += token;
    }
  }
  return marked ? out : null;
}
