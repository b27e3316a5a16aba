// A search typed with an accent as a separate mark (as some keyboards and pasted text send it) or in
// full-width letters (a CJK keyboard's Latin mode) finds what the same words typed plainly find, and
// a misspelling typed that way gets a suggestion whose link finds it too. Against Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';
import { correctCatalogSearch, invalidateCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
});

const titles = async (q: string) => (await searchCatalog(CatalogSearchInput.parse({ q }))).items.map((i) => i.title);

describe('catalogue search in other Unicode forms', () => {
  it('finds a credential from a decomposed accent or full-width letters', async () => {
    await createPublishedCredential({ def: { title: 'Café conversations about feedback' } });
    expect(await titles('café')).toEqual(['Café conversations about feedback']);
    expect(await titles('cafe\u0301')).toEqual(['Café conversations about feedback']);
    expect(await titles('ＦＥＥＤＢＡＣＫ')).toEqual(['Café conversations about feedback']);
    expect(await titles('ｃａｆｅ\u0301 ｃｏｎｖｅｒｓａｔｉｏｎｓ')).toEqual(['Café conversations about feedback']);
  });

  it('suggests a correction for a full-width misspelling, written as the search it links to reads it', async () => {
    await createPublishedCredential({ def: { title: 'Café conversations about feedback' } });
    const input = CatalogSearchInput.parse({ q: 'ＣＯＮＶＥＲＳＡＴＩＯＭＳ' });
    expect((await searchCatalog(input)).items).toEqual([]);
    const correction = await correctCatalogSearch(input);
    expect(correction?.q).toBe('CONVERSATIONS');
    expect(correction?.items.map((i) => i.title)).toEqual(['Café conversations about feedback']);
    expect(await titles(correction!.q)).toEqual(['Café conversations about feedback']);
  });
});
