import 'server-only';
import { db, type Tx } from '@/lib/db';

// Which calibration samples fit a credential's current rubric, and the rubrics themselves. Kept apart
// from lib/review/exemplars.ts (the admins' authoring of samples) so that qualification checks
// (lib/review/context.ts) can count current samples while authoring gives back the claims of
// reviewers a new sample leaves uncalibrated (releaseClaimsIfUnqualified in lib/review/claims.ts,
// which needs context.ts) without the modules importing each other in a circle.

// Agreed levels only mean something on the rubric they were scored against. They are stored as
// { versionId, ranks: { [criterionId]: rank } }. Rows written before that ({ "0": rank, ... }, by
// criterion position) belong to the version that was current when they were created.

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

export async function loadRubrics(client: Client, ids: string[]): Promise<Map<string, Rubric>> {
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

export type Rubric = { id: string; microCredentialId: string; version: number; criteria: { id: string; title: string; description: string; descriptors: { levelId: string; text: string }[] }[]; levels: { id: string; rank: number; label: string }[] };

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
export function rubricMeaning(r: Rubric) {
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
