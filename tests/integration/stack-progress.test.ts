// A teacher's progress on a stack, as the stack page shows it (lib/awards/stack-progress.ts): parts
// count by the valid badges held (docs/decisions/012), not by where the applications stand; the
// stack badge's own standing (held, on hold, revoked) is always known. Also what a stack badge's
// page lists as its parts, and what the holder's pages need to say a badge was withdrawn.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { createStack } from '@/lib/authoring/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { startRenewal } from '@/lib/submissions/renewal';
import { getApplication } from '@/lib/submissions/queries';
import { getStandings } from '@/lib/enrollment/queries';
import { getPublicAward } from '@/lib/awards/queries';
import { getStackProgress, partStep, signedStackParts } from '@/lib/awards/stack-progress';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

const DAY = 86_400_000;
const ISSUED = new Date('2025-01-15T10:00:00Z');
/** 24-month badges issued on ISSUED expire on 2027-01-15; renewal opens 90 days before. */
const IN_WINDOW = new Date('2027-01-15T10:00:00Z').getTime() - 30 * DAY;

/** A teacher, two 24-month micro-credentials from one issuer, and a published stack of both. */
async function stackOfTwo() {
  const first = await createPublishedCredential({ def: { expiryMonths: 24 } });
  const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { expiryMonths: 24 } });
  const teacher = await createActor();
  const stack = await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: `stack-${Date.now()}`, title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
  const parts = [first.mc.id, second.mc.id];
  const progress = () => getStackProgress({ userId: teacher.id, stackId: stack.id, partIds: parts });
  return { admin: first.admin, issuer: first.issuer, first: first.mc, second: second.mc, teacher, stack, parts, progress };
}

/** The teacher earns a micro-credential (the review flow is tested elsewhere) and its badge is issued. */
async function earn(teacher: Actor, microCredentialId: string, opts: { issue?: boolean } = {}) {
  const sub = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED', publicSummary: 'Students revised lab reports from feedback.' } });
  if (opts.issue === false) return { submissionId: sub.id, awardId: null };
  return { submissionId: sub.id, awardId: (await issueAwardForSubmission(sub.id, { now: new Date(ISSUED) })).awardId };
}

const stackAwardOf = (userId: string) => db.award.findFirstOrThrow({ where: { userId, stackId: { not: null } }, select: { id: true } });

