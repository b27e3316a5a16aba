import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { forbidden, notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { blankToUndefined, str } from '@/lib/zod-text';
import { releaseClaimsIfUnqualified } from '@/lib/review/claims';
import { loadRubrics, rubricMeaning, standExemplars } from '@/lib/review/exemplar-standing';

// How stored agreed levels are read and which samples fit the current rubric live in
// lib/review/exemplar-standing.ts (context.ts needs them, and this module needs claims.ts, which
// needs context.ts); sameRubric is still offered here to its callers (publishing compares rubrics).
export { sameRubric } from '@/lib/review/exemplar-standing';

// A criterion left on "Choose a level" posts an empty value: said at that criterion's select (keyed
// expectedRanks.<n>), never read as the lowest level, which z.coerce.number would make of "".
const expectedRank = z.preprocess(blankToUndefined, z.coerce.number({ error: 'Choose a level.' }).int('Choose a level.').min(0, 'Choose a level.').max(10, 'Choose a level.'));
const expectedRanksInput = z.array(expectedRank).min(1, 'Choose the agreed level for every criterion.').max(20);

/** Said when the agreed levels were chosen on a rubric that is no longer the credential's current one. */
export const RUBRIC_CHANGED = 'The rubric changed after this page was opened (a new version was published), so these levels may not fit it. Nothing was saved. Copy anything you typed, reload the page, and choose the agreed levels on the current rubric.';

// The version whose rubric the form showed: agreed levels are posted by criterion position, which
// only means something on that rubric. A form from before this field existed is just as out of date.
const formVersionId = z.string({ error: RUBRIC_CHANGED }).overwrite((v) => v.replaceAll('\u0000', '')).min(1, RUBRIC_CHANGED).max(40, RUBRIC_CHANGED);

export const ExemplarInput = z.object({
  microCredentialId: str().min(1).max(40),
  versionId: formVersionId,
  title: str().trim().min(3, 'Give the sample a neutral title, e.g. “Sample C: grade 5 team”.').max(200, 'Use at most 200 characters.'),
  responses: z.array(z.object({ partTitle: str().max(200), text: str().max(20_000, 'Use at most 20,000 characters.') })).max(20),
  // Expected level rank per criterion, in rubric order.
  expectedRanks: expectedRanksInput,
});

/** New agreed levels for an existing sample, on the credential's current rubric. */
export const RescoreExemplarInput = z.object({
  exemplarId: str().min(1).max(40),
  versionId: formVersionId,
  expectedRanks: expectedRanksInput,
});

async function loadCredential(actor: Actor, microCredentialId: string) {
  const mc = await db.microCredential.findUnique({
    where: { id: microCredentialId },
    select: {
      id: true, slug: true, issuerId: true,
      currentVersion: {
        select: {
          id: true, version: true, title: true,
          parts: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, prompt: true, responseType: true } },
          criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true } },
          levels: { orderBy: { rank: 'asc' }, select: { rank: true, label: true } },
        },
      },
    },
  });
  if (!mc || !mc.currentVersion) throw notFound('That credential');
  if (!isIssuerAdmin(actor, mc.issuerId)) throw forbidden();
  return { ...mc, version: mc.currentVersion };
}

type Credential = Awaited<ReturnType<typeof loadCredential>>;

/**
 * The stored agreed levels for the current rubric, after checking they fit it. `formVersionId` is the
 * version whose rubric the form showed: the levels are chosen by criterion position, so they are
 * taken only when that is the current version, or one of this credential with the same rubric in
 * meaning (a new version that changed other things). Otherwise a publish since the form was opened
 * could put them on other criteria or levels.
 */
