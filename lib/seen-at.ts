import { z } from 'zod';
import { isCursorTime } from '@/lib/catalog/cursor';

// When a form's record was last saved, as the form was loaded with it (`updatedAt.toISOString()`
// in a hidden field): sent back so a save on top of someone else's newer one is refused. Safe on
// the client.

/** An ISO 8601 timestamp as a form writes one: date, time (seconds and milliseconds optional) and a zone (Z or ±hh:mm). */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether `v` is an ISO timestamp the database takes as it is: a list cursor's time (isCursorTime in
 * lib/catalog/cursor.ts: year 1 to 9999 in UTC, the range a time reaches Postgres in through Prisma)
 * written as a form writes one. Date.parse alone is not enough: it reads `0000-01-01`,
 * `+275760-09-13T00:00:00Z` and "Tue Mar 3 2026", and Postgres refuses the first two, a server error
 * where the person should be told to reload. A cursor time need not be ISO (any text Date reads in
 * range will do, it only orders a list); a seenAt must, so a zoneless time is not read in the server's zone.
 */
export function isSeenAtTime(v: string): boolean {
  return ISO_TIMESTAMP.test(v) && isCursorTime(v);
}

/**
 * The form's `seenAt`, as a Date; anything missing or not a time we could have written is refused
 * with `outOfDate` (the form's "reload the page" message), on the field. A plain z.string() for its
 * missing-value message; it only becomes a Date once checked.
 */
export const seenAtInput = (outOfDate: string) =>
  z
    .string({ error: outOfDate })
    .refine(isSeenAtTime, outOfDate)
    .transform((v) => new Date(v));
