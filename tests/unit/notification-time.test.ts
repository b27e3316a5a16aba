// When a notification arrived, as the notifications page says it (lib/notifications/format.ts): in
// the reader's zone (ADR 023), else labelled UTC; recent ones also say how long ago.
import { describe, expect, it } from 'vitest';
import { describeNotificationTime, relativeTime } from '@/lib/notifications/format';

const now = new Date('2025-03-05T14:05:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;

describe('notification times', () => {
  it('gives the date and a 24-hour time in UTC, labelled, whatever the server’s zone', () => {
    expect(describeNotificationTime(new Date('2025-02-05T04:05:00Z'), now)).toBe('5 Feb 2025, 04:05 UTC');
    // Late in the evening UTC is the next day in much of the world: the label says which day is meant.
    expect(describeNotificationTime(new Date('2024-12-31T23:59:00Z'), now)).toBe('31 Dec 2024, 23:59 UTC');
  });

  it('says how long ago for the last week, in whole units', () => {
    expect(relativeTime(ago(10_000), now)).toBe('just now');
    expect(relativeTime(ago(MIN), now)).toBe('1 minute ago');
    expect(relativeTime(ago(59 * MIN), now)).toBe('59 minutes ago');
    expect(relativeTime(ago(60 * MIN), now)).toBe('1 hour ago');
    expect(relativeTime(ago(23 * 60 * MIN + 59 * MIN), now)).toBe('23 hours ago');
    expect(relativeTime(ago(24 * 60 * MIN), now)).toBe('1 day ago');
    expect(relativeTime(ago(6 * 24 * 60 * MIN), now)).toBe('6 days ago');
    expect(relativeTime(ago(7 * 24 * 60 * MIN), now)).toBeNull();
  });

  it('treats a slightly later clock as now, and a time well ahead as no relative time', () => {
    expect(relativeTime(new Date(now.getTime() + 5_000), now)).toBe('just now');
    expect(relativeTime(new Date(now.getTime() + 5 * MIN), now)).toBeNull();
  });

  it('puts both together, and only the date and time once it is old', () => {
    expect(describeNotificationTime(ago(3 * 60 * MIN), now)).toBe('3 hours ago · 5 Mar 2025, 11:05 UTC');
    expect(describeNotificationTime(ago(30 * 24 * 60 * MIN), now)).toBe('3 Feb 2025, 14:05 UTC');
  });

  it('gives the time in the reader’s own zone when it is known, without a label', () => {
    expect(describeNotificationTime(ago(3 * 60 * MIN), now, 'America/Chicago')).toBe('3 hours ago · 5 Mar 2025, 05:05');
    expect(describeNotificationTime(ago(3 * 60 * MIN), now, null)).toBe('3 hours ago · 5 Mar 2025, 11:05 UTC');
  });
});
