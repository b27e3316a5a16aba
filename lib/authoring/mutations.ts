import 'server-only';
import { sameRubric } from '@/lib/review/exemplars';
import { releaseClaimsIfUnqualified } from '@/lib/review/claims';
import { db, type Tx } from '@/lib/db';
import { conflict, DomainError, forbidden, invalidState, isUniqueViolation, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { adoptBadgeImage, assertBadgeKeyOfIssuer, releaseBadgeImage } from '@/lib/authoring/badge-image';
import { deleteQueuedObjects } from '@/lib/storage/deletion';
import { MicroCredentialDef, MicroCredentialDraft, publishGaps, StackDef, TrackDef } from '@/lib/authoring/schemas';
import { loadDefinition, publishGapsOfVersion } from '@/lib/authoring/queries';
import { everPublished } from '@/lib/authoring/tracks';
import { syncCatalogEntry } from '@/lib/catalog/projection';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { recordAudit } from '@/lib/audit/log';
import { enqueueJob } from '@/lib/jobs/queue';
import { Prisma } from '@/lib/generated/prisma/client';
import type { z } from 'zod';
import { zodFieldErrors } from '@/lib/action-result';

type DefInput = z.input<typeof MicroCredentialDef> | z.input<typeof MicroCredentialDraft>;

/**
 * The definition to store. `allowIncomplete` (the editor's "Save draft") checks it as a draft: what
 * is given is checked as for publishing, but it may be unfinished. Without it (JSON import, the seed)
 * it must be complete.
 */
function parseDef(input: DefInput, allowIncomplete = false): MicroCredentialDraft {
  const parsed = allowIncomplete ? MicroCredentialDraft.safeParse(input) : MicroCredentialDef.safeParse(input);
  if (!parsed.success) throw validation('The credential definition has problems. Fix the highlighted fields.', zodFieldErrors(parsed.error));
  return parsed.data;
}

export const NOT_READY_TO_PUBLISH = 'This draft cannot be published yet: fill in what is missing, then publish.';

/** Writes a version's content (parts, rubric, resources, alignments) from a definition. */
async function writeVersionContent(tx: Tx, versionId: string, def: MicroCredentialDraft) {
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

function versionFields(def: MicroCredentialDraft) {
  return {
    title: def.title, summary: def.summary, competency: def.competency, keyMethod: def.keyMethod, methodComponents: def.methodComponents,
    researchRationale: def.researchRationale, pdHours: new Prisma.Decimal(def.pdHours), expiryMonths: def.expiryMonths ?? null, badgeColor: def.badgeColor,
    // A passing level not chosen yet (or whose level was removed) stays empty, so the editor asks for
    // it again rather than showing the lowest level as if chosen. Publishing requires it. So does a total.
    passingRuleKind: def.rubric.passingRule.kind, passingLevelRank: def.rubric.passingRule.levelRank ?? null,
    passingTotal: def.rubric.passingRule.kind === 'TOTAL_AT_LEAST' ? (def.rubric.passingRule.total ?? null) : null,
    // Kept on the version too: for a draft these are pending until publish copies them to the live row.
    ...classification(def),
  };
}

function classification(def: Pick<MicroCredentialDraft, 'level' | 'topic' | 'subjects' | 'gradeBands'>) {
  return { level: def.level ?? null, topic: def.topic, subjects: def.subjects, gradeBands: def.gradeBands };
}

const SLUG_LOCKED = 'The address of a published micro-credential cannot change: badges link to it.';
export const EDIT_CONFLICT = 'Someone else changed or published this credential while you were editing. Reload to see their changes; copy your text first.';

/** Serialises saves and publishes of one credential: whoever comes second sees the first one's commit. */
async function lockCredential(tx: Tx, microCredentialId: string) {
  const [row] = await tx.$queryRaw<{ publishedAt: Date | null; status: string; trackId: string | null; level: number | null; currentVersionId: string | null }[]>`
    SELECT "publishedAt", "status"::text AS "status", "trackId", "level", "currentVersionId" FROM "MicroCredential" WHERE "id" = ${microCredentialId} FOR UPDATE`;
  if (!row) throw notFound('That credential');
  return { ...row, everPublished: everPublished(row) };
}

/** A track has one credential per level (@@unique([trackId, level])): say so on the field instead of failing the write. */
async function assertLevelFree(client: Tx | typeof db, opts: { microCredentialId: string; trackId: string | null; level: number | null }) {
  if (!opts.trackId || opts.level === null) return;
  const other = await client.microCredential.findFirst({ where: { trackId: opts.trackId, level: opts.level, id: { not: opts.microCredentialId } }, select: { slug: true } });
  if (other) {
    const msg = `Level ${opts.level} of the track is already “${other.slug}”: a track has one credential per level. Set levels on the track page.`;
    throw validation(msg, { level: [msg] });
  }
}

/**
 * In a track, the track page sets each credential's level: it keeps the levels free of gaps and
 * repeats, and never moves a published one. The editor's level must stay as the track has it.
 */
async function levelSetByTrack(tx: Tx, live: { trackId: string; level: number | null; everPublished: boolean }, title: string) {
  const track = await tx.track.findUnique({ where: { id: live.trackId }, select: { title: true } });
  const where = live.level !== null ? `level ${live.level} of the track “${track?.title ?? ''}”` : `in the track “${track?.title ?? ''}” without a level`;
  const back = live.level !== null ? `Set the level back to Level ${live.level}.` : 'Set the level back to “No level”.';
  const msg = live.everPublished
    ? live.level !== null
      ? `“${title}” is ${where} and has been published, so its level cannot change: teachers who enrolled in it or earned it rely on it. ${back}`
      : `“${title}” is ${where} and has been published. Only the track page can give it a level. ${back}`
    : `“${title}” is ${where}. Levels in a track are set on the track page, not here. ${back}`;
  return validation(msg, { level: [msg] });
}

/** Whether a credential (any issuer's, in any state) has this address: addresses are public and global. */
async function slugTaken(slug: string): Promise<boolean> {
  return (await db.microCredential.findUnique({ where: { slug }, select: { id: true } })) !== null;
}
/** The same answer whoever holds the address, so it says nothing about another issuer's drafts. */
const slugTakenError = () => validation('That web address is already used by another credential.', { slug: ['That web address is already used. Choose another.'] });

/**
 * A new badge image is this issuer's before anything is written. It was checked when it was
 * confirmed (lib/authoring/badge-image.ts); the save's transaction adopts it (adoptBadgeImage).
 */
function checkBadgeKey(issuerId: string, key: string | null | undefined, current: string | null) {
  if (key && key !== current) assertBadgeKeyOfIssuer(issuerId, key);
}

/**
 * Creates a credential with its first (draft) version. `missing` is what it still needs before it can
 * be published (empty when complete); with `allowIncomplete` an unfinished draft is stored as it is.
 */
export async function createMicroCredential(opts: { actor: Actor; issuerId: string; def: DefInput; trackId?: string | null; badgeImageKey?: string | null; allowIncomplete?: boolean }) {
  if (!canAuthor(opts.actor, opts.issuerId)) throw forbidden();
  const def = parseDef(opts.def, opts.allowIncomplete);
  if (await slugTaken(def.slug)) throw slugTakenError();
  await assertLevelFree(db, { microCredentialId: '', trackId: opts.trackId ?? null, level: def.level ?? null });
  // Checked first (and adopted in the transaction), so a bad image leaves nothing behind and the
  // same form can simply be sent again.
  checkBadgeKey(opts.issuerId, opts.badgeImageKey, null);
  return db.$transaction(async (tx) => {
    // Two admins choosing the same free address at once: the unique index refuses the second, who is
    // told as if the check above had caught it (not "something went wrong").
    const mc = await tx.microCredential
      .create({ data: { issuerId: opts.issuerId, slug: def.slug, trackId: opts.trackId ?? null, ...classification(def) }, select: { id: true, slug: true } })
      .catch(async (e: unknown) => {
        throw isUniqueViolation(e) && (await slugTaken(def.slug)) ? slugTakenError() : e;
      });
    if (opts.badgeImageKey) await adoptBadgeImage(tx, { issuerId: opts.issuerId, microCredentialId: mc.id, key: opts.badgeImageKey });
    const version = await tx.microCredentialVersion.create({
      data: { microCredentialId: mc.id, version: 1, createdById: opts.actor.id, badgeImageKey: opts.badgeImageKey ?? null, ...versionFields(def) },
      select: { id: true, updatedAt: true },
    });
    await writeVersionContent(tx, version.id, def);
    await recordAudit({ actorId: opts.actor.id, action: 'credential.create', entityType: 'MicroCredential', entityId: mc.id, organizationId: opts.issuerId }, tx);
    return { id: mc.id, slug: mc.slug, versionId: version.id, updatedAt: version.updatedAt, missing: publishGaps(def) };
  });
}

/**
 * Saves an edit. A draft version is rewritten in place; a published one is never touched: the edit
 * becomes a new draft version, so submissions in flight keep the version they answered. Once a
 * credential has been published, nothing teachers, verifiers or reports see changes until the
 * draft is published: its classification waits on the draft row, and its address never changes.
 * In a track, its level is the track's to set (on the track page): a different one is refused.
 *
 * `expected` is the newest version as the editor loaded it; if someone else saved or published
 * since, the save is refused (CONFLICT) instead of silently overwriting their work.
 * `badgeImageKey`: undefined keeps the draft's image; a new key is a checked copy the transaction
 * adopts (adoptBadgeImage). The image a draft no longer shows is deleted after the commit once no
 * version shows it (releaseBadgeImage).
 * `allowIncomplete`: the draft may be unfinished (the editor's "Save draft"); `missing` in the result
 * says what it still needs before it can be published.
 */
export async function saveMicroCredentialDraft(opts: {
  actor: Actor;
  microCredentialId: string;
  def: DefInput;
  badgeImageKey?: string | null;
  expected?: { versionId: string; updatedAt: Date } | null;
  allowIncomplete?: boolean;
}) {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: { id: true, issuerId: true, slug: true, status: true, publishedAt: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, badgeImageKey: true } } },
  });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  const def = parseDef(opts.def, opts.allowIncomplete);
  if (def.slug !== mc.slug) {
    if (mc.publishedAt !== null || mc.status !== 'DRAFT') throw validation(SLUG_LOCKED, { slug: [SLUG_LOCKED] });
    if (await slugTaken(def.slug)) throw slugTakenError();
  }
  checkBadgeKey(mc.issuerId, opts.badgeImageKey, mc.versions[0]?.badgeImageKey ?? null);
  const { released, ...result } = await changePublicPages(async (tx) => {
    const live = await lockCredential(tx, mc.id);
    // Re-read under the lock: a publish or another save may have landed since the checks above.
    const latest = await tx.microCredentialVersion.findFirst({
      where: { microCredentialId: mc.id },
      orderBy: { version: 'desc' },
      select: { id: true, version: true, status: true, updatedAt: true, badgeImageKey: true },
    });
    if (opts.expected && (latest?.id !== opts.expected.versionId || latest.updatedAt.getTime() !== opts.expected.updatedAt.getTime())) throw conflict(EDIT_CONFLICT, 'EDIT_CONFLICT');
    if (live.everPublished && def.slug !== mc.slug) throw validation(SLUG_LOCKED, { slug: [SLUG_LOCKED] });
    // Checked under the lock: a track saved meanwhile may have moved it or taken it in.
    if (live.trackId !== null && (def.level ?? null) !== live.level) throw await levelSetByTrack(tx, { ...live, trackId: live.trackId }, def.title || mc.slug);
    const badgeImageKey = opts.badgeImageKey === undefined ? (latest?.status === 'DRAFT' ? latest.badgeImageKey : null) : opts.badgeImageKey;
    // Under the lock, as read now: a new image is adopted (its queued deletion dropped) or refused.
    if (badgeImageKey && badgeImageKey !== (latest?.badgeImageKey ?? null)) await adoptBadgeImage(tx, { issuerId: mc.issuerId, microCredentialId: mc.id, key: badgeImageKey });
    let versionId: string;
    if (latest && latest.status === 'DRAFT') {
      versionId = latest.id;
      // Only while it is still a draft: its rows become what teachers answer once published.
      const updated = await tx.microCredentialVersion.updateMany({ where: { id: versionId, status: 'DRAFT' }, data: { ...versionFields(def), badgeImageKey } });
      if (updated.count !== 1) throw conflict(EDIT_CONFLICT, 'EDIT_CONFLICT');
      // Content rows of a draft are replaced wholesale; nothing references a draft's rows yet.
      await tx.rubricCriterion.deleteMany({ where: { versionId } });
      await tx.proficiencyLevel.deleteMany({ where: { versionId } });
      await tx.submissionPart.deleteMany({ where: { versionId } });
      await tx.resource.deleteMany({ where: { versionId } });
      await tx.alignment.deleteMany({ where: { versionId } });
    } else {
      const created = await tx.microCredentialVersion.create({
        data: { microCredentialId: mc.id, version: (latest?.version ?? 0) + 1, createdById: opts.actor.id, badgeImageKey, ...versionFields(def) },
        select: { id: true },
      });
      versionId = created.id;
    }
    await writeVersionContent(tx, versionId, def);
    if (!live.everPublished) {
      // Nobody has seen or earned it yet: the live row follows the draft.
      await tx.microCredential.updateMany({ where: { id: mc.id, publishedAt: null }, data: { slug: def.slug, ...classification(def) } });
      await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', mc.id);
    }
    await recordAudit({ actorId: opts.actor.id, action: 'credential.edit', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { versionId } }, tx);
    if ((latest?.badgeImageKey ?? null) !== badgeImageKey && opts.badgeImageKey !== undefined) {
      await recordAudit({ actorId: opts.actor.id, action: 'credential.badge_image', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { key: badgeImageKey } }, tx);
    }
    // A draft rewritten in place lets go of the image it had (a new draft of a published version
    // leaves the published one its own).
    const released = latest?.status === 'DRAFT' && latest.badgeImageKey !== badgeImageKey ? await releaseBadgeImage(tx, latest.badgeImageKey) : null;
    const saved = await tx.microCredentialVersion.findUniqueOrThrow({ where: { id: versionId }, select: { updatedAt: true } });
    return { versionId, updatedAt: saved.updatedAt, missing: publishGaps(def), released };
  });
  await deleteQueuedObjects(released, 'replacing a badge image');
  return result;
}

