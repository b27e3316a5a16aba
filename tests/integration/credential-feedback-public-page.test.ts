// Teachers' ratings on a micro-credential's public page come in whole batches of five, the earliest
// first (ADR 027): watching the page between two ratings shows nothing of what one teacher gave. The
// issuer's own page keeps every rating's figures at once. A rating that moves the public figures
// (new, changed or deleted) drops every server's cached anonymous copy of the public pages at once
// (ADR 006); one that does not leaves every cache alone. Real Postgres; the page origin for the cache
// is a real HTTP server on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { textOf } from '../setup/html';
import { createActor, createPublishedCredential, createWaitingAttempt } from '../factories';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { clearPageCache, freshPage, getOrRender } from '@/lib/http/page-cache';
import { PAGE_CACHE_CHANNEL } from '@/lib/http/page-cache-sync';
import { deleteCredentialFeedback, saveCredentialFeedback } from '@/lib/credential-feedback/mutations';
import { getCredentialFeedbackReport } from '@/lib/credential-feedback/queries';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// The public page's controls ask for the router, which only a browser has.
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');
const { default: IssuerFeedbackPage } = await import('@/app/admin/credentials/[id]/feedback/page');
const { saveFeedbackAction, deleteFeedbackAction } = await import('@/app/micro-credentials/[slug]/feedback/actions');

let origin: Server;
let originUrl: string;
beforeAll(async () => {
  origin = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>'));
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => origin.close(() => r())));
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
  const teachers: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const t = await createActor({ name: `Rater ${i}` });
    const attemptId = await createWaitingAttempt(t, mc.id);
    await db.attempt.update({ where: { id: attemptId }, data: { status: 'RETURNED', decidedAt: new Date() } });
    teachers.push(t);
  }
  return { mc, admin, teachers };
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

describe('the public figures come in batches of five', () => {
  it('the 6th to 9th ratings leave the public page as it was, the 10th moves it; the issuer sees each rating at once', async () => {
    const w = await makeWorld(10);
    for (let i = 0; i < 4; i++) await rate(w, i, 5, 4);
    expect(await publicLine(w)).toBe('');
    expect(await rate(w, 4, 4, 4)).toMatchObject({ publicChanged: true });
    const fiveLine = 'Teachers who went through it rate it 4.8 out of 5 (from 5 ratings, added five at a time) · most took about 4 hours';
    expect(await publicLine(w)).toBe(fiveLine);
    const fivePage = await publicPage(w);

    // The sixth gives 1 and 20 hours: the public page is the same to the byte, figures and all.
    expect(await rate(w, 5, 1, 20)).toMatchObject({ created: true, publicChanged: false });
    expect(await publicPage(w)).toBe(fivePage);
    // The issuer's page counts it at once: six ratings, (24 + 1) / 6.
    let report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id });
    expect(report).toMatchObject({ count: 6, hours: { count: 6 } });
    expect(report.average).toBeCloseTo(25 / 6);
    let text = await issuerText(w);
    expect(text).toContain('Teachers who rated it 6');
    expect(text).toContain('4.2 out of 5');
    expect(text).toContain('1 · Not useful : 1 teacher (17%)');

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

    // The tenth fills the second batch: all ten, (24 + 5) / 10, and the median of ten hours (4 and 20).
    expect(await rate(w, 9, 1, 20)).toMatchObject({ publicChanged: true });
    expect(await publicLine(w)).toBe('Teachers who went through it rate it 2.9 out of 5 (from 10 ratings, added five at a time) · most took about 12 hours');
    expect(await issuerText(w)).toContain('Teachers who rated it 10');
  });

  it('a deletion that takes the count below a boundary moves the public figures back a batch, and below five takes them away', async () => {
    const w = await makeWorld(10);
    for (let i = 0; i < 10; i++) await rate(w, i, i < 5 ? 5 : 1);
    expect(await publicLine(w)).toContain('rate it 3 out of 5 (from 10 ratings');
    // The tenth teacher takes theirs back through the page: nine left, so the first five's figures.
    session.actor = w.teachers[9];
    expect(await redirectOf(deleteFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id })))).toBe(`/micro-credentials/${w.mc.slug}/feedback?deleted=1`);
    expect(await publicLine(w)).toBe('Teachers who went through it rate it 5 out of 5 (from 5 ratings, added five at a time)');
    // The issuer still sees all nine that are left.
    const report = await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id });
    expect(report.count).toBe(9);
    expect(report.average).toBeCloseTo(29 / 9);

    // A counted rating goes while four wait: the next in line takes its place ((4 × 5 + 1) / 5).
    expect(await unrate(w, 0)).toMatchObject({ deleted: true, publicChanged: true });
    expect(await publicLine(w)).toContain('rate it 4.2 out of 5 (from 5 ratings');
    // Those waiting go: still the same five.
    for (const i of [5, 6, 7]) expect(await unrate(w, i)).toMatchObject({ deleted: true, publicChanged: false });
    expect(await publicLine(w)).toContain('rate it 4.2 out of 5 (from 5 ratings');
    // Down to four: nothing public, while the issuer still sees the four.
    expect(await unrate(w, 1)).toMatchObject({ deleted: true, publicChanged: true });
    expect(await publicLine(w)).toBe('');
    expect((await getCredentialFeedbackReport({ actor: w.admin, microCredentialId: w.mc.id })).count).toBe(4);
  });

  it('a change to a counted rating shows at once; a change to one still waiting does not', async () => {
    const w = await makeWorld(6);
    for (let i = 0; i < 6; i++) await rate(w, i, 4, 6);
    const before = await publicPage(w);
    expect(textOf(before)).toContain('rate it 4 out of 5 (from 5 ratings, added five at a time) · most took about 6 hours');
    // The sixth (waiting) changes everything they said: nothing public moves.
    session.actor = w.teachers[5];
    const r = (await saveFeedbackAction(initialActionState, form({ microCredentialId: w.mc.id, rating: '1', hoursSpent: '40' }))) as ActionResult;
    expect(r).toMatchObject({ ok: true });
    expect(await publicPage(w)).toBe(before);
    // The first (counted) changes their rating: (4 × 4 + 1) / 5.
    expect(await rate(w, 0, 1, 6)).toMatchObject({ created: false, publicChanged: true });
    expect(await publicLine(w)).toContain('rate it 3.4 out of 5 (from 5 ratings');
  });
});

