// Teachers' ratings on a micro-credential's public page are stored figures, taken afresh from every
// rating only once five new ratings have come in since they were last taken, and dropped at once when
// fewer than five are left (ADR 027): watching the page between two takings shows nothing of what one
// teacher gave, changed or took back. The issuer's own page keeps every rating's figures at once. A
// write that changes the stored figures drops every server's cached anonymous copy of the public
// pages at once (ADR 006); one that does not leaves every cache alone. Real Postgres; the page origin
// for the cache is a real HTTP server on loopback.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { textOf } from '../setup/html';
import { createPublishedCredential, createRaters } from '../factories';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { clearPageCache, freshPage, getOrRender } from '@/lib/http/page-cache';
import { PAGE_CACHE_CHANNEL } from '@/lib/http/page-cache-sync';
import { deleteCredentialFeedback, saveCredentialFeedback } from '@/lib/credential-feedback/mutations';
import { getCredentialFeedbackReport } from '@/lib/credential-feedback/queries';
import { deleteOwnAccount, DeleteAccountInput } from '@/lib/auth/delete-account';
import { pageOriginForTests } from '../setup/page-origin';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The public page's controls ask for the router, which only a browser has.
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { default: IssuerFeedbackPage } = await import('@/app/admin/credentials/[id]/feedback/page');
const { saveFeedbackAction, deleteFeedbackAction } = await import('@/app/micro-credentials/[slug]/feedback/actions');

const origin = pageOriginForTests();
beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});
afterEach(() => {
  vi.unstubAllEnvs();
  clearPageCache();
});

/** A published credential and `n` teachers whose work a reviewer returned, so each may rate it. */
async function makeWorld(n: number) {
  const { mc, admin } = await createPublishedCredential();
  return { mc, admin, teachers: await createRaters(mc.id, n) };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

const rate = (w: World, i: number, rating: number, hoursSpent: number | null = null, comment: string | null = null) =>
  saveCredentialFeedback({ actor: w.teachers[i], microCredentialId: w.mc.id, rating, hoursSpent, comment });
const unrate = (w: World, i: number) => deleteCredentialFeedback({ actor: w.teachers[i], microCredentialId: w.mc.id });

/** The public page as a visitor who is not signed in gets it (the copy the page cache keeps). */
async function publicPage(w: World) {
  const was = session.actor;
  session.actor = null;
  try {
    return renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug: w.mc.slug }), searchParams: Promise.resolve({}) }));
  } finally {
    session.actor = was;
  }
}
/** The feedback line on the public page ('' when there is none). */
const publicLine = async (w: World) => textOf(/<p[^>]*data-feedback-summary[^>]*>[\s\S]*?<\/p>/.exec(await publicPage(w))?.[0] ?? '');
const issuerText = async (w: World) => {
  session.actor = w.admin;
  return textOf(renderToStaticMarkup(await IssuerFeedbackPage({ params: Promise.resolve({ id: w.mc.id }), searchParams: Promise.resolve({}) })));
};

/** The stored public figures, as the public page reads them. */
const stored = (w: World) => db.credentialFeedbackPublic.findUnique({ where: { microCredentialId: w.mc.id }, select: { count: true, average: true, typicalHours: true } });
const line = (count: number, average: string, hours?: string) =>
  `Teachers who went through it rate it ${average} out of 5 (from ${count} ratings; updated after every five new ones)${hours ? ` · most took ${hours}` : ''}`;

