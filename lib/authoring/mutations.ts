import 'server-only';
import { db, type Tx } from '@/lib/db';
import { forbidden, invalidState, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { MicroCredentialDef, StackDef, TrackDef } from '@/lib/authoring/schemas';
import { syncCatalogEntry } from '@/lib/catalog/projection';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { recordAudit } from '@/lib/audit/log';
import { enqueueJob } from '@/lib/jobs/queue';
import { Prisma } from '@/lib/generated/prisma/client';
import type { z } from 'zod';

type DefInput = z.input<typeof MicroCredentialDef>;

function parseDef(input: DefInput) {
  const parsed = MicroCredentialDef.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fieldErrors[i.path.join('.')] ??= []).push(i.message);
    throw validation('The credential definition has problems. Fix the highlighted fields.', fieldErrors);
  }
  return parsed.data;
}

/** Writes a version's content (parts, rubric, resources, alignments) from a definition. */
async function writeVersionContent(tx: Tx, versionId: string, def: MicroCredentialDef) {
  await tx.resource.createMany({ data: def.resources.map((r, i) => ({ versionId, sortOrder: i, kind: r.kind, title: r.title, url: r.url ?? null, body: r.body, minutes: r.minutes ?? null })) });
  const parts: { id: string }[] = [];
  for (const [i, p] of def.parts.entries()) {
    parts.push(
      await tx.submissionPart.create({
        data: {
          versionId, sortOrder: i, title: p.title, prompt: p.prompt, responseType: p.responseType, required: p.required,
          wordLimit: p.wordLimit ?? null, allowedTypes: p.allowedTypes, maxFileBytes: BigInt(p.maxFileBytes), maxFiles: p.maxFiles,
        },
        select: { id: true },
      }),
    );
  }
  const levels: { id: string }[] = [];
  for (const [rank, label] of def.rubric.levels.entries()) {
    levels.push(await tx.proficiencyLevel.create({ data: { versionId, rank, label }, select: { id: true } }));
  }
  for (const [i, c] of def.rubric.criteria.entries()) {
    await tx.rubricCriterion.create({
      data: {
        versionId, sortOrder: i, title: c.title, description: c.description,
        partId: c.partIndex !== undefined ? parts[c.partIndex].id : null,
        descriptors: { create: c.descriptors.map((text, rank) => ({ levelId: levels[rank].id, text })) },
      },
    });
  }
  await tx.alignment.createMany({ data: def.alignments.map((a) => ({ versionId, ...a })) });
}

function versionFields(def: MicroCredentialDef) {
  return {
    title: def.title, summary: def.summary, competency: def.competency, keyMethod: def.keyMethod, methodComponents: def.methodComponents,
    researchRationale: def.researchRationale, pdHours: new Prisma.Decimal(def.pdHours), expiryMonths: def.expiryMonths ?? null, badgeColor: def.badgeColor,
    passingRuleKind: def.rubric.passingRule.kind, passingLevelRank: def.rubric.passingRule.levelRank,
    passingTotal: def.rubric.passingRule.kind === 'TOTAL_AT_LEAST' ? def.rubric.passingRule.total : null,
  };
}

export async function createMicroCredential(opts: { actor: Actor; issuerId: string; def: DefInput; trackId?: string | null }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const def = parseDef(opts.def);
  const taken = await db.microCredential.findUnique({ where: { slug: def.slug }, select: { id: true } });
  if (taken) throw validation('That web address is already used by another credential.', { slug: ['That web address is already used. Choose another.'] });
  return db.$transaction(async (tx) => {
    const mc = await tx.microCredential.create({
      data: {
        issuerId: opts.issuerId, slug: def.slug, trackId: opts.trackId ?? null, level: def.level ?? null, topic: def.topic,
        subjects: def.subjects, gradeBands: def.gradeBands,
      },
      select: { id: true, slug: true },
    });
    const version = await tx.microCredentialVersion.create({
      data: { microCredentialId: mc.id, version: 1, createdById: opts.actor.id, ...versionFields(def) },
      select: { id: true },
    });
    await writeVersionContent(tx, version.id, def);
    await recordAudit({ actorId: opts.actor.id, action: 'credential.create', entityType: 'MicroCredential', entityId: mc.id, organizationId: opts.issuerId }, tx);
    return { id: mc.id, slug: mc.slug, versionId: version.id };
  });
}

/**
 * Saves an edit. A draft version is rewritten in place; a published one is never touched: the edit
 * becomes a new draft version, so submissions in flight keep the version they answered.
 */
export async function saveMicroCredentialDraft(opts: { actor: Actor; microCredentialId: string; def: DefInput }) {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: { id: true, issuerId: true, slug: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true, status: true } } },
  });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  const def = parseDef(opts.def);
  if (def.slug !== mc.slug) {
    const taken = await db.microCredential.findUnique({ where: { slug: def.slug }, select: { id: true } });
    if (taken) throw validation('That web address is already used by another credential.', { slug: ['That web address is already used. Choose another.'] });
  }
  const latest = mc.versions[0];
  return changePublicPages(async (tx) => {
    let versionId: string;
    if (latest && latest.status === 'DRAFT') {
      versionId = latest.id;
      // Content rows of a draft are replaced wholesale; nothing references a draft's rows yet.
      await tx.rubricCriterion.deleteMany({ where: { versionId } });
      await tx.proficiencyLevel.deleteMany({ where: { versionId } });
      await tx.submissionPart.deleteMany({ where: { versionId } });
      await tx.resource.deleteMany({ where: { versionId } });
      await tx.alignment.deleteMany({ where: { versionId } });
      await tx.microCredentialVersion.update({ where: { id: versionId }, data: versionFields(def) });
    } else {
      const created = await tx.microCredentialVersion.create({
        data: { microCredentialId: mc.id, version: (latest?.version ?? 0) + 1, createdById: opts.actor.id, ...versionFields(def) },
        select: { id: true },
      });
      versionId = created.id;
    }
    await writeVersionContent(tx, versionId, def);
    await tx.microCredential.update({
      where: { id: mc.id },
      data: { slug: def.slug, level: def.level ?? null, topic: def.topic, subjects: def.subjects, gradeBands: def.gradeBands },
    });
    await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', mc.id);
    await recordAudit({ actorId: opts.actor.id, action: 'credential.edit', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { versionId } }, tx);
    return { versionId };
  });
}