async function rankOnCurrentRubric(mc: Credential, formVersionId: string, expectedRanks: number[]) {
  if (formVersionId !== mc.version.id) {
    const rubrics = await loadRubrics(db, [formVersionId, mc.version.id]);
    const shown = rubrics.get(formVersionId);
    const current = rubrics.get(mc.version.id);
    if (!shown || !current || shown.microCredentialId !== mc.id || rubricMeaning(shown) !== rubricMeaning(current)) throw validation(RUBRIC_CHANGED);
  }
  const { criteria, levels } = mc.version;
  if (expectedRanks.length !== criteria.length) throw validation('Choose the agreed level for every criterion.');
  const maxRank = Math.max(...levels.map((l) => l.rank));
  if (expectedRanks.some((r) => r > maxRank)) throw validation('One of the agreed levels is not on this rubric.');
  return { versionId: mc.version.id, ranks: Object.fromEntries(criteria.map((c, i) => [c.id, expectedRanks[i]])) };
}

/**
 * The rubric and existing calibration samples of a credential, for its issuer's admins. Samples
 * scored on an earlier rubric are marked (`upToDate: false`) with the levels they were given there:
 * reviewers do not see them until they are scored again.
 */
export async function getExemplarEditor(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await loadCredential(opts.actor, opts.microCredentialId);
  const rows = await db.calibrationExemplar.findMany({
    where: { microCredentialId: mc.id },
    orderBy: [{ createdAt: 'asc' }, { title: 'asc' }],
    select: { id: true, microCredentialId: true, title: true, expectedRanks: true, createdAt: true, _count: { select: { results: true } } },
  });
  const standing = await standExemplars(db, rows);
  const exemplars = rows.map((e) => {
    const s = standing.get(e.id)!;
    const label = (levels: { rank: number; label: string }[], rank: number | undefined) => (rank === undefined ? null : (levels.find((l) => l.rank === rank)?.label ?? `Rank ${rank}`));
    const agreed = s.expected
      ? mc.version.criteria.map((c, i) => ({ criterion: c.title, level: label(mc.version.levels, s.expected![String(i)]) }))
      : s.scoredOn
        ? s.scoredOn.criteria.map((c, i) => ({ criterion: c.title, level: label(s.scoredOn!.levels, s.scored?.[String(i)]) }))
        : [];
    return { id: e.id, title: e.title, createdAt: e.createdAt, results: e._count.results, upToDate: s.expected !== null, scoredVersion: s.scoredOn?.version ?? null, agreed };
  });
  return { mc, exemplars };
}

/**
 * In the transaction that added a sample or scored one on the current rubric: the credential may now
 * ask for calibration where it asked for none (its first sample that fits the rubric, or the first
 * since a new rubric reset everyone's calibration). Whoever that leaves uncalibrated gives back the
 * work of it they hold now, rather than keep it (and its evidence) until the claim runs out; a
 * reviewer still calibrated keeps theirs. Only reviewers holding its work are looked at, together.
 */
function releaseUncalibratedClaims(tx: Tx, mc: Credential, actorId: string, reason: string) {
  return releaseClaimsIfUnqualified(tx, { microCredentialId: mc.id, denial: 'NOT_CALIBRATED', actorId, now: new Date(), reason });
}

/**
 * Adds an anonymised sample with agreed scores; reviewers must match it before live review.
 *
 * Safe to send again (a request that got no answer, a double submit): a sample of this credential
 * with the same title, the same answers (as stored: blank ones left out) and the same agreed level
 * for every criterion of the current rubric is the one already there. It is returned with
 * `alreadyAdded: true`, with no second row, audit entry or release of claims. The agreed levels are
 * compared per criterion of the current rubric, so a sample scored on an earlier version whose
 * rubric means the same counts too; one scored on a rubric that no longer fits does not (reviewers
 * do not see it until it is scored again, so a new one beside it is not a duplicate). There is no time
 * limit: two identical samples are never useful (reviewers would score the same work twice, and it
 * would weigh twice in calibration), and a repeat is just as much a repeat a day later.
 */
