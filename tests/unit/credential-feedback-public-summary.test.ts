// The public page's figures of teachers' feedback take in ratings only in whole batches of five, the
// earliest first, so watching the page between two ratings never shows what one teacher gave
// (ADR 027): which ratings count, what an edit or a deletion does, and when the page reads differently.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { feedbackSummarySentence, publicFeedbackSummary, publicRatingCount, publicSummaryChanged, SUMMARY_MIN_RATINGS, type RatingForSummary } from '@/lib/credential-feedback/policy';

const T0 = Date.UTC(2026, 2, 1, 9);
/** The i-th rating saved, a minute after the one before. */
const rating = (i: number, value: number, hoursSpent: number | null = null): RatingForSummary => ({ id: `r${String(i).padStart(3, '0')}`, createdAt: new Date(T0 + i * 60_000), rating: value, hoursSpent });
/** Ratings 0..values.length-1, in the order saved. */
const line = (values: number[], hours: (number | null)[] = []) => values.map((v, i) => rating(i, v, hours[i] ?? null));
const shuffled = <T>(xs: T[]) => [...xs].reverse();

describe('how many ratings the public figures count', () => {
  it('none below five, then whole batches of five: 4, 5, 6, 9, 10', () => {
    expect(SUMMARY_MIN_RATINGS).toBe(5);
    expect([0, 1, 4, 5, 6, 9, 10, 11, 14, 15, 1203].map(publicRatingCount)).toEqual([0, 0, 0, 5, 5, 5, 10, 10, 10, 15, 1200]);
    // Never more than there are, never a part batch, never more than four left waiting.
    fc.assert(
      fc.property(fc.nat(100_000), (n) => {
        const c = publicRatingCount(n);
        return c <= n && c % 5 === 0 && n - c < 5 && (n < 5 ? c === 0 : c >= 5);
      }),
    );
  });
});

