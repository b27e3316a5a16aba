import { z } from 'zod';

// When a form's record was last saved, as the form was loaded with it (`updatedAt.toISOString()`
// in a hidden field): sent back so a save on top of someone else's newer one is refused. Safe on
// the client.

/** An ISO 8601 timestamp as a form writes one: date, time (seconds and milliseconds optional) and a zone (Z or ±hh:mm). */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether `v` is an ISO timestamp the database takes as it is: year 1 to 9999 in UTC, the range a
 * time reaches Postgres in through Prisma (as isCursorTime in lib/catalog/cursor.ts). Date.parse
 * alone is not enough: it reads `0000-01-01`, `+275760-09-13T00:00:00Z` and "Tue Mar 3 2026", and
 * Postgres refuses the first two, a server error where the person should be told to reload.
 */
export function isSeenAtTime(v: string): boolean {
  if (!ISO_TIMESTAMP.test(v)) return false;
  const d = new Date(v);
  if (!Number.isFinite(d.getTime())) return false;
  const year = d.getUTCFullYear();
  return year >= 1 && year <= 9999;
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