describe('the public figures are taken afresh after every five new ratings', () => {
  it('nothing below five; the 5th takes them; the 6th to 9th change nothing public; the 10th takes them from all ten; the issuer sees each rating at once', async () => {
    const w = await makeWorld(10);
    for (let i = 0; i < 4; i++) expect(await rate(w, i, 5, 4)).toMatchObject({ publicChanged: false });
    expect(await publicLine(w)).toBe('');
    expect(await stored(w)).toBeNull();
    expect(await rate(w, 4, 4, 4)).toMatchObject({ publicChanged: true });
    expect(await stored(w)).toEqual({ count: 5, average: 4.8, typicalHours: 4 });
    expect(await publicLine(w)).toBe(line(5, '4.8', 'about 4 hours'));
    const fivePage = await publicPage(w);

    // The sixth gives 1 and 20 hours: the public page is the same to the byte, figures and all.
    expect(await rate(w, 5, 1, 20)).toMatchObject({ created: true, publicChanged: false });
    expect(await publicPage(w)).toBe(fivePage);
    // The issuer's page counts it at once: six ratings, (24 + 1) / 6.
    let report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id });
    expect(report).toMatchObject({ count: 6, hours: { count: 6 }, publicCount: 5 });
    expect(report.average).toBeCloseTo(25 / 6);
    let text = await issuerText(w);
    expect(text).toContain('Teachers who rated it 6');
    expect(text).toContain('4.2 out of 5');
    expect(text).toContain('1 · Not useful : 1 teacher (17%)');
    expect(text).toContain('The public page shows teachers the average rating and the typical hours from 5 ratings. They are worked out again from all ratings after every 5 new ones');
    expect(text).not.toContain('first');

    for (const i of [6, 7, 8]) {
      expect(await rate(w, i, 1, 20)).toMatchObject({ publicChanged: false });
      expect(await publicPage(w)).toBe(fivePage);
    }
    report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id });
    expect(report.count).toBe(9);
    expect(report.average).toBeCloseTo(28 / 9);
    text = await issuerText(w);
    expect(text).toContain('Teachers who rated it 9');
    expect(text).toContain('3.1 out of 5');

    // The tenth is the fifth new one: all ten, (24 + 5) / 10, and the median of ten hours (4 and 20).
    expect(await rate(w, 9, 1, 20)).toMatchObject({ publicChanged: true });
    expect(await stored(w)).toEqual({ count: 10, average: 2.9, typicalHours: 12 });
    expect(await publicLine(w)).toBe(line(10, '2.9', 'about 12 hours'));
    expect(await issuerText(w)).toContain('Teachers who rated it 10');
    expect(await issuerText(w)).toContain('from 10 ratings');
  });

  it('an edit changes nothing public, however large, until the next taking, which takes it in', async () => {
    const w = await makeWorld(10);
    for (let i = 0; i < 5; i++) await rate(w, i, 4, 6);
    const before = await publicPage(w);
    expect(textOf(before)).toContain(line(5, '4', 'about 6 hours'));
    // A counted teacher changes everything they said, through the form: nothing public moves.
    session.actor = w.teachers[0];
    const r = (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, rating: '1', hoursSpent: '40' }))) as ActionResult;
    expect(r).toMatchObject({ ok: true });
    expect(await publicPage(w)).toBe(before);
    expect(await rate(w, 1, 2, 40)).toMatchObject({ created: false, publicChanged: false });
    expect(await publicPage(w)).toBe(before);
    // The issuer sees the change at once: (1 + 2 + 3 × 4) / 5.
    expect((await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id })).average).toBeCloseTo(3);
    // Four new ones wait; an edit of one of them does not count as new either.
    for (const i of [5, 6, 7, 8]) expect(await rate(w, i, 4, 6)).toMatchObject({ publicChanged: false });
    expect(await rate(w, 8, 5, 6)).toMatchObject({ created: false, publicChanged: false });
    expect(await publicPage(w)).toBe(before);
    // The fifth new one takes them afresh, edits included: (1 + 2 + 3 × 4 + 3 × 4 + 5 + 4) / 10; hours 40, 40 and eight 6s.
    expect(await rate(w, 9, 4, 6)).toMatchObject({ publicChanged: true });
    expect(await stored(w)).toEqual({ count: 10, average: 3.6, typicalHours: 6 });
    expect(await publicLine(w)).toBe(line(10, '3.6', 'about 6 hours'));
  });

  it('the review’s attack: a counted teacher who deletes their rating moves nothing, and re-saving it is one new rating of five', async () => {
    const w = await makeWorld(10);
    // Five counted (5, 5, 5, 5, 1), four waiting whose ratings the attacker wants (all 1).
    for (let i = 0; i < 5; i++) await rate(w, i, i < 4 ? 5 : 1);
    for (const i of [5, 6, 7, 8]) await rate(w, i, 1);
    const shown = await publicPage(w);
    expect(textOf(shown)).toContain(line(5, '4.2'));
    // Teacher 0 (counted, knows their own 5) deletes: under the old rule the oldest waiting rating took
    // its place and the average fell by exactly the difference. Now nothing public moves.
    expect(await unrate(w, 0)).toMatchObject({ deleted: true, publicChanged: false });
    expect(await publicPage(w)).toBe(shown);
    expect(await stored(w)).toEqual({ count: 5, average: 4.2, typicalHours: null });
    // Re-saved, it is the fifth new rating (4 waiting + itself): the taking is of all nine, so the change
    // shows what four other teachers gave together, never one of them.
    expect(await rate(w, 0, 5)).toMatchObject({ created: true, publicChanged: true });
    expect(await stored(w)).toMatchObject({ count: 9 });
    const nine = await publicPage(w);
    // Again: delete and re-save moves nothing now; one new rating is not five.
    expect(await unrate(w, 0)).toMatchObject({ deleted: true, publicChanged: false });
    expect(await rate(w, 0, 1)).toMatchObject({ created: true, publicChanged: false });
    expect(await unrate(w, 0)).toMatchObject({ deleted: true, publicChanged: false });
    expect(await rate(w, 0, 5)).toMatchObject({ created: true, publicChanged: false });
    expect(await publicPage(w)).toBe(nine);
  });

  it('a deletion leaving five or more moves nothing; one leaving fewer than five takes the figures away at once, and the issuer still sees every rating', async () => {
    const w = await makeWorld(6);
    for (let i = 0; i < 6; i++) await rate(w, i, i < 5 ? 5 : 1);
    const shown = await publicPage(w);
    expect(textOf(shown)).toContain(line(5, '5'));
    // Through the page: six become five, so the figures stay, with the deleted rating still inside them.
    session.actor = w.teachers[2];
    expect(await redirectOf(deleteFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id })))).toBe(`/micro-credentials/${w.mc.slug}/feedback?deleted=1`);
    expect(await publicPage(w)).toBe(shown);
    // Five become four: gone from the public page at once (withdrawn; the row keeps when they were taken).
    expect(await unrate(w, 0)).toMatchObject({ deleted: true, publicChanged: true });
    expect(await stored(w)).toEqual({ count: null, average: null, typicalHours: null });
    expect(await publicLine(w)).toBe('');
    const report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id });
    expect(report).toMatchObject({ count: 4, publicCount: null });
    expect(report.average).toBeCloseTo(16 / 4);
    expect(await issuerText(w)).toContain('The public page shows the average and typical hours once 5 teachers have rated it (1 more to go)');
    // And fewer still: nothing to drop, nothing changes.
    expect(await unrate(w, 1)).toMatchObject({ deleted: true, publicChanged: false });
  });

  it('withdrawn figures come back only after five ratings new since the taking: one newcomer among four known ones is never shown alone', async () => {
    const w = await makeWorld(10);
    for (let i = 0; i < 5; i++) await rate(w, i, 4);
    expect(await publicLine(w)).toBe(line(5, '4'));
    // The fifth withdraws hers (she knows it was a 4, and so the others' sum): withdrawn.
    expect(await unrate(w, 4)).toMatchObject({ publicChanged: true });
    expect(await publicLine(w)).toBe('');
    // One newcomer makes five in all: were the figures taken now, the newcomer's 1 could be read off them.
    expect(await rate(w, 5, 1)).toMatchObject({ publicChanged: false });
    expect(await publicLine(w)).toBe('');
    expect(await issuerText(w)).toContain('The public page shows no figures for now: they were withdrawn when fewer than 5 ratings were left, and come back once 5 teachers have rated it since');
    // Four more newcomers: five new since the taking, taken from all nine.
    for (let i = 6; i < 10; i++) await rate(w, i, 2);
    expect(await publicLine(w)).toBe(line(9, '2.8'));
  });
});

