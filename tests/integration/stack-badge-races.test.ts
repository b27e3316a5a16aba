// A stack badge stands on its parts (docs/decisions/012), also when its issue and a part's revocation,
// or two withdrawals of a part, happen at the same moment: every transaction that changes whether a
// holder's badge stands, or issues a stack badge on their parts, takes the holder's lock
// ("award-standing:<userId>") first and reads the parts again under it. The interleavings are forced
// with a transaction held open on a second connection, or (where the code takes no lock at the point
// that matters) by pausing the call inside its transaction. And a stack badge is dated when it was
// complete, not when the part that completed it was decided.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission, issueCompletedStacks } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { rotateIssuerKey } from '@/lib/awards/keys';
import { createStack } from '@/lib/authoring/mutations';

// A pause inside revokeAward's transaction, after it has looked for the holder's other badges of the
// part and decided what happens to the stack badge (withdrawStacksBuiltOn), before it commits: the
// claims step that follows waits while `gate.open` is pending. Nothing in the transaction takes a
// lock there, so only a pause can hold it open at that point.
const gate = vi.hoisted(() => ({ armed: false, reached: 0, open: Promise.resolve() }));
vi.mock('@/lib/review/claims', async (original) => {
  const real = await original<typeof import('@/lib/review/claims')>();
  return {
    ...real,
    releaseClaimsIfUnqualified: async (...args: Parameters<typeof real.releaseClaimsIfUnqualified>) => {
      if (gate.armed) {
        gate.reached++;
        await gate.open;
      }
      return real.releaseClaimsIfUnqualified(...args);
    },
  };
});

beforeEach(async () => {
  await resetDatabase();
  Object.assign(gate, { armed: false, reached: 0, open: Promise.resolve() });
});
afterEach(() => {
  gate.armed = false;
});

const REASON = 'Evidence was not the teacher’s own.';

/** Issues `teacher` a badge of `microCredentialId` (cycle 2: earned again, a renewal), dated `now` if given. */
async function earn(teacher: Actor, microCredentialId: string, opts: { cycle?: number; now?: Date } = {}) {
  let submissionId: string;
  if ((opts.cycle ?? 1) === 1) submissionId = await createEarnedSubmission(teacher, microCredentialId);
  else {
    const first = await db.submission.findFirstOrThrow({ where: { userId: teacher.id, microCredentialId, cycle: 1 }, select: { versionId: true } });
    submissionId = (await db.submission.create({ data: { userId: teacher.id, microCredentialId, versionId: first.versionId, cycle: opts.cycle!, status: 'EARNED' } })).id;
  }
  return (await issueAwardForSubmission(submissionId, { now: opts.now })).awardId;
}

/** Two credentials of one issuer, a published stack of both, and a teacher. */
async function world() {
  const first = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
  const second = await createPublishedCredential({ issuerId: first.issuer.id, admin: first.admin, def: { title: 'Socratic Seminars' } });
  await createStack({ actor: first.admin, issuerId: first.issuer.id, publish: true, def: { slug: 'feedback-stack', title: 'Feedback Stack', summary: 'Both.', microCredentials: [first.mc.slug, second.mc.slug] } });
  const stackId = (await db.stack.findUniqueOrThrow({ where: { slug: 'feedback-stack' }, select: { id: true } })).id;
  const teacher = await createActor({ name: 'Maya Teacher' });
  return { issuerId: first.issuer.id, admin: first.admin, first: first.mc, second: second.mc, stackId, teacher };
}

type World = Awaited<ReturnType<typeof world>>;
const stackBadges = (w: World) => db.award.findMany({ where: { userId: w.teacher.id, stackId: w.stackId }, orderBy: { issuedAt: 'asc' }, select: { id: true, issuedAt: true, revokedAt: true, suspendedAt: true, suspensionReason: true, credential: true } });
const validStackBadges = async (w: World) => (await stackBadges(w)).filter((b) => !b.revokedAt && !b.suspendedAt);

