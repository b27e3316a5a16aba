import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential } from '../factories';
import { listAuditLog, listRecentIssuerAudit } from '@/lib/audit/queries';
import { AuditFilterInput, type AuditFilter } from '@/lib/audit/schemas';
import { addSchool } from '@/lib/district/schools';
import { decideProposal, saveProposal } from '@/lib/proposals/mutations';
import { listDistrictProposals } from '@/lib/proposals/queries';
import { getAdminHome } from '@/lib/authoring/queries';

beforeEach(resetDatabase);

const filter = (f: Partial<AuditFilter> = {}): AuditFilter => ({ ...AuditFilterInput.parse({}), ...f });

/** Appends entries as lib/audit/log.ts would, but at chosen times (the log only ever grows). */
async function entries(rows: { action: string; organizationId: string | null; at: Date; actorId?: string | null; entityType?: string; entityId?: string; data?: Prisma.InputJsonValue }[]) {
  await db.auditLog.createMany({
    data: rows.map((r, i) => ({ action: r.action, organizationId: r.organizationId, at: r.at, actorId: r.actorId ?? null, entityType: r.entityType ?? 'Test', entityId: r.entityId ?? `e${i}`, data: r.data ?? {} })),
  });
}

async function world() {
  const issuerA = await createOrg({ kind: 'ISSUER', name: 'Issuer A' });
  const issuerB = await createOrg({ kind: 'ISSUER', name: 'Issuer B' });
  const d1 = await createOrg({ kind: 'DISTRICT', name: 'District One', data: { requiresProposal: true } });
  const s1 = await createOrg({ kind: 'SCHOOL', name: 'School One', parentId: d1.id });
  const d2 = await createOrg({ kind: 'DISTRICT', name: 'District Two' });
  const platform = await createOrg({ kind: 'PLATFORM', name: 'Platform' });
  const adminA = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuerA.id }] });
  const adminB = await createActor({ name: 'Bea Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuerB.id }] });
  const leader1 = await createActor({ name: 'Dana Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d1.id }] });
  const leader1b = await createActor({ name: 'Eli Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d1.id }] });
  const leader2 = await createActor({ name: 'Fay Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: d2.id }] });
  const platformAdmin = await createActor({ name: 'Pat Platform', roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
  const teacher = await createActor({ name: 'Ann Avery', districtId: d1.id, schoolId: s1.id });
  return { issuerA, issuerB, d1, s1, d2, platform, adminA, adminB, leader1, leader1b, leader2, platformAdmin, teacher };
}

const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const actions = (items: { action: string }[]) => items.map((i) => i.action);

describe('who may read which audit log', () => {
  it('an issuer’s admins read its log; another issuer’s admin, leaders and teachers are refused', async () => {
    const w = await world();
    await entries([
      { action: 'award.revoke', organizationId: w.issuerA.id, at: new Date('2026-03-01T10:00:00Z') },
      { action: 'award.revoke', organizationId: w.issuerB.id, at: new Date('2026-03-01T11:00:00Z') },
    ]);
    const own = await listAuditLog({ actor: w.adminA, organizationId: w.issuerA.id, filter: filter() });
    expect(own.items).toHaveLength(1);
    expect(own.view).toBe('issuer');
    for (const a of [w.adminB, w.leader1, w.teacher]) await refused(listAuditLog({ actor: a, organizationId: w.issuerA.id, filter: filter() }));
    // An id that is no organisation, or no log (a school), gets the same answer.
    await refused(listAuditLog({ actor: w.adminA, organizationId: 'no-such-organisation', filter: filter() }));
    await refused(listAuditLog({ actor: w.leader1, organizationId: w.s1.id, filter: filter() }));
  });

  it('a district’s leaders read the district’s and its schools’ entries, nothing of another district or an issuer', async () => {
    const w = await world();
    await entries([
      { action: 'district.policy', organizationId: w.d1.id, at: new Date('2026-03-01T10:00:00Z') },
      { action: 'people.invite', organizationId: w.s1.id, at: new Date('2026-03-01T11:00:00Z'), data: { email: 'new@example.test', role: 'TEACHER' } },
      { action: 'district.policy', organizationId: w.d2.id, at: new Date('2026-03-01T12:00:00Z') },
      { action: 'award.revoke', organizationId: w.issuerA.id, at: new Date('2026-03-01T13:00:00Z') },
      { action: 'user.sign_up', organizationId: null, at: new Date('2026-03-01T14:00:00Z') },
    ]);
    const log = await listAuditLog({ actor: w.leader1, organizationId: w.d1.id, filter: filter() });
    expect(actions(log.items)).toEqual(['people.invite', 'district.policy']);
    expect(log.items[0].description).toBe('Invited new@example.test to join as teacher');
    for (const a of [w.leader2, w.adminA, w.teacher]) await refused(listAuditLog({ actor: a, organizationId: w.d1.id, filter: filter() }));
  });

  it('the platform log is for platform admins, and covers every organisation and account events', async () => {
    const w = await world();
    await entries([
      { action: 'award.revoke', organizationId: w.issuerA.id, at: new Date('2026-03-01T10:00:00Z') },
      { action: 'district.policy', organizationId: w.d2.id, at: new Date('2026-03-01T11:00:00Z') },
      { action: 'user.disable', organizationId: null, at: new Date('2026-03-01T12:00:00Z'), actorId: w.platformAdmin.id, entityType: 'User', entityId: w.teacher.id, data: { reason: 'Left.' } },
    ]);
    const log = await listAuditLog({ actor: w.platformAdmin, filter: filter() });
    expect(log.view).toBe('platform');
    expect(log.items.map((i) => [i.action, i.organization])).toEqual([['user.disable', null], ['district.policy', 'District Two'], ['award.revoke', 'Issuer A']]);
    expect(log.items[0]).toMatchObject({ who: 'Pat Platform', description: 'Disabled the account of Ann Avery. Reason: Left.', link: null });
    for (const a of [w.adminA, w.leader1, w.teacher]) await refused(listAuditLog({ actor: a, organizationId: null, filter: filter() }));
    // Platform admins may also open any issuer's or district's own log.
    expect((await listAuditLog({ actor: w.platformAdmin, organizationId: w.issuerA.id, filter: filter() })).items).toHaveLength(1);
    expect((await listAuditLog({ actor: w.platformAdmin, organizationId: w.d2.id, filter: filter() })).items).toHaveLength(1);
  });
});

describe('what an entry says', () => {
  it('describes real changes in plain words, names who made them and links to the record', async () => {
    const w = await world();
    const { mc } = await createPublishedCredential({ issuerId: w.issuerA.id, admin: w.adminA, def: { title: 'Feedback that moves learning' } });
    const statusList = await db.statusList.create({ data: { issuerId: w.issuerA.id, purpose: 'revocation', bits: new Uint8Array(16) } });
    const award = await db.award.create({
      data: { userId: w.teacher.id, issuerId: w.issuerA.id, microCredentialId: mc.id, title: 'Feedback that moves learning', pdHours: new Prisma.Decimal(5), recipientName: 'Ann Avery', credential: {}, statusListId: statusList.id, statusListIndex: 0 },
    });
    await entries([
      { action: 'award.issue', organizationId: w.issuerA.id, at: new Date(Date.now() + 1000), entityType: 'Award', entityId: award.id },
      { action: 'award.revoke', organizationId: w.issuerA.id, at: new Date(Date.now() + 2000), actorId: w.adminA.id, entityType: 'Award', entityId: award.id, data: { reason: 'Issued in error.' } },
    ]);
    const { items } = await listAuditLog({ actor: w.adminA, organizationId: w.issuerA.id, filter: filter() });
    expect(items.slice(0, 2)).toMatchObject([
      { who: 'Ada Admin', description: 'Revoked the badge “Feedback that moves learning” held by Ann Avery. Reason: Issued in error.', link: { href: `/credentials/${award.id}` } },
      { who: 'Automatic', description: 'Issued the badge “Feedback that moves learning” held by Ann Avery', link: { href: `/credentials/${award.id}` } },
    ]);
    // Recorded by the authoring code itself.
    expect(items.find((i) => i.action === 'credential.publish')).toMatchObject({
      who: 'Ada Admin', description: 'Published the micro-credential “Feedback that moves learning” (version 1)', link: { href: `/admin/credentials/${mc.id}/edit` },
    });
  });

  it('shows a district its leaders’ decisions and school changes', async () => {
    const w = await world();
    const { mc } = await createPublishedCredential({ issuerId: w.issuerA.id, admin: w.adminA, def: { title: 'Questioning' } });
    await addSchool({ actor: w.leader1, input: { districtId: w.d1.id, name: 'Hill School' } });
    const p = await saveProposal({ actor: w.teacher, microCredentialId: mc.id, studentGoals: 'My readers need feedback they can act on.', plan: '', submit: true });
    await decideProposal({ actor: w.leader1b, proposalId: p.id, decision: 'RETURNED', comment: 'Name the students.', version: (await db.proposal.findUniqueOrThrow({ where: { id: p.id } })).version });
    const { items } = await listAuditLog({ actor: w.leader1, organizationId: w.d1.id, filter: filter() });
    expect(items.map((i) => [i.who, i.description])).toEqual([
      ['Eli Leader', 'Returned the proposal of Ann Avery for “Questioning”. Comment: Name the students.'],
      ['Ann Avery', 'Sent a proposal for “Questioning” to the district'],
      ['Dana Leader', 'Added the school “Hill School”'],
    ]);
    // District leaders are not sent to issuer pages.
    expect(items.every((i) => i.link === null)).toBe(true);
  });
});

describe('filters and pages', () => {
  it('filters by kind of activity and by whole UTC days, both ends inclusive', async () => {
    const w = await world();
    await entries([
      { action: 'award.suspend', organizationId: w.issuerA.id, at: new Date('2026-02-28T23:59:59.999Z') },
      { action: 'award.revoke', organizationId: w.issuerA.id, at: new Date('2026-03-01T00:00:00.000Z') },
      { action: 'review.claim', organizationId: w.issuerA.id, at: new Date('2026-03-02T12:00:00.000Z') },
      { action: 'award.reinstate', organizationId: w.issuerA.id, at: new Date('2026-03-03T23:59:59.999Z') },
      { action: 'award.issue', organizationId: w.issuerA.id, at: new Date('2026-03-04T00:00:00.000Z') },
      { action: 'issuer.profile', organizationId: w.issuerA.id, at: new Date('2026-03-02T13:00:00.000Z') },
    ]);
    const list = async (f: Partial<AuditFilter>) => actions((await listAuditLog({ actor: w.adminA, organizationId: w.issuerA.id, filter: filter(f) })).items);
    expect(await list({ group: 'awards' })).toEqual(['award.issue', 'award.reinstate', 'award.revoke', 'award.suspend']);
    expect(await list({ group: 'reviews' })).toEqual(['review.claim']);
    expect(await list({ group: 'settings' })).toEqual(['issuer.profile']);
    expect(await list({ from: '2026-03-01', to: '2026-03-03' })).toEqual(['award.reinstate', 'issuer.profile', 'review.claim', 'award.revoke']);
    expect(await list({ group: 'awards', from: '2026-03-01', to: '2026-03-03' })).toEqual(['award.reinstate', 'award.revoke']);
    expect(await list({ from: '2026-03-04' })).toEqual(['award.issue']);
    expect(await list({ to: '2026-02-28' })).toEqual(['award.suspend']);
    // Typed backwards: turned round, and said so.
    const swapped = await listAuditLog({ actor: w.adminA, organizationId: w.issuerA.id, filter: filter({ from: '2026-03-03', to: '2026-03-01' }) });
    expect(actions(swapped.items)).toEqual(['award.reinstate', 'issuer.profile', 'review.claim', 'award.revoke']);
    expect(swapped.range.notice).toMatch(/swapped/);
  });

  it('pages through 50 at a time, newest first, without losing or repeating entries that share a time', async () => {
    const w = await world();
    const base = Date.parse('2026-03-01T00:00:00Z');
    // 120 entries of issuer A; every three share one time (as entries of one transaction do).
    await entries(Array.from({ length: 120 }, (_, i) => ({ action: 'review.claim', organizationId: w.issuerA.id, at: new Date(base + Math.floor(i / 3) * 60_000), entityId: `a${i}` })));
    await entries([{ action: 'review.claim', organizationId: w.issuerB.id, at: new Date(base + 30 * 60_000) }]);
    const seen: { id: string; at: Date }[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await listAuditLog({ actor: w.adminA, organizationId: w.issuerA.id, filter: filter({ cursor }) });
      sizes.push(page.items.length);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen.map((s) => s.id)).size).toBe(120);
    const order = seen.map((s) => [s.at.getTime(), BigInt(s.id)] as const);
    for (let i = 1; i < order.length; i++) expect(order[i][0] < order[i - 1][0] || (order[i][0] === order[i - 1][0] && order[i][1] < order[i - 1][1])).toBe(true);
    // A cursor that is not one of ours starts from the top instead of failing.
    expect((await listAuditLog({ actor: w.adminA, organizationId: w.issuerA.id, filter: filter({ cursor: 'not-a-cursor' }) })).items).toHaveLength(50);
  });

  it('merges a district’s own entries and its schools’ in time order across pages', async () => {
    const w = await world();
    const base = Date.parse('2026-03-01T00:00:00Z');
    await entries(Array.from({ length: 70 }, (_, i) => ({ action: i % 2 ? 'people.invite' : 'people.set_school', organizationId: i % 2 ? w.s1.id : w.d1.id, at: new Date(base + i * 60_000) })));
    const first = await listAuditLog({ actor: w.leader1, organizationId: w.d1.id, filter: filter() });
    const second = await listAuditLog({ actor: w.leader1, organizationId: w.d1.id, filter: filter({ cursor: first.nextCursor! }) });
    expect([first.items.length, second.items.length, second.nextCursor]).toEqual([50, 20, null]);
    const times = [...first.items, ...second.items].map((i) => i.at.getTime());
    expect(times).toEqual(Array.from({ length: 70 }, (_, i) => base + (69 - i) * 60_000));
  });
});

describe('the admin overview', () => {
  it('lists the admin’s issuers’ newest entries in the same words, and refuses another issuer', async () => {
    const w = await world();
    await entries([
      { action: 'award.revoke', organizationId: w.issuerA.id, at: new Date('2026-03-01T10:00:00Z'), actorId: w.adminA.id },
      { action: 'award.revoke', organizationId: w.issuerB.id, at: new Date('2026-03-01T11:00:00Z'), actorId: w.adminB.id },
    ]);
    const home = await getAdminHome(w.adminA);
    expect(home.recent.map((r) => [r.who, r.description])).toEqual([['Ada Admin', 'Revoked a badge']]);
    await refused(listRecentIssuerAudit({ actor: w.adminA, issuerIds: [w.issuerB.id], take: 10 }));
  });
});

describe('proposal decisions', () => {
  it('say which leader decided and when, not "you" for every leader', async () => {
    const w = await world();
    const { mc } = await createPublishedCredential({ issuerId: w.issuerA.id, admin: w.adminA });
    const p = await saveProposal({ actor: w.teacher, microCredentialId: mc.id, studentGoals: 'My readers need feedback they can act on.', plan: '', submit: true });
    const { version } = await db.proposal.findUniqueOrThrow({ where: { id: p.id } });
    const before = Date.now();
    await decideProposal({ actor: w.leader1b, proposalId: p.id, decision: 'APPROVED', comment: 'Go ahead.', version });
    const [row] = await listDistrictProposals([w.d1.id], { status: 'APPROVED' });
    expect(row.decidedBy).toEqual({ id: w.leader1b.id, name: 'Eli Leader' });
    expect(row.decisionComment).toBe('Go ahead.');
    expect(row.decidedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('are listed newest decision first once decided; waiting ones oldest first', async () => {
    const w = await world();
    const ids: string[] = [];
    for (const days of [3, 2, 1]) {
      const { mc } = await createPublishedCredential({ issuerId: w.issuerA.id, admin: w.adminA });
      const p = await saveProposal({ actor: w.teacher, microCredentialId: mc.id, studentGoals: 'My readers need feedback they can act on.', plan: '', submit: true });
      // Sent in order; decided in the reverse order.
      await db.proposal.update({ where: { id: p.id }, data: { submittedAt: new Date(Date.UTC(2026, 0, 10 - days)) } });
      ids.push(p.id);
    }
    expect((await listDistrictProposals([w.d1.id], { status: 'SUBMITTED' })).map((r) => r.id)).toEqual(ids);
    for (const [i, id] of ids.entries()) await db.proposal.update({ where: { id }, data: { status: 'APPROVED', decidedAt: new Date(Date.UTC(2026, 1, 10 - i)) } });
    expect((await listDistrictProposals([w.d1.id], { status: 'APPROVED' })).map((r) => r.id)).toEqual(ids);
    await db.proposal.update({ where: { id: ids[2] }, data: { decidedAt: new Date(Date.UTC(2026, 2, 1)) } });
    expect((await listDistrictProposals([w.d1.id], { status: 'APPROVED' })).map((r) => r.id)).toEqual([ids[2], ids[0], ids[1]]);
  });
});
