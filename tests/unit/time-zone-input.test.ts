// Which time zones are accepted (lib/time-zone.ts, ADR 023): the account page's choice must be a
// listed IANA name; a zone a browser sends with sign-in is dropped, never a reason to refuse it.
import { describe, expect, it } from 'vitest';
import { BrowserTimeZone, canonicalTimeZone, CURRENT_PLACE_NAMES, groupedTimeZones, listedTimeZone, NOT_SET_CHOICE, OTHER_TIME_ZONE_NAMES, timeZoneNames, TIME_ZONE_RULE } from '@/lib/time-zone';
import { SignInInput, TimeZoneInput } from '@/lib/auth/schemas';
import { intlReturningZoneNamesAsGiven } from '../setup/intl-as-given';

describe('the account page’s time zone', () => {
  it('accepts listed IANA names and UTC', () => {
    for (const zone of ['America/Chicago', 'Europe/London', 'Australia/Adelaide', 'UTC']) {
      expect(TimeZoneInput.safeParse({ timeZone: zone })).toEqual({ success: true, data: { timeZone: zone } });
    }
  });

  it('stores an alias a browser may report as its listed name', () => {
    expect(TimeZoneInput.parse({ timeZone: 'Etc/UTC' })).toEqual({ timeZone: 'UTC' });
    expect(TimeZoneInput.parse({ timeZone: ' America/Chicago\n' })).toEqual({ timeZone: 'America/Chicago' });
    // A legacy name Intl knows is stored as the zone it stands for, never as typed.
    expect(TimeZoneInput.parse({ timeZone: 'CST6CDT' })).toEqual({ timeZone: 'America/Chicago' });
    const kolkata = canonicalTimeZone('Asia/Kolkata');
    expect(kolkata).not.toBeNull();
    expect(timeZoneNames()).toContain(kolkata);
  });

  it('refuses what is not a zone, with a plain message on the field', () => {
    for (const value of ['', 'Chicago', 'America/Springfield', 'Central Time', '+05:00', 'GMT+5', 'america', undefined, 42, ['UTC']]) {
      const parsed = TimeZoneInput.safeParse({ timeZone: value });
      expect(parsed.success, String(value)).toBe(false);
      if (!parsed.success) expect(parsed.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['timeZone', TIME_ZONE_RULE]]);
    }
  });

  it('refuses hostile strings before they reach Intl', () => {
    for (const value of ['../../etc/passwd', 'UTC\u0000', 'UTC; DROP TABLE "User"', '<script>alert(1)</script>', 'America/\nChicago', 'A'.repeat(65), `America/${'x'.repeat(10_000)}`, 'Europe/London\u202e']) {
      expect(TimeZoneInput.safeParse({ timeZone: value }).success, JSON.stringify(value.slice(0, 40))).toBe(false);
    }
  });
});

describe('the zone a browser sends with sign-in', () => {
  it('is kept when it is a zone, and dropped otherwise without refusing the sign-in', () => {
    expect(BrowserTimeZone.parse('America/Chicago')).toBe('America/Chicago');
    expect(BrowserTimeZone.parse('not a zone')).toBeUndefined();
    expect(BrowserTimeZone.parse(undefined)).toBeUndefined();
    const signIn = SignInInput.safeParse({ email: 'a@school.test', password: 'secret', timeZone: '<script>' });
    expect(signIn).toMatchObject({ success: true, data: { timeZone: undefined } });
  });
});

