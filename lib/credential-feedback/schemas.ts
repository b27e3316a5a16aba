import { z } from 'zod';
import { blankToUndefined, str } from '@/lib/zod-text';

// A teacher's feedback on a micro-credential they went through. The same limits are CHECK
// constraints on CredentialFeedback (migration teacher_voice); these give the words.

export const COMMENT_MAX = 4000;
export const HOURS_MAX = 1000;

/** The five points of "How useful was this for your teaching?", each said in words. */
export const RATING_WORDS = {
  1: 'Not useful',
  2: 'A little useful',
  3: 'Fairly useful',
  4: 'Useful',
  5: 'Very useful',
} as const satisfies Record<number, string>;
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

const RATING_MISSING = 'Choose how useful it was, from 1 (not useful) to 5 (very useful).';
const HOURS_NOT_A_NUMBER = 'Enter the hours as a number, for example 6 or 7.5, or leave the box empty.';

const rating = z.preprocess(
  blankToUndefined,
  z.coerce.number({ error: RATING_MISSING }).int(RATING_MISSING).min(1, RATING_MISSING).max(5, RATING_MISSING),
);

/**
 * The hours box as typed, made a number the way a person means it: spaces dropped, "7,5" a decimal
 * comma, "1,000" a thousands separator. Empty: not given. Only plain decimals are numbers here, not
 * whatever Number() reads ("0x10", "1e2"): anything else is NaN, refused with HOURS_NOT_A_NUMBER.
 */
export function readHours(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  let s = v.replace(/\s+/g, '');
  if (!s) return undefined;
  if (/^\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replaceAll(',', '');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? s : Number.NaN;
}

// Optional: an empty box is "not sure". Half hours are precise enough for "about how many"; the
// column keeps tenths, so nothing finer could be stored as typed anyway.
const hoursSpent = z.preprocess(
  readHours,
  z.coerce
    .number({ error: HOURS_NOT_A_NUMBER })
    .refine((n) => Number.isFinite(n), HOURS_NOT_A_NUMBER)
    .refine((n) => n > 0, 'Enter more than 0 hours, or leave the box empty.')
    .refine((n) => n <= HOURS_MAX, 'Enter at most 1,000 hours.')
    .refine((n) => Number.isInteger(n * 2), 'Round to the nearest half hour, for example 6 or 6.5.')
    .optional(),
);

// Browsers send a textarea's line breaks as CRLF, while its maxLength counts each as one character:
// counted as the teacher saw them, so a comment the box allowed is not refused as too long.
const comment = z.preprocess(
  blankToUndefined,
  str()
    .overwrite((s) => s.replace(/\r\n?/g, '\n').trim())
    .max(COMMENT_MAX, 'Use at most 4,000 characters.')
    .optional(),
);

/** "Save my feedback": one per teacher and micro-credential, so saving again changes it. */
export const SaveCredentialFeedbackInput = z.object({
  microCredentialId: str().min(1, 'That micro-credential could not be found.').max(40, 'That micro-credential could not be found.'),
  rating,
  hoursSpent,
  comment,
});
export type SaveCredentialFeedbackInput = z.infer<typeof SaveCredentialFeedbackInput>;

/** "Delete my feedback". */
export const DeleteCredentialFeedbackInput = z.object({
  microCredentialId: str().min(1).max(40),
});

/**
 * More pages of comments than any credential will have (200,000 comments at 20 a page): a bound so
 * an edited address cannot ask the database to skip an absurd number of rows.
 */
export const FEEDBACK_COMMENTS_PAGE_MAX = 10_000;

/**
 * Which page of comments the issuer's feedback page shows (`?page=`), from 1. The address is anyone's
 * to edit: anything but a whole number from 1 to FEEDBACK_COMMENTS_PAGE_MAX is the first page, never
 * an error. A page past the last one is empty, and the page says so.
 */
export const FeedbackCommentsPage = z.coerce.number().int().min(1).max(FEEDBACK_COMMENTS_PAGE_MAX).catch(1);

/** The issuer's feedback page's search params. */
export const FeedbackReportSearchInput = z.object({ page: FeedbackCommentsPage });
