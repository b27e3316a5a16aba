import { z } from 'zod';

/**
 * A string input with NUL (U+0000) removed before any other check: Postgres text cannot hold it,
 * and a NUL reaching a query would turn bad input into a server error.
 *
 * Each line break becomes one `\n`, also before any other check. Browsers send a textarea's line
 * breaks as CRLF in a form post, while its maxLength (and its counter, and the person typing) count
 * each as one character: a limit counted on what was sent would refuse multi-paragraph text the box
 * had allowed, and CRLFs would be stored (and signed into badges) where the rest of the text has LF.
 * Single-line inputs hold no line breaks, so this changes nothing for them.
 */
export const str = () => z.string().overwrite((s) => s.replaceAll('\u0000', '').replace(/\r\n?/g, '\n'));

/**
 * For z.preprocess: an empty or spaces-only box as no value at all, so it is asked for (or left
 * optional) instead of read as 0 by z.coerce.number or refused as a malformed address.
 */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && !v.trim() ? undefined : v);
