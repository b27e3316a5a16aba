// A cancelled invitation is recorded on its own row (`Invitation.withdrawnAt`), not inferred from
// the audit log: the link's page, accepting and resending read the column. The migration that added
// it (prisma/migrations/*_invitation_withdrawn_at) filled it in from the cancel entries already logged.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, invitationTokenFor } from '../factories';
import { acceptInvitation, cancelInvitation, getInvitation, inviteMember, resendInvitation } from '@/lib/people/mutations';

beforeEach(resetDatabase);

const DAY = 86_400_000;

async function world() {
  const issuer = await createOrg({ kind: 'ISSUER', name: 'Lakeside Collaborative' });
  const admin = await createActor({ name: 'Ada Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  return { issuer, admin };
}

async function invite(w: Awaited<ReturnType<typeof world>>, email: string, now?: Date) {
  const { invitationId } = await inviteMember({ actor: w.admin, organizationId: w.issuer.id, email, role: 'REVIEWER', now });
  return { invitationId, token: await invitationTokenFor(email) };
}

const row = (id: string) => db.invitation.findUniqueOrThrow({ where: { id }, select: { withdrawnAt: true, expiresAt: true, acceptedAt: true } });

describe('a withdrawn invitation', () => {
  it('cancelling records when on the invitation itself; resending leaves an open one open', async () => {
    const w = await world();
    const kept = await invite(w, 'kept@example.org');
    const dropped = await invite(w, 'dropped@example.org');
    expect((await row(dropped.invitationId)).withdrawnAt).toBeNull();

    const now = new Date();
    await cancelInvitation({ actor: w.admin, invitationId: dropped.invitationId, now });
    expect(await row(dropped.invitationId)).toEqual({ withdrawnAt: now, expiresAt: now, acceptedAt: null });

    await resendInvitation({ actor: w.admin, invitationId: kept.invitationId });
    expect((await row(kept.invitationId)).withdrawnAt).toBeNull();
    expect(await getInvitation(await invitationTokenFor('kept@example.org'))).toMatchObject({ state: 'open' });
  });

  it('is told from an expired one by the column alone, whatever the audit log holds', async () => {
    const w = await world();
    // Withdrawn with no audit entry (as a row the migration filled in might be), its expiry still ahead.
    const withdrawn = await invite(w, 'withdrawn@example.org');
    await db.invitation.update({ where: { id: withdrawn.invitationId }, data: { withdrawnAt: new Date() } });
    expect(await getInvitation(withdrawn.token)).toEqual({ state: 'withdrawn', organizationName: 'Lakeside Collaborative' });
    await expect(acceptInvitation({ token: withdrawn.token, newAccount: { name: 'Wendy', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/withdrawn/) });
    await expect(resendInvitation({ actor: w.admin, invitationId: withdrawn.invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/no longer open/) });
    await expect(cancelInvitation({ actor: w.admin, invitationId: withdrawn.invitationId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/no longer open/) });
    expect(await db.user.count({ where: { email: 'withdrawn@example.org' } })).toBe(0);
    expect(await db.emailMessage.count({ where: { to: 'withdrawn@example.org' } })).toBe(1);
    expect(await row(withdrawn.invitationId)).toMatchObject({ acceptedAt: null, expiresAt: expect.any(Date) });
    expect((await row(withdrawn.invitationId)).expiresAt.getTime()).toBeGreaterThan(Date.now());

    // One that simply ran out reads as expired, even beside a stray cancel entry in the log.
    const lapsed = await invite(w, 'lapsed@example.org', new Date(Date.now() - 30 * DAY));
    await db.auditLog.create({ data: { actorId: w.admin.id, action: 'people.invitation_cancel', entityType: 'Invitation', entityId: lapsed.invitationId, organizationId: w.issuer.id } });
    expect(await getInvitation(lapsed.token)).toEqual({ state: 'expired', organizationName: 'Lakeside Collaborative' });
    await expect(acceptInvitation({ token: lapsed.token, newAccount: { name: 'Larry', password: 'a long enough password' } })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringMatching(/expired/) });
  });
});

describe('the migration’s backfill', () => {
  /** The migration's UPDATE, run again on rows written as they were before it. */
  function backfillSql() {
    const dir = path.join(process.cwd(), 'prisma/migrations');
    const name = readdirSync(dir).find((d) => d.endsWith('_invitation_withdrawn_at'));
    if (!name) throw new Error('no *_invitation_withdrawn_at migration');
    const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
    const update = /^UPDATE "Invitation"[\s\S]*?;/m.exec(sql);
    if (!update) throw new Error(`${name}: no backfill UPDATE`);
    return update[0];
  }

  it('marks invitations cancelled before the column existed as withdrawn when they were cancelled, and nothing else', async () => {
    const w = await world();
    const cancelledAt = new Date(Date.now() - 3 * DAY);
    const cancelled = await invite(w, 'cancelled@example.org', new Date(Date.now() - 5 * DAY));
    const open = await invite(w, 'open@example.org');
    const lapsed = await invite(w, 'lapsed@example.org', new Date(Date.now() - 30 * DAY));
    const accepted = await invite(w, 'accepted@example.org');
    await acceptInvitation({ token: accepted.token, newAccount: { name: 'Ann', password: 'a long enough password' } });
    // Before the column, cancelling only moved the expiry and logged the entry.
    await db.invitation.update({ where: { id: cancelled.invitationId }, data: { expiresAt: cancelledAt } });
    await db.auditLog.create({ data: { at: cancelledAt, actorId: w.admin.id, action: 'people.invitation_cancel', entityType: 'Invitation', entityId: cancelled.invitationId, organizationId: w.issuer.id } });
    // Another invitation's cancel entry, and other entries about these invitations, change nothing.
    await db.auditLog.create({ data: { actorId: w.admin.id, action: 'people.invitation_resend', entityType: 'Invitation', entityId: open.invitationId, organizationId: w.issuer.id } });
    expect(await db.invitation.count({ where: { withdrawnAt: { not: null } } })).toBe(0);

    expect(await db.$executeRawUnsafe(backfillSql())).toBe(1);

    expect((await row(cancelled.invitationId)).withdrawnAt).toEqual(cancelledAt);
    for (const id of [open.invitationId, lapsed.invitationId, accepted.invitationId]) expect((await row(id)).withdrawnAt).toBeNull();
    expect(await getInvitation(cancelled.token)).toMatchObject({ state: 'withdrawn' });
    expect(await getInvitation(lapsed.token)).toMatchObject({ state: 'expired' });
    // Running it again changes nothing.
    expect(await db.$executeRawUnsafe(backfillSql())).toBe(0);
  });
});
