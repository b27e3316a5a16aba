// How the colleagues pages say things. Pure, safe on the client.
import { listInWords } from '@/lib/plural';
import { monthYearFmt } from '@/lib/dates';

/**
 * "March 2026" for a "2026-03" label: when a colleague earned a badge, never the day (a day can be
 * matched to a decision, as in ADR 027). '' for anything that is not a month label.
 */
export function monthInWords(label: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  return m ? monthYearFmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : '';
}

/**
 * The apply page's line: who among the viewer's colleagues at `schoolName` is working on this
 * micro-credential or holds its badge. `names`: up to three of them, in the list's order; `count`:
 * all of them. "Lena Ortiz at Lincoln Middle is working on this or holds its badge"; "Lena Ortiz,
 * Sam Lee, Ana Ruiz and 2 other colleagues at Lincoln Middle are working on this or hold its badge".
 */
export function onCredentialInWords(opts: { count: number; names: string[]; schoolName: string }): string {
  const { count, names, schoolName } = opts;
  const others = Math.max(0, count - names.length);
  const who = others ? listInWords([...names, `${others} other ${others === 1 ? 'colleague' : 'colleagues'}`]) : listInWords(names);
  return count === 1
    ? `${who} at ${schoolName} is working on this or holds its badge`
    : `${who} at ${schoolName} are working on this or hold its badge`;
}
