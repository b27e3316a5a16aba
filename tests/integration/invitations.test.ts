// Cancelling and resending open invitations (lib/people/mutations.ts): who may, what happens to the
// links, and what the invited person sees. Real Postgres; emails land in the outbox table.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, invitationTokenFor } from '../factories';
import { acceptInvitation, cancelInvitation, getInvitation, inviteMember, resendInvitation } from '@/lib/people/mutations';
import { listPendingInvitations } from '@/lib/people/queries';
import { listDistrictInvitations } from '@/lib/district/people';
import { InvitationIdInput } from '@/lib/people/schemas';

beforeEach(resetDatabase);

const DAY = 86_400_000;

async function world() {
  const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
  const otherIssuer = await createOrg({ kind: 'ISSUER' });
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
  const otherDistrict = await createOrg({ kind: 'DISTRICT' });
  const admin = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const otherLeader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: otherDistrict.id }] });
  const teacher = await createActor();
  return { issuer, district, school, admin, otherAdmin, leader, otherLeader, teacher };
}

async function invite(actor: Awaited<ReturnType<typeof createActor>>, organizationId: string, email: string, role: 'REVIEWER' | 'TEACHER' = 'REVIEWER', now?: Date) {
  const { invitationId } = await inviteMember({ actor, organizationId, email, role, now });
  return { invitationId, token: await invitationTokenFor(email) };
}

const auditOf = async (invitationId: string) =>
  db.auditLog.findMany({ where: { entityType: 'Invitation', entityId: invitationId }, orderBy: { id: 'asc' }, select: { action: true, actorId: true, organizationId: true, data: true } });

describe('cancelling an invitation', () => {
  it('stops its link at once; the link’s page says it was withdrawn; it leaves the list; audit-logged', async () => {
    const w = await world();
    const { invitationId, token } = await invite(w.admin, w.issuer.id, 'typo@exmaple.org');
    expect(await getInvitation(token)).toMatchObject({ state: 'open' });

    expect(await cancelInvitation({ actor: w.admin, invitationId })).toEqual({ email: 'typo@exmaple.org' });

    expect(await getInvitation(token)).toEqual({ state: 'withdrawn', organizationName: 'Lakeside Collaborative' });
    await expect(acceptInvitation({ token, newAccount: { name: 'Typo', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/withdrawn/) });
    expect(await db.user.count({ where: { email: 'typo@exmaple.org' } })).toBe(0);
    expect((await listPendingInvitations({ actor: w.admin, organizationId: w.issuer.id })).items).toEqual([]);
    expect(await auditOf(invitationId)).toEqual([
      { action: 'people.invite', actorId: w.admin.id, organizationId: w.issuer.id, data: { email: 'typo@exmaple.org', role: 'REVIEWER' } },
      { action: 'people.invitation_cancel', actorId: w.admin.id, organizationId: w.issuer.id, data: { email: 'typo@exmaple.org', role: 'REVIEWER' } },
    ]);

    // Once cancelled, it can be neither cancelled again nor resent.
    await expect(cancelInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/no longer open/) });
    await expect(resendInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/no longer open/) });
    expect(await db.emailMessage.count({ where: { to: 'typo@exmaple.org' } })).toBe(1);
  });

  it('an invitation that simply ran out still reads as expired, not withdrawn, and cannot be cancelled or resent', async () => {
    const w = await world();
    const { invitationId, token } = await invite(w.admin, w.issuer.id, 'late@example.org', 'REVIEWER', new Date(Date.now() - 30 * DAY));
    expect(await getInvitation(token)).toMatchObject({ state: 'expired' });
    await expect(cancelInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(resendInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await auditOf(invitationId)).map((a) => a.action)).toEqual(['people.invite']);
  });
});

