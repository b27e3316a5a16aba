// Which time zones are accepted (lib/time-zone.ts, ADR 023): the account page's choice must be a
// listed IANA name; a zone a browser sends with sign-in is dropped, never a reason to refuse it.
import { describe, expect, it } from 'vitest';
import { BrowserTimeZone, canonicalTimeZone, groupedTimeZones, timeZoneNames, TIME_ZONE_RULE } from '@/lib/time-zone';
import { SignInInput, TimeZoneInput } from '@/lib/auth/schemas';

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
    expect(groups.flatMap((g) => g.zones.map((z) => z.value))).toEqual(timeZoneNames());
    const america = groups.find((g) => g.region === 'America')!;
    expect(america.zones).toContainEqual({ value: 'America/Chicago', label: 'Chicago' });
    expect(america.zones).toContainEqual({ value: 'America/Indiana/Knox', label: 'Indiana – Knox' });
    const values = america.zones.map((z) => z.value);
    expect(values).toEqual([...values].sort((a, b) => a.localeCompare(b)));
  });
});

describe('a zone in a sentence', () => {
  it('names its place and region as the list does, and UTC as UTC', async () => {
    const { timeZoneInWords } = await import('@/lib/time-zone');
    expect(timeZoneInWords('America/Chicago')).toBe('Chicago time (America)');
    expect(timeZoneInWords('America/Indiana/Indianapolis')).toBe('Indiana – Indianapolis time (America)');
    expect(timeZoneInWords('UTC')).toBe('UTC');
  });
});
