// My badges and the public portfolio list every badge a teacher holds, a page at a time (keyset on
// issuedAt, id, newest first), however many there are; their totals count every badge, not the page.
// A renewed badge is marked (My badges) or left out (portfolio) also when its renewal is on an
// earlier page. The cursor is in a link anyone can edit: one that is not ours shows the first page.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createEarnedAward, createPublishedCredential } from '../factories';
import { AWARDS_PAGE_SIZE, AwardListInput, getPublicPortfolio, listUserAwards } from '@/lib/awards/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: BadgesPage } = await import('@/app/badges/page');
const { default: PortfolioPage } = await import('@/app/u/[handle]/page');

const P = AWARDS_PAGE_SIZE;
const DAY = 86_400_000;
const NEWEST = Date.parse('2026-06-30T09:00:00.000Z');
const HANDLE = 'many-badges';
/** Positions in the holder's list, newest first. */
const R_NEW = 5, S_NEW = 7, Q_NEW = 9, REVOKED = 20, SUSPENDED = 21;
const R_OLD = P + 10, S_OLD = P + 12, Q_OLD = P + 14;
/** The page boundary falls inside badges issued at the same moment: the id decides their order. */
const TIED = new Set([P - 3, P - 2, P - 1, P, P + 1, P + 2]);
const COUNT = 2 * P + 6;

type Spec = { at: number; mc: 'R' | 'S' | 'Q' | null; cycle: number; hours: number; revoked?: boolean; suspended?: boolean };
type World = { holder: Actor; ids: string[]; shown: Set<string>; standingHours: number; r: { newId: string; oldId: string }; s: { oldId: string }; q: { oldId: string } };
let w: World;

function issuedAt(i: number) {
  return new Date(NEWEST - (TIED.has(i) ? P - 3 : i) * DAY).toISOString();
}

/**
 * A holder with 2 pages and a bit of badges: mostly one per micro-credential, with R renewed (its
 * new badge on page one, the old on page two), S's newer badge revoked and Q's suspended (so their
 * older ones still stand), one more revoked and one more suspended. Another teacher holds a newer
 * badge of S, which renews nothing of the holder's.
 */
async function world(): Promise<World> {
  await resetDatabase();
  const base = await createPublishedCredential();
  const holder = await createActor({ name: 'Maya Many' });
  await db.user.update({ where: { id: holder.id }, data: { handle: HANDLE, portfolioPublic: true } });
  let n = 0;
  // Micro-credential rows for the badges (their version is the published one's: it only colours them).
  const credential = async () => {
    const mc = await db.microCredential.create({ data: { issuerId: base.issuer.id, slug: `paged-${n++}`, topic: 'Assessment' }, select: { id: true, issuerId: true } });
    return { ...mc, currentVersionId: base.mc.currentVersionId };
  };
  const named = { R: await credential(), S: await credential(), Q: await credential() };
  const specs: Spec[] = Array.from({ length: COUNT }, (_, i) => ({ at: i, mc: null, cycle: 1, hours: 1 + (i % 4) * 0.5 }));
  Object.assign(specs[R_NEW], { mc: 'R', cycle: 2 });
  Object.assign(specs[R_OLD], { mc: 'R', cycle: 1 });
  Object.assign(specs[S_NEW], { mc: 'S', cycle: 2, revoked: true });
  Object.assign(specs[S_OLD], { mc: 'S', cycle: 1 });
  Object.assign(specs[Q_NEW], { mc: 'Q', cycle: 2, suspended: true });
  Object.assign(specs[Q_OLD], { mc: 'Q', cycle: 1 });
  Object.assign(specs[REVOKED], { revoked: true });
  Object.assign(specs[SUSPENDED], { suspended: true });
  const made = new Map<number, { id: string }>();
  // Created out of order, so neither creation order nor id follows the issue dates.
  for (const s of [...specs].sort((a, b) => ((a.at * 37) % COUNT) - ((b.at * 37) % COUNT))) {
    const mc = s.mc ? named[s.mc] : await credential();
    made.set(s.at, await createEarnedAward(holder, mc, { title: `Badge ${s.at}`, hours: s.hours, level: 1, issuedAt: issuedAt(s.at), cycle: s.cycle, revoked: s.revoked, suspended: s.suspended }));
  }
  const other = await createActor();
  await createEarnedAward(other, named.S, { title: 'Someone else’s', hours: 9, level: 1, issuedAt: issuedAt(1), cycle: 1 });
  await createEarnedAward(other, await credential(), { title: 'Someone else’s older', hours: 9, level: 1, issuedAt: issuedAt(P + 5), cycle: 1 });

  const rows = await db.award.findMany({ where: { userId: holder.id }, select: { id: true, issuedAt: true } });
  // The expected order, worked out here rather than by the database: newest first, then id (as uuid, i.e. as lowercase hex).
  const ids = rows.sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((a) => a.id);
  const stands = (s: Spec) => !s.revoked && !s.suspended;
  const shown = new Set(specs.filter((s) => stands(s) && s.at !== R_OLD).map((s) => made.get(s.at)!.id));
  const standingHours = specs.filter(stands).reduce((sum, s) => sum + s.hours, 0);
  return { holder, ids, shown, standingHours, r: { newId: made.get(R_NEW)!.id, oldId: made.get(R_OLD)!.id }, s: { oldId: made.get(S_OLD)!.id }, q: { oldId: made.get(Q_OLD)!.id } };
}

