// The live count under a limited text box: pure, so the wording is unit tested.
import { figure } from '@/lib/plural';

/**
 * "312 of 4,000 characters", or "4,312 of 4,000 characters: 312 too many". Counts what the server
 * keeps (spaces at either end are dropped), so the figure is the one its limit applies to.
 */
export function charCount(text: string, max: number): { text: string; over: boolean } {
  const n = text.trim().length;
  const over = n > max;
  return { text: `${figure(n)} of ${figure(max)} characters${over ? `: ${figure(n - max)} too many` : ''}`, over };
}
