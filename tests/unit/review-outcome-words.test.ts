// What the scoring page says after Submit and after a refused release: a pass whose badge was left
// to the job queue is not called awarded, and a refused release is said next to its button.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

let actionState: unknown = { ok: true };
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  return { ...actual, useActionState: () => [actionState, () => undefined, false] };
});
// Server actions are not called while rendering.
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: vi.fn(), submitReviewAction: vi.fn(), keepClaimAction: vi.fn(), releaseReviewAction: vi.fn() }));

const { submittedText } = await import('@/components/review/scoring-form');
const { submittedOutcomeText } = await import('@/app/review/[reviewId]/submitted-outcome');
const { ReleaseClaimForm } = await import('@/components/review/release-claim-form');

beforeEach(() => {
  actionState = { ok: true };
});

describe('a pass, said after Submit', () => {
  it('calls the credential awarded only when its badge was issued', () => {
    expect(submittedText({ outcome: 'PASSED' })).toBe('The credential is awarded. The teacher will be notified.');
    expect(submittedText({ outcome: 'PASSED', awardQueued: true })).toBe('The submission meets the standard. Its badge will be issued shortly, and the teacher notified when it is.');
    expect(submittedText({ outcome: 'RETURNED', awardQueued: true })).toMatch(/returned for revision/);
  });

  it('on the page of the submitted review, too', () => {
    expect(submittedOutcomeText({ kind: 'PRIMARY', attemptStatus: 'PASSED', setAside: false, awardPending: true })).toBe('The attempt meets the standard. Its badge will be issued shortly, and the teacher notified when it is.');
    expect(submittedOutcomeText({ kind: 'PRIMARY', attemptStatus: 'PASSED', setAside: false, awardPending: false })).toMatch(/credential was awarded/);
  });
});

describe('“Release and discard my draft”', () => {
  it('says a refusal under the button, as an alert the button points to', () => {
    expect(renderToStaticMarkup(createElement(ReleaseClaimForm, { reviewId: 'r1' }))).not.toContain('role="alert"');
    actionState = { ok: false, formError: 'That review could not be found.' };
    const html = renderToStaticMarkup(createElement(ReleaseClaimForm, { reviewId: 'r1' }));
    expect(html).toMatch(/<button type="submit" aria-describedby="release-error-r1"[^>]*>Release and discard my draft<\/button><p id="release-error-r1" role="alert"[^>]*>That review could not be found\.<\/p>/);
  });
});
