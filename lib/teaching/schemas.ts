import { z } from 'zod';
import { oneLine } from '@/lib/auth/schemas';

// What a teacher says about their own teaching, from the account page: what they teach (private:
// the catalogue and dashboard suggest micro-credentials from it) and the one-line headline under
// their name on their public portfolio.

/**
 * How many subjects and grade bands a teacher may keep, and how long each may be: the limits an
 * issuer has for a credential's own (lib/authoring/schemas.ts), so any value the catalogue offers
 * fits. The values themselves must be among the catalogue's (checked where they are saved).
 */
export const TEACHES_SUBJECTS_MAX = 20;
export const TEACHES_GRADE_BANDS_MAX = 10;
const SUBJECT_LENGTH_MAX = 60;
const GRADE_BAND_LENGTH_MAX = 40;

/**
 * A group of checkboxes as FormData sends it: absent when none is ticked, one string for one, an
 * array for several. Each message belongs to the whole group (the form shows it on its fieldset),
 * never to one box of it. Anything but text (a file, from a hand-made request) is refused in
 * words; NUL is removed as `str()` does (lib/zod-text.ts); repeats count once.
 */
const ticked = (opts: { max: number; length: number; noun: string }) => {
  const fromList = `Choose ${opts.noun} from the list.`;
  const tooMany = `Choose at most ${opts.max} ${opts.noun}: the ones you teach.`;
  return z
    .preprocess((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown()))
    // Before anything else: a hand-made request with thousands of values is refused unread.
    .refine((v) => v.length <= opts.max * 4, { error: tooMany, abort: true })
    .refine((v): v is string[] => v.every((x) => typeof x === 'string'), { error: fromList, abort: true })
    .transform((v) => [...new Set((v as string[]).map((x) => x.replaceAll('\u0000', '').trim()))])
    .refine((v) => v.every((x) => x.length >= 1 && x.length <= opts.length), { error: fromList, abort: true })
    .refine((v) => v.length <= opts.max, tooMany);
};

/** Text, with NUL removed as `str()` does, and `message` for anything else. */
const text = (message: string) => z.string({ error: message }).overwrite((s) => s.replaceAll('\u0000', ''));

/** The account page's "What I teach": the subjects and grade bands ticked (none: not said). */
export const TeachingInput = z.object({
  subjects: ticked({ max: TEACHES_SUBJECTS_MAX, length: SUBJECT_LENGTH_MAX, noun: 'subjects' }),
  gradeBands: ticked({ max: TEACHES_GRADE_BANDS_MAX, length: GRADE_BAND_LENGTH_MAX, noun: 'grade bands' }),
});
export type TeachingInput = z.infer<typeof TeachingInput>;

/** The longest headline (the database refuses longer, User_portfolioHeadline_length). */
export const PORTFOLIO_HEADLINE_MAX = 120;

/**
 * The portfolio's "Headline": one line (line breaks become spaces, invisible direction marks are
 * dropped: it sits under the teacher's name on a public page), trimmed; empty clears it.
 */
export const PortfolioHeadlineInput = z.object({
  portfolioHeadline: text('Enter your headline as text.')
    .overwrite(oneLine)
    .max(PORTFOLIO_HEADLINE_MAX, `Use at most ${PORTFOLIO_HEADLINE_MAX} characters.`)
    .optional()
    .transform((v) => v || null),
});
export type PortfolioHeadlineInput = z.infer<typeof PortfolioHeadlineInput>;
