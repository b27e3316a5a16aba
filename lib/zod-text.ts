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

/**
 * A text box's words (`str()`), each line break as one `\n`. Browsers send a textarea's line breaks as
 * CRLF while its maxLength (and the teacher) count each as one character: a limit counted on what was
 * sent would refuse text the box allowed. Put it before `.trim()` and `.max()`, which then count the
 * text as it was seen (and stored).
 */
export const multilineStr = () => str().overwrite((s) => s.replace(/\r\n?/g, '\n'));
