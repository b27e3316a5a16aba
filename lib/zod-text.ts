import { z } from 'zod';

/**
 * A string input with NUL (U+0000) removed before any other check: Postgres text cannot hold it,
 * and a NUL reaching a query would turn bad input into a server error.
 */
export const str = () => z.string().overwrite((s) => s.replaceAll('\u0000', ''));

/**
 * For z.preprocess: an empty or spaces-only box as no value at all, so it is asked for (or left
 * optional) instead of read as 0 by z.coerce.number or refused as a malformed address.
 */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && !v.trim() ? undefined : v);
