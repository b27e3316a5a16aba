import 'server-only';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { conflict, forbidden, invalidState, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { StackDef } from '@/lib/authoring/schemas';
import { createStack } from '@/lib/authoring/mutations';
import { syncCatalogEntry } from '@/lib/catalog/projection';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { recordAudit } from '@/lib/audit/log';
import { enqueueJob } from '@/lib/jobs/queue';
import { zodFieldErrors } from '@/lib/action-result';
import type { Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

function parseStack(input: z.input<typeof StackDef>) {
  const parsed = StackDef.safeParse(input);
  if (!parsed.success) throw validation('The stack has problems. Fix the highlighted fields.', zodFieldErrors(parsed.error));
  return parsed.data;
}

async function assertSlugFree(slug: string, exceptId?: string, client: Tx | typeof db = db) {
  const taken = await client.stack.findUnique({ where: { slug }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw validation('That web address is already used by another stack.', { slug: ['That web address is already used. Choose another.'] });
}

export const STACK_SLUG_LOCKED = 'The address of a published stack cannot change: its badges link to it.';
/**
 * A stack badge says its holder holds every badge it is built from, and withdrawing a part
 * withdraws it (lib/awards/stack-holds.ts reads the stack's parts as they are now). Changing which
 * micro-credentials a stack has ever been published with would change what its issued badges are
 * built on, so it is refused; the order they are listed in may change.
 */
export const STACK_PARTS_LOCKED = 'The micro-credentials in a stack that has been published cannot change: its badges are built on them. To combine others, retire this stack and publish a new one.';

/** A save from a page opened before someone else's save (the form's seenUpdatedAt is older than the stack's). */
export const STACK_CHANGED = 'Someone else saved this stack after you opened this page, so your changes were not saved. Copy anything you want to keep, reload the page to see the stack as it is now, then make your changes again.';
/** A save that does not say when its page was opened cannot be checked against someone else's, so it is refused. */
export const STACK_FORM_OUT_OF_DATE = 'This page is out of date, so your changes were not saved. Copy anything you want to keep, reload the page, then make your changes again.';

/**
 * Every save says when its page was opened (the stack's updatedAt then). The type requires it; this
 * refuses a caller that got round the type, rather than saving blind.
 */
function assertSeenUpdatedAt(seen: unknown): asserts seen is Date {
  if (!(seen instanceof Date) || Number.isNaN(seen.getTime())) throw validation(STACK_FORM_OUT_OF_DATE);
}

/** Whether a stack has ever been published: its badges may exist and link to it. */
const everPublished = (s: { status: string; publishedAt: Date | null }) => s.publishedAt !== null || s.status !== 'DRAFT';

/**
 * Locks the stack's row (FOR UPDATE) and reads it again: the first statement of every transaction
 * that changes a stack, so a save, a publish and a retire of one stack run one after the other, and
 * each decides on the status and parts the one before it left.
 */
async function lockStack(tx: Tx, stackId: string) {
  const rows = await tx.$queryRaw<{ status: string; slug: string; publishedAt: Date | null; updatedAt: Date }[]>`
    SELECT "status"::text AS "status", "slug", "publishedAt", "updatedAt" FROM "Stack" WHERE "id" = ${stackId} FOR UPDATE`;
  if (!rows[0]) throw notFound('That stack');
  return rows[0];
}

async function loadOwnStack(actor: Actor, stackId: string) {
  const s = await db.stack.findUnique({ where: { id: stackId }, select: { id: true, issuerId: true, status: true, slug: true, publishedAt: true } });
  if (!s) throw notFound('That stack');
  if (!canAuthor(actor, s.issuerId)) throw forbidden();
  return s;
}

/**
 * Teachers who already hold every part get the stack too (lib/awards/issue.ts awardStackToHolders),
 * in the background: the job is queued in the same transaction, so it exists only if the change commits.
 */
export async function queueStackAwards(tx: Tx, stackId: string) {
  await enqueueJob({ type: 'stack.award-holders', payload: { stackId } }, tx);
}

/**
 * A published stack must stay earnable: every part published. Locks the parts (FOR SHARE) so a
 * concurrent retire (retireMicroCredential locks the credential FOR UPDATE) either waits for this
 * change and then sees the stack, or commits first and is seen here.
 */
async function assertPartsPublished(tx: Tx, microCredentialIds: string[], message: string) {
  if (!microCredentialIds.length) return;
  const rows = await tx.$queryRaw<{ status: string }[]>`
    SELECT "status"::text AS "status" FROM "MicroCredential" WHERE "id" IN (${Prisma.join(microCredentialIds)}) ORDER BY "id" FOR SHARE`;
  if (rows.some((r) => r.status !== 'PUBLISHED')) throw invalidState(message);
}

/** Member credentials carry the stack's slug in their catalogue entries, so they are re-synced too. */
async function syncStackAndMembers(tx: Tx, stackId: string, extraMcIds: string[] = []) {
  await syncCatalogEntry(tx, 'STACK', stackId);
  const items = await tx.stackItem.findMany({ where: { stackId }, select: { microCredentialId: true } });
  for (const id of new Set([...items.map((i) => i.microCredentialId), ...extraMcIds])) await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', id);
}

export async function createIssuerStack(opts: { actor: Actor; issuerId: string; def: z.input<typeof StackDef> }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const def = parseStack(opts.def);
  await assertSlugFree(def.slug);
  const own = await db.microCredential.count({ where: { slug: { in: def.microCredentials }, issuerId: opts.issuerId } });
  if (own !== new Set(def.microCredentials).size) throw validation('A stack can only combine this issuer’s own micro-credentials.', { microCredentials: ['Choose this issuer’s micro-credentials only.'] });
  return createStack({ actor: opts.actor, issuerId: opts.issuerId, def });
}

/**
 * Rewrites a stack. `seenUpdatedAt`: the stack's updatedAt when the form was loaded. A save on top
 * of a newer one (another admin's, another tab's, a publish or retire since) is refused with
 * STACK_CHANGED instead of silently putting back what that one changed. Answers the new updatedAt.
 */
export async function updateStack(opts: { actor: Actor; stackId: string; seenUpdatedAt: Date; def: z.input<typeof StackDef> }): Promise<{ updatedAt: Date }> {
  const stack = await loadOwnStack(opts.actor, opts.stackId);
  assertSeenUpdatedAt(opts.seenUpdatedAt);
  const seen = opts.seenUpdatedAt.getTime();
  const def = parseStack(opts.def);
  if (new Set(def.microCredentials).size !== def.microCredentials.length) throw validation('Each micro-credential can be in a stack once.', { microCredentials: ['Each micro-credential can be in a stack once.'] });
  return changePublicPages(async (tx) => {
    const live = await lockStack(tx, stack.id);
    // Checked first: what this form would change was decided on a stack that is no longer there.
    if (live.updatedAt.getTime() !== seen) throw conflict(STACK_CHANGED);
    if (def.slug !== live.slug) {
      // Stack badges already issued name /stacks/{slug} as their achievement and criteria.
      if (everPublished(live)) throw validation(STACK_SLUG_LOCKED, { slug: [STACK_SLUG_LOCKED] });
      await assertSlugFree(def.slug, stack.id, tx);
    }
    const mcs = await tx.microCredential.findMany({ where: { slug: { in: def.microCredentials }, issuerId: stack.issuerId }, select: { id: true, slug: true } });
    if (mcs.length !== def.microCredentials.length) throw validation('Some credentials in this stack do not exist.', { microCredentials: ['Some credentials in this stack do not exist.'] });
    const before = await tx.stackItem.findMany({ where: { stackId: stack.id }, select: { microCredentialId: true } });
    const was = new Set(before.map((b) => b.microCredentialId));
    const sameParts = mcs.length === was.size && mcs.every((m) => was.has(m.id));
    if (!sameParts && everPublished(live)) throw validation(STACK_PARTS_LOCKED, { microCredentials: [STACK_PARTS_LOCKED] });
    const saved = await tx.stack.update({
      where: { id: stack.id },
      // Always later than the one the form saw: two saves within a millisecond still differ.
      data: { slug: def.slug, title: def.title, summary: def.summary, description: def.description, badgeColor: def.badgeColor, updatedAt: new Date(Math.max(Date.now(), seen + 1)) },
      select: { updatedAt: true },
    });
    await tx.stackItem.deleteMany({ where: { stackId: stack.id } });
    await tx.stackItem.createMany({ data: def.microCredentials.map((slug, i) => ({ stackId: stack.id, microCredentialId: mcs.find((m) => m.slug === slug)!.id, sortOrder: i })) });
    await syncStackAndMembers(tx, stack.id, [...was]);
    await recordAudit({ actorId: opts.actor.id, action: 'stack.edit', entityType: 'Stack', entityId: stack.id, organizationId: stack.issuerId, data: { microCredentials: def.microCredentials } }, tx);
    return saved;
  });
}

export async function publishStack(opts: { actor: Actor; stackId: string; now?: Date }) {
  const stack = await loadOwnStack(opts.actor, opts.stackId);
  if (stack.status === 'PUBLISHED') throw invalidState('This stack is already published.');
  await changePublicPages(async (tx) => {
    // Read again under the lock: a save that committed meanwhile may have changed the parts.
    const live = await lockStack(tx, stack.id);
    if (live.status === 'PUBLISHED') throw invalidState('This stack is already published.');
    const items = await tx.stackItem.findMany({ where: { stackId: stack.id }, select: { microCredentialId: true } });
    if (items.length < 2) throw invalidState('A stack combines at least two micro-credentials.');
    await assertPartsPublished(tx, items.map((i) => i.microCredentialId), 'Publish every micro-credential in the stack first: teachers could not earn an unpublished one.');
    await tx.stack.update({ where: { id: stack.id }, data: { status: 'PUBLISHED', publishedAt: opts.now ?? new Date() } });
    await syncStackAndMembers(tx, stack.id);
    await queueStackAwards(tx, stack.id);
    await recordAudit({ actorId: opts.actor.id, action: 'stack.publish', entityType: 'Stack', entityId: stack.id, organizationId: stack.issuerId }, tx);
  });
}

export async function retireStack(opts: { actor: Actor; stackId: string }) {
  const stack = await loadOwnStack(opts.actor, opts.stackId);
  if (stack.status !== 'PUBLISHED') throw invalidState('Only a published stack can be retired.');
  await changePublicPages(async (tx) => {
    if ((await lockStack(tx, stack.id)).status !== 'PUBLISHED') throw invalidState('Only a published stack can be retired.');
    await tx.stack.update({ where: { id: stack.id }, data: { status: 'RETIRED' } });
    await syncStackAndMembers(tx, stack.id);
    await recordAudit({ actorId: opts.actor.id, action: 'stack.retire', entityType: 'Stack', entityId: stack.id, organizationId: stack.issuerId }, tx);
  });
}
