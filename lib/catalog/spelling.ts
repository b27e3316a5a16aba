/**
 * "Did you mean": corrects misspelt words of a catalogue search from the catalogue's own words.
 * Pure, so the page and the tests use the same rules; the vocabulary comes from
 * lib/catalog/queries.ts (the words of what is published, with how often each occurs).
 */

export type Vocabulary = {
  /** word (lower case) -> how often it occurs in what is published */
  counts: ReadonlyMap<string, number>;
  /** the same words grouped by length, so a lookup only compares words of a length within reach */
  byLength: ReadonlyMap<number, readonly string[]>;
};

export function createVocabulary(entries: Iterable<readonly [word: string, count: number]>): Vocabulary {
  const counts = new Map<string, number>();
  for (const [raw, count] of entries) {
    // NFKC, as the search box normalises a query (lib/catalog/schemas.ts): a suggestion is then
    // written as the search it links to reads it.
    const word = raw.normalize('NFKC').toLowerCase();
    if (word) counts.set(word, (counts.get(word) ?? 0) + count);
  }
  const byLength = new Map<number, string[]>();
  for (const word of counts.keys()) {
    const list = byLength.get(word.length);
    if (list) list.push(word);
    else byLength.set(word.length, [word]);
  }
  return { counts, byLength };
}

/** Shorter words are left alone: at three letters nearly every edit makes another real word. */
export const MIN_CORRECTED_LENGTH = 4;

/** How many edits a word of this length may be from its correction: 1 up to five letters, else 2. */
export function maxEditsFor(length: number): number {
  if (length < MIN_CORRECTED_LENGTH) return 0;
  return length <= 5 ? 1 : 2;
}

/**
 * Damerau-Levenshtein distance (the optimal-string-alignment form: insertions, deletions,
 * substitutions and swaps of two neighbouring letters), computed only as far as `max`: anything
 * further returns `max + 1`, which keeps a lookup over thousands of words cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[n], max + 1);
}

// Endings Postgres' English stemmer takes off (or folds together), so "praise" finds "praising" and
// "meeting" finds "meetings": a word that differs from a catalogue word only by one of these is
// already found by the search and must not be "corrected". An approximation of the stemmer, strict
// enough that common typos ("assesing", "familes", "basd") are not taken for other forms of a word.
const ENDINGS = ['', 's', 'es', 'e', 'ed', 'd', 'ing', 'ings', 'er', 'ers', 'y', 'ies', 'ied', 'ly', 'ion', 'ions', 'ment', 'ments'];
// "study", "studies", "studied" go together, but not with "-es": "familes" is not "families".
const Y_ENDINGS = new Set(['y', 'ies', 'ied']);
// Endings that may double a final consonant after one short vowel: "planning", "planned" are forms
// of "plan", but "questionning" is a typo, and "assessing" has no doubled letter to undo.
const DOUBLING = new Set(['ing', 'ings', 'ed', 'er', 'ers']);
const DOUBLED = /[^aeiou][aeiou]([bdglmnprt])\1$/;

type Stem = { stem: string; ending: string };

/** The ways a word could be a stem plus one ending. */
function stemsOf(word: string): Stem[] {
  const stems: Stem[] = [];
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const stem = word.slice(0, word.length - ending.length);
    if (stem.length < 3) continue;
    // "class", "focus", "analysis" are not plurals, so "assess" is not "asses" + "s" (nor "assesing" a form of it).
    if (ending === 's' && /[sui]$/.test(stem)) continue;
    // "used" is "use" + "d"; "basd" is nothing + "d".
    if (ending === 'd' && !stem.endsWith('e')) continue;
    stems.push({ stem, ending });
    if (DOUBLING.has(ending) && DOUBLED.test(stem)) stems.push({ stem: stem.slice(0, -1), ending });
  }
  return stems;
}

/** In the vocabulary, or another form (plural, -ing, -ed...) of a word that is. */
export function isKnownWord(word: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.counts.has(word)) return true;
  for (const { stem, ending } of stemsOf(word)) {
    for (const other of ENDINGS) {
      if (Y_ENDINGS.has(ending) !== Y_ENDINGS.has(other)) continue;
      const forms = DOUBLING.has(other) && DOUBLED.test(stem + stem.at(-1)) ? [stem + other, stem + stem.at(-1) + other] : [stem + other];
      for (const form of forms) {
        if (form !== word && vocabulary.counts.has(form) && stemsOf(form).some((s) => s.stem === stem && s.ending === other)) return true;
      }
    }
  }
  return false;
}

/**
 * The vocabulary word closest to `word` within its allowance of edits (see maxEditsFor), the more
 * frequent one on a tie; null when none is that close.
 */
export function closestWord(word: string, vocabulary: Vocabulary): string | null {
  const max = maxEditsFor(word.length);
  if (max === 0) return null;
  let best: { word: string; distance: number; count: number } | null = null;
  for (let length = word.length - max; length <= word.length + max; length++) {
    for (const candidate of vocabulary.byLength.get(length) ?? []) {
      const distance = editDistance(word, candidate, max);
      if (distance === 0 || distance > max) continue;
      const count = vocabulary.counts.get(candidate) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && (count > best.count || (count === best.count && candidate < best.word)))) {
        best = { word: candidate, distance, count };
      }
    }
  }
  return best?.word ?? null;
}

// Postgres' English stop words of four letters or more: the search ignores them, so they never
// cause "no results", and are never corrected.
const STOP_WORDS = new Set(
  ('about above after again against because been before being below between both does doing down during each from further have having here hers ' +
    'herself himself into itself more most myself once only other ours ourselves over same should some such than that their theirs them themselves ' +
    'then there these they this those through under until very were what when where which while whom with your yours yourself yourselves')
    .split(' '),
);

// A bound on the work per request: a search is at most 200 characters, but needs no more than this.
const MAX_CORRECTED_WORDS = 8;

/**
 * The query with each misspelt word replaced by its closest catalogue word, keeping everything else
 * as typed (quotes, "or", other words); null when nothing would change. Words the search excludes
 * ("-word") are left alone: they cannot be why a search found nothing.
 */
export function correctQuery(query: string, vocabulary: Vocabulary): string | null {
  const text = query.normalize('NFKC');
  let changed = false;
  let looked = 0;
  const corrected = text.replace(/\p{L}+/gu, (token: string, offset: number) => {
    const word = token.toLowerCase();
    if (word.length < MIN_CORRECTED_LENGTH || STOP_WORDS.has(word)) return token;
    if (text[offset - 1] === '-' && (offset === 1 || /\s/.test(text[offset - 2]))) return token;
    if (isKnownWord(word, vocabulary)) return token;
    if (++looked > MAX_CORRECTED_WORDS) return token;
    const replacement = closestWord(word, vocabulary);
    if (!replacement) return token;
    changed = true;
    return matchCase(token, replacement);
  });
  return changed ? corrected : null;
}

/** "Feedbak" -> "Feedback", "FEEDBAK" -> "FEEDBACK", anything else in lower case. */
function matchCase(typed: string, word: string): string {
  if (typed.length > 1 && typed === typed.toUpperCase()) return word.toUpperCase();
  if (typed[0] === typed[0].toUpperCase() && typed.slice(1) === typed.slice(1).toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}