/**
 * Publishes the newest draft version; the previous published version is kept as superseded. The
 * draft's classification (topic, level, subjects, grade bands) becomes the live one, except the
 * level of a credential in a track, which stays as the track has it. A draft may have been saved
 * unfinished: it is checked as stored, against the full definition, and refused (INVALID_STATE)
 * with everything it lacks in `fieldErrors`, keyed as the editor's fields.
 *
 * `expected` is the newest version as the editor loaded or last saved it: if someone else saved or
 * published since, the publish is refused (CONFLICT) rather than putting live what the publisher never saw.
 */
export async function publishMicroCredential(opts: { actor: Actor; microCredentialId: string; now?: Date; expected?: { versionId: string; updatedAt: Date } | null }) {
  const now = opts.now ?? new Date();
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { id: true, issuerId: true } });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  return changePublicPages(async (tx) => {
    const live = await lockCredential(tx, mc.id);
    const draft = await tx.microCredentialVersion.findFirst({
      where: { microCredentialId: mc.id },
      orderBy: { version: 'desc' },
      select: { id: true, status: true, version: true, updatedAt: true, topic: true, level: true, subjects: true, gradeBands: true },
    });
    // What the publisher last saw: another admin's save (or publish) since would otherwise go live unseen.
    if (opts.expected && (draft?.id !== opts.expected.versionId || draft.updatedAt.getTime() !== opts.expected.updatedAt.getTime())) throw conflict(EDIT_CONFLICT, 'EDIT_CONFLICT');
    if (!draft || draft.status !== 'DRAFT') throw invalidState('There are no unpublished changes to publish.');
    const gaps = publishGaps((await loadDefinition(draft.id, tx)).def);
    if (Object.keys(gaps).length) throw new DomainError('INVALID_STATE', NOT_READY_TO_PUBLISH, gaps);
    // In a track, the track page decides the level (see levelSetByTrack): one a draft carries, e.g.
    // saved before saves were checked, is not applied, so publishing never moves a credential in its track.
    const level = live.trackId !== null ? live.level : draft.level;
    // Drafts saved before classification was versioned (topic null) already wrote it to the live row.
    const pending = draft.topic !== null ? { topic: draft.topic, level, subjects: draft.subjects, gradeBands: draft.gradeBands } : {};
    const flipped = await tx.microCredentialVersion.updateMany({ where: { id: draft.id, status: 'DRAFT' }, data: { status: 'PUBLISHED', publishedAt: now, ...(draft.topic !== null ? { level } : {}) } });
    if (flipped.count !== 1) throw invalidState('There are no unpublished changes to publish.');
    await tx.microCredentialVersion.updateMany({ where: { microCredentialId: mc.id, status: 'PUBLISHED', id: { not: draft.id } }, data: { status: 'SUPERSEDED' } });
    await tx.microCredential.update({
      where: { id: mc.id },
      data: { status: 'PUBLISHED', currentVersionId: draft.id, publishedAt: live.publishedAt ?? now, ...pending },
    });
    await syncCredentialAndListings(tx, mc.id, live.trackId);
    // A rubric that now means something else: reviewers calibrated on the old one calibrate again
    // (once the samples are scored on the new rubric, which the editor asks the admin to do).
    const rubricChanged = live.currentVersionId !== null && !(await sameRubric(tx, live.currentVersionId, draft.id));
    const recalibrate = rubricChanged
      ? (await tx.reviewerQualification.updateMany({ where: { microCredentialId: mc.id, calibratedAt: { not: null } }, data: { calibratedAt: null } })).count
      : 0;
    // Whoever must now calibrate before scoring gives back the work of it they hold, rather than
    // keep it (and its evidence) until the claim runs out. Usually nobody yet: samples scored on the
    // old rubric stop counting, so calibration is asked for again only once one is scored on the new
    // one (from then on the reviewer's next visit or autosave ends the claim: endClaimIfMayNotScore).
    // But a rubric put back as it was brings the samples scored on it back at once.
    if (rubricChanged) await releaseClaimsIfUnqualified(tx, { microCredentialId: mc.id, denial: 'NOT_CALIBRATED', actorId: opts.actor.id, now, reason: 'the rubric changed, so you need to pass the calibration exercise again first' });
    // Publishing a draft of a retired credential also puts it back in the catalogue: logged as such.
    const action = live.status === 'RETIRED' ? 'credential.publish_again' : 'credential.publish';
    await recordAudit({
      actorId: opts.actor.id, action, entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId,
      data: { version: draft.version, ...(live.status === 'RETIRED' ? { newVersion: true } : {}), ...(rubricChanged ? { rubricChanged: true, calibrationsReset: recalibrate } : {}) },
    }, tx);
    const published = await tx.microCredentialVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { updatedAt: true } });
    return { versionId: draft.id, version: draft.version, updatedAt: published.updatedAt, rubricChanged, calibrationsReset: recalibrate };
  });
}