describe('the list on the account page', () => {
  it('groups every listed zone by region, UTC first, each region sorted by name', () => {
    const groups = groupedTimeZones();
    expect(groups[0]).toEqual({ region: 'Universal', zones: [{ value: 'UTC', label: 'UTC (Coordinated Universal Time)' }] });
    expect(groups.flatMap((g) => g.zones.map((z) => z.value)).sort()).toEqual([...timeZoneNames()].sort());
    const america = groups.find((g) => g.region === 'America')!;
    expect(america.zones).toContainEqual({ value: 'America/Chicago', label: 'Chicago' });
    expect(america.zones).toContainEqual({ value: 'America/Indiana/Knox', label: 'Indiana – Knox' });
    for (const { zones } of groups) {
      const labels = zones.map((z) => z.label);
      expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    }
  });

  it('shows places by the names their people use today, keeping the listed zone as the value', () => {
    const zones = groupedTimeZones().flatMap((g) => g.zones);
    // ICU lists these under their old names; a teacher in Kyiv looks for "Kyiv", not "Kiev".
    expect(zones).toContainEqual({ value: 'Asia/Calcutta', label: 'Kolkata' });
    expect(zones).toContainEqual({ value: 'Europe/Kiev', label: 'Kyiv' });
    expect(zones).toContainEqual({ value: 'Asia/Saigon', label: 'Ho Chi Minh City' });
    expect(zones.some((z) => /Calcutta|Kiev|Saigon|Rangoon|Katmandu|Godthab/.test(z.label))).toBe(false);
    const asia = groupedTimeZones().find((g) => g.region === 'Asia')!.zones.map((z) => z.label);
    expect(asia.indexOf('Kolkata')).toBeGreaterThan(asia.indexOf('Kathmandu'));
    expect(asia.indexOf('Kolkata')).toBeLessThan(asia.indexOf('Kuala Lumpur'));
  });

  it('renames only zones this runtime lists (each entry names one of the same zone)', () => {
    for (const [zone, place] of Object.entries(CURRENT_PLACE_NAMES)) {
      expect(timeZoneNames(), zone).toContain(zone);
      expect(place).not.toMatch(/[/_]/);
    }
  });
});

describe('a zone in a sentence', () => {
  it('names its place and region as the list does, and UTC as UTC', async () => {
    const { timeZoneInWords } = await import('@/lib/time-zone');
    expect(timeZoneInWords('America/Chicago')).toBe('Chicago time (America)');
    expect(timeZoneInWords('America/Indiana/Indianapolis')).toBe('Indiana – Indianapolis time (America)');
    expect(timeZoneInWords('UTC')).toBe('UTC');
    expect(timeZoneInWords('Europe/Kiev')).toBe('Kyiv time (Europe)');
  });
});

// The same zone under two names: ICU (Node, Chrome) lists older names where Firefox and Safari
// report the current ones, and an engine that no longer resolves names returns an alias as given.
// These lists stand for the server's (built by one engine) while the name comes from another.
const icuList = ['UTC', 'America/Indianapolis', 'America/New_York', 'Asia/Calcutta', 'Europe/Kiev', 'Pacific/Truk'];
const ianaList = ['UTC', 'America/Indiana/Indianapolis', 'America/New_York', 'Asia/Kolkata', 'Europe/Kyiv', 'Pacific/Chuuk'];

