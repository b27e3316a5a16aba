// The catalogue's "Matches what I teach", against Postgres through the real page and search: for a
// signed-in teacher who said what they teach (account page), it keeps entries for one of their
// subjects or for all subjects ('All subjects', as most are) and, when they chose any, for one of
// their grade bands; it works with the words searched for,
// the other filters, the pages after the first and the spelling correction, and stays in every link.
// A teacher who said nothing is pointed to the account page instead. Anonymous visitors, whose page
// is one shared cached copy (ADR 006), never see it and are never filtered: their page is the same
// with `forMe=1` in the address as without.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { decodeEntities, hrefOf, textOf } from '../setup/html';
import { createActor } from '../factories';
import { correctCatalogSearch, invalidateCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { CATALOG_PAGE_SIZE, CatalogSearchInput } from '@/lib/catalog/schemas';
import type { Teaching } from '@/lib/teaching/policy';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));

const { default: CatalogPage } = await import('@/app/catalog/page');

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
  session.actor = null;
});

let n = 0;
/** A catalogue entry as publishing leaves it (the search vector is filled by the table's trigger). */
const entry = (o: { title: string; kind?: 'TRACK' | 'MICRO_CREDENTIAL' | 'STACK'; subjects: string[]; gradeBands: string[]; summary?: string; publishedAt?: Date }) => {
  n++;
  return {
    kind: o.kind ?? 'MICRO_CREDENTIAL', refId: `ref-${n}`, slug: `entry-${n}`, issuerId: 'issuer-1', issuerName: 'Teaching Matters', title: o.title,
    summary: o.summary ?? 'Practise it in your own classroom.', topic: 'Assessment', subjects: o.subjects, gradeBands: o.gradeBands, level: o.kind && o.kind !== 'MICRO_CREDENTIAL' ? null : 1,
    pdHours: 5, stackSlugs: [], publishedAt: o.publishedAt ?? new Date(Date.UTC(2026, 0, 1, 0, n)),
  };
};

/**
 * Five entries; the teacher below (Mathematics and Science, grades 6-8) matches three of them: two
 * for their subjects and one for all subjects.
 */
async function catalogue() {
  await db.catalogEntry.createMany({
    data: [
      entry({ title: 'Fraction Talks', subjects: ['Mathematics'], gradeBands: ['6-8'] }),
      entry({ title: 'Lab Notebooks', subjects: ['Science'], gradeBands: ['9-12'] }),
      entry({ title: 'Exit Tickets', subjects: ['All subjects'], gradeBands: ['K-5', '6-8'] }),
      entry({ title: 'Modelling With Data', kind: 'TRACK', subjects: ['Science', 'Mathematics'], gradeBands: ['6-8', '9-12'] }),
      entry({ title: 'Portrait Drawing', subjects: ['Art'], gradeBands: ['6-8'] }),
    ],
  });
}
const MATHS_SCIENCE_6_8: Teaching = { subjects: ['Mathematics', 'Science'], gradeBands: ['6-8'] };