describe('an account deleted with its ratings', () => {
  it('settles the public figures as a deletion does: kept with five or more left, withdrawn below five', async () => {
    const w = await makeWorld(6);
    for (let i = 0; i < 6; i++) await rate(w, i, i < 5 ? 5 : 1);
    const shown = await publicLine(w);
    expect(shown).toBe(line(5, '5'));
    const gone = async (i: number) => {
      const t = w.teachers[i];
      const { email } = await db.user.findUniqueOrThrow({ where: { id: t.id }, select: { email: true } });
      await db.user.update({ where: { id: t.id }, data: { passwordHash: null } });
      await deleteOwnAccount({ actor: t, input: DeleteAccountInput.parse({ email, understood: 'on' }) });
    };
    // Six become five: nothing public moves.
    await gone(5);
    expect(await publicLine(w)).toBe(shown);
    // Five become four: withdrawn at once, not left showing until some later rating.
    await gone(4);
    expect(await publicLine(w)).toBe('');
    expect(await stored(w)).toEqual({ count: null, average: null, typicalHours: null });
  });
});

describe('the anonymous page cache', () => {
  it('every server drops its cached public pages when the stored figures change, and only then', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const w = await makeWorld(10);
    for (let i = 0; i < 4; i++) await rate(w, i, 4, 6);
    const key = `/micro-credentials/${w.mc.slug}`;
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    let notices = 0;
    other.on('notification', (msg) => {
      if (msg.channel === PAGE_CACHE_CHANNEL) notices++;
    });
    await other.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
    const waitFor = async (n: number) => {
      const start = Date.now();
      while (notices < n && Date.now() - start < 5_000) await new Promise((res) => setTimeout(res, 20));
      expect(notices).toBe(n);
    };
    /** The page filled in this server's cache, as an anonymous visit leaves it. */
    const cached = async () => {
      await getOrRender(origin.url(), key);
      expect(freshPage(key)).toBeDefined();
    };
    try {
      // The fifth rating takes the figures: dropped here at once, and every other server told.
      await cached();
      expect(await rate(w, 4, 4, 6)).toMatchObject({ publicChanged: true });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(1);

      // New ratings short of five, edits of any rating (counted or not, rating, hours or comment) and
      // deletions leaving five or more: every cache keeps its copy.
      await cached();
      for (const i of [5, 6, 7]) expect(await rate(w, i, 2, 10)).toMatchObject({ publicChanged: false });
      expect(await rate(w, 5, 5, 1)).toMatchObject({ publicChanged: false });
      expect(await rate(w, 0, 1, 30, 'Clearer on a second read.')).toMatchObject({ publicChanged: false });
      expect(await unrate(w, 6)).toMatchObject({ deleted: true, publicChanged: false });
      expect(await unrate(w, 1)).toMatchObject({ deleted: true, publicChanged: false });
      expect(freshPage(key)).toBeDefined();

      // New since the taking: 5 and 7 (6 was deleted). With 8 and 9, four; 6 saved again is the fifth: taken, dropped.
      expect(await rate(w, 8, 3)).toMatchObject({ publicChanged: false });
      expect(await rate(w, 9, 3)).toMatchObject({ publicChanged: false });
      expect(freshPage(key)).toBeDefined();
      expect(await rate(w, 6, 3)).toMatchObject({ created: true, publicChanged: true });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(2);
      expect(await stored(w)).toMatchObject({ count: 9 });

      // Deleting down to four takes the figures away: dropped.
      await cached();
      for (const i of [0, 2, 3, 4]) expect(await unrate(w, i)).toMatchObject({ deleted: true, publicChanged: false });
      expect(freshPage(key)).toBeDefined();
      expect(await unrate(w, 5)).toMatchObject({ deleted: true, publicChanged: true });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(3);

      // Deleting what is already gone (a second click) changes nothing.
      await cached();
      expect(await unrate(w, 5)).toMatchObject({ deleted: false, publicChanged: false });
      expect(freshPage(key)).toBeDefined();
      // No notice went out for any of the others (the count would be off otherwise).
      await new Promise((res) => setTimeout(res, 200));
      expect(notices).toBe(3);
    } finally {
      await other.end();
    }
  });

  it('a rating saved while another is in flight, the two making the fifth new one between them, takes the figures once and drops every cached copy', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const w = await makeWorld(10);
    for (let i = 0; i < 8; i++) await rate(w, i, 5);
    expect(await stored(w)).toMatchObject({ count: 5 });
    const key = `/micro-credentials/${w.mc.slug}`;
    await getOrRender(origin.url(), key);
    expect(freshPage(key)).toBeDefined();
    // Another teacher's save in flight on a connection of its own: it holds the credential's feedback
    // as every save does, has written the tenth rating and not yet committed. Seen from inside, it
    // is the fourth new rating, which changes nothing public.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`credential-feedback:${w.mc.id}`]);
      await other.query(`INSERT INTO "CredentialFeedback" ("id", "microCredentialId", "userId", "rating", "updatedAt") VALUES ('in-flight-tenth', $1, $2, 1, now())`, [w.mc.id, w.teachers[9].id]);
      // The ninth waits its turn, and then counts five new ones (3 + 1 + itself), where on its own it
      // would have counted four and taken nothing.
      const ninth = watch(rate(w, 8, 1));
      await untilWaitingOnLocksOr(1, () => Number(ninth.settled), 'the ninth rating neither finished nor waited for the one in flight');
      await other.query('COMMIT');
      expect(await ninth.outcome).toMatchObject({ ok: true, value: { publicChanged: true } });
      expect(freshPage(key)).toBeUndefined();
      expect(await publicLine(w)).toBe(line(10, '4.2'));
    } finally {
      await other.end();
    }
  });

  it('two saves at once that make the fifth new rating between them take the figures exactly once', async () => {
    const w = await makeWorld(10);
    for (let i = 0; i < 8; i++) await rate(w, i, 5);
    const results = await Promise.all([rate(w, 8, 1), rate(w, 9, 1)]);
    expect(results.filter((r) => r.publicChanged)).toHaveLength(1);
    expect(await stored(w)).toEqual({ count: 10, average: 4.2, typicalHours: null });
    // Either way round, both were counted in that taking and neither counts again: four new ones wait, the fifth takes.
    await db.credentialFeedback.deleteMany({ where: { userId: { in: w.teachers.slice(0, 5).map((t) => t.id) } } });
    for (let i = 0; i < 4; i++) expect(await rate(w, i, 1)).toMatchObject({ publicChanged: false });
    expect(await rate(w, 4, 1)).toMatchObject({ created: true, publicChanged: true });
    expect(await stored(w)).toEqual({ count: 10, average: 2.2, typicalHours: null });
  });
});