/**
 * Retires a published credential. Refused while a published stack includes it: newcomers could no
 * longer earn the stack, so the stack is retired or changed first. Refused too when it is the last
 * published level of a published track, which would stay in the catalogue with nothing to earn
 * (teachers could still enrol in it): the track is retired first.
 */
export async function retireMicroCredential(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { id: true, issuerId: true, status: true, trackId: true } });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  if (mc.status !== 'PUBLISHED') throw invalidState('Only a published credential can be retired.');
  await changePublicPages(async (tx) => {
    // The track first, as a track save locks it before its credentials: two retires of its last two
    // published levels then run one after the other, and the second sees the first. (NO KEY: a
    // teacher enrolling in the track meanwhile is not held up.)
    const [track] = mc.trackId
      ? await tx.$queryRaw<{ title: string; status: string }[]>`SELECT "title", "status"::text AS "status" FROM "Track" WHERE "id" = ${mc.trackId} FOR NO KEY UPDATE`
      : [];
    // Then the credential: publishing a stack reads its parts' status inside its own transaction.
    const live = await lockCredential(tx, mc.id);
    if (live.status !== 'PUBLISHED') throw invalidState('Only a published credential can be retired.');
    // A published credential never leaves its track, but one may have joined a track since it was read.
    if (live.trackId !== mc.trackId) throw conflict('This credential was just added to a track. Reload the page and try again.');
    if (track?.status === 'PUBLISHED') {
      const others = await tx.microCredential.count({ where: { trackId: mc.trackId, status: 'PUBLISHED', id: { not: mc.id } } });
      if (!others) throw invalidState(`This is the only published level of the published track “${track.title}”: the track would stay in the catalogue with nothing teachers can earn. Retire the track first, then this credential.`);
    }
    const stacks = await tx.stack.findMany({ where: { status: 'PUBLISHED', items: { some: { microCredentialId: mc.id } } }, orderBy: { title: 'asc' }, select: { title: true } });
    if (stacks.length) {
      const names = stacks.map((s) => `“${s.title}”`).join(', ');
      throw invalidState(`This credential is part of the published stack${stacks.length > 1 ? 's' : ''} ${names}: teachers could no longer complete ${stacks.length > 1 ? 'them' : 'it'}. Retire the stack${stacks.length > 1 ? 's' : ''} or remove this credential from ${stacks.length > 1 ? 'them' : 'it'} first.`);
    }
    await tx.microCredential.update({ where: { id: mc.id }, data: { status: 'RETIRED' } });
    // Its track stays as it is (it may be published again later), but the track's hours no longer count it.
    await syncCredentialAndListings(tx, mc.id, live.trackId);
    await recordAudit({ actorId: opts.actor.id, action: 'credential.retire', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId }, tx);
  });
}