describe('finding the browser’s zone in the server’s list', () => {
  it('finds a zone under the name the list gives it, whichever spelling the browser uses', () => {
    expect(listedTimeZone('Asia/Kolkata', icuList)).toBe('Asia/Calcutta');
    expect(listedTimeZone('Asia/Calcutta', ianaList)).toBe('Asia/Kolkata');
    expect(listedTimeZone('Europe/Kyiv', icuList)).toBe('Europe/Kiev');
    expect(listedTimeZone('Europe/Kiev', ianaList)).toBe('Europe/Kyiv');
    expect(listedTimeZone('Pacific/Chuuk', icuList)).toBe('Pacific/Truk');
    expect(listedTimeZone('America/Indianapolis', ianaList)).toBe('America/Indiana/Indianapolis');
  });

  it('finds an old alias and every spelling of UTC', () => {
    for (const list of [icuList, ianaList]) {
      expect(listedTimeZone('US/Eastern', list)).toBe('America/New_York');
      expect(listedTimeZone('US/East-Indiana', list)).toBe(list[1]);
      for (const utc of ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Zulu']) expect(listedTimeZone(utc, list), utc).toBe('UTC');
    }
  });

  it('finds the same zones when this runtime’s Intl returns names as given, without resolving them', () => {
    const restore = intlReturningZoneNamesAsGiven();
    try {
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'US/Eastern' }).resolvedOptions().timeZone).toBe('US/Eastern');
      expect(listedTimeZone('US/Eastern', icuList)).toBe('America/New_York');
      expect(listedTimeZone('Etc/UTC', icuList)).toBe('UTC');
      expect(listedTimeZone('Asia/Kolkata', icuList)).toBe('Asia/Calcutta');
      expect(listedTimeZone('CST6CDT', ['UTC', 'America/Chicago'])).toBe('America/Chicago');
    } finally {
      restore();
    }
  });

  it('finds nothing for a zone not in the list or a name that is not a zone', () => {
    expect(listedTimeZone('Asia/Tokyo', icuList)).toBeNull();
    expect(listedTimeZone('Japan', icuList)).toBeNull();
    for (const bad of ['', 'Mars/Olympus_Mons', 'Eastern', '<script>', 'A'.repeat(65)]) expect(listedTimeZone(bad, icuList), bad).toBeNull();
  });

  it('finds every alias in this runtime’s own list, as the zone Intl says it is', () => {
    const zones = timeZoneNames();
    for (const alias of ['Asia/Calcutta', 'Asia/Kolkata', 'US/Eastern', 'Europe/Kiev', 'Europe/Kyiv', 'UTC', 'Etc/UTC', 'America/Argentina/Buenos_Aires', 'Asia/Ho_Chi_Minh', 'Pacific/Kanton']) {
      const found = listedTimeZone(alias, zones);
      expect(found, alias).not.toBeNull();
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: found! }).resolvedOptions().timeZone, alias).toBe(new Intl.DateTimeFormat('en-GB', { timeZone: alias }).resolvedOptions().timeZone);
    }
  });

  it('has a table this runtime agrees with: every other name resolves to the same zone as the one it is filed under', () => {
    const rows = Object.entries(OTHER_TIME_ZONE_NAMES);
    expect(rows.length).toBeGreaterThan(90);
    const resolve = (name: string) => new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
    for (const [zone, others] of rows) {
      expect(timeZoneNames(), zone).toContain(zone);
      for (const other of others.split(' ')) expect(resolve(other), `${other} is ${zone}`).toBe(resolve(zone));
    }
  });
});

describe('“Not set” on the account page', () => {
  it('is a choice of its own, read as no zone, beside every listed zone', () => {
    expect(TimeZoneInput.parse({ timeZone: NOT_SET_CHOICE })).toEqual({ timeZone: null });
    expect(TimeZoneInput.parse({ timeZone: ' none ' })).toEqual({ timeZone: null });
    expect(TimeZoneInput.parse({ timeZone: 'Etc/UTC' })).toEqual({ timeZone: 'UTC' });
    expect(TimeZoneInput.parse({ timeZone: 'America/Chicago' })).toEqual({ timeZone: 'America/Chicago' });
  });

  it('is not an empty or missing field, nor anything else, each refused with the field’s message', () => {
    for (const value of ['', 'None', 'null', 'Mars/Olympus_Mons', undefined, null, 42]) {
      const parsed = TimeZoneInput.safeParse({ timeZone: value });
      expect(parsed.success, String(value)).toBe(false);
      if (!parsed.success) expect(parsed.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['timeZone', TIME_ZONE_RULE]]);
    }
  });

  it('is never a zone a browser sends with a sign-in', () => {
    expect(BrowserTimeZone.parse(NOT_SET_CHOICE)).toBeUndefined();
  });
});

describe('whether a zone may be taken from the browser', () => {
  it('only while none is known (null): never over one chosen, nor over “Not set” chosen on purpose', async () => {
    const { timeZoneUnknown, NO_TIME_ZONE_CHOSEN } = await import('@/lib/time-zone');
    expect(timeZoneUnknown(null)).toBe(true);
    expect(timeZoneUnknown(undefined)).toBe(true);
    expect(timeZoneUnknown(NO_TIME_ZONE_CHOSEN)).toBe(false);
    expect(timeZoneUnknown('Europe/London')).toBe(false);
  });
});
