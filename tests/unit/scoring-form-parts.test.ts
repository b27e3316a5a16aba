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
      createElement(ScoringForm, { reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores: {}, overallComment: '' } }),
    );
    expect(html).toMatch(/<p id="part-c1"[^>]*>Scores Part 2: Student work<\/p>/);
    expect(html).toMatch(/<fieldset id="level-c1"[^>]*aria-describedby="part-c1"/);
    expect(html).not.toContain('part-c2');
    expect(html.match(/Scores Part/g)).toHaveLength(1);
  });
});

describe('each criterion of the scoring form', () => {
  const render = (scores: Record<string, { levelId: string | null; feedback: string }>) =>
    renderToStaticMarkup(
      createElement(ScoringForm, { reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores, overallComment: '' } }),
    );
  const feedbackBox = (html: string, id: string) => new RegExp(`<textarea id="feedback-${id}"[^>]*>`).exec(html)![0];

  it('marks the feedback box required when its score is below the passing level, as its label says, and only then', () => {
    const html = render({ c1: { levelId: 'l1', feedback: '' }, c2: { levelId: 'l2', feedback: '' } });
    expect(html).toMatch(/<label for="feedback-c1"[^>]*>Feedback on “Plans the cycle” <span>\(required: below the passing level\)<\/span><\/label>/);
    expect(feedbackBox(html, 'c1')).toContain('aria-required="true"');
    expect(feedbackBox(html, 'c2')).not.toContain('aria-required');
    expect(feedbackBox(render({}), 'c1')).not.toContain('aria-required');
  });

  it('keeps its title as the group’s legend, floated inside the box so a title on two lines is not cut by the border', () => {
    const html = render({});
    // The legend is still the fieldset's first child, so it still names the group of levels.
    expect(html).toMatch(/<fieldset id="level-c1"[^>]*><legend id="level-c1-legend" class="float-left [^"]*w-full[^"]*">1\. Plans the cycle<\/legend><div class="clear-both"><\/div>/);
    expect(html).toMatch(/<fieldset id="level-c2"[^>]*><legend id="level-c2-legend" class="float-left [^"]*w-full[^"]*">2\. Reflects<\/legend><div class="clear-both"><\/div>/);
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
