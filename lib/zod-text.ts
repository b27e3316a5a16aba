import { z } from 'zod';

/**
 * A string input with NUL (U+0000) removed before any other check: Postgres text cannot hold it,
 * and a NUL reaching a query would turn bad input into a server error.
 */
export const str = () => z.string().overwrite((s) => s.replaceAll('\u0000', ''));
