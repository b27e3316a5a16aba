// The public page's figures of teachers' feedback are shown, and taken afresh from every rating only
// once five new ratings have come in since they were last taken; fewer than five ratings left and they
// are withdrawn, keeping when they were taken (ADR 027). What each write does to them, what a taking stores, the public line, and the words of
// the limit on feedback writes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  feedbackSummarySentence,
  feedbackWriteLimitMessage,
  FEEDBACK_WRITES_PER_HOUR,
  publicFiguresStep,
  SUMMARY_MIN_RATINGS,
  takenFigures,
} from '@/lib/credential-feedback/policy';

describe('what a write does to the public figures', () => {
  it('nothing below five; the fifth rating takes them; the 6th to 9th keep them; the 10th takes them afresh', () => {
    expect(SUMMARY_MIN_RATINGS).toBe(5);
    // No figures yet: every rating is new.
    for (const n of [0, 1, 4]) expect(publicFiguresStep({ shown: false, ratings: n, newRatings: n })).toBe('keep');
    expect(publicFiguresStep({ shown: false, ratings: 5, newRatings: 5 })).toBe('take');
    // Taken at 5: the next four are new, and wait.
    for (const fresh of [1, 2, 3, 4]) expect(publicFiguresStep({ shown: true, ratings: 5 + fresh, newRatings: fresh })).toBe('keep');
    expect(publicFiguresStep({ shown: true, ratings: 10, newRatings: 5 })).toBe('take');
  });

  it('an edit or a deletion that leaves five or more moves nothing public, however many ratings there are', () => {
    // An edit: the counts are as they were (createdAt is kept).
    expect(publicFiguresStep({ shown: true, ratings: 10, newRatings: 0 })).toBe('keep');
    expect(publicFiguresStep({ shown: true, ratings: 7, newRatings: 2 })).toBe('keep');
    // The review's attack: a counted rating deleted among 10 with 4 waiting moves nothing now.
    expect(publicFiguresStep({ shown: true, ratings: 13, newRatings: 4 })).toBe('keep');
    // Re-saved, it is one new rating among the waiting: four others must come before the next taking.
    expect(publicFiguresStep({ shown: true, ratings: 14, newRatings: 5 })).toBe('take');
  });

  it('fewer than five left drops the shown figures at once; with none shown there is nothing to drop', () => {
    for (const n of [0, 1, 4]) {
      expect(publicFiguresStep({ shown: true, ratings: n, newRatings: 0 })).toBe('drop');
      expect(publicFiguresStep({ shown: true, ratings: n, newRatings: n })).toBe('drop');
      expect(publicFiguresStep({ shown: false, ratings: n, newRatings: n })).toBe('keep');
    }
  });

  it('withdrawn figures come back only with five ratings new since they were last taken, never at five in all', () => {
    // Taken from 5; one withdrawn (4 left, dropped); one new: 5 in all, but only 1 new since the taking.
    expect(publicFiguresStep({ shown: false, ratings: 5, newRatings: 1 })).toBe('keep');
    // Four more newcomers: five new ones, taken from all nine.
    expect(publicFiguresStep({ shown: false, ratings: 9, newRatings: 5 })).toBe('take');
  });

  it('takes only with five new ratings and five in all, drops only below five, for any counts', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(10_000), fc.nat(10_000), (shown, a, b) => {
        const ratings = Math.max(a, b);
        const newRatings = shown ? Math.min(a, b) : ratings;
        const step = publicFiguresStep({ shown, ratings, newRatings });
        if (step === 'take') return newRatings >= 5 && ratings >= 5;
        if (step === 'drop') return shown && ratings < 5;
        return (ratings < 5 && !shown) || (ratings >= 5 && newRatings < 5);
      }),
    );
  });
});

describe('what a taking stores', () => {
  it('every rating: their count and average, and the median hours once five gave hours', () => {
    expect(takenFigures({ count: 4, average: 4, hoursCount: 4, medianHours: 6 })).toBeNull();
    expect(takenFigures({ count: 5, average: 4.4, hoursCount: 4, medianHours: 6 })).toEqual({ count: 5, average: 4.4, typicalHours: null });
    expect(takenFigures({ count: 5, average: 4.4, hoursCount: 5, medianHours: 6 })).toEqual({ count: 5, average: 4.4, typicalHours: 6 });
    expect(takenFigures({ count: 12, average: 3.25, hoursCount: 9, medianHours: 7.5 })).toEqual({ count: 12, average: 3.25, typicalHours: 7.5 });
    expect(takenFigures({ count: 5, average: null, hoursCount: 0, medianHours: null })).toBeNull();
  });
});

describe('the public line', () => {
  it('says how many ratings and that it is updated after every five new ones, without jargon', () => {
    expect(feedbackSummarySentence({ count: 12, average: 4.44, typicalHours: 6 })).toBe('Teachers who went through it rate it 4.4 out of 5 (from 12 ratings; updated after every five new ones) · most took about 6 hours');
    expect(feedbackSummarySentence({ count: 5, average: 4, typicalHours: null })).toBe('Teachers who went through it rate it 4 out of 5 (from 5 ratings; updated after every five new ones)');
    expect(feedbackSummarySentence({ count: 1200, average: 3.96, typicalHours: 1.2 })).toBe('Teachers who went through it rate it 4 out of 5 (from 1,200 ratings; updated after every five new ones) · most took about 1 hour');
    expect(feedbackSummarySentence({ count: 10, average: 3, typicalHours: 6 })).not.toMatch(/at a time|batch/);
  });
});

describe('the limit on feedback writes', () => {
  it('about twenty an hour, refused in words that say nothing was written and when to try again', () => {
    expect(FEEDBACK_WRITES_PER_HOUR).toBe(20);
    expect(feedbackWriteLimitMessage('save', 3600)).toBe('You have saved or deleted your feedback many times in the last hour. Nothing was saved this time: try again in about an hour.');
    expect(feedbackWriteLimitMessage('save', 25 * 60 - 10)).toBe('You have saved or deleted your feedback many times in the last hour. Nothing was saved this time: try again in 25 minutes.');
    expect(feedbackWriteLimitMessage('delete', 1)).toBe('You have saved or deleted your feedback many times in the last hour. Nothing was deleted this time: try again in a minute.');
    expect(feedbackWriteLimitMessage('delete', 61)).toMatch(/Nothing was deleted this time: try again in 2 minutes\.$/);
  });
});