describe('stack progress', () => {
  it('counts parts by badges held: a renewal under way leaves the part earned and the stack badge in reach', async () => {
    const s = await stackOfTwo();
    expect(await s.progress()).toMatchObject({ earned: 0, total: 2, badge: { state: 'none' } });

    const a1 = await earn(s.teacher, s.first.id);
    const a2 = await earn(s.teacher, s.second.id);
    const stackAward = await stackAwardOf(s.teacher.id);
    const held = await s.progress();
    expect(held.earned).toBe(2);
    expect(held.parts.get(s.first.id)).toEqual({ state: 'earned', awardId: a1.awardId });
    expect(held.badge).toEqual({ state: 'held', awardId: stackAward.id });

    // Renewing the first part: its application is back in progress, but the badge it renews is held.
    await startRenewal({ actor: s.teacher, microCredentialId: s.first.id, now: new Date(IN_WINDOW) });
    expect((await getStandings(s.teacher, s.parts)).get(s.first.id)?.state).toBe('DRAFT');
    const renewing = await s.progress();
    expect(renewing.earned).toBe(2);
    expect(renewing.parts.get(s.first.id)).toEqual({ state: 'earned', awardId: a1.awardId });
    expect(renewing.parts.get(s.second.id)).toEqual({ state: 'earned', awardId: a2.awardId });
    expect(renewing.badge).toEqual({ state: 'held', awardId: stackAward.id });
  });

  it('a suspended or revoked part no longer counts, says so, and the stack badge reads as on hold or revoked with its reason', async () => {
    const s = await stackOfTwo();
    const a1 = await earn(s.teacher, s.first.id);
    await earn(s.teacher, s.second.id);
    const stackAward = await stackAwardOf(s.teacher.id);

    await suspendAward({ actor: s.admin, awardId: a1.awardId!, reason: 'A complaint is being looked into.' });
    const suspended = await s.progress();
    expect(suspended.earned).toBe(1);
    expect(suspended.parts.get(s.first.id)).toEqual({ state: 'suspended', awardId: a1.awardId });
    expect(suspended.badge).toMatchObject({ state: 'on-hold', awardId: stackAward.id, since: expect.any(Date), reason: expect.stringMatching(/one of the badges it is built from, is suspended/) });
    // The application still reads as earned: only the badge tells.
    expect((await getStandings(s.teacher, s.parts)).get(s.first.id)?.state).toBe('EARNED');

    await reinstateAward({ actor: s.admin, awardId: a1.awardId!, note: '' });
    expect(await s.progress()).toMatchObject({ earned: 2, badge: { state: 'held', awardId: stackAward.id } });

    await revokeAward({ actor: s.admin, awardId: a1.awardId!, reason: 'Evidence was not the teacher’s own.' });
    const revoked = await s.progress();
    expect(revoked.earned).toBe(1);
    expect(revoked.parts.get(s.first.id)).toEqual({ state: 'revoked', awardId: a1.awardId });
    // As shown: the stored reason's closing sentence (a marker) is not, as it reads as a promise.
    expect(revoked.badge).toMatchObject({ state: 'revoked', awardId: stackAward.id, reason: expect.stringMatching(/one of the badges it is built from, was revoked\.$/) });
    // Nothing to do on the part's own page: its application was earned.
    expect(partStep((await getStandings(s.teacher, s.parts)).get(s.first.id), 'PUBLISHED')).toBeNull();
  });

  it('a stack badge an administrator put on hold or revoked reads so, never as "being issued"', async () => {
    const s = await stackOfTwo();
    await earn(s.teacher, s.first.id);
    await earn(s.teacher, s.second.id);
    const stackAward = await stackAwardOf(s.teacher.id);

    await suspendAward({ actor: s.admin, awardId: stackAward.id, reason: 'Checking the stack itself.' });
    expect((await s.progress()).badge).toMatchObject({ state: 'on-hold', awardId: stackAward.id, reason: 'Checking the stack itself.' });
    // Every part is still held and counts.
    expect((await s.progress()).earned).toBe(2);

    await revokeAward({ actor: s.admin, awardId: stackAward.id, reason: 'Issued in error.' });
    expect((await s.progress()).badge).toMatchObject({ state: 'revoked', awardId: stackAward.id, since: expect.any(Date), reason: 'Issued in error.' });
  });

  it('every part held but no stack badge yet: it is being issued; a part earned but not yet issued does not count', async () => {
    const s = await stackOfTwo();
    await earn(s.teacher, s.first.id);
    await earn(s.teacher, s.second.id, { issue: false });
    const waiting = await s.progress();
    expect(waiting.earned).toBe(1);
    expect(waiting.parts.get(s.second.id)).toEqual({ state: 'not-held' });
    expect(waiting.badge).toEqual({ state: 'none' });

    // A teacher who held both parts before the stack existed: the awarding job has not run yet.
    const other = await stackOfTwo();
    await earn(other.teacher, other.first.id);
    await earn(other.teacher, other.second.id);
    await db.award.deleteMany({ where: { userId: other.teacher.id, stackId: { not: null } } });
    expect(await other.progress()).toMatchObject({ earned: 2, badge: { state: 'issuing' } });
  });

  it('a stack badge lists the part badges its signed credential names, linked to their own pages', async () => {
    const s = await stackOfTwo();
    const a1 = await earn(s.teacher, s.first.id);
    const a2 = await earn(s.teacher, s.second.id);
    const stackAward = await getPublicAward((await stackAwardOf(s.teacher.id)).id);
    const parts = signedStackParts(stackAward!.credential);
    const titles = new Map(await db.award.findMany({ where: { id: { in: [a1.awardId!, a2.awardId!] } }, select: { id: true, title: true } }).then((r) => r.map((a) => [a.id, a.title])));
    expect(parts.map((p) => ({ name: p.name, awardId: p.awardId })).sort((x, y) => x.name.localeCompare(y.name)))
      .toEqual([a1.awardId!, a2.awardId!].map((id) => ({ name: titles.get(id), awardId: id })).sort((x, y) => x.name!.localeCompare(y.name!)));

    // A micro-credential badge's evidence is its summary (an anchor on its own page), not a part.
    const part = await getPublicAward(a1.awardId!);
    expect(signedStackParts(part!.credential).every((p) => p.awardId === null)).toBe(true);
    expect(signedStackParts(null)).toEqual([]);
    expect(signedStackParts({ evidence: [{ id: 'javascript:alert(1)', name: 'X' }, { id: 'https://elsewhere.test/credentials/abc', name: 'Elsewhere' }] }))
      .toEqual([{ name: 'X', awardId: null, url: null }, { name: 'Elsewhere', awardId: null, url: 'https://elsewhere.test/credentials/abc' }]);
  });
});

