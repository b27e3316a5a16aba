// A stack badge stands on its parts (docs/decisions/012). A part revoked for good revokes the stack
// badge too, on the revocation list that every verifier reads, and the holder can earn the stack
// again once they hold the part again; a part only suspended (or revoked while another badge of it
// is suspended) puts it on hold. A stack badge an administrator revoked is never issued again.
// Badges issued, suspended and revoked by the real domain code against Postgres; pages rendered
// from the real pages with only who is signed in set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { awardStackToHolders, issueAwardForSubmission, issueCompletedStacks } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { verifyStoredCredential } from '@/lib/awards/queries';
import { getStackProgress, listStacksInProgress } from '@/lib/awards/stack-progress';
import { getStatusBit } from '@/lib/credentials/status-list';
import { createStack } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: StackPage } = await import('@/app/stacks/[slug]/page');
const { default: CredentialPage } = await import('@/app/credentials/[id]/page');
const { withdrawnBadgeWords } = await import('@/lib/awards/withdrawn-words');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const PLAGIARISED = 'Evidence was not the teacher’s own.';

/** Issues `teacher` a badge of `microCredentialId` from an earned application of the given cycle (2 and up: earned again). */
async function earn(teacher: Actor, microCredentialId: string, cycle = 1) {
  let submissionId: string;
  if (cycle === 1) {
    submissionId = (await startApplication({ actor: teacher, microCredentialId })).id;
    await db.submission.update({ where: { id: submissionId }, data: { status: 'EARNED' } });
  } else {
    const first = await db.submission.findFirstOrThrow({ where: { userId: teacher.id, microCredentialId, cycle: 1 }, select: { versionId: true } });
    submissionId = (await db.submission.create({ data: { userId: teacher.id, microCredentialId, versionId: first.versionId, cycle, status: 'EARNED' } })).id;
  }
  return (await issueAwardForSubmission(submissionId)).awardId;
}

/** A teacher holding both parts of a published stack, and its stack badge. */
async function stackHolder() {
  const first = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
  const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title: 'Socratic Seminars' } });
  await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: 'feedback-stack', title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
  const stack = await db.stack.findUniqueOrThrow({ where: { slug: 'feedback-stack' }, select: { id: true } });
  const teacher = await createActor({ name: 'Maya Teacher' });
  const a1 = await earn(teacher, first.mc.id);
  const a2 = await earn(teacher, second.mc.id);
  const stackAward = await db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: stack.id }, select: { id: true } });
  return { admin: first.admin, first: first.mc, second: second.mc, stackId: stack.id, teacher, a1, a2, stackAwardId: stackAward.id };
}

type Holder = Awaited<ReturnType<typeof stackHolder>>;

const award = (id: string) => db.award.findUniqueOrThrow({ where: { id } });
async function bits(id: string) {
  const a = await award(id);
  const list = await db.statusList.findUniqueOrThrow({ where: { id: a.statusListId } });
  return { revoked: getStatusBit(new Uint8Array(list.bits), a.statusListIndex), suspended: getStatusBit(new Uint8Array(list.suspensionBits!), a.statusListIndex) };
}
const progress = (h: Holder) => getStackProgress({ userId: h.teacher.id, stackId: h.stackId, partIds: [h.first.id, h.second.id] });
const stackBadges = (h: Holder) => db.award.findMany({ where: { userId: h.teacher.id, stackId: h.stackId }, orderBy: { issuedAt: 'asc' }, select: { id: true, revokedAt: true, suspendedAt: true } });