const teacherWho = async (t: Teaching, name = 'Maya Teacher') => {
  const actor = await createActor({ name });
  await db.user.update({ where: { id: actor.id }, data: { teachesSubjects: t.subjects, teachesGradeBands: t.gradeBands } });
  return actor;
};
const search = (q: Record<string, string>, teaching?: Teaching | null) => searchCatalog(CatalogSearchInput.parse(q), { teaching, count: true });
const titles = async (q: Record<string, string>, teaching?: Teaching | null) => (await search(q, teaching)).items.map((i) => i.title).sort();
const page = async (as: Actor | null, q: Record<string, string>) => {
  session.actor = as;
  return renderToStaticMarkup(await CatalogPage({ searchParams: Promise.resolve(q) }));
};
/** The titles of the result cards, in order. */
const cardsOf = (html: string) => [...html.matchAll(/<h3[^>]*><a href="[^"]*">([^<]*)<\/a><\/h3>/g)].map((m) => decodeEntities(m[1]));

describe('what “Matches what I teach” keeps', () => {
  it('entries for one of the teacher’s subjects or for all subjects, and one of their grade bands; either list alone when only it was chosen', async () => {
    await catalogue();
    expect(await titles({ forMe: '1' }, MATHS_SCIENCE_6_8)).toEqual(['Exit Tickets', 'Fraction Talks', 'Modelling With Data']);
    expect(await titles({ forMe: '1' }, { subjects: ['Science'], gradeBands: [] })).toEqual(['Exit Tickets', 'Lab Notebooks', 'Modelling With Data']);
    expect(await titles({ forMe: '1' }, { subjects: [], gradeBands: ['K-5'] })).toEqual(['Exit Tickets']);
    // An entry for all subjects suits any subject a teacher ticks, even one nothing else is for…
    expect(await titles({ forMe: '1' }, { subjects: ['Music'], gradeBands: [] })).toEqual(['Exit Tickets']);
    expect(await titles({ forMe: '1' }, { subjects: ['Music'], gradeBands: ['6-8'] })).toEqual(['Exit Tickets']);
    // …but only in its own grade bands.
    expect(await titles({ forMe: '1' }, { subjects: ['Science'], gradeBands: ['9-12'] })).toEqual(['Lab Notebooks', 'Modelling With Data']);
    expect(await titles({ forMe: '1' }, { subjects: ['Music'], gradeBands: ['9-12'] })).toEqual([]);
    // Nothing said, or no teacher at all: the filter is ignored rather than emptying the page.
    const everything = ['Exit Tickets', 'Fraction Talks', 'Lab Notebooks', 'Modelling With Data', 'Portrait Drawing'];
    expect(await titles({ forMe: '1' }, { subjects: [], gradeBands: [] })).toEqual(everything);
    expect(await titles({ forMe: '1' })).toEqual(everything);
    // Without forMe, knowing what the teacher teaches changes nothing.
    expect(await titles({}, MATHS_SCIENCE_6_8)).toEqual(everything);
  });

  it('works with the words searched for, the other filters and the spelling correction', async () => {
    await catalogue();
    expect(await titles({ q: 'fraction', forMe: '1' }, MATHS_SCIENCE_6_8)).toEqual(['Fraction Talks']);
    expect(await titles({ q: 'notebooks', forMe: '1' }, MATHS_SCIENCE_6_8)).toEqual([]);
    expect(await titles({ q: 'tickets', forMe: '1' }, { subjects: ['Science'], gradeBands: ['6-8'] })).toEqual(['Exit Tickets']);
    expect(await titles({ q: 'tickets', forMe: '1' }, { subjects: ['Science'], gradeBands: ['9-12'] })).toEqual([]);
    expect(await titles({ kind: 'TRACK', forMe: '1' }, MATHS_SCIENCE_6_8)).toEqual(['Modelling With Data']);
    expect(await titles({ kind: 'MICRO_CREDENTIAL', forMe: '1' }, MATHS_SCIENCE_6_8)).toEqual(['Exit Tickets', 'Fraction Talks']);
    expect(await titles({ subject: 'Mathematics', forMe: '1' }, { subjects: ['Science'], gradeBands: [] })).toEqual(['Modelling With Data']);
    // The correction searches with the same filter: a word only a non-matching entry has is no help.
    const input = (q: string) => CatalogSearchInput.parse({ q, forMe: '1' });
    const corrected = await correctCatalogSearch(input('fracton'), { teaching: MATHS_SCIENCE_6_8 });
    expect([corrected?.q, corrected?.items.map((i) => i.title)]).toEqual(['fraction', ['Fraction Talks']]);
    expect(await correctCatalogSearch(input('notebok'), { teaching: MATHS_SCIENCE_6_8 })).toBeNull();
    expect((await correctCatalogSearch(input('notebok'), { teaching: { subjects: ['Science'], gradeBands: [] } }))?.q).toBe('notebooks');
  });

  it('pages through every match, the filter kept in the next page’s link, and counts them all', async () => {
    const start = Date.UTC(2026, 1, 1);
    await db.catalogEntry.createMany({
      data: Array.from({ length: 35 }, (_, i) =>
        entry({ title: `${i % 7 === 3 ? 'Other' : 'Match'} ${String(i).padStart(2, '0')}`, subjects: i % 7 === 3 ? ['Art'] : ['Science'], gradeBands: ['6-8'], publishedAt: new Date(start + i * 60_000) })),
    });
    const teacher = await teacherWho({ subjects: ['Science'], gradeBands: ['6-8'] });
    const first = await page(teacher, { forMe: '1' });
    const shown = cardsOf(first);
    expect(shown).toHaveLength(CATALOG_PAGE_SIZE);
    expect(shown.every((t) => t.startsWith('Match'))).toBe(true);
    expect(textOf(first)).toContain('30 results match these filters, newest first');
    const next = hrefOf(first, 'Next page');
    expect(next).toMatch(/^\/catalog\?(.*&)?forMe=1(&|$)/);
    const cursor = new URL(next!, 'http://x').searchParams.get('cursor')!;
    const second = cardsOf(await page(teacher, { forMe: '1', cursor }));
    expect(second).toHaveLength(30 - CATALOG_PAGE_SIZE);
    expect(new Set([...shown, ...second]).size).toBe(30);
    expect([...shown, ...second].every((t) => t.startsWith('Match'))).toBe(true);
  });
});

describe('the catalogue page', () => {
  it('offers a teacher who said what they teach the filter, says what it matches, and keeps it on through the form and links', async () => {
    await catalogue();
    const teacher = await teacherWho(MATHS_SCIENCE_6_8);
    const off = await page(teacher, {});
    const box = (html: string) => /<input id="f-forMe"[^>]*>/.exec(html)?.[0] ?? '';
    expect(box(off)).toMatch(/type="checkbox" aria-describedby="f-forMe-hint".* name="forMe" value="1"\/>$/);
    expect(box(off)).not.toContain('checked');
    expect(off).toContain('<label for="f-forMe" class="text-sm font-semibold">Matches what I teach</label>');
    expect(off).toContain('<p id="f-forMe-hint" class="text-sm text-slate-700">For Mathematics, Science or all subjects, in grades 6-8.</p>');
    expect(hrefOf(off, 'Change what I teach')).toBe('/account#teaching');
    expect(off).toContain('(0 active)');
    expect(cardsOf(off)).toHaveLength(5);

    const on = await page(teacher, { forMe: '1' });
    expect(box(on)).toContain(' checked=""');
    expect(on).toContain('(1 active)');
    expect(cardsOf(on)).toEqual(['Modelling With Data', 'Exit Tickets', 'Fraction Talks']);
    expect(hrefOf(on, 'Clear all')).toBe('/catalog');

    // A misspelt search keeps the filter in the suggestion's link, and its results match.
    const typo = await page(teacher, { q: 'fracton', forMe: '1' });
    expect(hrefOf(typo, 'fraction')).toBe('/catalog?q=fraction&forMe=1');
    expect(cardsOf(typo)).toEqual(['Fraction Talks']);
    // A search the filter leaves empty: "Clear the search" keeps the filter.
    const none = await page(teacher, { q: 'drawing', forMe: '1' });
    expect(cardsOf(none)).toEqual([]);
    expect(hrefOf(none, 'Clear the search')).toBe('/catalog?forMe=1');
    expect(hrefOf(none, 'Search all of the catalogue for “drawing”')).toBe('/catalog?q=drawing');
  });

  it('says so when nothing matches what the teacher teaches, with the way to change it', async () => {
    await catalogue();
    // Not even the entry for all subjects: it is not for grades 9-12.
    const teacher = await teacherWho({ subjects: ['Music'], gradeBands: ['9-12'] });
    const html = await page(teacher, { forMe: '1' });
    expect(cardsOf(html)).toEqual([]);
    expect(textOf(html)).toContain('Nothing matches what you teach yet');
    expect(hrefOf(html, 'Change what I teach')).toBe('/account#teaching');
    expect(hrefOf(html, 'See the whole catalogue')).toBe('/catalog');
  });

  it('uses the signed-in teacher’s own choices, never another’s', async () => {
    await catalogue();
    await teacherWho(MATHS_SCIENCE_6_8, 'Maya Teacher');
    const artist = await teacherWho({ subjects: ['Art'], gradeBands: [] }, 'Ana Artist');
    expect(cardsOf(await page(artist, { forMe: '1' }))).toEqual(['Portrait Drawing', 'Exit Tickets']);
  });

  it('points a teacher who has not said what they teach to the account page, and ignores the filter in the address', async () => {
    await catalogue();
    const teacher = await createActor();
    const html = await page(teacher, { forMe: '1' });
    expect(html).not.toContain('f-forMe');
    expect(hrefOf(html, 'Say what you teach')).toBe('/account#teaching');
    expect(textOf(html)).toContain('Say what you teach to see the micro-credentials made for your subjects and grades.');
    expect(html).toContain('(0 active)');
    expect(cardsOf(html)).toHaveLength(5);
  });

  it('is the same for anonymous visitors with or without forMe, and shows them nothing about teaching', async () => {
    await catalogue();
    await teacherWho(MATHS_SCIENCE_6_8);
    for (const extra of [{}, { q: 'fracton' }, { kind: 'TRACK' }, { q: 'drawing' }] as Record<string, string>[]) {
      const plain = await page(null, extra);
      const forMe = await page(null, { ...extra, forMe: '1' });
      expect(forMe).toBe(plain);
      for (const personal of ['forMe', 'what I teach', 'what you teach', '/account']) expect(forMe).not.toContain(personal);
    }
    expect(cardsOf(await page(null, { forMe: '1' }))).toHaveLength(5);
  });
});
