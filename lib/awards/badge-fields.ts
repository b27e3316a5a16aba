// Values signed into a badge that are worked out from stored data. Pure: no database, safe anywhere.

/** How much of the issuer's description a badge carries (its profile page has the rest). */
export const BADGE_ISSUER_DESCRIPTION_MAX = 1000;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` code points, and only between whole characters as a reader sees them:
 * never between the two halves of a surrogate pair (`slice` did that to an emoji at the cut, and
 * Postgres's jsonb refuses the lone half, so the badge could not be stored), nor inside a
 * character made of several code points (a flag, an emoji with a skin tone, a family, an accent
 * typed as its own mark).
 */
export function cutToWholeCharacters(text: string, max: number): string {
  // UTF-16 units are never fewer than code points: within `max` units, nothing to cut.
  if (text.length <= max) return text;
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    const points = Array.from(segment).length;
    if (count + points > max) break;
    kept += segment;
    count += points;
  }
  return kept;
}

/** The issuer's description as a badge's issuer profile carries it. */
export function badgeIssuerDescription(description: string): string {
  return cutToWholeCharacters(description, BADGE_ISSUER_DESCRIPTION_MAX);
}

/**
 * A stack badge's hours: the sum of its parts' hours, added up in tenths as they are stored
 * (Decimal(6,1)). Added as floating-point numbers, 1.1 + 2.2 signs 3.3000000000000003 into the badge.
 */
export function stackHours(parts: { pdHours: number | string | { toString(): string } }[]): number {
  return parts.reduce((tenths, part) => tenths + Math.round(Number(part.pdHours.toString()) * 10), 0) / 10;
}