/** A transaction on a connection of its own that has run `statement` and holds what it locked (another request in flight). */
async function holdOpen(statement: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(statement, values);
  } catch (e) {
    await client.end();
    throw e;
  }
  return { commit: async () => void (await client.query('COMMIT')), release: () => client.end() };
}

async function until(cond: () => boolean, message: string) {
  for (let i = 0; !cond(); i++) {
    if (i > 250) throw new Error(message);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a part revoked while the stack badge is being issued', () => {
  it('issues no valid stack badge: the issue reads the parts again under the holder’s lock', async () => {
    const w = await world();
    // Both parts stored, the stack step of the second not yet run (the stack hidden meanwhile).
    await db.stack.update({ where: { id: w.stackId }, data: { status: 'DRAFT' } });
    const a1 = await earn(w.teacher, w.first.id);
    await earn(w.teacher, w.second.id);
    await db.stack.update({ where: { id: w.stackId }, data: { status: 'PUBLISHED' } });
    expect(await stackBadges(w)).toEqual([]);

    // The stack step reads the parts (all held), then waits to reserve a status index: another badge
    // of the issuer is taking one. While it waits (as while it signs), an admin revokes the first
    // part, and finds no stack badge to withdraw.
    const other = await holdOpen('SELECT pg_advisory_xact_lock(hashtext($1))', [`status-list:${w.issuerId}`]);
    try {
      const issuing = watch(issueCompletedStacks(w.teacher.id, w.second.id));
      await untilWaitingOnLocksOr(1, () => Number(issuing.settled), 'the stack step neither finished nor waited for the status list');
      expect(issuing.settled).toBe(false);
      await revokeAward({ actor: w.admin, awardId: a1, reason: REASON });
      await other.commit();
      expect(await issuing.outcome).toEqual({ ok: true, value: [] });
    } finally {
      await other.release();
    }
    expect(await validStackBadges(w)).toEqual([]);
    expect(await db.notification.count({ where: { userId: w.teacher.id, title: 'You completed the “Feedback Stack” stack' } })).toBe(0);

    // Earned again, the stack is issued as usual.
    await earn(w.teacher, w.first.id, { cycle: 2 });
    expect(await validStackBadges(w)).toHaveLength(1);
  });
});