describe('resending an invitation', () => {
  it('emails a new link with a fresh expiry; the old link stops working and the new one works', async () => {
    const w = await world();
    const sentAt = new Date(Date.now() - 10 * DAY);
    const { invitationId, token: oldToken } = await invite(w.admin, w.issuer.id, 'rev@example.org', 'REVIEWER', sentAt);
    const before = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });

    const now = new Date();
    const resent = await resendInvitation({ actor: w.admin, invitationId, now });
    expect(resent).toMatchObject({ invitationId, email: 'rev@example.org', emailed: true, link: null });
    expect(resent.expiresAt.getTime()).toBe(now.getTime() + 14 * DAY);

    const newToken = await invitationTokenFor('rev@example.org');
    expect(newToken).not.toBe(oldToken);
    const after = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(after.tokenHash).not.toBe(before.tokenHash);
    expect(after.expiresAt.getTime()).toBeGreaterThan(before.expiresAt.getTime());
    const mails = await db.emailMessage.findMany({ where: { to: 'rev@example.org' }, orderBy: { createdAt: 'asc' }, select: { subject: true, text: true } });
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe('Ada Admin invited you to Lakeside Collaborative on Microcred');
    expect(mails[1].text).toMatch(/replaces the one in any earlier invitation email/);

    // Still one open invitation, now with the new expiry.
    expect((await listPendingInvitations({ actor: w.admin, organizationId: w.issuer.id })).items).toEqual([expect.objectContaining({ id: invitationId, expiresAt: resent.expiresAt })]);

    expect(await getInvitation(oldToken)).toEqual({ state: 'invalid' });
    await expect(acceptInvitation({ token: oldToken, newAccount: { name: 'Old Link', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await getInvitation(newToken)).toMatchObject({ state: 'open', email: 'rev@example.org', role: 'REVIEWER' });
    const { userId } = await acceptInvitation({ token: newToken, newAccount: { name: 'Rae Viewer', password: 'a long enough password' } });
    expect(await db.membership.findMany({ where: { userId }, select: { organizationId: true, role: true } })).toEqual([{ organizationId: w.issuer.id, role: 'REVIEWER' }]);
    // The new link came by email, so it confirms the address.
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerified).not.toBeNull();

    expect((await auditOf(invitationId)).map((a) => [a.action, a.actorId])).toEqual([
      ['people.invite', w.admin.id],
      ['people.invitation_resend', w.admin.id],
      ['people.accept_invitation', userId],
    ]);
  });

  it('an accepted invitation can be neither resent nor cancelled', async () => {
    const w = await world();
    const { invitationId, token } = await invite(w.admin, w.issuer.id, 'done@example.org');
    await acceptInvitation({ token, newAccount: { name: 'Don E', password: 'a long enough password' } });
    await expect(resendInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/already been accepted/) });
    await expect(cancelInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/already been accepted/) });
    expect(await getInvitation(token)).toMatchObject({ state: 'used' });
    expect(await db.emailMessage.count({ where: { to: 'done@example.org' } })).toBe(1);
    expect((await auditOf(invitationId)).map((a) => a.action)).toEqual(['people.invite', 'people.accept_invitation']);
  });

  it('is not sent to someone who already has the role another way', async () => {
    const w = await world();
    const { invitationId } = await invite(w.admin, w.issuer.id, 'already@example.org');
    await createActor({ email: 'already@example.org', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    await expect(resendInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/already has this role/) });
    expect(await db.emailMessage.count({ where: { to: 'already@example.org' } })).toBe(1);
  });

  it('is limited per address, so it cannot flood an inbox (whichever organisation resends)', async () => {
    const w = await world();
    const { invitationId } = await invite(w.admin, w.issuer.id, 'flood@example.org');
    for (let i = 0; i < 3; i++) await resendInvitation({ actor: w.admin, invitationId });
    const hash = (await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).tokenHash;
    await expect(resendInvitation({ actor: w.admin, invitationId })).rejects.toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/resent 3 times/) });
    // The refused resend changed nothing: same link, no email, no audit entry.
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).tokenHash).toBe(hash);
    expect(await db.emailMessage.count({ where: { to: 'flood@example.org' } })).toBe(4);
    expect(await db.auditLog.count({ where: { action: 'people.invitation_resend' } })).toBe(3);

    // A district inviting the same address cannot resend to it either; cancelling still works.
    const other = await invite(w.leader, w.district.id, 'flood@example.org', 'TEACHER');
    await expect(resendInvitation({ actor: w.leader, invitationId: other.invitationId })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await cancelInvitation({ actor: w.admin, invitationId });
  });

  it('cancelling and inviting again cannot flood an inbox either: ten invitations a day per address', async () => {
    const w = await world();
    for (let i = 0; i < 10; i++) {
      const { invitationId } = await invite(w.admin, w.issuer.id, 'again@example.org');
      await cancelInvitation({ actor: w.admin, invitationId });
    }
    await expect(inviteMember({ actor: w.leader, organizationId: w.district.id, email: 'Again@example.org', role: 'TEACHER' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(await db.emailMessage.count({ where: { to: 'again@example.org' } })).toBe(10);
    // Another address is unaffected.
    await invite(w.admin, w.issuer.id, 'someone-else@example.org');
  });

  it('two clicks at once send one email', async () => {
    const w = await world();
    const { invitationId } = await invite(w.admin, w.issuer.id, 'twice@example.org');
    const results = await Promise.allSettled([resendInvitation({ actor: w.admin, invitationId }), resendInvitation({ actor: w.admin, invitationId })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect(await db.emailMessage.count({ where: { to: 'twice@example.org' } })).toBe(2);
    expect(await db.auditLog.count({ where: { action: 'people.invitation_resend' } })).toBe(1);
    // The losing click does not count against the address.
    const limit = await db.rateLimit.findUniqueOrThrow({ where: { key: 'invite-resend:twice@example.org' } });
    expect(limit.count).toBe(1);
  });
});

describe('who may cancel or resend', () => {
  it('another organisation’s admin or leader, a teacher, or an unknown id: “not found”, and nothing changes', async () => {
    const w = await world();
    const { invitationId, token } = await invite(w.admin, w.issuer.id, 'mine@example.org');
    const before = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    for (const actor of [w.otherAdmin, w.leader, w.otherLeader, w.teacher]) {
      await expect(cancelInvitation({ actor, invitationId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'That invitation could not be found.' });
      await expect(resendInvitation({ actor, invitationId })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'That invitation could not be found.' });
    }
    await expect(cancelInvitation({ actor: w.admin, invitationId: 'no-such-invitation' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(resendInvitation({ actor: w.admin, invitationId: 'no-such-invitation' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).toEqual(before);
    expect(await getInvitation(token)).toMatchObject({ state: 'open' });
    expect(await db.emailMessage.count({ where: { to: 'mine@example.org' } })).toBe(1);
    expect((await auditOf(invitationId)).map((a) => a.action)).toEqual(['people.invite']);
    // Refusals take nothing from the address's resends.
    expect(await db.rateLimit.count({ where: { key: { startsWith: 'invite-resend:' } } })).toBe(0);
  });

  it('a district leader manages invitations to the district and its schools, not to another district', async () => {
    const w = await world();
    const toSchool = await invite(w.leader, w.school.id, 'school.teacher@example.org', 'TEACHER');
    const toDistrict = await invite(w.leader, w.district.id, 'district.teacher@example.org', 'TEACHER');
    await expect(resendInvitation({ actor: w.otherLeader, invitationId: toSchool.invitationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cancelInvitation({ actor: w.admin, invitationId: toDistrict.invitationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await resendInvitation({ actor: w.leader, invitationId: toSchool.invitationId });
    await cancelInvitation({ actor: w.leader, invitationId: toDistrict.invitationId });
    expect((await listDistrictInvitations({ actor: w.leader, districtId: w.district.id })).items.map((i) => i.email)).toEqual(['school.teacher@example.org']);
    expect(await getInvitation(toDistrict.token)).toMatchObject({ state: 'withdrawn', organizationName: 'Kettle Moraine' });

    // The resent school invitation still places the teacher at the school.
    const { userId } = await acceptInvitation({ token: await invitationTokenFor('school.teacher@example.org'), newAccount: { name: 'Sam School', password: 'a long enough password' } });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId }, select: { schoolId: true, districtId: true } })).toEqual({ schoolId: w.school.id, districtId: w.district.id });
    expect((await auditOf(toSchool.invitationId)).map((a) => [a.action, a.organizationId])).toEqual([
      ['people.invite', w.school.id],
      ['people.invitation_resend', w.school.id],
      ['people.accept_invitation', w.school.id],
    ]);
  });

  it('the action’s input schema takes one short id', () => {
    expect(InvitationIdInput.safeParse({ invitationId: 'abc' }).success).toBe(true);
    expect(InvitationIdInput.safeParse({ invitationId: '' }).success).toBe(false);
    expect(InvitationIdInput.safeParse({ invitationId: 'x'.repeat(41) }).success).toBe(false);
    expect(InvitationIdInput.safeParse({}).success).toBe(false);
  });
});