describe('a withdrawn badge, on the holder’s own pages', () => {
  it('standings carry whether the application’s badge is revoked or on hold', async () => {
    const s = await stackOfTwo();
    const a1 = await earn(s.teacher, s.first.id);
    expect((await getStandings(s.teacher, [s.first.id])).get(s.first.id)).toMatchObject({ state: 'EARNED', awardId: a1.awardId, awardRevokedAt: null, awardSuspendedAt: null });
    await suspendAward({ actor: s.admin, awardId: a1.awardId!, reason: 'A complaint is being looked into.' });
    expect((await getStandings(s.teacher, [s.first.id])).get(s.first.id)).toMatchObject({ state: 'EARNED', awardRevokedAt: null, awardSuspendedAt: expect.any(Date) });
    await revokeAward({ actor: s.admin, awardId: a1.awardId!, reason: 'Evidence was not the teacher’s own.' });
    expect((await getStandings(s.teacher, [s.first.id])).get(s.first.id)).toMatchObject({ state: 'EARNED', awardRevokedAt: expect.any(Date), awardSuspendedAt: null });
    // The reason the micro-credential page shows, with the issuer to contact.
    await db.organization.update({ where: { id: s.issuer.id }, data: { email: 'badges@issuer.test' } });
    expect(await getPublicAward(a1.awardId!)).toMatchObject({ revocationReason: 'Evidence was not the teacher’s own.', issuer: { name: s.issuer.name, slug: s.issuer.slug, email: 'badges@issuer.test' } });
  });

  it('the application page loads the badge’s reasons and the issuer to contact', async () => {
    const s = await stackOfTwo();
    const a1 = await earn(s.teacher, s.first.id);
    await db.organization.update({ where: { id: s.issuer.id }, data: { email: 'badges@issuer.test' } });
    await suspendAward({ actor: s.admin, awardId: a1.awardId!, reason: 'A complaint is being looked into.' });
    const app = await getApplication(s.teacher, s.first.slug);
    expect(app?.submission?.award).toMatchObject({ id: a1.awardId, suspendedAt: expect.any(Date), suspensionReason: 'A complaint is being looked into.', revokedAt: null });
    expect(app?.mc.issuer).toMatchObject({ name: s.issuer.name, slug: s.issuer.slug, email: 'badges@issuer.test' });
    await revokeAward({ actor: s.admin, awardId: a1.awardId!, reason: 'Evidence was not the teacher’s own.' });
    expect((await getApplication(s.teacher, s.first.slug))?.submission?.award).toMatchObject({ revokedAt: expect.any(Date), revocationReason: 'Evidence was not the teacher’s own.', suspendedAt: null });
  });
});