beforeAll(async () => {
  w = await world();
});

/** Follows "Next page" from the first page to the last. */
async function everyPage<T>(load: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const pages: T[][] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    pages.push(page.items);
    cursor = page.nextCursor ?? undefined;
    expect(pages.length).toBeLessThan(10);
  } while (cursor);
  return pages;
}

const myBadges = (cursor?: string) => listUserAwards({ userId: w.holder.id, cursor });
const portfolio = async (cursor?: string) => {
  const p = (await getPublicPortfolio(HANDLE, cursor))!;
  return { ...p, items: p.awards };
};
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('My badges, page by page', () => {
  it('shows every badge once, newest first, across pages that split badges issued at the same moment', async () => {
    const pages = await everyPage(myBadges);
    expect(pages.map((p) => p.length)).toEqual([P, P, COUNT - 2 * P]);
    const ids = pages.flat().map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(w.ids);
    // The boundary really is inside the tie.
    expect(pages[0][P - 1].issuedAt).toEqual(pages[1][0].issuedAt);
    expect((await myBadges()).total).toBe(COUNT);
  });

  it('marks a badge renewed when its renewal is on an earlier page, and only by a standing badge of the holder’s', async () => {
    const all = (await everyPage(myBadges)).flat();
    const renewed = (id: string) => all.find((a) => a.id === id)?.renewed;
    expect(w.ids.indexOf(w.r.oldId)).toBeGreaterThanOrEqual(P);
    expect(w.ids.indexOf(w.r.newId)).toBeLessThan(P);
    expect(renewed(w.r.oldId)).toBe(true);
    expect(renewed(w.r.newId)).toBe(false);
    // A revoked or suspended newer badge renews nothing; nor does another teacher's.
    expect(renewed(w.s.oldId)).toBe(false);
    expect(renewed(w.q.oldId)).toBe(false);
    expect(all.filter((a) => a.renewed).map((a) => a.id)).toEqual([w.r.oldId]);
  });
});

describe('the public portfolio, page by page', () => {
  it('shows each standing credential once, newest first, in full pages, and leaves out one renewed on an earlier page', async () => {
    const pages = await everyPage(portfolio);
    const shown = w.ids.filter((id) => w.shown.has(id));
    expect(pages.map((p) => p.length)).toEqual([P, P, shown.length - 2 * P]);
    const ids = pages.flat().map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(shown);
    expect(ids).not.toContain(w.r.oldId);
    expect(ids).toEqual(expect.arrayContaining([w.r.newId, w.s.oldId, w.q.oldId]));
  });

  it('counts the PD hours of every standing badge (a renewed one too) and every credential, on every page', async () => {
    const first = await portfolio();
    // More than the page's own badges hold.
    expect(w.standingHours).toBeGreaterThan(first.items.reduce((sum, a) => sum + Number(a.pdHours), 0) + 50);
    expect(first.pdHours).toBe(w.standingHours);
    expect(first.credentials).toBe(w.shown.size);
    const second = await portfolio(first.nextCursor!);
    expect(second.continued).toBe(true);
    expect([second.pdHours, second.credentials]).toEqual([w.standingHours, w.shown.size]);
  });
});

