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
 * Every other name of a zone, by the name ICU gives it (ICU 78, tzdata 2025b: what Node and Chrome
 * list). Engines spell some zones differently: ICU keeps the older name ("Asia/Calcutta",
 * "Europe/Kiev") where Firefox and Safari report the current one ("Asia/Kolkata", "Europe/Kyiv"), and
 * an engine that follows the newer rule of not resolving names returns an alias as it was given
 * ("US/Eastern", "Etc/UTC"). So the list the server built and the name a browser reports may not
 * match letter for letter, nor can Intl be relied on to say they are one zone: this table can.
 * Only consulted after an exact match and Intl have failed, so a zone renamed after it was written
 * is still found wherever Intl resolves it; tests/unit/time-zone-input.test.ts checks every entry
 * against this runtime.
 */
export const OTHER_TIME_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'Africa/Bamako': 'Africa/Timbuktu',
  'Africa/Cairo': 'Egypt',
  'Africa/Tripoli': 'Libya',
  'America/Adak': 'America/Atka US/Aleutian',
  'America/Anchorage': 'US/Alaska',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca America/Argentina/ComodRivadavia',
  'America/Chicago': 'CST6CDT US/Central',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba America/Rosario',
  'America/Denver': 'America/Shiprock MST7MDT Navajo US/Mountain',
  'America/Detroit': 'US/Michigan',
  'America/Edmonton': 'America/Yellowknife Canada/Mountain',
  'America/Godthab': 'America/Nuuk',
  'America/Halifax': 'Canada/Atlantic',
  'America/Havana': 'Cuba',
  'America/Indiana/Knox': 'America/Knox_IN US/Indiana-Starke',
  'America/Indianapolis': 'America/Fort_Wayne America/Indiana/Indianapolis US/East-Indiana',
  'America/Iqaluit': 'America/Pangnirtung',
  'America/Jamaica': 'Jamaica',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Los_Angeles': 'PST8PDT US/Pacific',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Manaus': 'Brazil/West',
  'America/Mazatlan': 'Mexico/BajaSur',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Mexico_City': 'Mexico/General',
  'America/New_York': 'EST5EDT US/Eastern',
  'America/Noronha': 'Brazil/DeNoronha',
  'America/Panama': 'EST',
  'America/Phoenix': 'MST US/Arizona',
  'America/Regina': 'Canada/Saskatchewan',
  'America/Rio_Branco': 'America/Porto_Acre Brazil/Acre',
  'America/Santiago': 'Chile/Continental',
  'America/Sao_Paulo': 'Brazil/East',
  'America/St_Johns': 'Canada/Newfoundland',
  'America/St_Thomas': 'America/Virgin',
  'America/Tijuana': 'America/Ensenada America/Santa_Isabel Mexico/BajaNorte',
  'America/Toronto': 'America/Montreal America/Nipigon America/Thunder_Bay Canada/Eastern',
  'America/Vancouver': 'Canada/Pacific',
  'America/Whitehorse': 'Canada/Yukon',
  'America/Winnipeg': 'America/Rainy_River Canada/Central',
  'Antarctica/McMurdo': 'Antarctica/South_Pole',
  'Arctic/Longyearbyen': 'Atlantic/Jan_Mayen',
  'Asia/Ashgabat': 'Asia/Ashkhabad',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Dhaka': 'Asia/Dacca',
  'Asia/Hong_Kong': 'Hongkong',
  'Asia/Jerusalem': 'Asia/Tel_Aviv Israel',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Macau': 'Asia/Macao',
  'Asia/Makassar': 'Asia/Ujung_Pandang',
  'Asia/Nicosia': 'Europe/Nicosia',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Seoul': 'ROK',
  'Asia/Shanghai': 'Asia/Chongqing Asia/Chungking Asia/Harbin PRC',
  'Asia/Singapore': 'Singapore',
  'Asia/Taipei': 'ROC',
  'Asia/Tehran': 'Iran',
  'Asia/Thimphu': 'Asia/Thimbu',
  'Asia/Tokyo': 'Japan',
  'Asia/Ulaanbaatar': 'Asia/Choibalsan Asia/Ulan_Bator',
  'Asia/Urumqi': 'Asia/Kashgar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Atlantic/Reykjavik': 'Iceland',
  'Australia/Adelaide': 'Australia/South',
  'Australia/Brisbane': 'Australia/Queensland',
  'Australia/Broken_Hill': 'Australia/Yancowinna',
  'Australia/Darwin': 'Australia/North',
  'Australia/Hobart': 'Australia/Currie Australia/Tasmania',
  'Australia/Lord_Howe': 'Australia/LHI',
  'Australia/Melbourne': 'Australia/Victoria',
  'Australia/Perth': 'Australia/West',
  'Australia/Sydney': 'Australia/ACT Australia/Canberra Australia/NSW',
  'Europe/Athens': 'EET',
  'Europe/Brussels': 'CET MET',
  'Europe/Chisinau': 'Europe/Tiraspol',
  'Europe/Dublin': 'Eire',
  'Europe/Istanbul': 'Asia/Istanbul Turkey',
  'Europe/Kiev': 'Europe/Kyiv Europe/Uzhgorod Europe/Zaporozhye',
  'Europe/Lisbon': 'Portugal WET',
  'Europe/London': 'Europe/Belfast GB GB-Eire',
  'Europe/Moscow': 'W-SU',
  'Europe/Warsaw': 'Poland',
  'Pacific/Auckland': 'NZ',
  'Pacific/Chatham': 'NZ-CHAT',
  'Pacific/Easter': 'Chile/EasterIsland',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Honolulu': 'HST Pacific/Johnston US/Hawaii',
  'Pacific/Kwajalein': 'Kwajalein',
  'Pacific/Pago_Pago': 'Pacific/Samoa US/Samoa',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk Pacific/Yap',
  'UTC': 'Etc/GMT Etc/GMT+0 Etc/GMT-0 Etc/GMT0 Etc/Greenwich Etc/UCT Etc/UTC Etc/Universal Etc/Zulu GMT GMT+0 GMT-0 GMT0 Greenwich UCT Universal Zulu',
};