describe('two badges of a part withdrawn at the same moment', () => {
  it('revoking the holder’s badge and its renewal at once revokes the stack badge', async () => {
    const w = await world();
    const old = await earn(w.teacher, w.first.id);
    await earn(w.teacher, w.second.id);
    const [stackBadge] = await stackBadges(w);
    // The renewal signed after the issuer rotated its key: on another status list, so the two
    // revocations do not queue on one list's row.
    await rotateIssuerKey({ actor: w.admin, issuerId: w.issuerId });
    const renewal = await earn(w.teacher, w.first.id, { cycle: 2 });
    const lists = await db.award.findMany({ where: { id: { in: [old, renewal] } }, select: { statusListId: true } });
    expect(new Set(lists.map((l) => l.statusListId)).size).toBe(2);
    expect(await validStackBadges(w)).toHaveLength(1);

    let open!: () => void;
    gate.open = new Promise<void>((r) => { open = r; });
    gate.armed = true;
    // The first revocation has looked for the holder's other badge of the part (the renewal, still
    // standing) and stops before committing.
    const first = watch(revokeAward({ actor: w.admin, awardId: old, reason: REASON }));
    await until(() => gate.reached === 1 || first.settled, 'the first revocation never reached its pause');
    // The second either waits for the first (the holder's lock) or, with nothing to order them, gets
    // as far and sees the first's badge still standing.
    const second = watch(revokeAward({ actor: w.admin, awardId: renewal, reason: REASON }));
    await untilWaitingOnLocksOr(1, () => (gate.reached >= 2 ? 1 : 0) + Number(second.settled), 'the second revocation neither paused nor waited for the first');
    open();
    expect(await first.outcome).toMatchObject({ ok: true });
    expect(await second.outcome).toMatchObject({ ok: true });

    // No badge of the part is left: the stack badge is revoked with it, on the list every verifier reads.
    expect(await db.award.count({ where: { id: { in: [old, renewal] }, revokedAt: null } })).toBe(0);
    const s = await db.award.findUniqueOrThrow({ where: { id: stackBadge.id } });
    expect(s).toMatchObject({ revokedAt: expect.any(Date), revocationReason: expect.stringMatching(/^“Exit Tickets”, one of the badges it is built from, was revoked\./) });
    expect(await validStackBadges(w)).toEqual([]);
  });

  it('a stack badge reinstated while a part is suspended ends up on hold, not valid', async () => {
    const w = await world();
    const part = await earn(w.teacher, w.first.id);
    await earn(w.teacher, w.second.id);
    const [stackBadge] = await stackBadges(w);
    // An administrator's own suspension of the stack badge, every part held.
    await suspendAward({ actor: w.admin, awardId: stackBadge.id, reason: 'Checking the evidence list.' });

    // The reinstatement has checked the parts and waits on the stack badge's row (another request
    // holds it); meanwhile a part is suspended, finding the stack badge already suspended.
    const other = await holdOpen('SELECT 1 FROM "Award" WHERE "id" = $1 FOR UPDATE', [stackBadge.id]);
    try {
      const reinstating = watch(reinstateAward({ actor: w.admin, awardId: stackBadge.id, note: 'Checked.' }));
      await untilWaitingOnLocksOr(1, () => Number(reinstating.settled), 'the reinstatement neither finished nor waited for the stack badge');
      const suspending = watch(suspendAward({ actor: w.admin, awardId: part, reason: 'A complaint is being looked into.' }));
      await untilWaitingOnLocksOr(2, () => Number(reinstating.settled) + Number(suspending.settled), 'the suspension neither finished nor waited for the reinstatement');
      await other.commit();
      expect(await reinstating.outcome).toMatchObject({ ok: true });
      expect(await suspending.outcome).toMatchObject({ ok: true });
    } finally {
      await other.release();
    }
    // Reinstated first, then put on hold by the part's suspension (which saw it standing).
    const s = await db.award.findUniqueOrThrow({ where: { id: stackBadge.id } });
    expect(s.suspendedAt).not.toBeNull();
    expect(s.suspensionReason).toMatch(/^“Exit Tickets”, one of the badges it is built from, is suspended\./);
  });
});

describe('the date of a stack badge', () => {
  it('is the date of the later part when the part decided first is issued last (its award retried)', async () => {
    const w = await world();
    const t1 = new Date(Date.now() - 3 * 86_400_000);
    const t2 = new Date(Date.now() - 1 * 86_400_000);
    // The first part passed at T1, but its award failed; the second passed and was issued at T2.
    const firstSubmission = await createEarnedSubmission(w.teacher, w.first.id);
    await earn(w.teacher, w.second.id, { now: t2 });
    expect(await stackBadges(w)).toEqual([]);
    // The first part's retry, dated at its decision, completes the stack.
    await issueAwardForSubmission(firstSubmission, { now: t1 });
    expect((await db.award.findUniqueOrThrow({ where: { submissionId: firstSubmission } })).issuedAt).toEqual(t1);

    const [s] = await stackBadges(w);
    expect(s.issuedAt).toEqual(t2);
    const credential = s.credential as { validFrom?: string; awardedDate?: string };
    expect(credential.validFrom).toBe(t2.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(credential.awardedDate).toBe(credential.validFrom);
  });

  it('is the moment it is issued when that is after every part (the stack published later)', async () => {
    const w = await world();
    await db.stack.update({ where: { id: w.stackId }, data: { status: 'DRAFT' } });
    await earn(w.teacher, w.first.id, { now: new Date(Date.now() - 3 * 86_400_000) });
    await earn(w.teacher, w.second.id, { now: new Date(Date.now() - 2 * 86_400_000) });
    await db.stack.update({ where: { id: w.stackId }, data: { status: 'PUBLISHED' } });
    const before = Date.now();
    expect(await issueCompletedStacks(w.teacher.id, w.second.id)).toEqual([w.stackId]);
    const [s] = await stackBadges(w);
    expect(s.issuedAt.getTime()).toBeGreaterThanOrEqual(before);
  });
});
