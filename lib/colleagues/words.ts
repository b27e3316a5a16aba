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

/** "Lena Ortiz", "Lena Ortiz and Sam Lee", "Ana Ruiz, Lena Ortiz, Sam Lee and 2 other colleagues". */
function whoInWords(g: { count: number; names: string[] }): string {
  const others = Math.max(0, g.count - g.names.length);
  return others ? listInWords([...g.names, `${others} other ${others === 1 ? 'colleague' : 'colleagues'}`]) : listInWords(g.names);
}

/**
 * The apply page's line: who among the viewer's colleagues at `schoolName` holds this
 * micro-credential's badge (someone to ask how they went about it) and who else is working on it
 * (someone to work with), up to three names each and how many more. "At Lincoln Middle, Lena Ortiz
 * holds its badge, and Sam Lee and 2 other colleagues are working on it."
 */
export function onCredentialInWords(opts: { holding: { count: number; names: string[] }; working: { count: number; names: string[] }; schoolName: string }): string {
  const { holding, working, schoolName } = opts;
  const parts = [
    ...(holding.count ? [`${whoInWords(holding)} ${holding.count === 1 ? 'holds' : 'hold'} its badge`] : []),
    ...(working.count ? [`${whoInWords(working)} ${working.count === 1 ? 'is' : 'are'} working on it`] : []),
  ];
  return `At ${schoolName}, ${parts.join(', and ')}.`;
}
