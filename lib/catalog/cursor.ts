/** Opaque keyset cursors: base64url JSON of the sort key of the last row shown. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * The cursor in a link, or null when it is not one of ours: the list then starts from its first
 * page. A cursor is in an address anyone can edit, so `check` must let through only values the
 * database takes as they are (see isCursorTime, isCursorId, isCursorRank); a value it refuses would
 * be a server error for a bad link.
 */
export function decodeCursor<T extends Record<string, unknown>>(cursor: string | undefined, check: (v: Record<string, unknown>) => v is T): T | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
    // Postgres text cannot hold NUL (JSON can, as \u0000): a query given one fails, whatever the check.
    if (Object.values(v).some((x) => typeof x === 'string' && x.includes('\u0000'))) return null;
    return check(v as Record<string, unknown>) ? (v as T) : null;
  } catch {
    return null;
  }
}

/**
 * A time in a cursor: text that reads as a date the database takes. Through Prisma that is year 1
 * to 9999 (Postgres's own range goes back to 4713 BC, but a year before 1 does not reach it as
 * one); our cursors hold times we wrote, all well inside. A form's seenAt is one of these written
 * as an ISO timestamp (isSeenAtTime in lib/seen-at.ts builds on this check, and forms run it in the
 * browser too: keep this module free of server-only code).
 */
export function isCursorTime(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > 40) return false;
  const d = new Date(v);
  if (!Number.isFinite(d.getTime())) return false;
  const year = d.getUTCFullYear();
  return year >= 1 && year <= 9999;
}

/** A row id in a cursor: our ids (cuid) are 25 characters; anything far longer is not ours. */
export function isCursorId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 40;
}

/**
 * A search rank in a cursor, compared as a Postgres `real` (float4): a finite number the type can
 * hold. Past 3.4e38 Postgres refuses it (out of range), and so below about 1e-38 (underflow)
 * except 0; ranks we write are between 0 and about 1.
 */
export function isCursorRank(v: unknown): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  const size = Math.abs(v);
  return size === 0 || (size >= 1e-38 && size <= 3.4e38);
}
