// What the catalogue says when a search finds nothing: a correction drawn from the catalogue's own
// words ("Did you mean"), and empty states that tell a search from filters, with links that drop
// one and keep the other. Rendered from the real page against Postgres, as an anonymous visitor.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { decodeEntities, hrefOf, textJoined } from '../setup/html';
import { createPublishedCredential } from '../factories';
import { correctCatalogSearch, invalidateCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The page reads the session (a district's recommendations are for signed-in teachers); nobody is signed in here.
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));

const { default: CatalogPage } = await import('@/app/catalog/page');

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
});

const input = (q: Record<string, string>) => CatalogSearchInput.parse(q);
const catalogPage = async (q: Record<string, string>) => renderToStaticMarkup(await CatalogPage({ searchParams: Promise.resolve(q) }));
const resultTitles = (html: string) => [...html.matchAll(/<h3[^>]*><a[^>]*>([^<]+)<\/a><\/h3>/g)].map((m) => decodeEntities(m[1]));

async function twoCredentials() {
  const a = await createPublishedCredential({ def: { title: 'Peer Feedback Protocols', competency: 'The educator teaches students to give peer feedback.', level: 2 } });
  await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: {
    title: 'Designing Team Agendas', competency: 'The teacher leader plans outcome-based meetings.', summary: 'Plan meetings with outcomes.',
    keyMethod: 'Write an agenda with outcomes.', methodComponents: '- Outcomes\n- Timings', level: 1,
  } });
  return a;
}

describe('a misspelt search', () => {
  it('is corrected from the words of what is published, with one more search, keeping the filters', async () => {
    await twoCredentials();
    expect((await searchCatalog(input({ q: 'feedbak' }))).items).toHaveLength(0);
    const correction = await correctCatalogSearch(input({ q: 'feedbak', level: '2' }));
    expect(correction?.q).toBe('feedback');
    expect(correction?.items.map((i) => i.title)).toEqual(['Peer Feedback Protocols']);
    // A correction that would find nothing with these filters is not offered.
    expect(await correctCatalogSearch(input({ q: 'feedbak', level: '1' }))).toBeNull();
    // Correct words, other forms of them, and words too far from anything get none.
    expect(await correctCatalogSearch(input({ q: 'feedback' }))).toBeNull();
    expect(await correctCatalogSearch(input({ q: 'meeting agenda' }))).toBeNull();
    expect(await correctCatalogSearch(input({ q: 'gardening' }))).toBeNull();
  });

  it('shows "Did you mean" with a link that keeps the filters, and the corrected results, labelled', async () => {
    await twoCredentials();
    const html = await catalogPage({ q: 'feedbak', level: '2' });
    expect(textJoined(html)).toContain('No results for “feedbak”. Did you mean feedback?');
    expect(hrefOf(html, 'feedback')).toBe('/catalog?q=feedback&level=2');
    expect(textJoined(html)).toContain('Showing results for “feedback”: 1 micro-credential');
    expect(resultTitles(html)).toEqual(['Peer Feedback Protocols']);
    // What was typed stays in the search box.
    expect(html).toMatch(/<input[^>]*name="q"[^>]*value="feedbak"/);
  });

  it('a search that finds something gets no suggestion', async () => {
    await twoCredentials();
    const html = await catalogPage({ q: 'feedback' });
    // Counted, in a status line a screen reader announces.
    expect(textJoined(html)).toContain('Best matches for “feedback”: 1 micro-credential');
    expect(html).toMatch(/<p[^>]*role="status"[^>]*>Best matches for “feedback”: 1 micro-credential<\/p>/);
    expect(textJoined(html)).not.toContain('Did you mean');
    expect(resultTitles(html)).toEqual(['Peer Feedback Protocols']);
  });

  it('learns new words as soon as they are published', async () => {
    const a = await twoCredentials();
    expect(await correctCatalogSearch(input({ q: 'restortive' }))).toBeNull();
    await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: { title: 'Restorative Circles' } });
    expect((await correctCatalogSearch(input({ q: 'restortive' })))?.q).toBe('restorative');
  });
});

describe('the empty states', () => {
  it('a search with filters that finds nothing says so, and offers to drop either', async () => {
    await twoCredentials();
    const html = await catalogPage({ q: 'gardening', level: '2', kind: 'MICRO_CREDENTIAL' });
    expect(textJoined(html)).toContain('No results for “gardening” with these filters');
    expect(textJoined(html)).not.toContain('Nothing matches those filters');
    expect(hrefOf(html, 'Search all of the catalogue for “gardening”')).toBe('/catalog?q=gardening');
    expect(hrefOf(html, 'Clear the search')).toBe('/catalog?kind=MICRO_CREDENTIAL&level=2');
  });

  it('a search alone that finds nothing is not blamed on filters', async () => {
    await twoCredentials();
    const html = await catalogPage({ q: 'gardening' });
    expect(textJoined(html)).toContain('No results for “gardening”');
    expect(textJoined(html)).not.toMatch(/with these filters|Nothing matches/);
    expect(hrefOf(html, 'Search all of the catalogue')).toBeNull();
    expect(hrefOf(html, 'Clear the search')).toBe('/catalog');
  });

  it('filters alone that match nothing say so, and clear to the whole catalogue', async () => {
    await twoCredentials();
    const html = await catalogPage({ level: '2', kind: 'STACK' });
    expect(textJoined(html)).toContain('Nothing matches these filters');
    expect(hrefOf(html, 'Clear the filters')).toBe('/catalog');
    expect(hrefOf(html, 'Clear the search')).toBeNull();
  });
});

describe('the search form', () => {
  it('puts the search box first, then the filters folded under a summary that counts them, then the results', async () => {
    await twoCredentials();
    const html = await catalogPage({ q: 'feedback', level: '2', kind: 'MICRO_CREDENTIAL' });
    const search = html.indexOf('name="q"');
    const summary = html.indexOf('<summary');
    const firstFilter = html.indexOf('name="kind"');
    const results = html.indexOf('id="results-heading"');
    expect(search).toBeGreaterThan(-1);
    expect(search).toBeLessThan(summary);
    expect(summary).toBeLessThan(firstFilter);
    expect(firstFilter).toBeLessThan(results);
    // The filters sit inside a <details> that is folded by default (no `open`).
    expect(html).toMatch(/<details(?![^>]*\bopen\b)[^>]*>\s*<summary[^>]*>Filters <span[^>]*>\(2 active\)<\/span><\/summary>/);
    expect(html.slice(html.indexOf('<details'), html.indexOf('</details>'))).toContain('name="maxHours"');
    expect(textJoined(await catalogPage({}))).toContain('Filters (0 active)');
  });
});