describe('the public figures', () => {
  it('nothing at 4 ratings; the first five at 5; still the first five at 6 and 9; all ten at 10', () => {
    // The first five all "very useful"; the next five all "not useful".
    const values = [5, 5, 5, 5, 5, 1, 1, 1, 1, 1];
    expect(publicFeedbackSummary(line(values.slice(0, 4)))).toBeNull();
    expect(publicFeedbackSummary([])).toBeNull();
    const five = { count: 5, average: 5, typicalHours: null };
    expect(publicFeedbackSummary(line(values.slice(0, 5)))).toEqual(five);
    expect(publicFeedbackSummary(line(values.slice(0, 6)))).toEqual(five);
    expect(publicFeedbackSummary(line(values.slice(0, 9)))).toEqual(five);
    expect(publicFeedbackSummary(line(values))).toEqual({ count: 10, average: 3, typicalHours: null });
    expect(publicFeedbackSummary(line([...values, 1, 1]))).toMatchObject({ count: 10, average: 3 });
  });

  it('the earliest saved count, whatever order the rows come in; the id settles two saved in the same millisecond', () => {
    const rows = line([5, 5, 5, 5, 5, 1, 1, 1, 1]);
    expect(publicFeedbackSummary(shuffled(rows))).toMatchObject({ count: 5, average: 5 });
    // Five saved at the same instant, a sixth before them: the id decides which of the five waits.
    const at = new Date(T0 + 3_600_000);
    const tie = [{ id: 'b', createdAt: at, rating: 1, hoursSpent: null }, { id: 'a', createdAt: at, rating: 5, hoursSpent: null }, { id: 'd', createdAt: at, rating: 5, hoursSpent: null }, { id: 'c', createdAt: at, rating: 5, hoursSpent: null }, { id: 'e', createdAt: at, rating: 2, hoursSpent: null }];
    const earlier = { id: 'z', createdAt: new Date(T0), rating: 4, hoursSpent: null };
    // Counted: z, a, b, c, d (e waits): (4 + 5 + 1 + 5 + 5) / 5.
    for (const rows6 of [[earlier, ...tie], shuffled([earlier, ...tie]), [tie[4], earlier, tie[2], tie[0], tie[3], tie[1]]]) {
      expect(publicFeedbackSummary(rows6)).toEqual({ count: 5, average: 4, typicalHours: null });
    }
  });

  it('hours follow the same batch: the median of the counted ratings’ hours, once five of them gave hours', () => {
    // Four of the first five gave hours: no hours yet, however many the waiting ratings gave.
    const rows = line([4, 4, 4, 4, 4, 4, 4, 4, 4], [2, 2, 3, 4, null, 20, 20, 20, 20]);
    expect(publicFeedbackSummary(rows)).toEqual({ count: 5, average: 4, typicalHours: null });
    // The tenth brings the next five in: nine hours among the ten, median 4.
    expect(publicFeedbackSummary([...rows, rating(9, 4, 1)])).toEqual({ count: 10, average: 4, typicalHours: 4 });
    // An even number of hours: the mean of the two middle ones, as Postgres's percentile_cont(0.5).
    expect(publicFeedbackSummary(line([3, 3, 3, 3, 3], [1, 2, 6, 10, 12]))?.typicalHours).toBe(6);
    expect(publicFeedbackSummary(line([3, 3, 3, 3, 3, 3, 3, 3, 3, 3], [1, 2, 6, 10, 12, 1, 1, 30, 30, 30]))?.typicalHours).toBe(8);
  });

  it('an edit keeps the rating’s place: a counted one moves the figures, a waiting one changes nothing', () => {
    const rows = line([4, 4, 4, 4, 4, 2, 2], [5, 5, 5, 5, 5, 9, 9]);
    const before = publicFeedbackSummary(rows);
    expect(before).toEqual({ count: 5, average: 4, typicalHours: 5 });
    // The sixth (waiting) changes their answers: nothing public changes.
    const waitingEdited = rows.map((r, i) => (i === 5 ? { ...r, rating: 5, hoursSpent: 40 } : r));
    expect(publicFeedbackSummary(waitingEdited)).toEqual(before);
    expect(publicSummaryChanged(before, publicFeedbackSummary(waitingEdited))).toBe(false);
    // The second (counted) does: 4 becomes 1, and the figures show it at once.
    const countedEdited = rows.map((r, i) => (i === 1 ? { ...r, rating: 1 } : r));
    expect(publicFeedbackSummary(countedEdited)).toEqual({ count: 5, average: 3.4, typicalHours: 5 });
    expect(publicSummaryChanged(before, publicFeedbackSummary(countedEdited))).toBe(true);
  });

  it('a deletion: one waiting changes nothing; a counted one lets the next waiting in; below a boundary, the figures drop back a batch', () => {
    const rows = line([5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 3]);
    expect(publicFeedbackSummary(rows)).toMatchObject({ count: 10, average: 3 });
    // The eleventh (waiting) goes: the same ten.
    expect(publicFeedbackSummary(rows.filter((_, i) => i !== 10))).toMatchObject({ count: 10, average: 3 });
    // A counted one goes, with one waiting: still ten, the eleventh in its place ((4 × 5 + 5 × 1 + 3) / 10).
    expect(publicFeedbackSummary(rows.filter((_, i) => i !== 0))).toMatchObject({ count: 10, average: 2.8 });
    // From 10 to 9: back to the first five (of those left).
    const ten = rows.slice(0, 10);
    expect(publicFeedbackSummary(ten.filter((_, i) => i !== 7))).toEqual({ count: 5, average: 5, typicalHours: null });
    expect(publicFeedbackSummary(ten.filter((_, i) => i !== 2))).toEqual({ count: 5, average: 4.2, typicalHours: null });
    // From 5 to 4: nothing public any more.
    expect(publicFeedbackSummary(ten.slice(0, 5).filter((_, i) => i !== 0))).toBeNull();
  });

  it('a rating that does not fill a batch never changes the figures, whatever the earlier ones gave', () => {
    const given = fc.array(fc.record({ rating: fc.integer({ min: 1, max: 5 }), hours: fc.option(fc.integer({ min: 1, max: 2000 }).map((h) => h / 2)) }), { maxLength: 40 });
    fc.assert(
      fc.property(given, fc.integer({ min: 1, max: 5 }), (earlier, next) => {
        const rows = earlier.map((g, i) => rating(i, g.rating, g.hours));
        const after = publicFeedbackSummary(shuffled([...rows, rating(rows.length, next, 3)]));
        if ((rows.length + 1) % 5 !== 0) expect(after).toEqual(publicFeedbackSummary(rows));
        else expect(after?.count).toBe(rows.length + 1);
      }),
    );
  });
});

describe('when the public page reads differently', () => {
  it('the line says how many ratings the figures are from, and that they come in five at a time', () => {
    expect(feedbackSummarySentence({ count: 10, average: 4.44, typicalHours: 6 })).toBe('Teachers who went through it rate it 4.4 out of 5 (from 10 ratings, added five at a time) · most took about 6 hours');
    expect(feedbackSummarySentence({ count: 5, average: 4, typicalHours: null })).toBe('Teachers who went through it rate it 4 out of 5 (from 5 ratings, added five at a time)');
    expect(feedbackSummarySentence({ count: 1200, average: 3.96, typicalHours: 1.2 })).toBe('Teachers who went through it rate it 4 out of 5 (from 1,200 ratings, added five at a time) · most took about 1 hour');
  });

  it('compares what the page shows: the rounded average, the count and the hours to the half hour', () => {
    const s = { count: 10, average: 4.41, typicalHours: 6 };
    expect(publicSummaryChanged(null, null)).toBe(false);
    expect(publicSummaryChanged(null, s)).toBe(true);
    expect(publicSummaryChanged(s, null)).toBe(true);
    expect(publicSummaryChanged(s, { ...s })).toBe(false);
    // Shown as 4.4 and "about 6 hours" either way.
    expect(publicSummaryChanged(s, { ...s, average: 4.43, typicalHours: 6.2 })).toBe(false);
    expect(publicSummaryChanged(s, { ...s, average: 4.46 })).toBe(true);
    expect(publicSummaryChanged(s, { ...s, count: 15 })).toBe(true);
    expect(publicSummaryChanged(s, { ...s, typicalHours: 6.5 })).toBe(true);
    expect(publicSummaryChanged(s, { ...s, typicalHours: null })).toBe(true);
  });
});
