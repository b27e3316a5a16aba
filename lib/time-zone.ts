import { z } from 'zod';

// Time zones people can have (ADR 023): the IANA names this runtime supports, plus "UTC". Safe on
// the client; the account page builds its list on the server so both sides show the same one.

let known: Set<string> | null = null;

/** Every zone a person can choose: Intl's canonical IANA names and "UTC", sorted. */
export function timeZoneNames(): string[] {
  return [...knownZones()].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}

function knownZones(): Set<string> {
  known ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return known;
}

/**
 * The listed name for a zone, or null when it is not a zone. A browser may report an alias of a
 * listed zone ("Asia/Kolkata" where the list has "Asia/Calcutta", "Etc/UTC" for "UTC"): Intl maps
 * it to the listed name, so what is stored is always one of timeZoneNames().
 */
export function canonicalTimeZone(name: string): string | null {
  // Names are short ASCII ("America/Argentina/Buenos_Aires" is the longest kind): anything else is
  // refused before it reaches Intl.
  if (name.length === 0 || name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  const zones = knownZones();
  if (zones.has(name)) return name;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return zones.has(resolved) ? resolved : null;
}

export const TIME_ZONE_RULE = 'Choose a time zone from the list.';

/** A zone chosen on the account page: one of the listed names (an alias is stored as its listed name). */
export const TimeZoneName = z
  .string(TIME_ZONE_RULE)
  .trim()
  .transform((v, ctx) => {
    const zone = canonicalTimeZone(v);
    if (zone === null) {
      ctx.addIssue({ code: 'custom', message: TIME_ZONE_RULE });
      return z.NEVER;
    }
    return zone;
  });

/**
 * The zone a browser reported with a sign-in or sign-up form. Never a reason to refuse the form:
 * anything missing or unknown is dropped (undefined) and the person simply has no zone yet.
 */
export const BrowserTimeZone = TimeZoneName.optional().catch(undefined);

/** A zone as the list names it: its place ("Chicago", "Indiana – Indianapolis"), or UTC spelled out. */
function placeOf(value: string): string {
  const slash = value.indexOf('/');
  return slash === -1 ? `${value} (Coordinated Universal Time)` : value.slice(slash + 1).replaceAll('_', ' ').replaceAll('/', ' – ');
}

/** A zone in a sentence, as a person reads it: "Chicago time (America)", "UTC". */
export function timeZoneInWords(value: string): string {
  const slash = value.indexOf('/');
  return slash === -1 ? value : `${placeOf(value)} time (${value.slice(0, slash)})`;
}

/** The account page's list: zones grouped by region ("America", "Europe"…), each named by its place. */
export function groupedTimeZones(): { region: string; zones: { value: string; label: string }[] }[] {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const value of timeZoneNames()) {
    const slash = value.indexOf('/');
    const region = slash === -1 ? 'Universal' : value.slice(0, slash);
    (groups.get(region) ?? groups.set(region, []).get(region)!).push({ value, label: placeOf(value) });
  }
  return [...groups].map(([region, zones]) => ({ region, zones }));
}
