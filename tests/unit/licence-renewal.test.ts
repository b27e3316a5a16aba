// The pure parts of licence renewal in hours: the cycle a renewal counts, the policy form's two
// numbers, the account page's licence fields, and when the cycle's PD transcript can be linked.
import { describe, expect, it } from 'vitest';
import { licenceRenewalWindow } from '@/lib/reporting/teacher';
import { DistrictPolicyInput, RENEWAL_CYCLE_RULE, RENEWAL_HOURS_RULE } from '@/lib/district/policy-settings';
import { TeachingLicenceInput } from '@/lib/auth/profile';
import { cycleTranscriptHref } from '@/components/awards/record-panel';

describe('licenceRenewalWindow', () => {
  it('runs from the day after the previous renewal (cycle-years before) to the renewal day, both whole days', () => {
    const w = licenceRenewalWindow(new Date('2028-06-30T00:00:00Z'), 5);
    expect(w).toEqual({ from: new Date('2023-07-01T00:00:00Z'), to: new Date('2028-07-01T00:00:00Z'), fromLabel: '2023-07-01', toLabel: '2028-06-30' });
  });

  it('leaves back-to-back cycles no day in common: a renewal day counts toward the cycle it ends only', () => {
    const cycle = licenceRenewalWindow(new Date('2028-06-30T00:00:00Z'), 5);
    const before = licenceRenewalWindow(new Date('2023-06-30T00:00:00Z'), 5);
    expect(before.to).toEqual(cycle.from);
  });

  it('reads the day of the date whatever its time, and counts a one-year and a ten-year cycle', () => {
    expect(licenceRenewalWindow(new Date('2027-01-15T18:30:00Z'), 1)).toMatchObject({ from: new Date('2026-01-16T00:00:00Z'), to: new Date('2027-01-16T00:00:00Z') });
    expect(licenceRenewalWindow(new Date('2035-12-31T00:00:00Z'), 10)).toMatchObject({ fromLabel: '2026-01-01', to: new Date('2036-01-01T00:00:00Z') });
  });

  it('rolls 29 February to 1 March in a year without one, as the transcript’s “last 5 years” does', () => {
    expect(licenceRenewalWindow(new Date('2028-02-29T00:00:00Z'), 5)).toMatchObject({ fromLabel: '2023-03-02', toLabel: '2028-02-29', to: new Date('2028-03-01T00:00:00Z') });
    expect(licenceRenewalWindow(new Date('2028-02-29T00:00:00Z'), 4)).toMatchObject({ fromLabel: '2024-03-01' });
  });
});

describe('the policy form’s renewal hours and cycle', () => {
  const parse = (fields: Record<string, unknown>) => DistrictPolicyInput.safeParse({ districtId: 'd1', rules: [], ...fields });
  it('reads whole numbers in range, an emptied box as cleared and a missing field as unchanged', () => {
    expect(parse({ renewalHoursRequired: '30', renewalCycleYears: ' 5 ' }).data).toMatchObject({ renewalHoursRequired: 30, renewalCycleYears: 5 });
    expect(parse({ renewalHoursRequired: '1', renewalCycleYears: '10' }).data).toMatchObject({ renewalHoursRequired: 1, renewalCycleYears: 10 });
    expect(parse({ renewalHoursRequired: '1000' }).data?.renewalHoursRequired).toBe(1000);
    expect(parse({ renewalHoursRequired: '', renewalCycleYears: '  ' }).data).toMatchObject({ renewalHoursRequired: null, renewalCycleYears: null });
    expect(parse({ renewalHoursRequired: null }).data?.renewalHoursRequired).toBeNull();
    const absent = parse({}).data!;
    expect(absent.renewalHoursRequired).toBeUndefined();
    expect(absent.renewalCycleYears).toBeUndefined();
  });

  it('refuses zero, too many, fractions and words with one plain message per field', () => {
    for (const v of ['0', '1001', '7.5', 'ten', '-1']) {
      expect(parse({ renewalHoursRequired: v }).error?.issues.map((i) => [i.path.join('.'), i.message]), v).toEqual([['renewalHoursRequired', RENEWAL_HOURS_RULE]]);
    }
    for (const v of ['0', '11', '1.5', 'five']) {
      expect(parse({ renewalCycleYears: v }).error?.issues.map((i) => [i.path.join('.'), i.message]), v).toEqual([['renewalCycleYears', RENEWAL_CYCLE_RULE]]);
    }
  });
});

describe('the account page’s licence fields', () => {
  it('keeps a real day as midnight UTC and the number on one line; empty is none', () => {
    expect(TeachingLicenceInput.parse({ licenceRenewsOn: '2028-02-29', licenceNumber: ' A\tB\u202e 12 ' })).toEqual({ licenceRenewsOn: new Date('2028-02-29T00:00:00Z'), licenceNumber: 'A B 12' });
    expect(TeachingLicenceInput.parse({ licenceRenewsOn: '', licenceNumber: '' })).toEqual({ licenceRenewsOn: null, licenceNumber: null });
    expect(TeachingLicenceInput.parse({})).toEqual({ licenceRenewsOn: null, licenceNumber: null });
  });

  it('refuses days that do not exist, other formats and years outside 2000–2099, without repeating what was typed', () => {
    const messages = (v: string) => TeachingLicenceInput.safeParse({ licenceRenewsOn: v }).error?.issues.map((i) => i.message);
    expect(messages('2027-02-29')).toEqual(['That is not a real date. Enter it as year-month-day, like 2028-06-30.']);
    expect(messages('<b>soon</b>')).toEqual(['That is not a real date. Enter it as year-month-day, like 2028-06-30.']);
    expect(messages('1999-12-31')).toEqual(['Enter a date from the year 2000 to 2099.']);
    expect(messages('2099-12-31')).toBeUndefined();
    expect(TeachingLicenceInput.safeParse({ licenceNumber: 'x'.repeat(41) }).error?.issues.map((i) => i.message)).toEqual(['Use at most 40 characters.']);
  });
});

describe('cycleTranscriptHref', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('links the transcript for the cycle’s dates when the transcript can cover them', () => {
    expect(cycleTranscriptHref('2023-06-30', '2028-06-30', now)).toBe('/badges/transcript?from=2023-06-30&to=2028-06-30');
  });
  it('links nothing for a cycle that starts after today or ends past the transcript’s reach', () => {
    expect(cycleTranscriptHref('2027-01-01', '2032-01-01', now)).toBeNull();
    expect(cycleTranscriptHref('2026-01-01', '2036-01-01', now)).toBeNull();
  });
});
