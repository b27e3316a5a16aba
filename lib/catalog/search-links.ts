import type { CatalogSearchInput } from '@/lib/catalog/schemas';

/** The catalogue's filters, in the order the form shows them (and links list them). */
export const CATALOG_FILTER_KEYS = ['kind', 'issuer', 'topic', 'level', 'gradeBand', 'subject', 'stack', 'maxHours', 'recommended', 'forMe'] as const;
export type CatalogFilterKey = (typeof CATALOG_FILTER_KEYS)[number];
export type CatalogFilters = Partial<Record<CatalogFilterKey, string>>;

/** The filters applied to a search (not the words searched for, nor the page). */
export function activeCatalogFilters(input: CatalogSearchInput): CatalogFilters {
  const filters: CatalogFilters = {};
  for (const key of CATALOG_FILTER_KEYS) {
    const value = input[key];
    if (value !== undefined) filters[key] = String(value);
  }
  return filters;
}

/**
 * A link to a catalogue search: the words first, then the filters in a fixed order, so the same
 * search is always the same address (and one entry in the page cache).
 */
export function catalogSearchHref({ q, ...filters }: CatalogFilters & { q?: string }): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  for (const key of CATALOG_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `/catalog?${qs}` : '/catalog';
}
