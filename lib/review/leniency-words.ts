// The scoring-patterns table in words (pure: the page and tests share it).
import type { LeniencyRow } from '@/lib/review/stats';

/** "+0.62 levels", "−0.40 levels", "0.00 levels" (a real minus sign, read out as "minus"). */
export function signedLevels(v: number): string {
  const rounded = Math.round(v * 100) / 100;
  const body = Math.abs(rounded).toFixed(2);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${body} levels`;
}

/** What the row says about the reviewer, never only by colour. */
export function leniencyText(r: Pick<LeniencyRow, 'flag' | 'reviews'>, minReviews: number): string {
  if (r.flag === 'HIGHER') return 'Scores higher than colleagues';
  if (r.flag === 'LOWER') return 'Scores lower than colleagues';
  if (r.reviews < minReviews) return 'Too few reviews to compare';
  return 'In line with colleagues';
}
