/**
 * The http(s) addresses in a text, once each and 20 at most. Punctuation around an address, as in
 * "(see https://example.org/unit.)", is not part of it.
 */
export function extractLinks(text: string): string[] {
  const tokens = text.split(/\s+/).map((t) => t.replace(/^[("'[<]+/, '').replace(/[)"'\].,;:!?>]+$/, ''));
  return [...new Set(tokens.filter((t) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(t)))].slice(0, 20);
}
