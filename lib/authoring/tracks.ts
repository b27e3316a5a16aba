import 'server-only';
import type { z } from 'zod';
import { db } from '@/lib/db';
import { forbidden, invalidState, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { TrackDef } from '@/lib/authoring/schemas';
import { createTrack } from '@/lib/authoring/mutations';
import { syncCatalogEntry } from '@/lib/catalog/projection';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { recordAudit } from '@/lib/audit/log';
import { zodFieldErrors } from '@/lib/action-result';

function parseTrack(input: z.input<typeof TrackDef>) {
  const parsed = TrackDef.safeParse(input);
  if (!parsed.success) throw validation('The track has problems. Fix the highlighted fields.', zodFieldErrors(parsed.error));
  return parsed.data;
}

async function assertSlugFree(slug: string, exceptId?: string) {
  const taken = await db.track.findUnique({ where: { slug }, select: { id: true } });
  if (taken && taken.id !== exceptId) throw validation('That web address is already used by another track.', { slug: ['That web address is already used. Choose another.'] });
}

async function loadOwnTrack(actor: Actor, trackId: string) {
  const t = await db.track.findUnique({ where: { id: trackId }, select: { id: true, issuerId: true, status: true, slug: true } });
  if (!t) throw notFound('That track');
  if (!canAuthor(actor, t.issuerId)) throw forbidden();
  return t;
}

/** Creates a draft track (the shared createTrack, with friendly field errors first). */
export async function createIssuerTrack(opts: { actor: Actor; issuerId: string; def: z.input<typeof TrackDef> }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const def = parseTrack(opts.def);
  await assertSlugFree(def.slug);
  return createTrack({ actor: opts.actor, issuerId: opts.issuerId, def });
}

/**
 * Rewrites a track and its level order. Levels are the issuer's micro-credentials, level 1 first;
 * credentials dropped from the track are detached, not deleted.
 */
export async function updateTrack(opts: { actor: Actor; trackId: string; def: z.input<typeof TrackDef> }) {
  const track = await loadOwnTrack(opts.actor, opts.trackId);
  const def = parseTrack(opts.def);
  if (def.slug !== track.slug) await assertSlugFree(def.slug, track.id);
  await changePublicPages(async (tx) => {
    await tx.track.update({
      where: { id: track.id },
      data: { slug: def.slug, kind: def.kind, title: def.title, summary: def.summary, description: def.description, topic: def.topic, subjects: def.subjects, gradeBands: def.gradeBands },
    });
    const before = await tx.microCredential.findMany({ where: { trackId: track.id }, select: { id: true } });
    // Detach first so re-ordering never trips the (trackId, level) unique constraint mid-way.
    await tx.microCredential.updateMany({ where: { trackId: track.id }, data: { trackId: null } });
    const after: string[] = [];
    for (const [i, slug] of def.levels.entries()) {
      const mc = await tx.microCredential.findFirst({ where: { slug, issuerId: track.issuerId }, select: { id: true } });
      if (!mc) throw validation(`No credential of this issuer has the address “${slug}”.`, { levels: [`No credential of this issuer has the address “${slug}”.`] });
      await tx.microCredential.update({ where: { id: mc.id }, data: { trackId: track.id, level: i + 1 } });
      // A pending draft follows the track's order, so publishing it later does not undo it.
      await tx.microCredentialVersion.updateMany({ where: { microCredentialId: mc.id, status: 'DRAFT' }, data: { level: i + 1 } });
      after.push(mc.id);
    }
    await syncCatalogEntry(tx, 'TRACK', track.id);
    for (const id of new Set([...before.map((b) => b.id), ...after])) await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', id);
    await recordAudit({ actorId: opts.actor.id, action: 'track.edit', entityType: 'Track', entityId: track.id, organizationId: track.issuerId, data: { levels: def.levels } }, tx);
  });
}

export async function publishTrack(opts: { actor: Actor; trackId: string; now?: Date }) {
  const track = await loadOwnTrack(opts.actor, opts.trackId);
  if (track.status === 'PUBLISHED') throw invalidState('This track is already published.');
  await changePublicPages(async (tx) => {
    const published = await tx.microCredential.count({ where: { trackId: track.id, status: 'PUBLISHED' } });
    if (!published) throw invalidState('Add at least one published micro-credential to the track before publishing it.');
    await tx.track.update({ where: { id: track.id }, data: { status: 'PUBLISHED', publishedAt: opts.now ?? new Date() } });
    await syncCatalogEntry(tx, 'TRACK', track.id);
    await recordAudit({ actorId: opts.actor.id, action: 'track.publish', entityType: 'Track', entityId: track.id, organizationId: track.issuerId }, tx);
  });
}

/** Retiring hides the track from the catalogue; teachers already enrolled keep their enrolments. */
export async function retireTrack(opts: { actor: Actor; trackId: string }) {
  const track = await loadOwnTrack(opts.actor, opts.trackId);
  if (track.status !== 'PUBLISHED') throw invalidState('Only a published track can be retired.');
  await changePublicPages(async (tx) => {
    await tx.track.update({ where: { id: track.id }, data: { status: 'RETIRED' } });
    await syncCatalogEntry(tx, 'TRACK', track.id);
    await recordAudit({ actorId: opts.actor.id, action: 'track.retire', entityType: 'Track', entityId: track.id, organizationId: track.issuerId }, tx);
  });
}
