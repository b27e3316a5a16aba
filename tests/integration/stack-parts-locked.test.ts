// A stack badge says its holder holds every badge the stack is built from, and withdrawing a part
// withdraws it (lib/awards/stack-holds.ts reads the stack's parts as they are now). So the parts of a
// stack that has been published stay as they were: only its words, colour and the order of its
// parts may change. And a save, a publish and a retire of one stack run one after the other (each
// locks the stack's row first), so a publish cannot go out with a draft part a save put in meanwhile.
// The races are made deterministic with a transaction held open on a second connection.
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';
import { createActor, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential } from '@/lib/authoring/mutations';
import { createIssuerStack, publishStack, retireStack, STACK_PARTS_LOCKED, updateStack } from '@/lib/authoring/stacks';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { reinstateAward, revokeAward, suspendAward } from '@/lib/awards/revoke';
import { startApplication } from '@/lib/submissions/mutations';

/** The stack's last save, as an edit page opened now sends it back (updateStack refuses a save on top of a newer one). */
const seenStack = async (id: string) => (await db.stack.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

beforeEach(resetDatabase);

async function earn(teacher: Actor, microCredentialId: string) {
  const { id } = await startApplication({ actor: teacher, microCredentialId });
  await db.submission.update({ where: { id }, data: { status: 'EARNED' } });
  return (await issueAwardForSubmission(id)).awardId;
}

/** A published stack of A and B, and C, another published credential of the same issuer. */
async function publishedStack() {
  const a = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
  const { mc: b } = await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: { title: 'Socratic Seminars' } });
  const { mc: c } = await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin, def: { title: 'Wait Time' } });
  const def = (microCredentials: string[], words: Partial<{ title: string; summary: string; description: string; badgeColor: string }> = {}) => ({
    slug: 'feedback-stack', title: 'Feedback stack', summary: 'Both.', ...words, microCredentials,
  });
  const stack = await createIssuerStack({ actor: a.admin, issuerId: a.issuer.id, def: def([a.mc.slug, b.slug]) });
  await publishStack({ actor: a.admin, stackId: stack.id });
  return { admin: a.admin, issuerId: a.issuer.id, a: a.mc, b, c, stackId: stack.id, def };
}

const partsOf = async (stackId: string) => (await db.stackItem.findMany({ where: { stackId }, orderBy: { sortOrder: 'asc' }, select: { microCredentialId: true } })).map((i) => i.microCredentialId);

describe('the parts of a stack that has been published', () => {
  it('cannot be swapped, added to or removed, published or retired; its words and the order of its parts can change', async () => {
    const w = await publishedStack();
    const refused = { code: 'VALIDATION', fieldErrors: { microCredentials: [STACK_PARTS_LOCKED] } };
    await expect(updateStack({ actor: w.admin, stackId: w.stackId, seenUpdatedAt: await seenStack(w.stackId), def: w.def([w.a.slug, w.c.slug]) })).rejects.toMatchObject(refused);
    await expect(updateStack({ actor: w.admin, stackId: w.stackId, seenUpdatedAt: await seenStack(w.stackId), def: w.def([w.a.slug, w.b.slug, w.c.slug]) })).rejects.toMatchObject(refused);
    expect(await partsOf(w.stackId)).toEqual([w.a.id, w.b.id]);
    // Nor can one be removed, here from a stack of three.
    const three = await createIssuerStack({ actor: w.admin, issuerId: w.issuerId, def: { ...w.def([w.a.slug, w.b.slug, w.c.slug]), slug: 'three-stack' } });
    await publishStack({ actor: w.admin, stackId: three.id });
    await expect(updateStack({ actor: w.admin, stackId: three.id, seenUpdatedAt: await seenStack(three.id), def: { ...w.def([w.a.slug, w.b.slug]), slug: 'three-stack' } })).rejects.toMatchObject(refused);
    expect(await partsOf(three.id)).toEqual([w.a.id, w.b.id, w.c.id]);

    // Words, colour and order are not what its badges are built on.
    await updateStack({ actor: w.admin, stackId: w.stackId, seenUpdatedAt: await seenStack(w.stackId), def: w.def([w.b.slug, w.a.slug], { title: 'Feedback that moves learning', summary: 'Two ways to give feedback.', description: 'Longer.', badgeColor: '#0f766e' }) });
    expect(await db.stack.findUniqueOrThrow({ where: { id: w.stackId }, select: { title: true, summary: true, description: true, badgeColor: true, status: true } })).toEqual({
      title: 'Feedback that moves learning', summary: 'Two ways to give feedback.', description: 'Longer.', badgeColor: '#0f766e', status: 'PUBLISHED',
    });
    expect(await partsOf(w.stackId)).toEqual([w.b.id, w.a.id]);

    // Retired, it still names the badges already issued: the parts stay.
    await retireStack({ actor: w.admin, stackId: w.stackId });
    await expect(updateStack({ actor: w.admin, stackId: w.stackId, seenUpdatedAt: await seenStack(w.stackId), def: w.def([w.a.slug, w.c.slug]) })).rejects.toMatchObject(refused);
    expect(await partsOf(w.stackId)).toEqual([w.b.id, w.a.id]);
  });

  it('a draft stack that was never published may change its parts freely', async () => {
    const a = await createPublishedCredential();
    const { mc: b } = await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin });
    const { mc: c } = await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin });
    const stack = await createIssuerStack({ actor: a.admin, issuerId: a.issuer.id, def: { slug: 'draft-stack', title: 'Draft', summary: 'Two.', microCredentials: [a.mc.slug, b.slug] } });
    await updateStack({ actor: a.admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: { slug: 'draft-stack', title: 'Draft', summary: 'Two.', microCredentials: [a.mc.slug, c.slug] } });
    expect(await partsOf(stack.id)).toEqual([a.mc.id, c.id]);
  });

  it('a part withdrawn after an allowed edit still withdraws the stack badge, and its return lifts the hold', async () => {
    const w = await publishedStack();
    const teacher = await createActor();
    const partA = await earn(teacher, w.a.id);
    const partB = await earn(teacher, w.b.id);
    const stackBadge = await db.award.findFirstOrThrow({ where: { userId: teacher.id, stackId: w.stackId }, select: { id: true } });

    // The admin tries to swap B for C (refused), then edits the words and the order.
    await expect(updateStack({ actor: w.admin, stackId: w.stackId, seenUpdatedAt: await seenStack(w.stackId), def: w.def([w.a.slug, w.c.slug]) })).rejects.toMatchObject({ fieldErrors: { microCredentials: [STACK_PARTS_LOCKED] } });
    await updateStack({ actor: w.admin, stackId: w.stackId, seenUpdatedAt: await seenStack(w.stackId), def: w.def([w.b.slug, w.a.slug], { summary: 'Both, in a new order.' }) });

    // A suspended and reinstated: the stack badge goes on hold and comes back.
    await suspendAward({ actor: w.admin, awardId: partA, reason: 'A complaint is being looked into.' });
    expect((await db.award.findUniqueOrThrow({ where: { id: stackBadge.id } })).suspendedAt).not.toBeNull();
    await reinstateAward({ actor: w.admin, awardId: partA, note: 'Looked into: nothing wrong.' });
    expect(await db.award.findUniqueOrThrow({ where: { id: stackBadge.id }, select: { suspendedAt: true, revokedAt: true } })).toEqual({ suspendedAt: null, revokedAt: null });

    // B revoked: the stack badge built on it is revoked too.
    await revokeAward({ actor: w.admin, awardId: partB, reason: 'Evidence was not the teacher’s own.' });
    expect((await db.award.findUniqueOrThrow({ where: { id: stackBadge.id } })).revokedAt).not.toBeNull();
  });
});

