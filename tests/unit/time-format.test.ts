// Times of day in each person's own zone (lib/time-format.ts, ADR 023): day before month, a 24-hour
// clock, and the zone named only when it is UTC or the viewer's zone is not known.
import { describe, expect, it } from 'vitest';
import { displayTimeZone, formatDateTime, formatDayTime, formatTime } from '@/lib/time-format';

// 25 Nov 2026, 12:58 UTC: 06:58 in Chicago (CST, UTC-6), 12:58 in London (GMT).
const winter = new Date('2026-11-25T12:58:00Z');
// 1 Jul 2026, 12:58 UTC: 07:58 in Chicago (CDT, UTC-5), 13:58 in London (BST).
const summer = new Date('2026-07-01T12:58:00Z');

describe('times in the viewer’s zone', () => {
  it('shows a Chicago teacher their own time, without a zone name, winter and summer', () => {
    expect(formatDateTime(winter, 'America/Chicago')).toBe('25 Nov 2026, 06:58');
    expect(formatDateTime(summer, 'America/Chicago')).toBe('1 Jul 2026, 07:58');
    expect(formatDayTime(winter, 'America/Chicago')).toBe('25 Nov, 06:58');
    expect(formatTime(winter, 'America/Chicago')).toBe('06:58');
  });

  it('follows London across the change to and from summer time', () => {
    expect(formatDateTime(winter, 'Europe/London')).toBe('25 Nov 2026, 12:58');
    expect(formatDateTime(summer, 'Europe/London')).toBe('1 Jul 2026, 13:58');
    // Clocks go forward at 01:00 UTC on 29 March 2026: a minute before is GMT, a minute after BST.
    expect(formatTime(new Date('2026-03-29T00:59:00Z'), 'Europe/London')).toBe('00:59');
    expect(formatTime(new Date('2026-03-29T01:00:00Z'), 'Europe/London')).toBe('02:00');
    // Back at 01:00 UTC on 25 October 2026: 01:30 comes twice, an hour apart.
    expect(formatTime(new Date('2026-10-25T00:30:00Z'), 'Europe/London')).toBe('01:30');
    expect(formatTime(new Date('2026-10-25T01:30:00Z'), 'Europe/London')).toBe('01:30');
  });

  it('writes the day the viewer is in, which may not be the UTC day', () => {
    expect(formatDateTime(new Date('2026-01-01T03:00:00Z'), 'America/Chicago')).toBe('31 Dec 2025, 21:00');
    expect(formatDateTime(new Date('2025-12-31T23:30:00Z'), 'Asia/Tokyo')).toBe('1 Jan 2026, 08:30');
  });

  it('uses a 24-hour clock with midnight as 00, never 24', () => {
    expect(formatTime(new Date('2026-11-25T06:00:00Z'), 'America/Chicago')).toBe('00:00');
    expect(formatTime(new Date('2026-11-25T23:15:00Z'), 'America/Chicago')).toBe('17:15');
  });
});

describe('when the zone is UTC or not known', () => {
  it('shows UTC and says so, for someone with no zone yet', () => {
    expect(formatDateTime(winter, null)).toBe('25 Nov 2026, 12:58 UTC');
    expect(formatDateTime(winter, undefined)).toBe('25 Nov 2026, 12:58 UTC');
    expect(formatDayTime(winter, '')).toBe('25 Nov, 12:58 UTC');
    expect(formatTime(winter, null)).toBe('12:58 UTC');
  });

  it('labels UTC for someone whose zone is UTC, however it is spelled', () => {
    expect(formatDateTime(winter, 'UTC')).toBe('25 Nov 2026, 12:58 UTC');
    expect(formatDateTime(winter, 'Etc/UTC')).toBe('25 Nov 2026, 12:58 UTC');
  });

  it('falls back to UTC, labelled, for a stored name this runtime does not know', () => {
    expect(displayTimeZone('Mars/Olympus_Mons')).toBe('UTC');
    expect(formatDateTime(winter, 'Mars/Olympus_Mons')).toBe('25 Nov 2026, 12:58 UTC');
  });
});