export async function createExemplar(opts: { actor: Actor; input: z.infer<typeof ExemplarInput> }): Promise<{ id: string; alreadyAdded: boolean }> {
  const mc = await loadCredential(opts.actor, opts.input.microCredentialId);
  const expectedRanks = await rankOnCurrentRubric(mc, opts.input.versionId, opts.input.expectedRanks);
  const responses = opts.input.responses.filter((r) => r.text.trim());
  if (!responses.length) throw validation('Write the sample’s answer for at least one part.');
  // As jsonb gives them back: compared structurally, so the order jsonb keeps keys in does not matter.
  const storedResponses: unknown = JSON.parse(JSON.stringify(responses));
  const byPosition = Object.fromEntries(opts.input.expectedRanks.map((r, i) => [String(i), r]));
  return db.$transaction(async (tx) => {
    // One add per credential at a time: two copies sent at once would each find no sample and both add it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`calibration-exemplars:${mc.id}`}))`;
    const sameText = (
      await tx.calibrationExemplar.findMany({
        where: { microCredentialId: mc.id, title: opts.input.title },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, microCredentialId: true, createdAt: true, responses: true, expectedRanks: true },
      })
    ).filter((e) => isDeepStrictEqual(e.responses, storedResponses));
    if (sameText.length) {
      const standing = await standExemplars(tx, sameText);
      const existing = sameText.find((e) => {
        const expected = standing.get(e.id)?.expected;
        return expected != null && isDeepStrictEqual(expected, byPosition);
      });
      if (existing) return { id: existing.id, alreadyAdded: true };
    }
    const created = await tx.calibrationExemplar.create({
      data: { microCredentialId: mc.id, title: opts.input.title, responses, expectedRanks },
      select: { id: true },
    });
    await recordAudit({ actorId: opts.actor.id, action: 'calibration.exemplar_create', entityType: 'CalibrationExemplar', entityId: created.id, organizationId: mc.issuerId }, tx);
    await releaseUncalibratedClaims(tx, mc, opts.actor.id, 'a calibration sample was added, so you need to pass the calibration exercise first');
    return { id: created.id, alreadyAdded: false };
  });
}

/** Scores a sample again on the credential's current rubric, e.g. after a new version changed it. */
export async function rescoreExemplar(opts: { actor: Actor; input: z.infer<typeof RescoreExemplarInput> }) {
  const ex = await db.calibrationExemplar.findUnique({ where: { id: opts.input.exemplarId }, select: { id: true, microCredentialId: true } });
  if (!ex) throw notFound('That sample');
  const mc = await loadCredential(opts.actor, ex.microCredentialId);
  const expectedRanks = await rankOnCurrentRubric(mc, opts.input.versionId, opts.input.expectedRanks);
  await db.$transaction(async (tx) => {
    await tx.calibrationExemplar.update({ where: { id: ex.id }, data: { expectedRanks } });
    await recordAudit({ actorId: opts.actor.id, action: 'calibration.exemplar_rescore', entityType: 'CalibrationExemplar', entityId: ex.id, organizationId: mc.issuerId, data: { versionId: mc.version.id } }, tx);
    await releaseUncalibratedClaims(tx, mc, opts.actor.id, 'a calibration sample was scored on the current rubric, so you need to pass the calibration exercise first');
  });
}

export async function deleteExemplar(opts: { actor: Actor; exemplarId: string }) {
  const ex = await db.calibrationExemplar.findUnique({ where: { id: opts.exemplarId }, select: { id: true, microCredential: { select: { issuerId: true } } } });
  if (!ex) throw notFound('That sample');
  if (!isIssuerAdmin(opts.actor, ex.microCredential.issuerId)) throw forbidden();
  await db.$transaction(async (tx) => {
    await tx.calibrationExemplar.delete({ where: { id: ex.id } });
    await recordAudit({ actorId: opts.actor.id, action: 'calibration.exemplar_delete', entityType: 'CalibrationExemplar', entityId: ex.id, organizationId: ex.microCredential.issuerId }, tx);
  });
}