describe('a cursor from an edited link', () => {
  const uuid = '00000000-0000-4000-8000-000000000000';
  const hostile: unknown[] = [
    'not-a-cursor',
    '%%%',
    'x'.repeat(400),
    ['a', 'b'],
    cursorOf(null),
    cursorOf([1, 2]),
    cursorOf({ t: 123, id: uuid }),
    cursorOf({ t: '2026-01-01T00:00:00.000Z', id: "1' OR '1'='1" }),
    cursorOf({ t: '2026-02-30T00:00:00.000Z', id: uuid }),
    cursorOf({ t: '0000-01-01T00:00:00.000Z', id: uuid }),
    cursorOf({ t: '2026-01-01', id: uuid }),
    Buffer.from('{"t":"2026-01-01T00:00:00.000Z","id":"\u0000"}').toString('base64url'),
  ];

  it('is dropped by the query’s schema, and the lists show their first page', async () => {
    const firstMine = (await myBadges()).items.map((a) => a.id);
    const firstPublic = (await portfolio()).items.map((a) => a.id);
    for (const cursor of hostile) {
      expect(AwardListInput.parse({ cursor }).cursor).toBeUndefined();
      if (typeof cursor !== 'string') continue;
      const mine = await myBadges(cursor);
      expect([mine.items.map((a) => a.id), mine.continued]).toEqual([firstMine, false]);
      const pub = await portfolio(cursor);
      expect([pub.items.map((a) => a.id), pub.continued]).toEqual([firstPublic, false]);
    }
  });

  it('past the last badge gives an empty later page, with the totals still whole', async () => {
    const past = cursorOf({ t: '1990-01-01T00:00:00.000Z', id: uuid });
    expect(AwardListInput.parse({ cursor: past }).cursor).toBe(past);
    expect(await myBadges(past)).toMatchObject({ items: [], nextCursor: null, total: COUNT, continued: true });
    expect(await portfolio(past)).toMatchObject({ items: [], nextCursor: null, credentials: w.shown.size, pdHours: w.standingHours, continued: true });
  });
});

describe('the pages', () => {
  const nextHref = (html: string) => /<a[^>]*rel="next"[^>]*>/.exec(html)?.[0].match(/href="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');

  it('My badges links page to page, with the record on the first page and the count of every badge', async () => {
    session.actor = w.holder;
    const first = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }));
    expect(textOf(first)).toContain('What your badges count toward');
    expect(textOf(first)).toContain(`Your badges ${COUNT} badges, newest first.`);
    expect(first).not.toContain('Back to the first page');
    const next = nextHref(first)!;
    expect(next).toBe(`/badges?cursor=${(await myBadges()).nextCursor}`);

    const second = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({ cursor: new URL(next, 'http://x').searchParams.get('cursor')! }) }));
    expect(textOf(second)).toContain(`${COUNT} badges, newest first (continued).`);
    expect(textOf(second)).not.toContain('What your badges count toward');
    expect(second).toMatch(/<a[^>]*href="\/badges"[^>]*>← Back to the first page<\/a>/);
    expect(second).toContain(`/credentials/${w.r.oldId}`);

    const edited = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({ cursor: ['a', 'b'] }) }));
    expect(textOf(edited)).toContain('What your badges count toward');
    expect(edited).not.toContain('Back to the first page');
  });

  it('the portfolio links page to page and states the whole count and hours', async () => {
    session.actor = null;
    const props = (query: Record<string, string>) => ({ params: Promise.resolve({ handle: HANDLE }), searchParams: Promise.resolve(query) });
    const first = renderToStaticMarkup(await PortfolioPage(props({})));
    expect(textOf(first)).toContain(`${w.shown.size} credentials, ${w.standingHours} PD hours.`);
    const next = nextHref(first)!;
    expect(next).toBe(`/u/${HANDLE}?cursor=${(await portfolio()).nextCursor}`);
    const second = renderToStaticMarkup(await PortfolioPage(props({ cursor: new URL(next, 'http://x').searchParams.get('cursor')! })));
    expect(textOf(second)).toContain(`${w.shown.size} credentials, ${w.standingHours} PD hours.`);
    expect(second).toMatch(new RegExp(`<a[^>]*href="/u/${HANDLE}"[^>]*>← Back to the first page</a>`));
  });
});
