import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { forbidden, notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { blankToUndefined, str } from '@/lib/zod-text';

// Agreed levels only mean something on the rubric they were scored against. They are stored as
// { versionId, ranks: { [criterionId]: rank } }. Rows written before that ({ "0": rank, ... }, by
// criterion position) belong to the version that was current when they were created.

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

type Client = Tx | typeof db;

const rubricSelect = {
  id: true, microCredentialId: true, version: true, status: true,
  criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, description: true, descriptors: { select: { levelId: true, text: true } } } },
  levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true, label: true } },
} as const;

/**
 * Rubrics of versions that are no longer drafts, kept per process: only a DRAFT version is ever
 * edited (lib/authoring/mutations.ts), so a published or superseded one's rubric never changes and
 * every server may keep its own copy without invalidation. The review queue asks for the rubrics
 * of every credential a reviewer covers with samples (hundreds for a busy reviewer); without this
 * each page read them all again (`npm run bench:explain`).
 */
const settledRubrics = new Map<string, Rubric>();
const SETTLED_RUBRICS_MAX = 5_000;

async function loadRubrics(client: Client, ids: string[]): Promise<Map<string, Rubric>> {
  const out = new Map<string, Rubric>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = settledRubrics.get(id);
    if (hit) out.set(id, hit);
    else missing.push(id);
  }
  if (!missing.length) return out;
  for (const row of await client.microCredentialVersion.findMany({ where: { id: { in: missing } }, select: rubricSelect })) {
    const { status, ...rubric } = row;
    out.set(rubric.id, rubric);
    // Read inside a transaction (publishing), a version may look settled and still roll back to a draft.
    if (status === 'DRAFT' || client !== db) continue;
    if (settledRubrics.size >= SETTLED_RUBRICS_MAX) settledRubrics.delete(settledRubrics.keys().next().value!);
    settledRubrics.set(rubric.id, rubric);
  }
  return out;
}

type Rubric = { id: string; microCredentialId: string; version: number; criteria: { id: string; title: string; description: string; descriptors: { levelId: string; text: string }[] }[]; levels: { id: string; rank: number; label: string }[] };

type StoredRanks = { versionId: string; ranks: Record<string, number> } | { versionId: null; ranks: Record<string, number> };

function parseStoredRanks(v: unknown): StoredRanks | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const numbers = (o: object) => {
    const out: Record<string, number> = {};
    for (const [k, r] of Object.entries(o)) if (typeof r === 'number' && Number.isInteger(r)) out[k] = r;
    return out;
  };
  const o = v as Record<string, unknown>;
  if (typeof o.versionId === 'string') return o.ranks && typeof o.ranks === 'object' && !Array.isArray(o.ranks) ? { versionId: o.versionId, ranks: numbers(o.ranks) } : null;
  const legacy = numbers(o);
  return Object.keys(legacy).every((k) => /^\d+$/.test(k)) ? { versionId: null, ranks: legacy } : null;
}

/** What the agreed levels mean: criteria in order, what each says about each level, and the levels. */
function rubricMeaning(r: Rubric) {
  const rankOf = new Map(r.levels.map((l) => [l.id, l.rank]));
  return JSON.stringify({
    levels: r.levels.map((l) => [l.rank, l.label]),
    criteria: r.criteria.map((c) => [c.title, c.description, c.descriptors.map((d) => [rankOf.get(d.levelId) ?? -1, d.text] as const).sort((a, b) => a[0] - b[0])]),
  });
}

/** Whether two versions' rubrics mean the same (criteria, descriptors and levels, in order). */
export async function sameRubric(client: Client, versionA: string, versionB: string): Promise<boolean> {
  if (versionA === versionB) return true;
  const rubrics = await loadRubrics(client, [versionA, versionB]);
  const a = rubrics.get(versionA);
  const b = rubrics.get(versionB);
  return Boolean(a && b && rubricMeaning(a) === rubricMeaning(b));
}

/** Agreed rank per criterion position of `rubric`, or null unless every criterion (and nothing else) has one. */
function ranksByPosition(stored: StoredRanks, rubric: Rubric): Record<string, number> | null {
  const keys = rubric.criteria.map((c, i) => (stored.versionId === null ? String(i) : c.id));
  if (Object.keys(stored.ranks).length !== keys.length || keys.some((k) => stored.ranks[k] === undefined)) return null;
  return Object.fromEntries(keys.map((k, i) => [String(i), stored.ranks[k]]));
}

export type ExemplarStanding = {
  /** The rubric the agreed levels were given on, when it can be told. */
  scoredOn: Rubric | null;
  /** Agreed rank per criterion position of `scoredOn`. */
  scored: Record<string, number> | null;
  /** Agreed rank per criterion position of the credential's current rubric; null when scored on another rubric. */
  expected: Record<string, number> | null;
};

