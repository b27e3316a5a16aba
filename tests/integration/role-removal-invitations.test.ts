// Taking a leader's or admin's role away withdraws the invitations they sent there (changeRole), as
// disabling their account does (lib/organizations/platform.ts): an invitation sent to an address of
// their own must not bring the role back. The open-invitations lists say who sent each invitation.
// Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, invitationTokenFor } from '../factories';
import { acceptInvitation, changeRole, getInvitation, inviteMember } from '@/lib/people/mutations';
import { listPendingInvitations } from '@/lib/people/queries';
import { listDistrictInvitations } from '@/lib/district/people';
import { loadActor } from '@/lib/auth/load-actor';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { default: DistrictPeoplePage } = await import('@/app/district/people/page');
const { default: AdminPeoplePage } = await import('@/app/admin/people/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');
/** The text of the open-invitations row that names `email`. */
const rowOf = (html: string, email: string) => textOf([...html.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]).find((li) => li.includes(`${email} ·`)) ?? '');
const sp = (v: Record<string, string> = {}) => ({ searchParams: Promise.resolve(v) });
const WITHDRAWN = /withdrawn, so it can no longer be accepted/;

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const elsewhere = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  // Ann leads two districts; only her role in Kettle Moraine is taken away.
  const ann = await createActor({ name: 'Ann Away', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }, { role: 'DISTRICT_LEADER', organizationId: elsewhere.id }] });
  const bea = await createActor({ name: 'Bea Stays', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  return { district, school, elsewhere, ann, bea };
}

describe('removing a leader’s role withdraws the invitations they sent', () => {
  it('a leader whose role is removed cannot come back through a leader invitation they sent to themselves', async () => {
    const w = await world();
    await inviteMember({ actor: w.ann, organizationId: w.district.id, email: 'ann.personal@example.org', role: 'DISTRICT_LEADER' });
    await inviteMember({ actor: w.ann, organizationId: w.school.id, email: 'school.teacher@example.org', role: 'TEACHER' });
    await inviteMember({ actor: w.ann, organizationId: w.elsewhere.id, email: 'elsewhere@example.org', role: 'DISTRICT_LEADER' });
    await inviteMember({ actor: w.bea, organizationId: w.district.id, email: 'bea.invited@example.org', role: 'TEACHER' });
    const back = await invitationTokenFor('ann.personal@example.org');
    expect(await getInvitation(back)).toMatchObject({ state: 'open' });

    expect(await changeRole({ actor: w.bea, organizationId: w.district.id, userId: w.ann.id, role: 'DISTRICT_LEADER', op: 'remove' })).toEqual({ withdrawnInvitations: 2 });

    // Her link to the district, and her invitation to one of its schools, are withdrawn.
    expect(await getInvitation(back)).toMatchObject({ state: 'withdrawn', organizationName: 'Kettle Moraine' });
    await expect(acceptInvitation({ token: back, newAccount: { name: 'Ann again', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(WITHDRAWN) });
    expect(await db.user.count({ where: { email: 'ann.personal@example.org' } })).toBe(0);
    expect(await getInvitation(await invitationTokenFor('school.teacher@example.org'))).toMatchObject({ state: 'withdrawn' });
    const withdrawn = await db.invitation.findMany({ where: { invitedById: w.ann.id, withdrawnAt: { not: null } }, select: { email: true, withdrawnAt: true, expiresAt: true } });
    expect(withdrawn.map((i) => i.email).sort()).toEqual(['ann.personal@example.org', 'school.teacher@example.org']);
    for (const i of withdrawn) expect(i.expiresAt).toEqual(i.withdrawnAt);

    // Another leader's invitations, and hers to the district she still leads, stay open.
    expect(await getInvitation(await invitationTokenFor('bea.invited@example.org'))).toMatchObject({ state: 'open' });
    expect(await getInvitation(await invitationTokenFor('elsewhere@example.org'))).toMatchObject({ state: 'open' });
    expect((await listDistrictInvitations({ actor: w.bea, districtId: w.district.id })).items.map((i) => i.email)).toEqual(['bea.invited@example.org']);

    // The audit entry says how many were withdrawn.
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'people.role_remove', entityId: w.ann.id }, select: { organizationId: true, data: true } });
    expect(entry).toEqual({ organizationId: w.district.id, data: { role: 'DISTRICT_LEADER', withdrawnInvitations: 2 } });
    expect((await loadActor(w.ann.id))!.roles.filter((r) => r.organizationId === w.district.id)).toEqual([]);
  });

  it('an issuer admin whose role is removed: the admin invitation they sent stops working; a refused removal withdraws nothing', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
    const ada = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const ben = await createActor({ name: 'Ben Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await inviteMember({ actor: ada, organizationId: issuer.id, email: 'ada.spare@example.org', role: 'ISSUER_ADMIN' });
    const token = await invitationTokenFor('ada.spare@example.org');

    // Ben, the last admin standing after Ada was disabled, cannot be removed: nothing is withdrawn.
    await inviteMember({ actor: ben, organizationId: issuer.id, email: 'ben.spare@example.org', role: 'REVIEWER' });
    await db.user.update({ where: { id: ada.id }, data: { disabledAt: new Date() } });
    await expect(changeRole({ actor: ada, organizationId: issuer.id, userId: ben.id, role: 'ISSUER_ADMIN', op: 'remove' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await getInvitation(await invitationTokenFor('ben.spare@example.org'))).toMatchObject({ state: 'open' });
    await db.user.update({ where: { id: ada.id }, data: { disabledAt: null } });

    await changeRole({ actor: ben, organizationId: issuer.id, userId: ada.id, role: 'ISSUER_ADMIN', op: 'remove' });
    await expect(acceptInvitation({ token, newAccount: { name: 'Ada again', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(WITHDRAWN) });
    expect((await listPendingInvitations({ actor: ben, organizationId: issuer.id })).items.map((i) => i.email)).toEqual(['ben.spare@example.org']);
  });
});

describe('the open invitations say who sent each', () => {
  it('the district’s and the issuer’s lists name the person who invited', async () => {
    const w = await world();
    await inviteMember({ actor: w.ann, organizationId: w.school.id, email: 'from.ann@example.org', role: 'TEACHER' });
    await inviteMember({ actor: w.bea, organizationId: w.district.id, email: 'from.bea@example.org', role: 'DISTRICT_LEADER' });
    const list = await listDistrictInvitations({ actor: w.bea, districtId: w.district.id });
    expect(Object.fromEntries(list.items.map((i) => [i.email, i.invitedByName]))).toEqual({ 'from.ann@example.org': 'Ann Away', 'from.bea@example.org': 'Bea Stays' });
    expect(list.items[0]).not.toHaveProperty('invitedById');

    session.actor = w.bea;
    const html = renderToStaticMarkup(await DistrictPeoplePage(sp()));
    expect(rowOf(html, 'from.ann@example.org')).toContain('Invited by Ann Away');
    expect(rowOf(html, 'from.bea@example.org')).toContain('Invited by Bea Stays');

    const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
    const ada = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await inviteMember({ actor: ada, organizationId: issuer.id, email: 'reviewer@example.org', role: 'REVIEWER' });
    session.actor = ada;
    const admin = renderToStaticMarkup(await AdminPeoplePage(sp()));
    expect(rowOf(admin, 'reviewer@example.org')).toContain('Invited by Ada Admin');
  });
});
