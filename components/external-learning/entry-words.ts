import { figure } from '@/lib/plural';
import { dayFmt } from '@/lib/dates';

// How other professional learning is said, the same on the teacher's list, their transcript, their
// downloads and their district's copy. Safe on the client.

/** The section's name wherever the entries are printed: always with "self-reported". */
export const SELF_REPORTED_HEADING = 'Other professional learning (self-reported)';

/** A completion day (midnight UTC of a calendar day) in words: "14 Mar 2026". */
export const completedOnInWords = (d: Date) => dayFmt.format(d);

/** "7.5 PD hours", "1 PD hour". */
export const pdHoursInWords = (n: number) => `${figure(n)} PD ${n === 1 ? 'hour' : 'hours'}`;

/** "“Assessment for Learning” (Wisconsin DPI), completed 14 Mar 2026, 6 PD hours.": an entry in one sentence, for a form's outcome. */
export function entrySavedInWords(e: { title: string; provider: string; completedOn: Date; pdHours: number }): string {
  return `“${e.title}” (${e.provider}), completed ${completedOnInWords(e.completedOn)}, ${pdHoursInWords(e.pdHours)}.`;
}
