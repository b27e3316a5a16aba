// Taking a leader's or admin's role away withdraws the invitations they sent there to any role but
// teacher (changeRole): an invitation to lead or review sent to an address of their own must not bring
// power back, while a school's routine teacher invitations keep working. The remove-role action says
// how many stopped working and to be what; the district's and issuer's People pages say which stop
// before the role is removed. The open-invitations lists say who sent each invitation. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, invitationTokenFor } from '../factories';
import { form } from '../setup/actions';
import { textOf } from '../setup/html';
import { acceptInvitation, changeRole, getInvitation, inviteMember } from '@/lib/people/mutations';
import { listPendingInvitations } from '@/lib/people/queries';
import { listDistrictInvitations } from '@/lib/district/people';
import { loadActor } from '@/lib/auth/load-actor';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { default: DistrictPeoplePage } = await import('@/app/district/people/page');
const { default: AdminPeoplePage } = await import('@/app/admin/people/page');
const { changeRoleAction } = await import('@/app/admin/people/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

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

describe('removing a leader’s role withdraws the invitations they sent to lead, not those to teachers', () => {
  it('a district leader: their leader and school-leader invitations stop working, their teacher invitation keeps working, and the action says how many', async () => {
    const w = await world();
    await inviteMember({ actor: w.ann, organizationId: w.district.id, email: 'ann.personal@example.org', role: 'DISTRICT_LEADER' });
    await inviteMember({ actor: w.ann, organizationId: w.school.id, email: 'ann.principal@example.org', role: 'SCHOOL_LEADER' });
    await inviteMember({ actor: w.ann, organizationId: w.school.id, email: 'school.teacher@example.org', role: 'TEACHER' });
    await inviteMember({ actor: w.ann, organizationId: w.district.id, email: 'district.teacher@example.org', role: 'TEACHER' });
    await inviteMember({ actor: w.ann, organizationId: w.elsewhere.id, email: 'elsewhere@example.org', role: 'DISTRICT_LEADER' });
    await inviteMember({ actor: w.bea, organizationId: w.district.id, email: 'bea.invited@example.org', role: 'DISTRICT_LEADER' });
    const back = await invitationTokenFor('ann.personal@example.org');
    expect(await getInvitation(back)).toMatchObject({ state: 'open' });

    // What the confirmation on the district's People page says will happen.
    session.actor = w.bea;
    const page = textOf(renderToStaticMarkup(await DistrictPeoplePage(sp())));
    expect(page).toContain('Ann Away will no longer see this district’s teachers, proposals or reports. Invitations they sent to be a district leader or a school leader here that are still open stop working; any they sent to teachers keep working.');

    session.actor = w.bea;
    expect(await changeRoleAction({ ok: true }, form({ organizationId: w.district.id, userId: w.ann.id, role: 'DISTRICT_LEADER', op: 'remove' }))).toEqual({
      ok: true,
      message: '2 invitations they sent stopped working: 1 to be a district leader and 1 to be a school leader. Any they sent to teachers still work.',
    });

    // Her link back to the district, and her school-leader invitation, are withdrawn.
    expect(await getInvitation(back)).toMatchObject({ state: 'withdrawn', organizationName: 'Kettle Moraine' });
    await expect(acceptInvitation({ token: back, newAccount: { name: 'Ann again', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(WITHDRAWN) });
    expect(await db.user.count({ where: { email: 'ann.personal@example.org' } })).toBe(0);
    expect(await getInvitation(await invitationTokenFor('ann.principal@example.org'))).toMatchObject({ state: 'withdrawn' });
    const withdrawn = await db.invitation.findMany({ where: { invitedById: w.ann.id, withdrawnAt: { not: null } }, select: { email: true, withdrawnAt: true, expiresAt: true } });
    expect(withdrawn.map((i) => i.email).sort()).toEqual(['ann.personal@example.org', 'ann.principal@example.org']);
    for (const i of withdrawn) expect(i.expiresAt).toEqual(i.withdrawnAt);

    // Her teacher invitations, to the school and to the district, still work: accepted, the teacher is placed.
    expect(await getInvitation(await invitationTokenFor('district.teacher@example.org'))).toMatchObject({ state: 'open' });
    const { userId } = await acceptInvitation({ token: await invitationTokenFor('school.teacher@example.org'), newAccount: { name: 'Sam Teacher', password: 'a long enough password' } });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { schoolId: true, districtId: true } })).toEqual({ schoolId: w.school.id, districtId: w.district.id });

    // Another leader's invitations, and hers to the district she still leads, stay open.
    expect(await getInvitation(await invitationTokenFor('bea.invited@example.org'))).toMatchObject({ state: 'open' });
    expect(await getInvitation(await invitationTokenFor('elsewhere@example.org'))).toMatchObject({ state: 'open' });
    expect((await listDistrictInvitations({ actor: w.bea, districtId: w.district.id })).items.map((i) => i.email).sort()).toEqual(['bea.invited@example.org', 'district.teacher@example.org']);

    // The audit entry says how many were withdrawn.
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'people.role_remove', entityId: w.ann.id }, select: { organizationId: true, data: true } });
    expect(entry).toEqual({ organizationId: w.district.id, data: { role: 'DISTRICT_LEADER', withdrawnInvitations: 2 } });
    expect((await loadActor(w.ann.id))!.roles.filter((r) => r.organizationId === w.district.id)).toEqual([]);
  });

  it('a leader who sent only teacher invitations: none stops working, and the action says nothing about invitations', async () => {
    const w = await world();
    await inviteMember({ actor: w.ann, organizationId: w.school.id, email: 'school.teacher@example.org', role: 'TEACHER' });
    session.actor = w.bea;
    expect(await changeRoleAction({ ok: true }, form({ organizationId: w.district.id, userId: w.ann.id, role: 'DISTRICT_LEADER', op: 'remove' }))).toEqual({ ok: true });
    expect(await getInvitation(await invitationTokenFor('school.teacher@example.org'))).toMatchObject({ state: 'open' });
  });

  it('an issuer admin whose role is removed: their admin and reviewer invitations stop working; a refused removal withdraws nothing', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
    const ada = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const ben = await createActor({ name: 'Ben Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    await inviteMember({ actor: ada, organizationId: issuer.id, email: 'ada.spare@example.org', role: 'ISSUER_ADMIN' });
    await inviteMember({ actor: ada, organizationId: issuer.id, email: 'ada.reviewer@example.org', role: 'REVIEWER' });
    const token = await invitationTokenFor('ada.spare@example.org');

    // Ben, the last admin standing after Ada was disabled, cannot be removed: nothing is withdrawn.
    await inviteMember({ actor: ben, organizationId: issuer.id, email: 'ben.spare@example.org', role: 'REVIEWER' });
    await db.user.update({ where: { id: ada.id }, data: { disabledAt: new Date() } });
    await expect(changeRole({ actor: ada, organizationId: issuer.id, userId: ben.id, role: 'ISSUER_ADMIN', op: 'remove' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await getInvitation(await invitationTokenFor('ben.spare@example.org'))).toMatchObject({ state: 'open' });
    await db.user.update({ where: { id: ada.id }, data: { disabledAt: null } });

    // The issuer's People page says which invitations stop working.
    session.actor = ben;
    expect(textOf(renderToStaticMarkup(await AdminPeoplePage(sp())))).toContain('Remove the issuer admin role from Ada Admin? Invitations they sent to be an issuer admin or a reviewer here that are still open stop working.');

    session.actor = ben;
    expect(await changeRoleAction({ ok: true }, form({ organizationId: issuer.id, userId: ada.id, role: 'ISSUER_ADMIN', op: 'remove' }))).toEqual({
      ok: true,
      message: '2 invitations they sent stopped working: 1 to be an issuer admin and 1 to be a reviewer.',
    });
    await expect(acceptInvitation({ token, newAccount: { name: 'Ada again', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(WITHDRAWN) });
    expect(await getInvitation(await invitationTokenFor('ada.reviewer@example.org'))).toMatchObject({ state: 'withdrawn' });
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
