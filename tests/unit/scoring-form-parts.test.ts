// The reviewer's scoring form says which part of the evidence each criterion scores, numbered as
// the evidence panel numbers the parts (components/review/scoring-form.tsx).
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

// The form's server actions are not called while rendering.
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: async () => undefined, submitReviewAction: async () => undefined, keepClaimAction: async () => undefined }));
const { ScoringForm, submitLabel } = await import('@/components/review/scoring-form');

const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
const criteria = [
  { id: 'c1', title: 'Plans the cycle', description: '', part: { number: 2, title: 'Student work' }, descriptors: [] },
  { id: 'c2', title: 'Reflects', description: '', part: null, descriptors: [] },
];

describe('the scoring form', () => {
  it('names the part of the evidence a criterion scores, tied to its group of levels, and nothing for one without', () => {
    const html = renderToStaticMarkup(
      createElement(ScoringForm, { reviewId: 'r1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores: {}, overallComment: '' } }),
    );
    expect(html).toMatch(/<p id="part-c1"[^>]*>Scores Part 2: Student work<\/p>/);
    expect(html).toMatch(/<fieldset id="level-c1"[^>]*aria-describedby="part-c1"/);
    expect(html).not.toContain('part-c2');
    expect(html.match(/Scores Part/g)).toHaveLength(1);
  });
});

describe('the submit button says what it does', () => {
  it('names the scores’ verdict for a review (which may be one of two scores) and the outcome only for an adjudication', () => {
    expect(submitLabel('PRIMARY', false, true, true)).toBe('Submit: meets the standard');
    expect(submitLabel('SECOND', false, true, false)).toBe('Submit: needs revision');
    expect(submitLabel('ADJUDICATION', false, true, true)).toBe('Award the credential');
    expect(submitLabel('ADJUDICATION', false, true, false)).toBe('Return for revision');
    expect(submitLabel('PRIMARY', false, false, false)).toBe('Submit scores');
    expect(submitLabel('PRIMARY', true, true, true)).toBe('Submitting…');
  });
});
