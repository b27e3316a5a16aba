/**
 * A stored web address as a link target: the address, as a browser reads it, when it is an absolute
 * http: or https: URL; otherwise null, and the caller shows its text without a link.
 *
 * For addresses that admins typed in and that are shown to others: a resource's link, a standard's
 * (alignment's) link, an alignment read back from a signed badge. The authoring schemas accept only
 * http(s) for these (ADR 020), but versions published before that rule may hold anything, e.g.
 * `javascript:` (which would run in the reader's page when clicked) or `data:`.
 *
 * - Parsed with the URL parser browsers use, and the parsed form is returned: what is checked is what
 *   the browser follows. It drops tabs, newlines and leading or trailing spaces and control characters
 *   ("java\tscript:", " javascript:"), and reads the scheme case-insensitively ("JAVASCRIPT:"), so
 *   none of those gets past the check.
 * - Absolute only: a relative path or "//evil.example" has no page to be relative to here, and would
 *   resolve against this site. "http:example.org" parses as http://example.org/ and is allowed.
 * - mailto: is refused on purpose. These fields are web addresses (the editor asks for one and the
 *   schema accepts nothing else), a resource opens in a new tab as a web page, and one rule for
 *   showing and for saving means what an admin sees as a link is what they could save today. An old
 *   mailto: value stays readable as the resource's title or standard's name, without a link.
 *   (Markdown text keeps its own rule, lib/markdown.ts, which allows mailto: links in prose.)
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
}
