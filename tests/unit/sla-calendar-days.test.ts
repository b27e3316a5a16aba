// The review clock counts business days by calendar (UTC) day, as the date written beside it:
// "Due today" is said on the due date only, and a decision due on Monday morning is one business
// day away on Friday evening, not "due today" beside "due 10 Mar".
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { addBusinessDays, businessDaysBetween } from '@/lib/review/sla';
import { SlaClock } from '@/components/review/sla-clock';
import { textOf } from '../setup/html';

/** The clock as the queue shows it at `now` (slaClock in lib/review/queries.ts), in plain text. */
function clockText(now: string, due: string): string {
  const dueAt = new Date(due);
  const html = renderToStaticMarkup(createElement(SlaClock, { dueAt, businessDaysLeft: businessDaysBetween(new Date(now), dueAt), overdue: dueAt < new Date(now) }));
  return textOf(html);
}

describe('business days between two moments', () => {
  it('counts the days they fall on, not 24-hour steps', () => {
    // Friday 17:00 to Monday 09:00: Monday is one business day on.
    expect(businessDaysBetween(new Date('2025-03-07T17:00:00Z'), new Date('2025-03-10T09:00:00Z'))).toBe(1);
    // Thursday 17:00 to Friday 16:00: the next day.
    expect(businessDaysBetween(new Date('2025-03-06T17:00:00Z'), new Date('2025-03-07T16:00:00Z'))).toBe(1);
    // The same day, whatever the hours.
    expect(businessDaysBetween(new Date('2025-03-07T00:00:00Z'), new Date('2025-03-07T23:59:59Z'))).toBe(0);
    expect(businessDaysBetween(new Date('2025-03-07T23:59:59Z'), new Date('2025-03-07T00:00:00Z'))).toBe(0);
    // Backwards, the same count with its sign: Monday 09:00 back to Friday 17:00.
    expect(businessDaysBetween(new Date('2025-03-10T09:00:00Z'), new Date('2025-03-07T17:00:00Z'))).toBe(-1);
    // Over a weekend from Saturday: Monday and Tuesday.
    expect(businessDaysBetween(new Date('2025-03-08T12:00:00Z'), new Date('2025-03-11T01:00:00Z'))).toBe(2);
  });

  it('still skips weekends and agrees with the deadlines addBusinessDays sets', () => {
    const friday = new Date('2026-11-20T10:00:00Z');
    expect(businessDaysBetween(friday, new Date('2026-11-27T10:00:00Z'))).toBe(5);
    expect(businessDaysBetween(new Date('2026-11-27T10:00:00Z'), friday)).toBe(-5);
    for (const days of [1, 5, 10, 14]) {
      expect(businessDaysBetween(friday, addBusinessDays(friday, days))).toBe(days);
      // Earlier or later in the day it was sent, the same number of days.
      expect(businessDaysBetween(new Date('2026-11-20T23:00:00Z'), addBusinessDays(friday, days))).toBe(days);
    }
  });
});

describe('the review clock in words', () => {
  it('does not say "Due today" beside another day’s date', () => {
    // Friday evening, due Monday morning.
    expect(clockText('2025-03-07T17:00:00Z', '2025-03-10T09:00:00Z')).toBe('1 business day left due 10 Mar 2025');
    // Thursday evening, due Friday afternoon.
    expect(clockText('2025-03-06T17:00:00Z', '2025-03-07T16:00:00Z')).toBe('1 business day left due 7 Mar 2025');
  });

  it('says "Due today" on the due date, and overdue once its time has passed', () => {
    expect(clockText('2025-03-07T08:00:00Z', '2025-03-07T16:00:00Z')).toBe('Due today due 7 Mar 2025');
    expect(clockText('2025-03-07T17:00:00Z', '2025-03-07T16:00:00Z')).toBe('⚠ Overdue was due 7 Mar 2025');
    // Due Friday, now Monday: one business day late.
    expect(clockText('2025-03-10T09:00:00Z', '2025-03-07T16:00:00Z')).toBe('⚠ Overdue by 1 business day was due 7 Mar 2025');
    expect(clockText('2025-03-03T09:00:00Z', '2025-03-07T16:00:00Z')).toBe('4 business days left due 7 Mar 2025');
  });
});
