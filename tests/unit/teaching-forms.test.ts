// The account page's "What I teach" and "Headline" forms as they answer: a saved change is said once,
// politely, in the region that is always on the page; a refusal is said once, assertively, and tied
// to its group or field (aria-describedby, aria-invalid), so focus lands where it can be corrected.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';

let actionState: unknown = { ok: true };
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  return { ...actual, useActionState: () => [actionState, () => undefined, false] };
});

const { TeachingForm } = await import('@/app/account/teaching-form');
const { PortfolioHeadlineForm } = await import('@/app/account/portfolio-headline-form');

beforeEach(() => {
  actionState = { ok: true };
});

const POLITE = '<div tabindex="-1" role="status" aria-live="polite">';
const ASSERTIVE = '<div tabindex="-1" role="alert">';
const action = async () => ({ ok: true as const });
const teachingProps = {
  action,
  subjects: [{ value: 'Mathematics', listed: true }, { value: 'Science', listed: true }, { value: 'Latin', listed: false }],
  gradeBands: [{ value: '6-8', listed: true }],
  saved: { subjects: ['Mathematics', 'Latin'], gradeBands: [] },
};

describe('“What I teach”', () => {
  it('says a save once, politely', () => {
    actionState = { ok: true, message: 'Saved: Mathematics, grades 6-8.' };
    const html = renderToStaticMarkup(createElement(TeachingForm, teachingProps));
    expect(liveRegionsAround(html, 'Saved: Mathematics, grades 6-8.')).toEqual([POLITE]);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('ties a refusal to its group: the fieldset is described by the message and its first box is marked invalid', () => {
    actionState = { ok: false, formError: 'Nothing was saved. Choose only from the lists.', fieldErrors: { subjects: ['Choose subjects from the list.'] } };
    const html = renderToStaticMarkup(createElement(TeachingForm, teachingProps));
    expect(liveRegionsAround(html, 'Nothing was saved.')).toEqual([ASSERTIVE]);
    expect(html).toContain('<fieldset class="mb-4" aria-describedby="subjects-hint subjects-error"><legend class="text-sm font-semibold text-slate-900">Subjects</legend>');
    expect(html).toContain('<p id="subjects-error" class="mt-1 text-sm font-medium text-red-700">Choose subjects from the list.</p>');
    const boxes = [...html.matchAll(/<input id="subjects-\d+"[^>]*>/g)].map((m) => m[0]);
    expect(boxes).toHaveLength(3);
    expect(boxes[0]).toContain('aria-invalid="true" aria-describedby="subjects-error"');
    expect(boxes.slice(1).some((b) => b.includes('aria-invalid'))).toBe(false);
    // The other group is not marked.
    expect(html).toContain('<fieldset class="mb-4" aria-describedby="gradeBands-hint">');
  });

  it('ticks what was saved and marks a value the catalogue no longer offers, in words', () => {
    const html = renderToStaticMarkup(createElement(TeachingForm, teachingProps));
    const checked = [...html.matchAll(/<input id="(?:subjects|gradeBands)-\d+"[^>]*value="([^"]*)"[^>]*>/g)].filter((m) => m[0].includes('checked=""')).map((m) => m[1]);
    expect(checked).toEqual(['Mathematics', 'Latin']);
    expect(html).toContain('Latin<span class="text-sm text-slate-700"> (no longer in the catalogue)</span>');
  });
});

describe('the portfolio headline', () => {
  it('says a save once, and ties a refusal to the field', () => {
    actionState = { ok: true, message: 'Saved. Your portfolio shows no headline.' };
    const saved = renderToStaticMarkup(createElement(PortfolioHeadlineForm, { action, headline: '' }));
    expect(liveRegionsAround(saved, 'Saved. Your portfolio shows no headline.')).toEqual([POLITE]);

    actionState = { ok: false, formError: 'Some fields need attention.', fieldErrors: { portfolioHeadline: ['Use at most 120 characters.'] } };
    const refused = renderToStaticMarkup(createElement(PortfolioHeadlineForm, { action, headline: 'Grade 5 teacher' }));
    expect(liveRegionsAround(refused, 'Some fields need attention.')).toEqual([ASSERTIVE]);
    const input = /<input[^>]*name="portfolioHeadline"[^>]*>/.exec(refused)![0];
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="portfolioHeadline-hint portfolioHeadline-error"');
    expect(input).toContain('maxLength="120"');
    expect(refused).toContain('<p id="portfolioHeadline-error" class="mt-1 text-sm font-medium text-red-700">Use at most 120 characters.</p>');
  });
});
