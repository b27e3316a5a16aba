import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';
import { searchCatalog, getCatalogFacets, getMicroCredentialPage } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { encodeCursor } from '@/lib/catalog/cursor';
import { retireMicroCredential, saveMicroCredentialDraft, createMicroCredential } from '@/lib/authoring/mutations';
import { sampleDefinition } from '../factories';

beforeEach(resetDatabase);
const search = (q: Record<string, unknown>) => searchCatalog(CatalogSearchInput.parse(q));

describe('catalogue', () => {
  it('finds credentials by words in titles and competencies (stemmed), and filters by level and grade band', async () => {
    const a = await createPublishedCredential({ def: { title: 'Growth Mindset: Praising the Process', competency: 'The educator praises strategies and effort.', level: 2, gradeBands: ['K-5'] } });
    await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: { title: 'Designing Team Agendas', competency: 'The teacher leader plans outcome-based meetings.', level: 1, gradeBands: ['9-12'] } });
    expect((await search({ q: 'praise' })).items.map((i) => i.title)).toEqual(['Growth Mindset: Praising the Process']);
    expect((await search({ q: 'meeting' })).items.map((i) => i.title)).toEqual(['Designing Team Agendas']);
    expect((await search({ level: '1' })).items).toHaveLength(1);
    expect((await search({ gradeBand: 'K-5' })).items[0].title).toContain('Growth');
    expect((await search({ q: 'praise', gradeBand: '9-12' })).items).toHaveLength(0);
    const facets = await getCatalogFacets();
    expect(facets.gradeBands).toEqual(['9-12', 'K-5']);
    expect(facets.levels).toEqual([1, 2]);
  });

  it('offers and filters by a higher level an issuer uses (levels 1 to 5)', async () => {
    const a = await createPublishedCredential({ def: { title: 'Leading Coaching Cycles', level: 4 } });
    await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: { title: 'Noticing Student Thinking', level: 1 } });
    expect((await getCatalogFacets()).levels).toEqual([1, 4]);
    expect((await search({ level: '4' })).items.map((i) => i.title)).toEqual(['Leading Coaching Cycles']);
  });

  it('paginates with a keyset cursor without repeats or gaps', async () => {
    const first = await createPublishedCredential();
    for (let i = 0; i < 26; i++) await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin });
    const p1 = await search({});
    expect(p1.items).toHaveLength(24);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = await search({ cursor: p1.nextCursor });
    expect(p2.items).toHaveLength(3);
    expect(p2.nextCursor).toBeNull();
    expect(new Set([...p1.items, ...p2.items].map((i) => i.id)).size).toBe(27);
    const s1 = await search({ q: 'feedback' });
    const s2 = await search({ q: 'feedback', cursor: s1.nextCursor });
    expect(new Set([...s1.items, ...s2.items].map((i) => i.id)).size).toBe(27);
    // A tampered cursor is ignored rather than crashing.
    expect((await search({ cursor: 'not-a-cursor' })).items).toHaveLength(24);
  });

  it('starts from the first page for a hand-edited cursor the database would refuse, instead of an error page', async () => {
    const first = await createPublishedCredential();
    for (let i = 0; i < 25; i++) await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin });
    const p1 = await search({});
    const s1 = await search({ q: 'feedback' });
    const firstIds = p1.items.map((i) => i.id);
    const firstRanked = s1.items.map((i) => i.id);
    const valid = JSON.parse(Buffer.from(p1.nextCursor!, 'base64url').toString()) as { p: string; id: string };
    const validRank = JSON.parse(Buffer.from(s1.nextCursor!, 'base64url').toString()) as { r: number; id: string };
    // Each would reach Postgres as a value it refuses: not a date, a year before 1, a date past 9999,
    // too large or too small for a real, or an id no row could have.
    const badDates = [{ p: 'x', id: 'y' }, { p: '0000-01-01T00:00:00.000Z', id: valid.id }, { p: '-100000-01-01T00:00:00.000Z', id: valid.id }, { p: '+010000-01-01T00:00:00.000Z', id: valid.id }, { p: valid.p, id: 'x'.repeat(41) }, { p: valid.p, id: 7 }];
    for (const c of badDates) expect((await search({ cursor: encodeCursor(c as Record<string, string | number>) })).items.map((i) => i.id)).toEqual(firstIds);
    const badRanks = [{ r: 1e300, id: validRank.id }, { r: -1e300, id: validRank.id }, { r: 5e-50, id: validRank.id }, { r: validRank.r, id: 'x'.repeat(41) }, { r: String(validRank.r), id: validRank.id }];
    for (const c of badRanks) expect((await search({ q: 'feedback', cursor: encodeCursor(c as Record<string, string | number>) })).items.map((i) => i.id)).toEqual(firstRanked);
    // JSON can say Infinity (1e999) and NUL (\u0000, which Postgres text cannot hold) where encodeCursor cannot.
    const raw = (json: string) => Buffer.from(json).toString('base64url');
    expect((await search({ q: 'feedback', cursor: raw(`{"r":1e999,"id":"${validRank.id}"}`) })).items.map((i) => i.id)).toEqual(firstRanked);
    expect((await search({ q: 'feedback', cursor: raw(`{"r":${validRank.r},"id":"a\\u0000"}`) })).items.map((i) => i.id)).toEqual(firstRanked);
    expect((await search({ cursor: raw(`{"p":"${valid.p}","id":"a\\u0000"}`) })).items.map((i) => i.id)).toEqual(firstIds);
    // The cursors we write still page on.
    expect((await search({ cursor: p1.nextCursor })).items).toHaveLength(2);
    expect((await search({ q: 'feedback', cursor: s1.nextCursor })).items).toHaveLength(2);
  });

  it('counts every match of a search or filter on a first page that has more, when asked (the result line)', async () => {
    const first = await createPublishedCredential({ def: { level: 2 } });
    for (let i = 0; i < 26; i++) await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { level: i < 2 ? 1 : 2 } });
    const count = (q: Record<string, unknown>) => searchCatalog(CatalogSearchInput.parse(q), { count: true });
    expect((await count({ q: 'feedback' })).total).toBe(27);
    expect((await count({ level: '2' })).total).toBe(25);
    // All on one page: the page is the count. Plain browsing, later pages and callers who do not ask: not counted.
    expect((await count({ level: '1' })).total).toBeNull();
    expect((await count({})).total).toBeNull();
    const p1 = await count({ q: 'feedback' });
    expect((await count({ q: 'feedback', cursor: p1.nextCursor })).total).toBeNull();
    expect((await search({ q: 'feedback' })).total).toBeNull();
  });

  it('shows only published credentials; edits to a published one stay invisible until published; retire takes it out of the catalogue', async () => {
    const { mc, admin, issuer } = await createPublishedCredential({ def: { title: 'Original Title' } });
    const draft = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition({ title: 'Unpublished Draft' }) });
    expect((await search({})).items.map((i) => i.title)).toEqual(['Original Title']);
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: sampleDefinition({ slug: mc.slug, title: 'Edited Title' }) });
    expect((await getMicroCredentialPage(mc.slug))?.version.title).toBe('Original Title');
    await retireMicroCredential({ actor: admin, microCredentialId: mc.id });
    expect((await search({})).items).toHaveLength(0);
    // Its page stays, marked retired (teachers midway finish; badge pages link to it); a draft has none.
    expect(await getMicroCredentialPage(mc.slug)).toMatchObject({ status: 'RETIRED', version: { title: 'Original Title' } });
    expect(await getMicroCredentialPage(draft.slug)).toBeNull();
  });
});
