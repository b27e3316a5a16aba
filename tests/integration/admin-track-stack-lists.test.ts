// The issuer admin's Tracks and Stacks pages list every track and stack, a page of 25 at a time
// (most recently changed first), with "Next page": they stopped at 200 with nothing said before,
// so an issuer (or a platform admin, whose scope is every issuer) could not reach the rest. Another
// issuer's are never listed. Real Postgres, the real pages.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg } from '../factories';
import { ADMIN_PAGE_SIZE, listAdminStacks, listAdminTracksPage, listPublishedTrackOptions } from '@/lib/authoring/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});

const { default: TracksPage } = await import('@/app/admin/tracks/page');
const { default: StacksPage } = await import('@/app/admin/stacks/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const COUNT = ADMIN_PAGE_SIZE + 3;

/** An issuer with COUNT tracks and COUNT stacks changed a minute apart (two with the same time), and another issuer's one of each. */
async function makeWorld() {
  const issuer = await createOrg({ kind: 'ISSUER' });
  const other = await createOrg({ kind: 'ISSUER' });
  const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  const at = (i: number) => new Date(Date.UTC(2026, 10, 1, 9, i === 7 ? 6 : i));
  for (let i = 0; i < COUNT; i++) {
    const n = String(i).padStart(2, '0');
    const track = await db.track.create({ data: { issuerId: issuer.id, slug: `track-${n}-${issuer.id}`, title: `Track ${n}`, summary: 's', topic: 't', subjects: [], gradeBands: [] } });
    const stack = await db.stack.create({ data: { issuerId: issuer.id, slug: `stack-${n}-${issuer.id}`, title: `Stack ${n}`, summary: 's' } });
    await db.$executeRaw`UPDATE "Track" SET "updatedAt" = ${at(i)} WHERE "id" = ${track.id}`;
    await db.$executeRaw`UPDATE "Stack" SET "updatedAt" = ${at(i)} WHERE "id" = ${stack.id}`;
  }
  await db.track.create({ data: { issuerId: other.id, slug: `track-other-${other.id}`, title: 'Other issuer track', summary: 's', topic: 't', subjects: [], gradeBands: [] } });
  await db.stack.create({ data: { issuerId: other.id, slug: `stack-other-${other.id}`, title: 'Other issuer stack', summary: 's' } });
  return { issuer, other, admin: (await import('@/lib/auth/load-actor').then((m) => m.loadActor(admin.id)))! };
}

describe('the Tracks and Stacks lists', () => {
  it('walk every row once, newest change first, 25 to a page, and never another issuer’s', async () => {
    const w = await makeWorld();
    for (const list of [
      (cursor?: string) => listAdminTracksPage({ actor: w.admin, issuerIds: [w.issuer.id, w.other.id], cursor }),
      (cursor?: string) => listAdminStacks({ actor: w.admin, issuerIds: [w.issuer.id, w.other.id], cursor }),
    ]) {
      const first = await list();
      expect(first.items).toHaveLength(ADMIN_PAGE_SIZE);
      expect(first.nextCursor).toBeTruthy();
      const second = await list(first.nextCursor!);
      expect(second.nextCursor).toBeNull();
      const titles = [...first.items, ...second.items].map((r) => r.title);
      expect(titles).toHaveLength(COUNT);
      expect(new Set(titles).size).toBe(COUNT);
      expect(titles.some((t) => t.startsWith('Other issuer'))).toBe(false);
      // Newest change first.
      const times = [...first.items, ...second.items].map((r) => r.updatedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it('the pages offer the next page and the way back to the first', async () => {
    const w = await makeWorld();
    session.actor = w.admin;
    for (const [Page, path, newest, oldest] of [[TracksPage, '/admin/tracks', 'Track 27', 'Track 00'], [StacksPage, '/admin/stacks', 'Stack 27', 'Stack 00']] as const) {
      const first = renderToStaticMarkup(await Page({ searchParams: Promise.resolve({}) }));
      expect(first).toContain(newest);
      expect(first).not.toContain(oldest);
      const next = /<a rel="next" href="([^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
      expect(next?.startsWith(`${path}?cursor=`)).toBe(true);
      const cursor = new URL(next!, 'http://x').searchParams.get('cursor')!;
      const second = renderToStaticMarkup(await Page({ searchParams: Promise.resolve({ cursor }) }));
      expect(second).toContain(oldest);
      expect(second).not.toContain(newest);
      expect(second).toContain('Back to the first page');
      expect(second).not.toContain('rel="next"');
    }
  });

  it('enrolling from a file offers every published track of the issuer, however many were changed since', async () => {
    const w = await makeWorld();
    const oldest = await db.track.create({ data: { issuerId: w.issuer.id, slug: `published-${w.issuer.id}`, title: 'A published track', summary: 's', topic: 't', subjects: [], gradeBands: [], status: 'PUBLISHED', publishedAt: new Date('2026-01-01') } });
    await db.$executeRaw`UPDATE "Track" SET "updatedAt" = '2026-01-01' WHERE "id" = ${oldest.id}`;
    // 200 drafts changed since: the list used to be the 200 most recently changed, then filtered.
    await db.track.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ issuerId: w.issuer.id, slug: `draft-${i}-${w.issuer.id}`, title: `Draft ${i}`, summary: 's', topic: 't', subjects: [], gradeBands: [] })) });
    const options = await listPublishedTrackOptions(w.admin, [w.issuer.id, w.other.id]);
    expect(options.map((t) => t.title)).toEqual(['A published track']);
  });
});
