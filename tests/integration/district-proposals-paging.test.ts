// The district's proposals list pages on a keyset of its own sort (when sent, or when decided, and
// the id), not on the last row shown: a proposal another leader decides, or one deleted, between two
// pages neither drops the row after it nor empties the next page. A cursor that is not one of the
// list's (an old link's) opens the first page. Real Postgres, the real page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { listDistrictProposals, proposalsCursor } from '@/lib/proposals/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: ProposalsPage } = await import('@/app/district/proposals/page');
const render = async (sp: Record<string, string>) => renderToStaticMarkup(await ProposalsPage({ searchParams: Promise.resolve(sp) }));

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/**
 * Kettle Moraine's leader and `n` teachers, each with a proposal for the same credential in
 * `status`: sent a day apart (the 2nd and 3rd at the same moment, so the id breaks the tie) and,
 * when decided, decided a day apart, the newest last. In the list's own order.
 */
async function world(n: number, status: 'SUBMITTED' | 'APPROVED') {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine', data: { requiresProposal: true } });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const { mc } = await createPublishedCredential({ def: { title: 'Feedback that moves learning', level: 2 } });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const teacher = await createActor({ name: `Teacher ${String(i).padStart(2, '0')}`, districtId: district.id });
    const day = i === 2 ? 1 : i;
    const p = await db.proposal.create({
      data: {
        userId: teacher.id, districtId: district.id, microCredentialId: mc.id, studentGoals: `Goals ${i}`, status,
        submittedAt: new Date(Date.UTC(2026, 0, 1 + day)), ...(status === 'APPROVED' ? { decidedAt: new Date(Date.UTC(2026, 1, 1 + day)), decidedById: leader.id } : {}),
      },
    });
    ids.push(p.id);
  }
  const inOrder = status === 'SUBMITTED'
    ? [ids[0], ...[ids[1], ids[2]].sort(), ...ids.slice(3)]
    : [...ids.slice(3).reverse(), ...[ids[1], ids[2]].sort().reverse(), ids[0]];
  return { district, leader, ids: inOrder };
}

const page = async (districtId: string, status: 'SUBMITTED' | 'APPROVED', cursor?: string) => {
  const rows = await listDistrictProposals([districtId], { status, take: 2, cursor });
  const shown = rows.slice(0, 2);
  return { ids: shown.map((r) => r.id), next: rows.length > 2 ? proposalsCursor(shown[shown.length - 1], status) : null };
};

describe('paging through the district’s proposals', () => {
  it('waiting ones: the page after a proposal decided meanwhile starts at the next one, ties broken by id', async () => {
    const w = await world(6, 'SUBMITTED');
    const first = await page(w.district.id, 'SUBMITTED');
    expect(first.ids).toEqual(w.ids.slice(0, 2));
    // Another leader decides the last one shown before the next page loads.
    await db.proposal.update({ where: { id: w.ids[1] }, data: { status: 'APPROVED', decidedAt: new Date(), decidedById: w.leader.id } });
    const second = await page(w.district.id, 'SUBMITTED', first.next!);
    expect(second.ids).toEqual(w.ids.slice(2, 4));
    // Deleted (the teacher's account went): the next page is still there.
    await db.proposal.delete({ where: { id: w.ids[3] } });
    const third = await page(w.district.id, 'SUBMITTED', second.next!);
    expect(third.ids).toEqual(w.ids.slice(4, 6));
    expect(third.next).toBeNull();
  });

  it('decided ones: newest decision first, and a proposal deleted meanwhile does not empty the next page', async () => {
    const w = await world(5, 'APPROVED');
    const first = await page(w.district.id, 'APPROVED');
    expect(first.ids).toEqual(w.ids.slice(0, 2));
    await db.proposal.delete({ where: { id: w.ids[1] } });
    const second = await page(w.district.id, 'APPROVED', first.next!);
    expect(second.ids).toEqual(w.ids.slice(2, 4));
    expect((await page(w.district.id, 'APPROVED', second.next!)).ids).toEqual([w.ids[4]]);
  });

  it('the page: its Next link opens the rest; an old link’s cursor (a proposal id) or a made-up one opens the first page', async () => {
    const w = await world(23, 'SUBMITTED');
    session.actor = w.leader;
    const html = await render({ status: 'SUBMITTED' });
    const teachers = (h: string) => [...h.matchAll(/Teacher (\d\d)/g)].map((m) => m[1]);
    const firstPage = [...new Set(teachers(html))];
    expect(firstPage).toHaveLength(20);
    const next = /href="\/district\/proposals\?[^"]*cursor=([^"&]+)[^"]*"[^>]*rel="next"/.exec(html) ?? /rel="next"[^>]*href="\/district\/proposals\?[^"]*cursor=([^"&]+)/.exec(html);
    expect(next).not.toBeNull();
    // The last one shown is decided before the next page loads: the three after it are all there.
    const lastShown = w.ids[19];
    await db.proposal.update({ where: { id: lastShown }, data: { status: 'APPROVED', decidedAt: new Date(), decidedById: w.leader.id } });
    const rest = [...new Set(teachers(await render({ status: 'SUBMITTED', cursor: decodeURIComponent(next![1]) })))];
    expect(rest).toEqual(['20', '21', '22']);
    // An old link named the last proposal shown; that one is gone now.
    const old = w.ids[18];
    await db.proposal.delete({ where: { id: old } });
    for (const cursor of [old, 'not-a-cursor', Buffer.from('{"s":"soon","id":1}').toString('base64url')]) {
      expect([...new Set(teachers(await render({ status: 'SUBMITTED', cursor })))], cursor).toHaveLength(20);
    }
  });
});
