// Live regions in rendered markup (renderToStaticMarkup's output, which is well formed): a live
// region inside another one may be read out twice, so a page should have none.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const isLive = (attrs: string) => /\saria-live="(polite|assertive)"/.test(attrs) || /\srole="(status|alert|log)"/.test(attrs);

/** The opening tags of live regions found inside another live region. */
export function nestedLiveRegions(html: string): string[] {
  const found: string[] = [];
  const stack: boolean[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, closing, name, attrs] = m;
    if (closing) {
      stack.pop();
      continue;
    }
    const live = isLive(attrs);
    if (live && stack.includes(true)) found.push(tag);
    if (!VOID.has(name.toLowerCase()) && !attrs.endsWith('/')) stack.push(live);
  }
  return found;
}

/**
 * The opening tags of the live regions around the first occurrence of `text` (outermost first):
 * text said once has exactly one. Empty when `text` is not there.
 */
export function liveRegionsAround(html: string, text: string): string[] {
  const at = html.indexOf(text);
  if (at < 0) return [];
  const stack: { tag: string; live: boolean }[] = [];
  for (const m of html.slice(0, at).matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, closing, name, attrs] = m;
    if (closing) stack.pop();
    else if (!VOID.has(name.toLowerCase()) && !attrs.endsWith('/')) stack.push({ tag, live: isLive(attrs) });
  }
  return stack.filter((e) => e.live).map((e) => e.tag);
}
