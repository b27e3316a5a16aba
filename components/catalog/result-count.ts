// The line above the catalogue's results: what a search or filter found, counted, so a visitor (and a
// screen reader, which announces it) knows at once how much matched before reading the cards.

import { figure } from '@/lib/plural';
import { CATALOG_COUNT_CAP } from '@/lib/catalog/schemas';

type Kind = 'TRACK' | 'MICRO_CREDENTIAL' | 'STACK';

const NOUNS: Record<Kind, [string, string]> = {
  MICRO_CREDENTIAL: ['micro-credential', 'micro-credentials'],
  TRACK: ['track', 'tracks'],
  STACK: ['stack', 'stacks'],
};
const ORDER: Kind[] = ['MICRO_CREDENTIAL', 'TRACK', 'STACK'];

/**
 * "10 micro-credentials and tracks" or "1 stack" when the page holds every match. When it does not:
 * "57 results" once they were counted (`total`; past `cap`, "more than 1,000 results"), else
 * "more than 24 results".
 */
export function countedResults(count: number, kinds: Kind[], more: boolean, total: number | null = null, cap = CATALOG_COUNT_CAP): string {
  if (more && total !== null && total > count) return total > cap ? `more than ${figure(cap)} results` : `${figure(total)} results`;
  if (more) return `more than ${count} results`;
  const present = ORDER.filter((k) => kinds.includes(k));
  if (!present.length) return `${count} ${count === 1 ? 'result' : 'results'}`;
  const words = present.map((k) => NOUNS[k][count === 1 ? 0 : 1]);
  return `${count} ${words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`}`;
}

/**
 * The whole line. `more`: there is a next page, so the first page's count is a lower bound;
 * `continued`: a later page, where the count of the first is not known.
 */
export function catalogResultLine({ q, filtered, count, kinds, more, continued, total = null }: { q?: string; filtered: boolean; count: number; kinds: Kind[]; more: boolean; continued: boolean; total?: number | null }): string {
  if (!q && !filtered) return 'Newest first';
  if (continued) return q ? `Best matches for “${q}”${filtered ? ' with these filters' : ''}, continued` : 'Matching these filters, newest first, continued';
  const found = countedResults(count, kinds, more, total);
  if (q) return `Best matches for “${q}”${filtered ? ' with these filters' : ''}: ${found}`;
  const one = count === 1 && !more;
  return `${found.charAt(0).toUpperCase()}${found.slice(1)} ${one ? 'matches' : 'match'} these filters, newest first`;
}
