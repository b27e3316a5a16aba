/** The longest link an answer keeps (longer ones are refused, said as such: linkProblem). */
export const LINK_MAX_CHARS = 2000;

/** How a link is named in a message: as typed, its start only when it is long. */
function shown(link: string) {
  return link.length > 80 ? `${link.slice(0, 60)}…` : link;
}

/**
 * Whether the browser (and the server) can read `link` as an http(s) web address. Not with a space,
 * a line break or another control character in it: the browser drops some of those before reading
 * an address, so it would open another page than the one the link shows.
 */
function isWebAddress(link: string) {
  if (!/^https?:\/\//i.test(link) || /[\s\u0000-\u001f\u007f]/.test(link)) return false;
  try {
    new URL(link);
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a link in an answer, in plain words naming the link (its start, when long) and
 * why, or null when it can be kept: the teacher is told which link to fix, not that "each link" must.
 */
export function linkProblem(link: string): string | null {
  if (!link) return 'One of the links is empty. Remove it, or type the whole web address.';
  if (link.length > LINK_MAX_CHARS) return `The link “${shown(link)}” is longer than 2,000 characters, so it cannot be kept. Use a shorter link to the same page (many sites offer one under Share).`;
  if (!/^https?:\/\//i.test(link)) return `The link “${shown(link)}” does not start with http:// or https://. Type the whole web address, starting with https://.`;
  if (!isWebAddress(link)) return `The link “${shown(link)}” is not a valid web address. Check it for a typing mistake, such as a character that does not belong in a web address.`;
  return null;
}

/**
 * The http(s) addresses in a text, once each and 20 at most. Punctuation around an address, as in
 * "(see https://example.org/unit.)", is not part of it. Text that only looks like an address (one
 * no browser could open, such as "https://ex^ample.com/") is left as text, as "www.example.org" is,
 * rather than sent as a link the server would refuse, blocking the whole answer. A real address too
 * long to keep is still sent, so the teacher is told which one to shorten (linkProblem).
 */
export function extractLinks(text: string): string[] {
  const tokens = text.split(/\s+/).map((t) => t.replace(/^[("'[<]+/, '').replace(/[)"'\].,;:!?>]+$/, ''));
  return [...new Set(tokens.filter((t) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(t) && (t.length > LINK_MAX_CHARS || isWebAddress(t))))].slice(0, 20);
}