describe('a part revoked for good', () => {
  it('revokes the stack badge on the revocation list every verifier reads, even one already on hold, and tells the holder', async () => {
    const h = await stackHolder();
    // On hold first (the part suspended), then the part revoked: the hold becomes a revocation.
    await suspendAward({ actor: h.admin, awardId: h.a1, reason: 'A complaint is being looked into.' });
    expect(await bits(h.stackAwardId)).toEqual({ revoked: false, suspended: true });
    await revokeAward({ actor: h.admin, awardId: h.a1, reason: PLAGIARISED });

    const s = await award(h.stackAwardId);
    expect(s).toMatchObject({ revokedAt: expect.any(Date), suspendedAt: null, suspensionReason: null, revocationReason: '“Exit Tickets”, one of the badges it is built from, was revoked. It can be earned again once every badge it is built from is held.' });
    expect(await bits(h.stackAwardId)).toEqual({ revoked: true, suspended: false });
    expect((await verifyStoredCredential(s.credential)).checks.revocation).toBe('revoked');
    expect(await db.auditLog.count({ where: { action: 'award.revoke', entityId: h.stackAwardId, actorId: h.admin.id, data: { path: ['because'], equals: h.a1 } } })).toBe(1);
    expect(await db.notification.count({ where: { userId: h.teacher.id, kind: 'award.revoked', title: 'Your badge “Feedback Stack” was revoked' } })).toBe(1);
    // It cannot be reinstated: revocation is permanent for that badge.
    await expect(reinstateAward({ actor: h.admin, awardId: h.stackAwardId, note: '' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('lets the holder earn the stack again with the part: a new stack badge, the revoked one kept as it was', async () => {
    const h = await stackHolder();
    await revokeAward({ actor: h.admin, awardId: h.a1, reason: PLAGIARISED });
    // The reason as shown leaves out the stored closing sentence: no path lets a holder earn a revoked part again.
    expect(await progress(h)).toMatchObject({ earned: 1, badge: { state: 'revoked', awardId: h.stackAwardId, reason: '“Exit Tickets”, one of the badges it is built from, was revoked.' } });
    // Still in progress on the dashboard (1 of 2), not dropped as one revoked for good.
    expect((await listStacksInProgress(h.teacher.id)).map((s) => [s.title, s.held, s.total])).toEqual([['Feedback Stack', 1, 2]]);

    await earn(h.teacher, h.first.id, 2);
    const badges = await stackBadges(h);
    expect(badges).toHaveLength(2);
    expect(badges[0]).toMatchObject({ id: h.stackAwardId, revokedAt: expect.any(Date) });
    expect(badges[1]).toMatchObject({ revokedAt: null, suspendedAt: null });
    expect((await verifyStoredCredential((await award(badges[1].id)).credential)).verified).toBe(true);
    expect((await progress(h)).badge).toEqual({ state: 'held', awardId: badges[1].id });
    // Once, however often the awarding steps run again.
    expect(await issueCompletedStacks(h.teacher.id, h.first.id)).toEqual([]);
    expect(await awardStackToHolders(h.stackId)).toEqual({ awarded: 0, more: false });
    expect(await stackBadges(h)).toHaveLength(2);
  });

  it('allows one standing stack badge per holder and stack at the database too', async () => {
    const h = await stackHolder();
    const s = await award(h.stackAwardId);
    const copy = { userId: s.userId, issuerId: s.issuerId, stackId: s.stackId, title: s.title, pdHours: s.pdHours, recipientName: s.recipientName, credential: s.credential as Prisma.InputJsonValue, statusListId: s.statusListId, statusListIndex: s.statusListIndex + 1000 };
    await expect(db.award.create({ data: copy })).rejects.toMatchObject({ code: 'P2002' });
    // A revoked one beside a standing one is allowed (the history of an earlier badge).
    await expect(db.award.create({ data: { ...copy, revokedAt: new Date(), revocationReason: 'Old.' } })).resolves.toBeTruthy();
  });

  it('the stack page says the stack badge was revoked with its part, without promising it can be earned again', async () => {
    const h = await stackHolder();
    await revokeAward({ actor: h.admin, awardId: h.a1, reason: PLAGIARISED });
    session.actor = h.teacher;
    const text = textJoined(renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'feedback-stack' }) })));
    expect(text).toContain('Your stack credential was revoked');
    expect(text).toContain('“Exit Tickets”, one of the badges it is built from, was revoked.');
    expect(text).not.toMatch(/earned again/i);
  });

  it('the stack badge’s own page and the holder’s words for it give the reason without promising it can be earned again', async () => {
    const h = await stackHolder();
    await revokeAward({ actor: h.admin, awardId: h.a1, reason: PLAGIARISED });
    session.actor = null;
    const text = textJoined(renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id: h.stackAwardId }) })));
    expect(text).toContain('“Exit Tickets”, one of the badges it is built from, was revoked.');
    expect(text).not.toMatch(/earned again/i);
    const stored = await db.award.findUniqueOrThrow({ where: { id: h.stackAwardId }, select: { revokedAt: true, revocationReason: true, suspendedAt: true } });
    expect(stored.revocationReason).toMatch(/earned again/);
    expect(withdrawnBadgeWords(stored, 'Teaching Matters')?.text).not.toMatch(/earned again/i);
  });

  it('the issuer’s admin is told beforehand what suspending and what revoking a part does to the stack badge', async () => {
    const h = await stackHolder();
    session.actor = h.admin;
    const text = textJoined(renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id: h.a1 }) })));
    expect(text).toContain('Suspending it also puts on hold the stack badge built on it: Feedback Stack.');
    expect(text).toContain('Revoking it also revokes the stack badge built on it: Feedback Stack. Revoking cannot be undone, and the holder cannot earn this badge again, so the stack badge stays revoked.');
  });
});

describe('a stack badge not revoked with its part', () => {
  it('one an administrator revoked is never issued again, even when the parts are earned again', async () => {
    const h = await stackHolder();
    await revokeAward({ actor: h.admin, awardId: h.stackAwardId, reason: 'Issued in error.' });
    await revokeAward({ actor: h.admin, awardId: h.a1, reason: PLAGIARISED });
    // Its reason stays the administrator's.
    expect((await award(h.stackAwardId)).revocationReason).toBe('Issued in error.');
    await earn(h.teacher, h.first.id, 2);
    expect(await stackBadges(h)).toHaveLength(1);
    expect(await awardStackToHolders(h.stackId)).toEqual({ awarded: 0, more: false });
    expect(await listStacksInProgress(h.teacher.id)).toEqual([]);
    expect((await progress(h)).badge).toMatchObject({ state: 'revoked', reason: 'Issued in error.' });
  });

  it('a part revoked while the holder’s other badge of it is only suspended puts the stack badge on hold, lifted when that one is reinstated', async () => {
    const h = await stackHolder();
    const renewed = await earn(h.teacher, h.first.id, 2);
    await suspendAward({ actor: h.admin, awardId: renewed, reason: 'A complaint is being looked into.' });
    // The first badge still stands: the stack badge too.
    expect((await award(h.stackAwardId)).suspendedAt).toBeNull();
    await revokeAward({ actor: h.admin, awardId: h.a1, reason: PLAGIARISED });
    expect(await award(h.stackAwardId)).toMatchObject({ revokedAt: null, suspendedAt: expect.any(Date), suspensionReason: expect.stringMatching(/was revoked\. It is valid again/) });
    expect(await bits(h.stackAwardId)).toEqual({ revoked: false, suspended: true });

    await reinstateAward({ actor: h.admin, awardId: renewed, note: '' });
    expect(await award(h.stackAwardId)).toMatchObject({ revokedAt: null, suspendedAt: null });
    expect(await stackBadges(h)).toHaveLength(1);
  });
});