/** Publishes the newest draft version; the previous published version is kept as superseded. */
export async function publishMicroCredential(opts: { actor: Actor; microCredentialId: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: { id: true, issuerId: true, status: true, publishedAt: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, status: true, version: true } } },
  });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  const draft = mc.versions[0];
  if (!draft || draft.status !== 'DRAFT') throw invalidState('There are no unpublished changes to publish.');
  return changePublicPages(async (tx) => {
    const counts = await tx.microCredentialVersion.findUniqueOrThrow({
      where: { id: draft.id },
      select: { _count: { select: { parts: true, criteria: true, levels: true } } },
    });
    if (!counts._count.parts || !counts._count.criteria || counts._count.levels < 2) {
      throw invalidState('A credential needs at least one submission part and a rubric before it can be published.');
    }
    await tx.microCredentialVersion.updateMany({ where: { microCredentialId: mc.id, status: 'PUBLISHED' }, data: { status: 'SUPERSEDED' } });
    await tx.microCredentialVersion.update({ where: { id: draft.id }, data: { status: 'PUBLISHED', publishedAt: now } });
    await tx.microCredential.update({
      where: { id: mc.id },
      data: { status: 'PUBLISHED', currentVersionId: draft.id, publishedAt: mc.publishedAt ?? now },
    });
    await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', mc.id);
    // Stacks and tracks that include it show its new hours and text.
    // One connection: queries inside a transaction run one after another.
    const stacks = await tx.stackItem.findMany({ where: { microCredentialId: mc.id }, select: { stackId: true } });
    const track = await tx.microCredential.findUnique({ where: { id: mc.id }, select: { trackId: true } });
    for (const s of stacks) await syncCatalogEntry(tx, 'STACK', s.stackId);
    if (track?.trackId) await syncCatalogEntry(tx, 'TRACK', track.trackId);
    await recordAudit({ actorId: opts.actor.id, action: 'credential.publish', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { version: draft.version } }, tx);
    return { versionId: draft.id, version: draft.version };
  });
}

export async function retireMicroCredential(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { id: true, issuerId: true, status: true } });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  if (mc.status !== 'PUBLISHED') throw invalidState('Only a published credential can be retired.');
  await changePublicPages(async (tx) => {
    await tx.microCredential.update({ where: { id: mc.id }, data: { status: 'RETIRED' } });
    await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', mc.id);
    await recordAudit({ actorId: opts.actor.id, action: 'credential.retire', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId }, tx);
  });
}

export async function createTrack(opts: { actor: Actor; issuerId: string; def: z.input<typeof TrackDef>; publish?: boolean }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const def = TrackDef.parse(opts.def);
  return changePublicPages(async (tx) => {
    const track = await tx.track.create({
      data: {
        issuerId: opts.issuerId, slug: def.slug, kind: def.kind, title: def.title, summary: def.summary, description: def.description,
        topic: def.topic, subjects: def.subjects, gradeBands: def.gradeBands,
        ...(opts.publish ? { status: 'PUBLISHED' as const, publishedAt: new Date() } : {}),
      },
      select: { id: true },
    });
    for (const [i, slug] of def.levels.entries()) {
      const updated = await tx.microCredential.updateMany({ where: { slug, issuerId: opts.issuerId }, data: { trackId: track.id, level: i + 1 } });
      if (updated.count !== 1) throw validation(`No credential of this issuer has the address “${slug}”.`);
    }
    await syncCatalogEntry(tx, 'TRACK', track.id);
    await recordAudit({ actorId: opts.actor.id, action: 'track.create', entityType: 'Track', entityId: track.id, organizationId: opts.issuerId }, tx);
    return track;
  });
}

export async function createStack(opts: { actor: Actor; issuerId: string; def: z.input<typeof StackDef>; publish?: boolean }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const def = StackDef.parse(opts.def);
  return changePublicPages(async (tx) => {
    const mcs = await tx.microCredential.findMany({ where: { slug: { in: def.microCredentials } }, select: { id: true, slug: true } });
    if (mcs.length !== def.microCredentials.length) throw validation('Some credentials in this stack do not exist.');
    const stack = await tx.stack.create({
      data: {
        issuerId: opts.issuerId, slug: def.slug, title: def.title, summary: def.summary, description: def.description, badgeColor: def.badgeColor,
        ...(opts.publish ? { status: 'PUBLISHED' as const, publishedAt: new Date() } : {}),
        items: { create: def.microCredentials.map((slug, i) => ({ microCredentialId: mcs.find((m) => m.slug === slug)!.id, sortOrder: i })) },
      },
      select: { id: true },
    });
    await syncCatalogEntry(tx, 'STACK', stack.id);
    for (const m of mcs) await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', m.id);
    // Published at once: teachers who already hold every part get it (lib/awards/issue.ts).
    if (opts.publish) await enqueueJob({ type: 'stack.award-holders', payload: { stackId: stack.id } }, tx);
    await recordAudit({ actorId: opts.actor.id, action: 'stack.create', entityType: 'Stack', entityId: stack.id, organizationId: opts.issuerId }, tx);
    return stack;
  });
}
