// The claim's warning where the reviewer is working (components/review/claim-timer.tsx, WCAG
// 2.2.1): while the claim is about to run out, or has, a bar stuck to the bottom of the window below
// the work says so and offers "Keep my claim", so someone scrolled down to the rubric, zoomed in or
// working from the keyboard meets it. The bar is not a live region (the timer's own polite region
// says each change once), and the window keeps room below a focused field for it (2.4.11).
import { describe, expect, it, vi } from 'vitest';
import { createElement, createRef } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { readFile } from 'node:fs/promises';
import { nestedLiveRegions } from '../setup/live-regions';

vi.mock('@/app/review/[reviewId]/actions', () => ({ keepClaimAction: async () => undefined }));
const { ClaimBar, ClaimWorkspace, keepButtonText } = await import('@/components/review/claim-timer');

const until = new Date('2026-03-02T14:30:00Z');
const claim = { reviewId: 'r1', expiresAt: until.toISOString(), claimMinutes: 30, serverLabel: '2 Mar, 14:30 UTC', expiredAtRender: true };
const work = createElement('form', { id: 'work' }, createElement('button', { type: 'submit' }, 'Submit review'));
const bar = (html: string) => /<section[^>]*data-claim-bar[^>]*>[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
const liveTags = (html: string) => html.match(/<[a-z]+[^>]*\s(aria-live="(polite|assertive)"|role="(status|alert|log)")[^>]*>/g) ?? [];

const barProps = { barRef: createRef<HTMLElement>(), keptRef: createRef<HTMLParagraphElement>(), expired: false, minutesLeft: 5, error: null, kept: '', keepText: keepButtonText(30), pending: false, onKeep: () => undefined };

describe('the bar below the work', () => {
  it('warns with the minutes left and a button to keep the claim, stuck to the bottom of the window', () => {
    const html = renderToStaticMarkup(createElement(ClaimBar, barProps));
    expect(html).toMatch(/^<section aria-label="Your claim on this submission" tabindex="-1" data-claim-bar="" class="sticky bottom-0 /);
    expect(html).toContain('<strong>Your claim runs out in 5 minutes.</strong> Keep it to carry on without losing your place.');
    expect(html).toMatch(/<button type="button"[^>]*>Keep my claim for another 30 minutes<\/button>/);
  });

  it('is no live region, nor holds one: the timer’s polite region says it', () => {
    for (const props of [barProps, { ...barProps, expired: true }, { ...barProps, error: 'Someone else has this submission now.' }, { ...barProps, kept: 'Claim kept until 15:00.' }]) {
      expect(liveTags(renderToStaticMarkup(createElement(ClaimBar, props)))).toEqual([]);
    }
  });

  it('once the claim is kept from it, says until when in a line focus can go to, in place of the button', () => {
    const html = renderToStaticMarkup(createElement(ClaimBar, { ...barProps, kept: 'Claim kept until 15:00.' }));
    expect(html).toMatch(/<p tabindex="-1" class="font-medium text-green-800 focus:outline-2[^"]*">Claim kept until 15:00\.<\/p>/);
    expect(html).not.toContain('<button');
  });
});

describe('the scoring page’s work under a claim that has run out (as the server renders it)', () => {
  const html = renderToStaticMarkup(createElement(ClaimWorkspace, { claim }, work));

  it('shows the warning and the button below the work too, after its Submit button', () => {
    const b = bar(html);
    expect(b).not.toBeNull();
    expect(b).toContain('<strong>Your claim has run out.</strong>');
    expect(b).toContain('>Keep my claim for another 30 minutes</button>');
    expect(html.indexOf('Submit review')).toBeLessThan(html.indexOf(b!));
    // Still at the top, where the page starts.
    expect(html.indexOf('Your claim lasts until')).toBeLessThan(html.indexOf('Submit review'));
  });

  it('keeps exactly one polite region saying what happened to the claim, and the kept line’s status', () => {
    expect(liveTags(html)).toEqual(['<p class="sr-only" aria-live="polite" aria-atomic="true">', '<p role="status" tabindex="-1" class="sr-only">']);
    expect(html.match(/aria-live="polite"[^>]*>Your claim has run out\./g)).toHaveLength(1);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('shows no bar while the claim has time left, and neither timer nor bar without a claim (the work stays)', () => {
    const fresh = renderToStaticMarkup(createElement(ClaimWorkspace, { claim: { ...claim, expiredAtRender: false } }, work));
    expect(bar(fresh)).toBeNull();
    expect(fresh).toContain('Your claim lasts until');
    const none = renderToStaticMarkup(createElement(ClaimWorkspace, { claim: null }, work));
    expect(none).toBe(renderToStaticMarkup(work));
  });
});

describe('room for the bar below a focused field (WCAG 2.4.11)', () => {
  it('is kept by the page while the bar is on it, from the bar’s measured height', async () => {
    const css = await readFile(new URL('../../app/globals.css', import.meta.url), 'utf8');
    expect(css).toMatch(/html:has\(\[data-claim-bar\]\)\s*\{\s*scroll-padding-bottom:\s*calc\(var\(--claim-bar-height/);
  });
});