type ExemplarRow = { id: string; microCredentialId: string; createdAt: Date; expectedRanks: unknown };

/**
 * Ties each sample to the rubric it was scored on and says whether that is (in meaning) the
 * current one. A new version with the same rubric keeps its samples; fewer, reordered or reworded
 * criteria, or other levels, retire them until an admin scores them again.
 */
export async function standExemplars(client: Client, rows: ExemplarRow[]): Promise<Map<string, ExemplarStanding>> {
  const out = new Map<string, ExemplarStanding>();
  if (!rows.length) return out;
  const mcIds = [...new Set(rows.map((r) => r.microCredentialId))];
  const [mcs, published] = await Promise.all([
    client.microCredential.findMany({ where: { id: { in: mcIds } }, select: { id: true, currentVersionId: true } }),
    client.microCredentialVersion.findMany({ where: { microCredentialId: { in: mcIds }, publishedAt: { not: null } }, orderBy: [{ publishedAt: 'desc' }, { version: 'desc' }], select: { id: true, microCredentialId: true, publishedAt: true } }),
  ]);
  const stored = new Map(rows.map((r) => [r.id, parseStoredRanks(r.expectedRanks)]));
  const versionOf = (r: ExemplarRow): string | null => {
    const s = stored.get(r.id);
    if (!s) return null;
    if (s.versionId) return s.versionId;
    // Stored before samples recorded their rubric: the version current when it was added, else
    // (added before the first publication) the first published one.
    const own = published.filter((v) => v.microCredentialId === r.microCredentialId);
    return (own.find((v) => v.publishedAt! <= r.createdAt) ?? own.at(-1))?.id ?? null;
  };
  const wanted = new Set<string>();
  for (const mc of mcs) if (mc.currentVersionId) wanted.add(mc.currentVersionId);
  for (const r of rows) {
    const v = versionOf(r);
    if (v) wanted.add(v);
  }
  const rubrics = await loadRubrics(client, [...wanted]);
  const meaning = new Map<string, string>();
  const meaningOf = (r: Rubric) => {
    if (!meaning.has(r.id)) meaning.set(r.id, rubricMeaning(r));
    return meaning.get(r.id)!;
  };
  for (const r of rows) {
    const s = stored.get(r.id);
    const vid = versionOf(r);
    const scoredOn = vid ? rubrics.get(vid) : undefined;
    // A version of another credential cannot be what this sample was scored on.
    if (!s || !scoredOn || scoredOn.microCredentialId !== r.microCredentialId) {
      out.set(r.id, { scoredOn: null, scored: null, expected: null });
      continue;
    }
    const scored = ranksByPosition(s, scoredOn);
    const currentId = mcs.find((m) => m.id === r.microCredentialId)?.currentVersionId;
    const current = currentId ? rubrics.get(currentId) : undefined;
    const same = Boolean(current && (current.id === scoredOn.id || meaningOf(current) === meaningOf(scoredOn)));
    out.set(r.id, { scoredOn, scored, expected: same ? scored : null });
  }
  return out;
}

/** How many samples of each credential fit its current rubric: calibration is asked for only where there are some. */
export async function countCurrentExemplars(client: Client, microCredentialIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(microCredentialIds.map((id) => [id, 0]));
  if (!microCredentialIds.length) return counts;
  const rows = await client.calibrationExemplar.findMany({ where: { microCredentialId: { in: microCredentialIds } }, select: { id: true, microCredentialId: true, createdAt: true, expectedRanks: true } });
  const standing = await standExemplars(client, rows);
  for (const r of rows) if (standing.get(r.id)?.expected) counts.set(r.microCredentialId, (counts.get(r.microCredentialId) ?? 0) + 1);
  return counts;
}

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

/** Adds an anonymised sample with agreed scores; reviewers must match it before live review. */
export async function createExemplar(opts: { actor: Actor; input: z.infer<typeof ExemplarInput> }) {
  const mc = await loadCredential(opts.actor, opts.input.microCredentialId);
  const expectedRanks = await rankOnCurrentRubric(mc, opts.input.versionId, opts.input.expectedRanks);
  const responses = opts.input.responses.filter((r) => r.text.trim());
  if (!responses.length) throw validation('Write the sample’s answer for at least one part.');
  return db.$transaction(async (tx) => {
    const created = await tx.calibrationExemplar.create({
      data: { microCredentialId: mc.id, title: opts.input.title, responses, expectedRanks },
      select: { id: true },
    });
    await recordAudit({ actorId: opts.actor.id, action: 'calibration.exemplar_create', entityType: 'CalibrationExemplar', entityId: created.id, organizationId: mc.issuerId }, tx);
    return created;
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
