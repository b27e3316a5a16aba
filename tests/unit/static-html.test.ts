import { describe, expect, it } from 'vitest';
import { withoutClientRuntime, withoutScripts } from '@/lib/http/static-html';

// The shape Next 16 renders (trimmed): chunk scripts and a preload hint in <head>, the RSC payload
// as inline scripts at the end of <body>.
const nonce = 'bm9uY2U=';
const page = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
  `<link rel="stylesheet" href="/_next/static/css/app.css" nonce="${nonce}" data-precedence="next"/>`,
  `<link rel="preload" as="script" fetchPriority="low" nonce="${nonce}" href="/_next/static/chunks/turbopack-abc.js"/>`,
  `<link rel="modulepreload" href="/_next/static/chunks/x.js"/>`,
  `<script src="/_next/static/chunks/react-dom.js" async="" nonce="${nonce}"></script>`,
  '<title>Catalogue · Microcred</title>',
  `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${nonce}"></script>`,
  '</head><body class="flex"><div hidden=""><!--$--><!--/$--></div>',
  '<header role="banner"><a href="/catalog">Catalogue</a></header>',
  '<main id="main"><form method="get" action="/catalog" role="search"><input name="q"/></form>',
  '<button type="button" class="js-only no-print">Print or save as PDF</button>',
  '<script type="application/ld+json">{"@type":"Course","name":"Agenda"}</script></main>',
  `<script src="/_next/static/chunks/turbopack-abc.js" nonce="${nonce}" id="_R_" async=""></script>`,
  `<script nonce="${nonce}">(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script nonce="${nonce}">self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script>`,
  '</body></html>',
].join('');

describe('withoutClientRuntime', () => {
  const out = withoutClientRuntime(page)!;

  it('removes every executable script and the hints that preload them', () => {
    expect(out).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    expect(out).not.toContain('/_next/static/chunks/');
    expect(out).not.toContain('__next_f');
    expect(out).not.toContain('as="script"');
    expect(out).not.toContain('modulepreload');
  });

  it('keeps the content, the styles, structured data and the title', () => {
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/css/app.css"');
    expect(out).toContain('<title>Catalogue · Microcred</title>');
    expect(out).toContain('<form method="get" action="/catalog" role="search"><input name="q"/></form>');
    expect(out).toContain('<script type="application/ld+json">{"@type":"Course","name":"Agenda"}</script>');
    expect(out.endsWith('</main></body></html>')).toBe(true);
  });

  it('marks the page static so JavaScript-only controls can be hidden', () => {
    expect(out.startsWith('<!DOCTYPE html><html data-static="" lang="en">')).toBe(true);
    expect(out).toContain('class="js-only no-print"');
  });

  it('leaves a page alone when its content still needs a script to be shown', () => {
    const streamed = page.replace('</main>', '<template id="B:0"></template></main><div hidden id="S:0"><p>Late</p></div><script>$RC("B:0","S:0")</script>');
    expect(withoutClientRuntime(streamed)).toBeNull();
    expect(withoutClientRuntime('not a page')).toBeNull();
  });

  it('does not take an attribute that mentions a script tag for a tag', () => {
    // React leaves < and > unescaped inside attribute values.
    const attr = page.replace('<main id="main">', '<main id="main"><img alt="Using <script> tags safely" src="/b.png"/><meta name="x" content="a><script>b"/><p>Body text</p>');
    const out = withoutClientRuntime(attr)!;
    expect(out).toContain('<img alt="Using <script> tags safely" src="/b.png"/><meta name="x" content="a><script>b"/><p>Body text</p>');
    expect(out).toContain('<form method="get" action="/catalog" role="search"><input name="q"/></form>');
    expect(out).not.toContain('__next_f');
  });

  it('does not cut page text that merely mentions a script tag', () => {
    const text = page.replace('<main id="main">', '<main id="main"><p>Use &lt;script&gt; tags sparingly</p>');
    expect(withoutClientRuntime(text)).toContain('<p>Use &lt;script&gt; tags sparingly</p>');
  });
});

describe('withoutScripts', () => {
  it('replaces every script directive with none and keeps the rest', () => {
    const csp = "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; script-src-elem 'self'; frame-ancestors 'none'";
    expect(withoutScripts(csp)).toBe("default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; script-src 'none'");
  });
});
