import 'server-only';
import type { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { conflict, forbidden, invalidState, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { MAX_TRACK_LEVELS, TrackDef } from '@/lib/authoring/schemas';
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

/** A save from a page opened before someone else's save (the form's seenUpdatedAt is older than the track's). */
export const TRACK_CHANGED = 'Someone else saved this track after you opened this page, so your changes were not saved. Copy anything you want to keep, reload the page to see the track as it is now, then make your changes again.';
/** A save that does not say when its page was opened cannot be checked against someone else's, so it is refused. */
export const TRACK_FORM_OUT_OF_DATE = 'This page is out of date, so your changes were not saved. Copy anything you want to keep, reload the page, then make your changes again.';

/**
 * Every save says when its page was opened (the track's updatedAt then). The type requires it; this
 * refuses a caller that got round the type, rather than saving blind.
 */
function assertSeenUpdatedAt(seen: unknown): asserts seen is Date {
  if (!(seen instanceof Date) || Number.isNaN(seen.getTime())) throw validation(TRACK_FORM_OUT_OF_DATE);
}

/** Whether a credential has had a published version (retired ones too): teachers may have enrolled in it or earned it. */
export const everPublished = (mc: { status: string; publishedAt: Date | null }) => mc.status !== 'DRAFT' || mc.publishedAt !== null;

/** The form's box for a level (1 is the first); a level the form has no box for is said on the list. */
const levelKey = (level: number | null) => (level !== null && level >= 1 && level <= MAX_TRACK_LEVELS ? `levels.${level - 1}` : 'levels');

/**
 * Makes `levels` (addresses, level 1 first, checked by TrackDef) the track's levels, inside the
 * caller's transaction, and returns the credentials whose catalogue entries may have changed. Refused
 * with an error on each level concerned, before anything is written, when it would
 * - take a credential out of another track (that track would lose a level without being told);
 * - move a published or retired credential of this track to another level, or out of the track:
 *   teachers enrolled in it or holding its badge, and the catalogue, go by its level.
 * Credentials that were never published may be added, moved and removed freely.
 */
async function placeLevels(tx: Tx, track: { id: string; issuerId: string }, levels: string[]): Promise<string[]> {
  // Locked in one order (by id), as a publish or another track's save locks them: two saves cannot
  // both take the same credential, and a credential published meanwhile is seen as published.
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "MicroCredential"
    WHERE "trackId" = ${track.id} OR ("issuerId" = ${track.issuerId} AND "slug" = ANY(${levels}::text[]))
    ORDER BY "id" FOR UPDATE`;
  const rows = await tx.microCredential.findMany({
    where: { id: { in: locked.map((r) => r.id) } },
    select: {
      id: true, slug: true, trackId: true, level: true, status: true, publishedAt: true, currentVersionId: true,
      track: { select: { title: true } },
      currentVersion: { select: { title: true } },
      versions: { orderBy: { version: 'desc' }, take: 1, select: { title: true } },
    },
  });
  const title = (mc: (typeof rows)[number]) => mc.currentVersion?.title ?? mc.versions[0]?.title ?? mc.slug;
  const bySlug = new Map(rows.map((mc) => [mc.slug, mc]));

  const errors: Record<string, string[]> = {};
  const refuse = (key: string, message: string) => (errors[key] ??= []).push(message);
  levels.forEach((slug, i) => {
    const mc = bySlug.get(slug);
    if (!mc) return refuse(`levels.${i}`, `No credential of this issuer has the address “${slug}”.`);
    if (mc.trackId === null || mc.trackId === track.id) return;
    const where = `${mc.level !== null ? `level ${mc.level} of ` : 'in '}the track “${mc.track?.title ?? ''}”`;
    refuse(`levels.${i}`, everPublished(mc)
      ? `“${title(mc)}” is ${where} and has been published there, so it stays in that track. Choose another credential.`
      : `“${title(mc)}” is ${where}. Remove it from that track first.`);
  });
  for (const mc of rows) {
    if (mc.trackId !== track.id || !everPublished(mc)) continue;
    const at = levels.indexOf(mc.slug) + 1;
    // A level given to it for the first time (none recorded) changes nothing anyone relied on.
    if (at > 0 && (mc.level === null || at === mc.level)) continue;
    const retired = mc.status === 'RETIRED';
    const as = mc.level !== null ? ` as level ${mc.level}` : ' in this track';
    const was = retired ? `was published${as} and is now retired` : `is published${as}`;
    const back = mc.level !== null ? `Put it back at level ${mc.level}.` : 'Put it back in the list.';
    refuse(levelKey(mc.level), at === 0
      ? `“${title(mc)}” ${was}, so it cannot be taken out of the track: teachers who enrolled in it or earned it, and the catalogue, rely on its place in it. ${back}${retired ? '' : ' To stop offering it, retire the credential instead.'}`
      : `“${title(mc)}” ${was}, so it has to stay level ${mc.level}: teachers who enrolled in it or earned it, and the catalogue, rely on its level. ${back} For a different level, ${retired ? '' : 'retire it and '}publish a new credential.`);
  }
  // A published credential joining from outside any track takes its place's level, and so does its
  // published version (below): harmless while nobody has earned that version, but badges already
  // earned on it carry its level as issued (signed), and would then disagree with the version page
  // they link to and with new badges of the same version. Then it joins only at its own level.
  for (const [i, slug] of levels.entries()) {
    const mc = bySlug.get(slug);
    if (!mc || mc.trackId !== null || mc.currentVersionId === null || mc.level === null || mc.level === i + 1) continue;
    const earned = await tx.award.count({ where: { microCredentialId: mc.id, versionId: mc.currentVersionId } });
    if (earned) {
      refuse(`levels.${i}`, `“${title(mc)}” is published as level ${mc.level}, and teachers have earned it at that level, so it can join this track only as level ${mc.level}. To make it level ${i + 1}, publish a new version of it at that level first: badges already earned stay level ${mc.level}.`);
    }
  }
  const messages = Object.values(errors).flat();
  if (messages.length) throw validation(messages.length === 1 ? messages[0] : 'The levels cannot be saved like this. Fix the highlighted levels.', errors);

  const level = new Map(levels.map((slug, i) => [bySlug.get(slug)!.id, i + 1]));
  const moving = rows.filter((mc) => mc.trackId !== track.id || level.get(mc.id) !== mc.level);
  // Those leaving their level let go of it first, so the (trackId, level) unique index never sees two at once.
  await tx.microCredential.updateMany({ where: { id: { in: moving.filter((mc) => mc.trackId === track.id).map((mc) => mc.id) } }, data: { trackId: null } });
  for (const mc of moving) {
    const to = level.get(mc.id);
    if (to === undefined) continue;
    await tx.microCredential.update({ where: { id: mc.id }, data: { trackId: track.id, level: to } });
    // The published version says the same (a published credential joining the track, or given its
    // first level): its page, and the badges earned on it, go by the version's own level.
    if (mc.currentVersionId !== null) await tx.microCredentialVersion.update({ where: { id: mc.currentVersionId }, data: { level: to } });
  }
  // A pending draft follows the track's order, so publishing it later does not undo it.
  for (const [id, to] of level) await tx.microCredentialVersion.updateMany({ where: { microCredentialId: id, status: 'DRAFT' }, data: { level: to } });
  return rows.map((mc) => mc.id);
}

/** Re-syncs the track's catalogue entry and those of the credentials its save touched, in the same transaction. */
async function syncTrackAndLevels(tx: Tx, trackId: string, microCredentialIds: string[]) {
  await syncCatalogEntry(tx, 'TRACK', trackId);
  for (const id of microCredentialIds) await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', id);
}

/** Creates a draft track with its levels (see placeLevels for what is refused). */
export async function createIssuerTrack(opts: { actor: Actor; issuerId: string; def: z.input<typeof TrackDef> }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const def = parseTrack(opts.def);
  await assertSlugFree(def.slug);
  return changePublicPages(async (tx) => {
    const track = await tx.track.create({
      data: { issuerId: opts.issuerId, slug: def.slug, kind: def.kind, title: def.title, summary: def.summary, description: def.description, topic: def.topic, subjects: def.subjects, gradeBands: def.gradeBands },
      select: { id: true },
    });
    await syncTrackAndLevels(tx, track.id, await placeLevels(tx, { id: track.id, issuerId: opts.issuerId }, def.levels));
    await recordAudit({ actorId: opts.actor.id, action: 'track.create', entityType: 'Track', entityId: track.id, organizationId: opts.issuerId }, tx);
    return track;
  });
}

/**
 * Rewrites a track and its level order. Levels are the issuer's micro-credentials, level 1 first;
 * credentials dropped from the track are detached, not deleted. Published (or retired) levels keep
 * their place; see placeLevels.
 *
 * `seenUpdatedAt`: the track's updatedAt when the form was loaded. A save on top of a newer one
 * (another admin's, another tab's, a publish or retire since) is refused with TRACK_CHANGED instead
 * of silently putting back what that one changed. Answers the track's new updatedAt.
 */
export async function updateTrack(opts: { actor: Actor; trackId: string; seenUpdatedAt: Date; def: z.input<typeof TrackDef> }): Promise<{ updatedAt: Date }> {
  const track = await loadOwnTrack(opts.actor, opts.trackId);
  assertSeenUpdatedAt(opts.seenUpdatedAt);
  const seen = opts.seenUpdatedAt.getTime();
  const def = parseTrack(opts.def);
  if (def.slug !== track.slug) await assertSlugFree(def.slug, track.id);
  return changePublicPages(async (tx) => {
    // The row first, locked as writing it would (FOR NO KEY UPDATE, so a credential's foreign key
    // check is not held up): two saves of one track run one after the other, and the second sees the
    // first's updatedAt.
    const [live] = await tx.$queryRaw<{ updatedAt: Date }[]>`SELECT "updatedAt" FROM "Track" WHERE "id" = ${track.id} FOR NO KEY UPDATE`;
    if (!live) throw notFound('That track');
    if (live.updatedAt.getTime() !== seen) throw conflict(TRACK_CHANGED);
    const saved = await tx.track.update({
      where: { id: track.id },
      // Always later than the one the form saw: two saves within a millisecond still differ.
      data: {
        slug: def.slug, kind: def.kind, title: def.title, summary: def.summary, description: def.description, topic: def.topic, subjects: def.subjects, gradeBands: def.gradeBands,
        updatedAt: new Date(Math.max(Date.now(), seen + 1)),
      },
      select: { updatedAt: true },
    });
    await syncTrackAndLevels(tx, track.id, await placeLevels(tx, track, def.levels));
    await recordAudit({ actorId: opts.actor.id, action: 'track.edit', entityType: 'Track', entityId: track.id, organizationId: track.issuerId, data: { levels: def.levels } }, tx);
    return saved;
  });
}

export async function publishTrack(opts: { actor: Actor; trackId: string; now?: Date }) {
  const track = await loadOwnTrack(opts.actor, opts.trackId);
  if (track.status === 'PUBLISHED') throw invalidState('This track is already published.');
  await changePublicPages(async (tx) => {
    // The track row first, as retiring a level locks it: a retire of its last published level at the
    // same moment either sees the track published and is refused, or runs first and is counted here.
    await tx.$queryRaw`SELECT 1 FROM "Track" WHERE "id" = ${track.id} FOR NO KEY UPDATE`;
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