export const NOT_A_DRAFT = 'Only a credential that was never published can be deleted. A published one is retired instead, so its badges and links keep working.';

/**
 * Deletes a micro-credential that was never published: an admin's abandoned draft (a test, a
 * duplicate). Nobody can have enrolled in it, applied for it or earned it, so nothing of a teacher's
 * goes with it; its versions, rubric, reviewer qualifications and calibration samples do. Refused
 * while a track or stack lists it (the admin takes it out first, as for retiring), and once it has ever been
 * published. Its badge images are deleted by a queued job after the commit. The title and address
 * stay in the audit log.
 */
export async function deleteDraftMicroCredential(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { id: true, issuerId: true, slug: true } });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  return db.$transaction(async (tx) => {
    // Locked like publish: a publish at the same moment either wins (and this is refused) or waits
    // and finds the credential gone.
    const live = await lockCredential(tx, mc.id);
    if (live.everPublished) throw invalidState(NOT_A_DRAFT);
    // Deleting it would leave a gap in the track's levels (or take away its only one).
    if (live.trackId) {
      const track = await tx.track.findUnique({ where: { id: live.trackId }, select: { title: true } });
      const where = live.level !== null ? `level ${live.level} of the track` : 'in the track';
      throw invalidState(`This draft is ${where} “${track?.title ?? ''}”. Remove it from the track first (on the track page).`);
    }
    const stacks = await tx.stack.findMany({ where: { items: { some: { microCredentialId: mc.id } } }, orderBy: { title: 'asc' }, select: { title: true } });
    if (stacks.length) {
      const names = stacks.map((s) => `“${s.title}”`).join(', ');
      throw invalidState(`This draft is part of the stack${stacks.length > 1 ? 's' : ''} ${names}. Remove it from ${stacks.length > 1 ? 'them' : 'it'} first.`);
    }
    // Never published, so none of these can exist; checked so a future path that allows them cannot
    // lose a teacher's work through this door.
    const [enrolled, applied, proposed, earned] = await Promise.all([
      tx.enrollment.count({ where: { microCredentialId: mc.id } }),
      tx.submission.count({ where: { microCredentialId: mc.id } }),
      tx.proposal.count({ where: { microCredentialId: mc.id } }),
      tx.award.count({ where: { microCredentialId: mc.id } }),
    ]);
    if (enrolled + applied + proposed + earned > 0) throw invalidState('Teachers have work on this credential, so it cannot be deleted. Retire it instead.');
    const versions = await tx.microCredentialVersion.findMany({ where: { microCredentialId: mc.id }, orderBy: { version: 'desc' }, select: { title: true, badgeImageKey: true } });
    const keys = [...new Set(versions.map((v) => v.badgeImageKey).filter((k): k is string => Boolean(k)))];
    // An image another credential's version still shows (an import or copy) stays.
    const shared = keys.length ? await tx.microCredentialVersion.findMany({ where: { badgeImageKey: { in: keys }, microCredentialId: { not: mc.id } }, select: { badgeImageKey: true } }) : [];
    const toDelete = keys.filter((k) => !shared.some((v) => v.badgeImageKey === k));
    // Versions, their parts and rubric, qualifications and calibration samples go with it (cascades).
    await tx.microCredential.delete({ where: { id: mc.id } });
    if (toDelete.length) await enqueueJob({ type: 'storage.delete-objects', payload: { keys: toDelete, uploads: [] } }, tx);
    const title = versions[0]?.title ?? mc.slug;
    await recordAudit({ actorId: opts.actor.id, action: 'credential.delete_draft', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { title, slug: mc.slug } }, tx);
    return { title };
  });
}

