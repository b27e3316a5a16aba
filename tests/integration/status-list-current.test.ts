// New badges go to the newest status list of the issuer's key while it has room. The list used to
// be picked by updatedAt, which a revocation or suspension on an older list bumps: new badges then
// went back to that older list, or (with it full) a third list was started beside a newest one
// that still had room.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { revokeAward, suspendAward } from '@/lib/awards/revoke';

beforeEach(resetDatabase);

type Cred = Awaited<ReturnType<typeof createPublishedCredential>>;

async function award(cred: Cred) {
  const teacher = await createActor();
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(teacher, cred.mc.id));
  return db.award.findUniqueOrThrow({ where: { id: awardId }, select: { id: true, statusListId: true } });
}

/**
 * One badge on an older list (started an hour ago, and full, so the next badge starts a newer
 * list), and one on that newer list.
 */
async function olderAndNewerList() {
  const cred = await createPublishedCredential();
  const first = await award(cred);
  const older = await db.statusList.findUniqueOrThrow({ where: { id: first.statusListId }, select: { size: true } });
  await db.statusList.update({ where: { id: first.statusListId }, data: { nextIndex: older.size / 2, createdAt: new Date(Date.now() - 3_600_000) } });
  const second = await award(cred);
  expect(second.statusListId).not.toBe(first.statusListId);
  return { cred, first, second };
}

const updatedAt = async (id: string) => (await db.statusList.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

describe('the status list a new badge goes to', () => {
  it('stays the newest list after a badge on an older, full list is revoked', async () => {
    const { cred, first, second } = await olderAndNewerList();
    await revokeAward({ actor: cred.admin, awardId: first.id, reason: 'Issued in error.' });
    // The revocation made the older list the one most recently changed.
    expect((await updatedAt(first.statusListId)).getTime()).toBeGreaterThan((await updatedAt(second.statusListId)).getTime());

    const third = await award(cred);
    expect(third.statusListId).toBe(second.statusListId);
    // No third list started beside a newest one with room.
    expect(await db.statusList.count({ where: { issuerId: cred.issuer.id } })).toBe(2);
  });

  it('stays the newest list after a badge on an older list that still has room is suspended', async () => {
    const { cred, first, second } = await olderAndNewerList();
    // The older list has room again (as lists filled before this fix may have).
    await db.statusList.update({ where: { id: first.statusListId }, data: { nextIndex: 1 } });
    await suspendAward({ actor: cred.admin, awardId: first.id, reason: 'A complaint is being looked into.' });
    expect((await updatedAt(first.statusListId)).getTime()).toBeGreaterThan((await updatedAt(second.statusListId)).getTime());

    const third = await award(cred);
    expect(third.statusListId).toBe(second.statusListId);
    expect(await db.statusList.count({ where: { issuerId: cred.issuer.id } })).toBe(2);
  });

  it('is a new list once the newest is full, even when an older list was changed since', async () => {
    const { cred, first, second } = await olderAndNewerList();
    const newest = await db.statusList.findUniqueOrThrow({ where: { id: second.statusListId }, select: { size: true } });
    await db.statusList.update({ where: { id: second.statusListId }, data: { nextIndex: newest.size / 2 } });
    await db.statusList.update({ where: { id: first.statusListId }, data: { nextIndex: 1 } });
    await revokeAward({ actor: cred.admin, awardId: first.id, reason: 'Issued in error.' });

    const third = await award(cred);
    expect([first.statusListId, second.statusListId]).not.toContain(third.statusListId);
  });
});
