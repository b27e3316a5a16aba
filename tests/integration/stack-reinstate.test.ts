// A stack badge says its holder holds every badge it is built from: an administrator cannot make it
// valid again while one of those parts is suspended (lib/awards/revoke.ts). A part revoked for good
// revokes it (stack-badge-revoked-with-part.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, suspendAward } from '@/lib/awards/revoke';
import { createStack } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

async function earn(teacher: Actor, microCredentialId: string) {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
  return (await issueAwardForSubmission(sub.id)).awardId!;
}

async function heldStack() {
  const first = await createPublishedCredential();
  const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin });
  const teacher = await createActor();
  await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: `stack-${Date.now()}`, title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
  const part = await earn(teacher, first.mc.id);
  await earn(teacher, second.mc.id);
  const stackAward = await db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: { not: null } }, select: { id: true } });
  return { admin: first.admin, part, stackAward: stackAward.id };
}

const standing = (id: string) => db.award.findUniqueOrThrow({ where: { id }, select: { suspendedAt: true, revokedAt: true } });

describe('reinstating a stack badge', () => {
  it('is refused while a part it is built from is suspended (the automatic hold stays)', async () => {
    const s = await heldStack();
    await suspendAward({ actor: s.admin, awardId: s.part, reason: 'A complaint is being looked into.' });
    expect((await standing(s.stackAward)).suspendedAt).not.toBeNull();

    await expect(reinstateAward({ actor: s.admin, awardId: s.stackAward, note: 'Looks fine.' })).rejects.toThrow(/can’t be valid again yet.*no longer holds/);
    expect((await standing(s.stackAward)).suspendedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: 'award.reinstate', entityId: s.stackAward } })).toBe(0);
  });

  it('is refused when the administrator had suspended it first and a part was suspended after', async () => {
    const s = await heldStack();
    await suspendAward({ actor: s.admin, awardId: s.stackAward, reason: 'Checking the stack itself.' });
    await suspendAward({ actor: s.admin, awardId: s.part, reason: 'A complaint is being looked into.' });
    await expect(reinstateAward({ actor: s.admin, awardId: s.stackAward, note: '' })).rejects.toThrow(/can’t be valid again yet/);

    // Once the part is valid again, the administrator's own suspension can be lifted.
    await reinstateAward({ actor: s.admin, awardId: s.part, note: '' });
    expect((await standing(s.stackAward)).suspendedAt).not.toBeNull();
    await reinstateAward({ actor: s.admin, awardId: s.stackAward, note: 'Checked.' });
    expect((await standing(s.stackAward)).suspendedAt).toBeNull();
  });
});
