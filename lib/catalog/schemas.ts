import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { toSearchForm } from '@/lib/search-text';

// A URL anyone can edit: text past the limit is cut (a search) or the filter ignored, never an error page.
const optionalText = (max: number) =>
  str()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined))
    .catch(undefined);

// NFKC first (lib/search-text.ts, shared with the other searches): an accent typed as a separate
// mark ("cafe\u0301") or full-width letters ("ＦＥＥＤＢＡＣＫ", from a CJK keyboard) become the
// characters the catalogue's words are stored in. The spelling suggestions (lib/catalog/spelling.ts)
// compare in the same form. White space is kept as typed (not searchText's): the box shows it back.
const catalogQuery = (max: number) =>
  str()
    .optional()
    .transform((v) => (v && toSearchForm(v).trim().slice(0, max).trim()) || undefined)
    .catch(undefined);

// An empty form field means "any": drop it before coercion, or "" would become 0.
const dropEmpty = (v: unknown) =>
  v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && x !== undefined && x !== null)) : v;

/** The longest search accepted. */
export const CATALOG_QUERY_MAX = 200;

export const CatalogSearchInput = z.preprocess(dropEmpty, z.object({
  q: catalogQuery(CATALOG_QUERY_MAX),
  kind: z.enum(['TRACK', 'MICRO_CREDENTIAL', 'STACK']).optional().catch(undefined),
  issuer: optionalText(80),
  topic: optionalText(80),
  level: z.coerce.number().int().min(1).max(5).optional().catch(undefined),
  gradeBand: optionalText(40),
  subject: optionalText(60),
  stack: optionalText(120),
  maxHours: z.coerce.number().min(0).max(1000).optional().catch(undefined),
  // "Recommended by my district": only for a signed-in teacher with a confirmed district; the page
  // drops it for everyone else, so an anonymous (cached) page never depends on who asks.
  recommended: z.enum(['1']).optional().catch(undefined),
  // "Matches what I teach": only for a signed-in teacher who has said what they teach (account
  // page); dropped for everyone else likewise, and the cached anonymous page never shows it.
  forMe: z.enum(['1']).optional().catch(undefined),
  cursor: optionalText(200),
}));
export type CatalogSearchInput = z.infer<typeof CatalogSearchInput>;

export const CATALOG_PAGE_SIZE = 24;
/** How far a search's matches are counted: past it, the catalogue says "more than 1,000 results". */
export const CATALOG_COUNT_CAP = 1000;
