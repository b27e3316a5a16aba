// The write that changes a credential's stored public figures also sends the notice that makes every
// server drop its cached public pages (ADR 006), in one transaction: the rating, the figures and the
// notice commit together or not at all. So a teacher is never shown an error for a rating that was
// saved (as when the notice went in a second transaction after the commit), and no server is told of
// a change that did not happen. Real Postgres; a fault injected in it for the failing write.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, type Tx } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { clearInsertFault, injectInsertFault } from '../setup/insert-fault';
import { createPublishedCredential, createRaters } from '../factories';
import { clearPageCache, freshPage, getOrRender } from '@/lib/http/page-cache';
import { pageOriginForTests } from '../setup/page-origin';

/** What each changePublicPages transaction saw of the public figures just before it announced: through itself, and from outside it. */
const seen = vi.hoisted(() => [] as { inside: number | null; outside: number | null }[]);
vi.mock('@/lib/http/page-cache-sync', async (original) => {
  const actual = await original<typeof import('@/lib/http/page-cache-sync')>();
  return {
    ...actual,
    changePublicPages: <T,>(work: (tx: Tx) => Promise<T>, opts?: { changed?: (value: T) => boolean }) =>
      actual.changePublicPages(async (tx) => {
        const value = await work(tx);
        const mc = (await tx.microCredential.findFirst({ select: { id: true } }))!.id;
        const [inside, outside] = [
          await tx.credentialFeedbackPublic.findUnique({ where: { microCredentialId: mc }, select: { count: true } }),
          await db.credentialFeedbackPublic.findUnique({ where: { microCredentialId: mc }, select: { count: true } }),
        ];
        seen.push({ inside: inside?.count ?? null, outside: outside?.count ?? null });
        return value;
      }, opts),
  };
});

const { saveCredentialFeedback } = await import('@/lib/credential-feedback/mutations');
const { PAGE_CACHE_CHANNEL } = await import('@/lib/http/page-cache-sync');

const FAULT = { name: 'feedback_public_fault', table: 'CredentialFeedbackPublic', message: 'the public figures could not be written' };

const origin = pageOriginForTests();
beforeEach(async () => {
  await resetDatabase();
  await clearInsertFault(FAULT);
  seen.length = 0;
});
afterEach(async () => {
  await clearInsertFault(FAULT);
  vi.unstubAllEnvs();
  clearPageCache();
});

async function makeWorld(n: number) {
  const { mc } = await createPublishedCredential();
  return { mc, teachers: await createRaters(mc.id, n) };
}

/** Counts this channel's notices on a connection of its own, as another server would. */
async function listen() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const got = { n: 0 };
  client.on('notification', (msg) => {
    if (msg.channel === PAGE_CACHE_CHANNEL) got.n++;
  });
  await client.query(`LISTEN ${PAGE_CACHE_CHANNEL}`);
  const settle = () => new Promise((res) => setTimeout(res, 200));
  return { got, settle, end: () => client.end() };
}

describe('the notice that the public figures changed', () => {
  it('goes out in the transaction that writes the rating and takes the figures, and only for that one', async () => {
    const w = await makeWorld(5);
    // Publishing the credential went through changePublicPages too.
    seen.length = 0;
    const l = await listen();
    try {
      for (let i = 0; i < 4; i++) await saveCredentialFeedback({ actor: w.teachers[i], microCredentialId: w.mc.id, rating: 4, hoursSpent: null, comment: null });
      // The fifth: the figures were written inside the announcing transaction, and nobody outside it saw them before it committed.
      expect(await saveCredentialFeedback({ actor: w.teachers[4], microCredentialId: w.mc.id, rating: 4, hoursSpent: null, comment: null })).toMatchObject({ publicChanged: true });
      expect(seen).toEqual([...Array(4).fill({ inside: null, outside: null }), { inside: 5, outside: null }]);
      await l.settle();
      expect(l.got.n).toBe(1);
    } finally {
      await l.end();
    }
  });

  it('a taking that fails saves nothing and tells no server anything: the teacher is refused, and may save again', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('PAGE_CACHE', '');
    const w = await makeWorld(5);
    for (let i = 0; i < 4; i++) await saveCredentialFeedback({ actor: w.teachers[i], microCredentialId: w.mc.id, rating: 4, hoursSpent: null, comment: null });
    const key = `/micro-credentials/${w.mc.slug}`;
    await getOrRender(origin.url(), key);
    expect(freshPage(key)).toBeDefined();
    const l = await listen();
    try {
      await injectInsertFault(FAULT);
      await expect(saveCredentialFeedback({ actor: w.teachers[4], microCredentialId: w.mc.id, rating: 1, hoursSpent: null, comment: null })).rejects.toThrow(/could not be written/);
      expect(await db.credentialFeedback.count({ where: { userId: w.teachers[4].id } })).toBe(0);
      expect(await db.credentialFeedbackPublic.count()).toBe(0);
      expect(freshPage(key)).toBeDefined();
      await l.settle();
      expect(l.got.n).toBe(0);

      await clearInsertFault(FAULT);
      expect(await saveCredentialFeedback({ actor: w.teachers[4], microCredentialId: w.mc.id, rating: 1, hoursSpent: null, comment: null })).toMatchObject({ created: true, publicChanged: true });
      expect(await db.credentialFeedbackPublic.findUnique({ where: { microCredentialId: w.mc.id }, select: { count: true, average: true } })).toEqual({ count: 5, average: 3.4 });
      expect(freshPage(key)).toBeUndefined();
      await l.settle();
      expect(l.got.n).toBe(1);
    } finally {
      await l.end();
    }
  });
});
