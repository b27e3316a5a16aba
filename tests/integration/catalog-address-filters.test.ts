// A filter given in the catalogue's address (an old link, a bookmark, one typed in) that is not one
// of its drop-down's options: the drop-down still shows it chosen, so pressing Apply keeps it rather
// than silently widening the search. Rendered from the real page against Postgres, anonymously.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { decodeEntities } from '../setup/html';
import { createPublishedCredential } from '../factories';
import { invalidateCatalogFacets } from '@/lib/catalog/queries';

vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));

const { default: CatalogPage } = await import('@/app/catalog/page');

beforeEach(async () => {
  await resetDatabase();
  invalidateCatalogFacets();
});

const catalogPage = async (q: Record<string, string>) => renderToStaticMarkup(await CatalogPage({ searchParams: Promise.resolve(q) }));

/** A drop-down's options as [value, label, selected], in order. */
function optionsOf(html: string, name: string): [string, string, boolean][] {
  const select = new RegExp(`<select[^>]*id="f-${name}"[^>]*>(.*?)</select>`, 's').exec(html);
  if (!select) return [];
  return [...select[1].matchAll(/<option value="([^"]*)"( selected="")?>([^<]*)<\/option>/g)].map((m) => [decodeEntities(m[1]), decodeEntities(m[3]), Boolean(m[2])]);
}
/** What a drop-down sends with Apply: its selected option's value and label. */
const chosenIn = (html: string, name: string) => optionsOf(html, name).filter(([, , selected]) => selected).map(([value, label]) => [value, label]);

describe('a catalogue filter from the address that is not among the options', () => {
  it('keeps a PD-hours limit the drop-down does not offer chosen, in order among the others', async () => {
    await createPublishedCredential({ def: { title: 'Exit Tickets', pdHours: 10 } });
    const html = await catalogPage({ maxHours: '15' });
    expect(html).toContain('(1 active)');
    expect(chosenIn(html, 'maxHours')).toEqual([['15', 'Up to 15 hours']]);
    expect(optionsOf(html, 'maxHours').map(([v]) => v)).toEqual(['', '5', '10', '15', '20']);
    // An offered limit is not listed twice.
    expect(optionsOf(await catalogPage({ maxHours: '10' }), 'maxHours').map(([v]) => v)).toEqual(['', '5', '10', '20']);
  });

  it('keeps an issuer, topic, grade band, subject or stack no longer listed chosen', async () => {
    const { issuer } = await createPublishedCredential({ def: { title: 'Exit Tickets', topic: 'Assessment', gradeBands: ['6-8'], subjects: ['All subjects'] } });
    for (const [name, value] of [['topic', 'Gardening'], ['gradeBand', '9-12'], ['subject', 'Latin']] as const) {
      const html = await catalogPage({ [name]: value });
      expect(html).toContain('(1 active)');
      expect(chosenIn(html, name)).toEqual([[value, value]]);
    }
    const stack = await catalogPage({ stack: 'retired-stack' });
    expect(chosenIn(stack, 'stack')).toEqual([['retired-stack', 'retired-stack (not listed now)']]);

    // An issuer with nothing in the catalogue: said plainly, since its name is not known here.
    const gone = await catalogPage({ issuer: 'an-issuer-id-not-listed' });
    expect(chosenIn(gone, 'issuer')).toEqual([['an-issuer-id-not-listed', 'The issuer in your link (nothing listed now)']]);
    // A listed issuer is chosen as it is, and not added again.
    const listed = await catalogPage({ issuer: issuer.id });
    expect(chosenIn(listed, 'issuer')).toEqual([[issuer.id, issuer.name]]);
    expect(optionsOf(listed, 'issuer').filter(([v]) => v === issuer.id)).toHaveLength(1);
  });
});
