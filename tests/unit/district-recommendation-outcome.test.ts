// District recommendations: the "Recommend" form's success message (components/district/
// recommendation-outcome.tsx), which takes focus and is read out after every success.
import { describe, expect, it } from 'vitest';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { initialRecommendOutcome, nextRecommendOutcome } from '@/components/district/recommendation-outcome';

const success = (message: string): ActionResult => ({ ok: true, message });

describe('the message after "Recommend"', () => {
  it('shows a success and takes focus to it', () => {
    const shown = nextRecommendOutcome(initialRecommendOutcome, success('You now recommend “A” to the whole district.'));
    expect(shown).toMatchObject({ text: 'You now recommend “A” to the whole district.', focus: true });
  });

  it('changes the words of an identical second success, so it is read out again, and takes focus again', () => {
    const first = nextRecommendOutcome(initialRecommendOutcome, success('Done.'));
    const second = nextRecommendOutcome(first, success('Done.'));
    expect(second.focus).toBe(true);
    expect(second.text).not.toBe(first.text);
    expect(second.text.trim()).toBe('Done.');
    // And a third differs from the second.
    const third = nextRecommendOutcome(second, success('Done.'));
    expect(third.text).not.toBe(second.text);
    expect(third.text.trim()).toBe('Done.');
  });

  it('changes nothing on a re-render of the same result', () => {
    const state = success('Done.');
    const shown = nextRecommendOutcome(initialRecommendOutcome, state);
    expect(nextRecommendOutcome(shown, state)).toBe(shown);
  });

  it('clears the message on a failure (the form shows its errors) and on the initial state, without taking focus', () => {
    const shown = nextRecommendOutcome(initialRecommendOutcome, success('Done.'));
    expect(nextRecommendOutcome(shown, { ok: false, formError: 'Your district already has 30.' })).toMatchObject({ text: '', focus: false });
    expect(nextRecommendOutcome(initialRecommendOutcome, initialActionState)).toMatchObject({ text: '', focus: false });
  });
});