const HELD_STACK_TIMEOUT = 'the call neither finished nor waited for the held stack';

async function heldConnection() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}

describe('a save and a publish of one stack at the same moment', () => {
  it('a save waits for a publish in flight, then sees the stack published and keeps its parts', async () => {
    const a = await createPublishedCredential();
    const { mc: b } = await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin });
    const draftPart = await createMicroCredential({ actor: a.admin, issuerId: a.issuer.id, def: sampleDefinition() });
    const def = (microCredentials: string[]) => ({ slug: 'race-stack', title: 'Race', summary: 'Two.', microCredentials });
    const stack = await createIssuerStack({ actor: a.admin, issuerId: a.issuer.id, def: def([a.mc.slug, b.slug]) });

    // The publish, caught in flight: it holds the stack and has marked it published, not yet committed.
    const publisher = await heldConnection();
    try {
      await publisher.query('BEGIN');
      await publisher.query(`SELECT 1 FROM "Stack" WHERE "id" = $1 FOR UPDATE`, [stack.id]);
      await publisher.query(`UPDATE "Stack" SET "status" = 'PUBLISHED', "publishedAt" = now() WHERE "id" = $1`, [stack.id]);
      // Another tab saves the stack with a draft part in place of B.
      const save = watch(updateStack({ actor: a.admin, stackId: stack.id, seenUpdatedAt: await seenStack(stack.id), def: def([a.mc.slug, draftPart.slug]) }));
      await untilWaitingOnLocksOr(1, () => Number(save.settled), HELD_STACK_TIMEOUT);
      await publisher.query('COMMIT');
      const outcome = await save.outcome;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'VALIDATION', fieldErrors: { microCredentials: [STACK_PARTS_LOCKED] } });
    } finally {
      await publisher.end();
    }
    expect(await partsOf(stack.id)).toEqual([a.mc.id, b.id]);
  });

  it('a publish waits for a save in flight, then checks the parts the save left', async () => {
    const a = await createPublishedCredential();
    const { mc: b } = await createPublishedCredential({ issuerId: a.issuer.id, admin: a.admin });
    const draftPart = await createMicroCredential({ actor: a.admin, issuerId: a.issuer.id, def: sampleDefinition() });
    const stack = await createIssuerStack({ actor: a.admin, issuerId: a.issuer.id, def: { slug: 'race-stack', title: 'Race', summary: 'Two.', microCredentials: [a.mc.slug, b.slug] } });

    // The save, caught in flight: it holds the stack and has put the draft part in place of B.
    const saver = await heldConnection();
    try {
      await saver.query('BEGIN');
      await saver.query(`SELECT 1 FROM "Stack" WHERE "id" = $1 FOR UPDATE`, [stack.id]);
      await saver.query(`DELETE FROM "StackItem" WHERE "stackId" = $1`, [stack.id]);
      await saver.query(`INSERT INTO "StackItem" ("stackId", "microCredentialId", "sortOrder") VALUES ($1, $2, 0), ($1, $3, 1)`, [stack.id, a.mc.id, draftPart.id]);
      const publish = watch(publishStack({ actor: a.admin, stackId: stack.id }));
      await untilWaitingOnLocksOr(1, () => Number(publish.settled), HELD_STACK_TIMEOUT);
      await saver.query('COMMIT');
      const outcome = await publish.outcome;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('Publish every micro-credential in the stack first') });
    } finally {
      await saver.end();
    }
    expect((await db.stack.findUniqueOrThrow({ where: { id: stack.id }, select: { status: true, publishedAt: true } }))).toEqual({ status: 'DRAFT', publishedAt: null });
  });
});
