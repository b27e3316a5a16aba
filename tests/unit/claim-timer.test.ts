// The reviewer's claim timer (components/review/claim-timer.tsx): the minutes count down on screen,
// but screen readers hear the claim's state change (warning, end), not every minute; a kept claim
// is confirmed in a line that is always on the page, where focus can go once the button has gone.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('@/app/review/[reviewId]/actions', () => ({ keepClaimAction: async () => undefined }));
const { ClaimTimer, claimAnnouncement, claimEndLabel, claimPhase, hhmm, keptText } = await import('@/components/review/claim-timer');

const until = new Date('2026-03-02T14:30:00Z');
const minute = 60_000;

describe('what the live region says as the claim runs down', () => {
  it('changes twice over the last twelve minutes of a one-hour claim, ticking every 15 s: when the warning starts and when the claim ends', () => {
    const said: string[] = [];
    for (let t = until.getTime() - 12 * minute; t <= until.getTime() + minute; t += 15_000) {
      const { expired, warning } = claimPhase({ until, now: t, claimMinutes: 60, expiredAtRender: false });
      const text = claimAnnouncement({ error: null, expired, warning, endsAt: '14:30' });
      if (said.at(-1) !== text) said.push(text);
    }
    expect(said).toEqual([
      '',
      'Your claim runs out soon, at 14:30. Keep it to carry on without losing your place.',
      expect.stringMatching(/^Your claim has run out\./),
    ]);
  });

  it('warns a quarter of the claim before its end, between 2 and 10 minutes', () => {
    const phase = (claimMinutes: number, left: number) => claimPhase({ until, now: until.getTime() - left, claimMinutes, expiredAtRender: false }).warning;
    expect(phase(60, 10 * minute)).toBe(true);
    expect(phase(60, 11 * minute)).toBe(false);
    expect(phase(20, 5 * minute)).toBe(true);
    expect(phase(20, 6 * minute)).toBe(false);
    expect(phase(4, 2 * minute)).toBe(true);
  });

  it('says why keeping the claim failed before anything else', () => {
    expect(claimAnnouncement({ error: 'Someone else has this submission now.', expired: true, warning: false, endsAt: '14:30' })).toBe('Someone else has this submission now.');
  });

  it('takes the server’s word before the page has a clock', () => {
    expect(claimPhase({ until, now: null, claimMinutes: 60, expiredAtRender: true })).toEqual({ left: null, expired: true, warning: false });
  });
});

describe('the confirmation of a kept claim', () => {
  it('names the new end, until a newer warning or error replaces it', () => {
    expect(keptText({ error: null, expired: false, warning: false, keptUntil: '15:30' })).toBe('Claim kept until 15:30.');
    expect(keptText({ error: null, expired: false, warning: true, keptUntil: '15:30' })).toBe('');
    expect(keptText({ error: 'x', expired: false, warning: false, keptUntil: '15:30' })).toBe('');
    expect(keptText({ error: null, expired: false, warning: false, keptUntil: null })).toBe('');
  });

  it('has its place on the page from the start: a live region that focus can be moved to', () => {
    const html = renderToStaticMarkup(createElement(ClaimTimer, { reviewId: 'r1', expiresAt: until.toISOString(), claimMinutes: 60, serverLabel: '2 Mar, 14:30 UTC', expiredAtRender: false }));
    expect(html).toMatch(/<p role="status" tabindex="-1" class="sr-only"><\/p>/);
    expect(html).toMatch(/<p class="sr-only" aria-live="polite" aria-atomic="true"><\/p>/);
  });
});

describe('the claim’s end, in the reviewer’s time zone', () => {
  it('is written as the rest of the app writes dates (day before month, 24-hour clock), not in the browser’s language', () => {
    const end = new Date('2026-11-25T12:04:00Z');
    // A reviewer whose zone is UTC is told so; one in Chicago simply sees their own time.
    expect(claimEndLabel(end, 'UTC')).toBe('25 Nov, 12:04 UTC');
    expect(claimEndLabel(end, 'America/Chicago')).toBe('25 Nov, 06:04');
    expect(hhmm(new Date('2026-11-25T15:30:00Z'), 'America/Chicago')).toBe('09:30');
    expect(hhmm(new Date('2026-11-25T15:30:00Z'), 'UTC')).toBe('15:30 UTC');
    // A reviewer with no zone on their account: UTC, labelled, as the page's other times (not this browser's zone).
    for (const none of [null, undefined, '']) {
      expect(hhmm(new Date('2026-11-25T15:30:00Z'), none)).toBe('15:30 UTC');
      expect(claimEndLabel(end, none)).toBe('25 Nov, 12:04 UTC');
    }
  });

  it('is shown in the zone on the reviewer’s account, as the server wrote it, before the page has a clock', () => {
    const html = renderToStaticMarkup(createElement(ClaimTimer, { reviewId: 'r1', expiresAt: until.toISOString(), claimMinutes: 60, serverLabel: '2 Mar, 08:30', timeZone: 'America/Chicago', expiredAtRender: false }));
    expect(html).toContain('Your claim lasts until <time dateTime="2026-03-02T14:30:00.000Z">2 Mar, 08:30</time>');
  });
});