describe('the anonymous page cache', () => {
  it('every server drops its cached public pages when the figures change, and only then', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const w = await makeWorld(6);
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
      await getOrRender(originUrl, key);
      expect(freshPage(key)).toBeDefined();
    };
    try {
      // The fifth rating puts the figures on the page: dropped here at once, and every other server told.
      await cached();
      expect(await rate(w, 4, 4, 6)).toMatchObject({ publicChanged: true });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(1);

      // The sixth waits for its batch: every cache keeps its copy.
      await cached();
      expect(await rate(w, 5, 2, 10)).toMatchObject({ publicChanged: false });
      expect(freshPage(key)).toBeDefined();
      // So does a change to the waiting rating, to a counted one's comment, or to a counted one's hours
      // that leaves what the page shows as it was (the median stays 6).
      expect(await rate(w, 5, 5, 1)).toMatchObject({ publicChanged: false });
      expect(await rate(w, 0, 4, 6, 'Clearer on a second read.')).toMatchObject({ publicChanged: false });
      expect(await rate(w, 0, 4, 6.5)).toMatchObject({ publicChanged: false });
      expect(freshPage(key)).toBeDefined();

      // A counted rating changed enough to show: dropped.
      expect(await rate(w, 0, 5, 6)).toMatchObject({ publicChanged: true });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(2);

      // Deleting the waiting one changes nothing public; then a counted one, with none waiting, takes the figures away.
      await cached();
      expect(await unrate(w, 5)).toMatchObject({ deleted: true, publicChanged: false });
      expect(freshPage(key)).toBeDefined();
      expect(await unrate(w, 1)).toMatchObject({ deleted: true, publicChanged: true });
      expect(freshPage(key)).toBeUndefined();
      await waitFor(3);

      // Deleting what is already gone (a second click) changes nothing.
      await cached();
      expect(await unrate(w, 1)).toMatchObject({ deleted: false, publicChanged: false });
      expect(freshPage(key)).toBeDefined();
      // No notice went out for any of the others (the count would be off otherwise).
      await new Promise((res) => setTimeout(res, 200));
      expect(notices).toBe(3);
    } finally {
      await other.end();
    }
  });

  it('a rating saved while another is in flight, the two filling a batch, still drops every cached copy', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const w = await makeWorld(10);
    for (let i = 0; i < 8; i++) await rate(w, i, 5);
    const key = `/micro-credentials/${w.mc.slug}`;
    await getOrRender(originUrl, key);
    expect(freshPage(key)).toBeDefined();
    // Another teacher's save in flight on a connection of its own: it holds the credential's feedback
    // as every save does, has written the tenth rating and not yet committed. Seen from inside, its
    // own save takes the count from 8 to 9, which changes nothing public.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`credential-feedback:${w.mc.id}`]);
      await other.query(`INSERT INTO "CredentialFeedback" ("id", "microCredentialId", "userId", "rating", "updatedAt") VALUES ('in-flight-tenth', $1, $2, 1, now())`, [w.mc.id, w.teachers[9].id]);
      // The ninth waits its turn, and then sees its own rating fill the batch (8 + 1 + 1), where on its
      // own it would have seen 8 become 9 and left every cache with the old figures.
      const ninth = watch(rate(w, 8, 1));
      await untilWaitingOnLocksOr(1, () => Number(ninth.settled), 'the ninth rating neither finished nor waited for the one in flight');
      await other.query('COMMIT');
      expect(await ninth.outcome).toMatchObject({ ok: true, value: { publicChanged: true } });
      expect(freshPage(key)).toBeUndefined();
      expect(await publicLine(w)).toContain('rate it 4.2 out of 5 (from 10 ratings');
    } finally {
      await other.end();
    }
  });
});
