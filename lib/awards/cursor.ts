import { z } from 'zod';
import { decodeCursor, encodeCursor } from '@/lib/catalog/cursor';

/** An award's id (and a credential's public address): a UUID. */
export const AWARD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Keyset on (issuedAt, id), newest first: `t` and `id` of the last badge shown. Only a time as we
// write it passes (one the database reads as it is: not 30 February, not year 0), and only a UUID
// id: anything else would reach the database as a value it refuses, a server error for a bad link.
const cursorTime = z.iso.datetime().refine((t) => {
  const d = new Date(t);
  return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1000 && d.toISOString() === t;
});
const AwardCursor = z.object({ t: cursorTime, id: z.string().regex(AWARD_ID) });
export type AwardCursor = z.infer<typeof AwardCursor>;
const isAwardCursor = (v: Record<string, unknown>): v is AwardCursor => AwardCursor.safeParse(v).success;

/** The cursor in a badge list's link, or null for one that is not ours (the first page then shows). */
export const decodeAwardCursor = (cursor: string | undefined) => decodeCursor(cursor, isAwardCursor);

/** The cursor of the page after the one ending with `a`. */
export const awardCursorAfter = (a: { issuedAt: Date; id: string }) => encodeCursor({ t: a.issuedAt.toISOString(), id: a.id });
