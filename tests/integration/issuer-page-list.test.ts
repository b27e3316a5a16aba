// An issuer's public page lists what it publishes, up to ISSUER_PAGE_ITEMS. An issuer with more is
// not cut off silently: the page says how many there are in all and links to the catalogue
// filtered by the issuer, which finds every one. Against Postgres, through the real pages.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { decodeEntities, textOf } from '../setup/html';
import { createPublishedCredential } from '../factories';
import { getIssuerProfile, ISSUER_PAGE_ITEMS } from '@/lib/awards/queries';
import { invalidateCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));

const { default: IssuerPage } = await import('@/app/issuers/[slug]/page');
const { default: CatalogPage } = await import('@/app/catalog/page');

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
});

const issuerPage = async (slug: string) => renderToStaticMarkup(await IssuerPage({ params: Promise.resolve({ slug }) }));
const hrefsOf = (html: string, text: string) => [...html.matchAll(/<a[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].filter((m) => textOf(m[2]) === text).map((m) => decodeEntities(m[1]));

describe("an issuer's page", () => {
  it('says when it lists only some of what the issuer publishes, and links to the catalogue for all of it', async () => {
    const first = await createPublishedCredential({ def: { title: 'Credential 000' } });
    const { issuer, admin } = first;
    const count = ISSUER_PAGE_ITEMS + 1;
    for (let i = 1; i < count; i++) await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: `Credential ${String(i).padStart(3, '0')}` } });

    const profile = await getIssuerProfile(issuer.slug);
    expect(profile?.credentials).toHaveLength(ISSUER_PAGE_ITEMS);
    expect(profile?.credentialTotal).toBe(count);

    const html = await issuerPage(issuer.slug);
    const text = textOf(html);
    expect(text).toContain(`This list shows the first 200 of 201. See all 201 from ${issuer.name} in the catalogue`);
    const links = hrefsOf(html, `See all 201 from ${issuer.name} in the catalogue`);
    // Before the list and again after it, both to the catalogue filtered by this issuer.
    expect(links).toEqual([`/catalog?issuer=${issuer.id}`, `/catalog?issuer=${issuer.id}`]);

    // That catalogue search finds all of them, and says so.
    const found = await searchCatalog(CatalogSearchInput.parse({ issuer: issuer.id }), { count: true });
    expect(found.total).toBe(count);
    const catalog = textOf(renderToStaticMarkup(await CatalogPage({ searchParams: Promise.resolve({ issuer: issuer.id }) })));
    expect(catalog).toContain('201 results match these filters');
  }, 60_000);

  it('lists everything, with no note, when all of it fits', async () => {
    const { issuer, admin } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Peer Feedback' } });
    expect((await getIssuerProfile(issuer.slug))?.credentialTotal).toBe(2);
    const text = textOf(await issuerPage(issuer.slug));
    expect(text).toContain('Exit Tickets');
    expect(text).toContain('Peer Feedback');
    expect(text).not.toContain('This list shows');
    expect(text).not.toContain('in the catalogue');
  });
});
