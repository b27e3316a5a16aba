// What a search box's text is matched in. Names and titles are stored as people usually type them
// ("Maria José", the accent one character), but a query can come with full-width letters (a CJK
// keyboard's Latin mode: "Ｍａｒｉａ"), compatibility characters ("ﬁ", a no-break or ideographic space)
// or an accent typed as a separate mark ("Jose\u0301"). NFKC turns each of these into the usual
// characters, and composes a letter with its mark, so such a query meets the stored text. Only the
// query is changed: a stored column is matched as it is. Safe in the browser (the in-page filters use it).

/** NFKC: the characters the catalogue's words are stored and compared in (lib/catalog/schemas.ts). */
export const toSearchForm = (text: string): string => text.normalize('NFKC');

/**
 * A query as a search matches it: NFKC, any run of white space as one space, trimmed, and without
 * NUL (Postgres text cannot hold it, so it could only turn a search into an error). "" when nothing
 * is left to search for (also for no query at all).
 */
export function searchText(q: string | null | undefined): string {
  if (!q) return '';
  return toSearchForm(q.replaceAll('\u0000', '')).replace(/\s+/g, ' ').trim();
}
