import { z } from 'zod';
import { decodeCursor, encodeCursor, isCursorId } from '@/lib/catalog/cursor';

// Colleagues at one's school (docs/decisions/028): the sharing setting, from the account page and
// the colleagues page, and the colleagues page's query string. The setting holds nothing private;
// the list's query is a link anyone can edit, so nothing in it is ever a reason to fail.

export const SHARES_REFUSED = 'Choose whether to share with colleagues at your school: tick the box to share, or leave it empty.';

/**
 * "Share with colleagues at my school": the state asked for, not a toggle, so a double click or two
 * tabs leave one outcome. The account page's checkbox sends `yes` when ticked and nothing when not
 * (as the portfolio's school setting, absent is "no"); the colleagues page's buttons send `yes` or
 * `no`. Anything else is a hand-made request, refused in words with nothing saved.
 */
export const SharesWithColleaguesInput = z.object({
  shares: z.enum(['yes', 'no'], SHARES_REFUSED).optional().transform((v) => v === 'yes'),
});
export type SharesWithColleaguesInput = z.infer<typeof SharesWithColleaguesInput>;

// Keyset on (name, id), as the index ("schoolId", "sharesWithColleagues", "name", "id") reads: `n`
// and `id` of the last colleague shown. A name is at most 120 characters (PersonNameInput); ids are
// ours (isCursorId). Anything else is not our cursor, and the first page shows.
export type ColleagueCursor = { n: string; id: string };
const isColleagueCursor = (v: Record<string, unknown>): v is ColleagueCursor => typeof v.n === 'string' && v.n.length <= 200 && isCursorId(v.id);

/** The cursor in the list's link, or null for one that is not ours. */
export const decodeColleagueCursor = (cursor: string | undefined) => decodeCursor(cursor, isColleagueCursor);

/** The cursor of the page after the one ending with `last`. */
export const colleagueCursorAfter = (last: { name: string; id: string }) => encodeCursor({ n: last.name, id: last.id });

/**
 * The query string of /colleagues: `cursor`, kept only when it is one of ours; `same=1`, "Working
 * on the same as me"; `now`, what the sharing buttons just did (said once at the top). Each part
 * that is not ours is dropped, never refused.
 */
export const ColleaguesListInput = z.object({
  cursor: z.string().max(1000).optional().catch(undefined).transform((c) => (decodeColleagueCursor(c) ? c : undefined)),
  same: z.literal('1').optional().catch(undefined).transform((v) => v === '1'),
  now: z.enum(['sharing', 'stopped']).optional().catch(undefined),
});
export type ColleaguesListInput = z.infer<typeof ColleaguesListInput>;