let sameZone: Map<string, string> | null = null;

/** One spelling for all names of a zone (the table's key), so two names can be compared. */
function sameZoneKey(name: string): string {
  if (!sameZone) {
    sameZone = new Map();
    for (const [zone, others] of Object.entries(OTHER_TIME_ZONE_NAMES)) for (const other of others.split(' ')) sameZone.set(other, zone);
  }
  return sameZone.get(name) ?? name;
}

/** What this runtime's Intl calls the zone (itself, or the name it resolves it to), or null when it does not know it. */
function resolvedByIntl(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The entry of `listed` that names the same zone as `name`, or null when none does or `name` is not
 * a zone. "Asia/Kolkata" finds "Asia/Calcutta" and the other way round, "US/Eastern" finds
 * "America/New_York", "Etc/UTC" finds "UTC", whichever engine built the list and whichever reports
 * the name. The account page's "Use this browser’s time zone" picks with it from the list the
 * server sent.
 */
export function listedTimeZone(name: string, listed: Iterable<string>): string | null {
  // Names are short ASCII ("America/Argentina/Buenos_Aires" is the longest kind): anything else is
  // refused before it reaches Intl.
  if (name.length === 0 || name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  const entries = listed instanceof Set ? (listed as Set<string>) : new Set(listed);
  if (entries.has(name)) return name;
  const resolved = resolvedByIntl(name);
  if (resolved && entries.has(resolved)) return resolved;
  const keys = new Set([sameZoneKey(name), sameZoneKey(resolved ?? name)]);
  for (const entry of entries) if (keys.has(sameZoneKey(entry))) return entry;
  return null;
}

/**
 * The listed name for a zone, or null when it is not a zone. A browser may report an alias of a
 * listed zone ("Asia/Kolkata" where the list has "Asia/Calcutta", "Etc/UTC" for "UTC"): it is
 * stored as the listed name, so what is stored is always one of timeZoneNames().
 */
export function canonicalTimeZone(name: string): string | null {
  return listedTimeZone(name, knownZones());
}

export const TIME_ZONE_RULE = 'Choose a time zone from the list.';

/** A listed name for `v`, or an issue on the field. */
function listedOrRefused(v: string, ctx: z.RefinementCtx): string {
  const zone = canonicalTimeZone(v);
  if (zone === null) {
    ctx.addIssue({ code: 'custom', message: TIME_ZONE_RULE });
    return z.NEVER;
  }
  return zone;
}

/** A zone chosen on the account page: one of the listed names (an alias is stored as its listed name). */
export const TimeZoneName = z.string(TIME_ZONE_RULE).trim().transform(listedOrRefused);

/** The value of "Not set" in the account page's list: a form value, never stored. */
export const NOT_SET_CHOICE = 'none';

/**
 * What `User.timeZone` holds once the person chose "Not set": the empty string. Null means not known
 * yet, which the browser's zone may still fill (at sign-in, or TimeZoneCapture); '' is their choice,
 * and nothing fills it (both only ever write where the zone is null). Every formatter reads both as
 * no zone: times in UTC, labelled (lib/time-format.ts). A column of its own would say this better:
 * see ADR 023.
 */
export const NO_TIME_ZONE_CHOSEN = '';

/**
 * No zone is known for this person yet (null), so one may be taken from their browser (sign-in, the
 * layout's TimeZoneCapture). Not so for NO_TIME_ZONE_CHOSEN (''), "Not set" chosen on purpose.
 */
export const timeZoneUnknown = (timeZone: string | null | undefined): boolean => timeZone === null || timeZone === undefined;

/** The account page's "Time zone": a listed zone, or null for "Not set". */
export const TimeZoneChoice = z
  .string(TIME_ZONE_RULE)
  .trim()
  .transform((v, ctx): string | null => (v === NOT_SET_CHOICE ? null : listedOrRefused(v, ctx)));


/**
 * The zone a browser reported with a sign-in or sign-up form. Never a reason to refuse the form:
 * anything missing or unknown is dropped (undefined) and the person simply has no zone yet.
 */
export const BrowserTimeZone = TimeZoneName.optional().catch(undefined);

/**
 * Places ICU still lists under a name their people no longer use (ICU 78 keeps the zone's oldest
 * IANA name as its id): shown by today's name, while the value stored stays the listed id. Only
 * the label changes, so a name Intl later drops from this table's keys does no harm.
 */
export const CURRENT_PLACE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Asmara',
  'America/Coral_Harbour': 'Atikokan',
  'America/Godthab': 'Nuuk',
  'Asia/Calcutta': 'Kolkata',
  'Asia/Katmandu': 'Kathmandu',
  'Asia/Rangoon': 'Yangon',
  'Asia/Saigon': 'Ho Chi Minh City',
  'Atlantic/Faeroe': 'Faroe',
  'Europe/Kiev': 'Kyiv',
  'Pacific/Enderbury': 'Kanton',
  'Pacific/Ponape': 'Pohnpei',
  'Pacific/Truk': 'Chuuk',
};

/** A zone as the list names it: its place ("Chicago", "Indiana – Indianapolis", "Kyiv"), or UTC spelled out. */
function placeOf(value: string): string {
  const slash = value.indexOf('/');
  if (slash === -1) return `${value} (Coordinated Universal Time)`;
  return CURRENT_PLACE_NAMES[value] ?? value.slice(slash + 1).replaceAll('_', ' ').replaceAll('/', ' – ');
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
  // In the order of the names shown ("Kolkata" among the Ks, not where "Calcutta" sorts).
  return [...groups].map(([region, zones]) => ({ region, zones: zones.sort((a, b) => a.label.localeCompare(b.label, 'en')) }));
}