export const NOT_RETIRED = 'Only a retired credential can be published again.';
/** "Publish again" refused: the version to put back breaks a rule publishing now has (its problems go in fieldErrors). */
export const notPublishableAgain = (version: number) =>
  `Version ${version} cannot go back in the catalogue as it is: publishing no longer accepts what is listed below. Fix it here, then choose Publish again to publish it as a new version.`;
export const ALREADY_BACK = 'This credential is already published: someone may have published it again. Reload to see where it stands.';

/**
 * Publishes a retired credential again, as it was: the version it last had published goes back in
 * the catalogue under the same address, with no new version. Nothing else is restored or re-added,
 * because retiring removed nothing else:
 * - its track: retiring kept it in the track (only hidden). If an admin took it out of the track
 *   while it was retired, it stays out; if it is still in, the track lists and counts it again.
 * - stacks: a published stack cannot include a retired credential, so none gains it back; draft or
 *   retired stacks that list it stay as they are (a draft one can now be published).
 * - a draft saved while it was retired stays a draft, for the usual Publish.
 * Teachers who were working on it carry on; newcomers can enrol again.
 *
 * `expected` is the newest version as the editor loaded it: if someone saved since, the form is
 * stale and the request is refused (CONFLICT), like a save.
 */
export async function republishMicroCredential(opts: { actor: Actor; microCredentialId: string; expected?: { versionId: string; updatedAt: Date } | null }) {
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { id: true, issuerId: true, status: true } });
  if (!mc) throw notFound('That credential');
  if (!canAuthor(opts.actor, mc.issuerId)) throw forbidden();
  if (mc.status === 'PUBLISHED') throw invalidState(ALREADY_BACK);
  if (mc.status !== 'RETIRED') throw invalidState(NOT_RETIRED);
  return changePublicPages(async (tx) => {
    // Locked like publish and retire: a retire, save or second "publish again" waits, then sees this one.
    const live = await lockCredential(tx, mc.id);
    if (live.status === 'PUBLISHED') throw invalidState(ALREADY_BACK);
    if (live.status !== 'RETIRED') throw invalidState(NOT_RETIRED);
    const latest = await tx.microCredentialVersion.findFirst({ where: { microCredentialId: mc.id }, orderBy: { version: 'desc' }, select: { id: true, updatedAt: true } });
    if (opts.expected && (latest?.id !== opts.expected.versionId || latest.updatedAt.getTime() !== opts.expected.updatedAt.getTime())) throw conflict(EDIT_CONFLICT, 'EDIT_CONFLICT');
    const published = await tx.microCredentialVersion.findFirst({ where: { microCredentialId: mc.id, status: 'PUBLISHED' }, select: { id: true, version: true, updatedAt: true } });
    if (!published) throw invalidState('It has no published version to put back. Save your changes and publish them instead.');
    // Only as publishing would take it today: a version published before a rule (links limited to
    // http(s), ADR 020) may break it, e.g. a javascript: link that new badges would then sign. The
    // editor shows this version, so each problem is listed at its field; fixed, it is published anew.
    const gaps = await publishGapsOfVersion(published.id, tx);
    if (Object.keys(gaps).length) throw new DomainError('INVALID_STATE', notPublishableAgain(published.version), gaps);
    // Same address and first-published date: badges and links to it keep working.
    await tx.microCredential.update({ where: { id: mc.id }, data: { status: 'PUBLISHED', currentVersionId: published.id } });
    await syncCredentialAndListings(tx, mc.id, live.trackId);
    await recordAudit({ actorId: opts.actor.id, action: 'credential.publish_again', entityType: 'MicroCredential', entityId: mc.id, organizationId: mc.issuerId, data: { version: published.version } }, tx);
    return { versionId: published.id, version: published.version, updatedAt: published.updatedAt };
  });
}

/**
 * Re-syncs a credential's catalogue entry and those of the stacks and track that list it (their
 * hours and text include it only while it is published).
 */
async function syncCredentialAndListings(tx: Tx, microCredentialId: string, trackId: string | null) {
  await syncCatalogEntry(tx, 'MICRO_CREDENTIAL', microCredentialId);
  // One connection: queries inside a transaction run one after another.
  const stacks = await tx.stackItem.findMany({ where: { microCredentialId }, select: { stackId: true } });
  for (const s of stacks) await syncCatalogEntry(tx, 'STACK', s.stackId);
  if (trackId) await syncCatalogEntry(tx, 'TRACK', trackId);
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
      // A pending draft follows the track's order, so publishing it later does not undo it.
      await tx.microCredentialVersion.updateMany({ where: { status: 'DRAFT', microCredential: { slug, issuerId: opts.issuerId } }, data: { level: i + 1 } });
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
