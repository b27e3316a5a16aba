// Reading rendered markup (renderToStaticMarkup's output) the way a reader sees it, so a test can
// assert on words rather than on how React happened to split them into tags.

// React escapes text and attribute values as &amp; &quot; &#x27; &lt; &gt;; our markdown and the
// plain HTML error pages use numeric references (&#39;, &#38;), which the pattern below decodes too.
const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

/**
 * `s` with its character references decoded, in one pass: `&amp;lt;` reads `&lt;`, as a browser
 * shows it, not `<`. A name it does not know is left as it is.
 */
export const decodeEntities = (s: string) =>
  s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (ref, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (NAMED[name!] ?? ref),
  );

// Whitespace, including the no-break spaces dates and times are formatted with, reads as one space.
const words = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The text of `html`: every tag read as a space, entities decoded, whitespace collapsed, trimmed.
 * Text in separate elements (cells, list items, a label and its value) stays apart.
 */
export const textOf = (html: string) => words(decodeEntities(html.replace(/<[^>]+>/g, ' ')));

/**
 * Like `textOf`, but tags vanish rather than reading as a space: for a sentence React splits with
 * `<!-- -->` where text and values meet (`Hello<!-- -->, <!-- -->Maya` reads `Hello, Maya`), or one
 * that runs through a link or a `<strong>`.
 */
export const textJoined = (html: string) => words(decodeEntities(html.replace(/<[^>]+>/g, '')));

/**
 * The decoded href of the first link whose content starts with `markup`, or null when there is none.
 * `markup` is matched as it stands right after the `<a …>` tag, so an apostrophe in it is `&#x27;`.
 */
export const hrefOf = (html: string, markup: string) => {
  const m = new RegExp(`<a[^>]*href="([^"]+)"[^>]*>${markup.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(html);
  return m ? decodeEntities(m[1]) : null;
};
