// The issuer pages that take ?issuer= (Applications, Badges issued, Questions from teachers, the
// dashboard): an issuer the admin does not administer, from another admin's link or an edited
// address, is the forbidden page on each, never another issuer's data or an error page; one of
// their own is shown.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { loadActor } from '@/lib/auth/load-actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { redirectOf } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createOrg, createPublishedCredential } from '../factories';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

type AnyPage = (p: { searchParams: Promise<Record<string, string>> }) => Promise<ReactElement>;
const PAGES: [string, AnyPage, string][] = [
  ['admin/submissions', (await import('@/app/admin/submissions/page')).default, 'Applications'],
  ['admin/awards', (await import('@/app/admin/awards/page')).default, 'Badges issued'],
  ['admin/questions', (await import('@/app/admin/questions/page')).default, 'Questions from teachers'],
  ['admin/dashboard', (await import('@/app/admin/dashboard/page')).default, 'Uptake and review trends'],
];

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const render = async (page: AnyPage, issuer: string) => renderToStaticMarkup(await page({ searchParams: Promise.resolve({ issuer }) }));

describe('an issuer page asked for an issuer', () => {
  it('is the forbidden page for one the admin does not administer, and that issuer’s page for one of theirs', async () => {
    const lakeside = await createOrg({ kind: 'ISSUER', name: 'Lakeside Institute' });
    const harbour = await createOrg({ kind: 'ISSUER', name: 'Harbour College' });
    const { admin } = await createPublishedCredential({ issuerId: lakeside.id, def: { title: 'Checking for understanding' } });
    await db.membership.create({ data: { userId: admin.id, organizationId: harbour.id, role: 'ISSUER_ADMIN' } });
    const stranger = await createOrg({ kind: 'ISSUER', name: 'Elsewhere Academy' });
    session.actor = (await loadActor(admin.id))!;
    for (const [path, Page, title] of PAGES) {
      expect(await redirectOf(render(Page, stranger.id)), path).toBe('/forbidden');
      // Not only a made-up id: any id that is not one of the admin's issuers.
      expect(await redirectOf(render(Page, 'not-an-issuer')), path).toBe('/forbidden');
      const own = textJoined(await render(Page, lakeside.id));
      expect(own, path).toContain(title);
      expect(own, path).not.toContain('Elsewhere Academy');
    }
  });
});
