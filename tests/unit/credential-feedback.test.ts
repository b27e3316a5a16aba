// A teacher's feedback on a micro-credential: what the form takes (checked on the server), who may
// give it, and how the answers are put in words for the issuer and the public page.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FEEDBACK_COMMENTS_PAGE_MAX, FeedbackReportSearchInput, readHours, SaveCredentialFeedbackInput } from '@/lib/credential-feedback/schemas';
import { aboutHours, feedbackRefusal, feedbackStanding, feedbackSummarySentence, formatAverage, hoursComparison, ratingInWords } from '@/lib/credential-feedback/policy';

const parse = (input: Record<string, unknown>) => SaveCredentialFeedbackInput.safeParse({ microCredentialId: 'mc1', rating: '4', ...input });
const messageOf = (input: Record<string, unknown>, field: string) => {
  const r = parse(input);
  return r.success ? null : r.error.issues.find((i) => i.path[0] === field)?.message;
};

describe('what the feedback form takes', () => {
  it('a rating is a whole number from 1 to 5, and is required', () => {
    for (const rating of ['1', '3', '5', 2]) expect(parse({ rating }).success).toBe(true);
    expect(parse({ rating: '4' })).toMatchObject({ success: true, data: { rating: 4 } });
    for (const rating of ['0', '6', '4.5', 'very', '', '  ', undefined, '-1', 'Infinity']) {
      expect(messageOf({ rating }, 'rating')).toBe('Choose how useful it was, from 1 (not useful) to 5 (very useful).');
    }
  });

  it('hours are optional, more than 0, at most 1,000, in half hours', () => {
    expect(parse({ hoursSpent: '' })).toMatchObject({ success: true, data: { hoursSpent: undefined } });
    const missing = parse({});
    expect(missing.success && missing.data.hoursSpent).toBeUndefined();
    expect(parse({ hoursSpent: ' 6.5 ' })).toMatchObject({ success: true, data: { hoursSpent: 6.5 } });
    expect(parse({ hoursSpent: '0.5' })).toMatchObject({ success: true, data: { hoursSpent: 0.5 } });
    expect(parse({ hoursSpent: '1000' })).toMatchObject({ success: true, data: { hoursSpent: 1000 } });
    // A decimal comma and a thousands separator read as people mean them.
    expect(parse({ hoursSpent: '7,5' })).toMatchObject({ success: true, data: { hoursSpent: 7.5 } });
    expect(parse({ hoursSpent: '1,000' })).toMatchObject({ success: true, data: { hoursSpent: 1000 } });
    expect(messageOf({ hoursSpent: '0' }, 'hoursSpent')).toBe('Enter more than 0 hours, or leave the box empty.');
    expect(messageOf({ hoursSpent: '-3' }, 'hoursSpent')).toBe('Enter more than 0 hours, or leave the box empty.');
    expect(messageOf({ hoursSpent: '1000.5' }, 'hoursSpent')).toBe('Enter at most 1,000 hours.');
    expect(messageOf({ hoursSpent: '6.25' }, 'hoursSpent')).toBe('Round to the nearest half hour, for example 6 or 6.5.');
    for (const hoursSpent of ['about six', '6h', '0x10', '1e2', 'Infinity', 'NaN', '6..5']) {
      expect(messageOf({ hoursSpent }, 'hoursSpent')).toBe('Enter the hours as a number, for example 6 or 7.5, or leave the box empty.');
    }
  });

  it('a comment is optional, trimmed, and at most 4,000 characters as the box counts them', () => {
    expect(parse({ comment: '   ' })).toMatchObject({ success: true, data: { comment: undefined } });
    expect(parse({ comment: '  Useful rubric.  ' })).toMatchObject({ success: true, data: { comment: 'Useful rubric.' } });
    expect(parse({ comment: 'x'.repeat(4000) }).success).toBe(true);
    expect(messageOf({ comment: 'x'.repeat(4001) }, 'comment')).toBe('Use at most 4,000 characters.');
    // Line breaks arrive from the browser as CRLF: counted once each, as the box's maxLength does.
    const lines = `${'x'.repeat(1999)}\r\n${'y'.repeat(2000)}`;
    expect(parse({ comment: lines })).toMatchObject({ success: true, data: { comment: `${'x'.repeat(1999)}\n${'y'.repeat(2000)}` } });
    expect(parse({ comment: 'a\u0000b' })).toMatchObject({ success: true, data: { comment: 'ab' } });
  });

  it('refuses a missing or oversized credential id', () => {
    expect(SaveCredentialFeedbackInput.safeParse({ rating: '4' }).success).toBe(false);
    expect(SaveCredentialFeedbackInput.safeParse({ rating: '4', microCredentialId: 'x'.repeat(41) }).success).toBe(false);
  });

  it('any input at all is refused or parsed into values the table takes, never a throw', () => {
    const anything = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.constant(undefined), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object(), fc.constantFrom('1', '5', '0.5', '1000', '7,5', ' 3 ', '\u0000', 'x'.repeat(4001)));
    fc.assert(
      fc.property(anything, anything, anything, anything, (microCredentialId, rating, hoursSpent, comment) => {
        const r = SaveCredentialFeedbackInput.safeParse({ microCredentialId, rating, hoursSpent, comment });
        if (!r.success) {
          for (const issue of r.error.issues) expect(typeof issue.message).toBe('string');
          return;
        }
        expect(Number.isInteger(r.data.rating) && r.data.rating >= 1 && r.data.rating <= 5).toBe(true);
        if (r.data.hoursSpent !== undefined) expect(r.data.hoursSpent > 0 && r.data.hoursSpent <= 1000 && Number.isInteger(r.data.hoursSpent * 2)).toBe(true);
        if (r.data.comment !== undefined) expect(r.data.comment.length <= 4000 && !r.data.comment.includes('\u0000')).toBe(true);
        expect(r.data.microCredentialId.includes('\u0000')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('readHours leaves non-text values alone and turns anything but a plain decimal into NaN', () => {
    expect(readHours(6)).toBe(6);
    expect(readHours('')).toBeUndefined();
    expect(readHours('12')).toBe('12');
    expect(readHours('1 000')).toBe('1000');
    expect(Number.isNaN(readHours('+5'))).toBe(true);
  });
});

describe('which page of comments the issuer asks for', () => {
  const pageOf = (page: unknown) => FeedbackReportSearchInput.parse({ page }).page;

  it('a whole number from 1 up to the bound is that page', () => {
    expect(pageOf('1')).toBe(1);
    expect(pageOf('2')).toBe(2);
    expect(pageOf(String(FEEDBACK_COMMENTS_PAGE_MAX))).toBe(FEEDBACK_COMMENTS_PAGE_MAX);
    expect(FeedbackReportSearchInput.parse({}).page).toBe(1);
  });

  it('anything else, from an edited address, is the first page and never an error', () => {
    for (const page of ['0', '-1', '1.5', 'abc', '', ' ', 'x\u0000', 'Infinity', 'NaN', String(FEEDBACK_COMMENTS_PAGE_MAX + 1), '1e400', ['2', '3'], undefined, null, {}]) {
      expect(pageOf(page)).toBe(1);
    }
    fc.assert(fc.property(fc.anything(), (page) => {
      const n = pageOf(page);
      return Number.isInteger(n) && n >= 1 && n <= FEEDBACK_COMMENTS_PAGE_MAX;
    }));
  });
});

describe('who may give feedback', () => {
  it('only once a reviewer has decided on some attempt (passed or returned), or the teacher holds the badge', () => {
    expect(feedbackStanding(['PASSED'], false)).toBe('decided');
    expect(feedbackStanding(['RETURNED', 'DRAFT'], false)).toBe('decided');
    expect(feedbackStanding([], true)).toBe('decided');
    expect(feedbackStanding(['SUBMITTED'], false)).toBe('waiting');
    expect(feedbackStanding(['DRAFT', 'SUBMITTED'], false)).toBe('waiting');
    expect(feedbackStanding(['DRAFT'], false)).toBe('draft');
    expect(feedbackStanding([], false)).toBe('none');
  });

  it('says plainly why not yet, and never refuses a teacher who already gave feedback', () => {
    expect(feedbackRefusal('decided')).toBeNull();
    expect(feedbackRefusal('draft')).toMatch(/once a reviewer has made a decision.*still a draft/);
    expect(feedbackRefusal('waiting')).toMatch(/with the reviewers now/);
    expect(feedbackRefusal('none')).toMatch(/not sent any work/);
    for (const s of ['waiting', 'draft', 'none'] as const) expect(feedbackRefusal(s, true)).toBeNull();
  });
});

describe('feedback in words', () => {
  it('the public line, with and without typical hours', () => {
    expect(feedbackSummarySentence({ count: 12, average: 4.44, typicalHours: 6 })).toBe('Teachers who went through it rate it 4.4 out of 5 (from 12 ratings; updated after every five new ones) · most took about 6 hours');
    expect(feedbackSummarySentence({ count: 5, average: 4, typicalHours: null })).toBe('Teachers who went through it rate it 4 out of 5 (from 5 ratings; updated after every five new ones)');
    expect(feedbackSummarySentence({ count: 1200, average: 3.96, typicalHours: 1.2 })).toBe('Teachers who went through it rate it 4 out of 5 (from 1,200 ratings; updated after every five new ones) · most took about 1 hour');
  });

  it('hours to the half hour, and averages to one decimal', () => {
    expect(aboutHours(0.2)).toBe('about half an hour');
    expect(aboutHours(6.3)).toBe('about 6.5 hours');
    expect(aboutHours(6.2)).toBe('about 6 hours');
    expect(formatAverage(4.45)).toBe('4.5');
    expect(formatAverage(3)).toBe('3');
    expect(ratingInWords(5)).toBe('5 · Very useful');
    expect(ratingInWords(1)).toBe('1 · Not useful');
  });

  it('compares typical hours with the stated PD hours, a quarter either way being about the same', () => {
    expect(hoursComparison(10, 5)).toBe('longer');
    expect(hoursComparison(6, 5)).toBe('about');
    expect(hoursComparison(3, 5)).toBe('shorter');
    expect(hoursComparison(3, 0)).toBe('about');
  });
});
