import 'server-only';
import { cache } from 'react';
import { ttlCache } from '@/lib/memo';
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/db';
import { CATALOG_COUNT_CAP, CATALOG_PAGE_SIZE, CATALOG_QUERY_MAX, type CatalogSearchInput } from '@/lib/catalog/schemas';
import { decodeCursor, encodeCursor, isCursorId, isCursorRank, isCursorTime } from '@/lib/catalog/cursor';
import { correctQuery, createVocabulary, type Vocabulary } from '@/lib/catalog/spelling';
import { ANY_SUBJECT, saysWhatTheyTeach, type Teaching } from '@/lib/teaching/policy';

export type CatalogItem = {
  id: string;
  kind: 'TRACK' | 'MICRO_CREDENTIAL' | 'STACK';
  /** The micro-credential's, track's or stack's own id. */
  refId: string;
  slug: string;
  title: string;
  summary: string;
  issuerName: string;
  topic: string;
  level: number | null;
  pdHours: string;
  gradeBands: string[];
  subjects: string[];
  stackSlugs: string[];
  badgeColor: string;
};

type RankCursor = { r: number; id: string };
type DateCursor = { p: string; id: string };
// Strict, not just typed: a hand-edited cursor the database would refuse starts the first page.
const isRankCursor = (v: Record<string, unknown>): v is RankCursor => isCursorRank(v.r) && isCursorId(v.id);
const isDateCursor = (v: Record<string, unknown>): v is DateCursor => isCursorTime(v.p) && isCursorId(v.id);

/**
 * What the "Recommended by my district" filter keeps: the catalogue entries (`KIND:refId`) the
 * teacher's district recommends to them, from `recommendedCatalogKeys` (the one audience rule, ADR
 * 014). Null for someone with no district: the filter is then ignored.
 */
export type RecommendedKeys = ReadonlySet<string> | null;

/**
 * What "Matches what I teach" keeps: entries for one of the teacher's subjects or for every subject (ANY_SUBJECT) and, when they chose
 * any, one of their grade bands (a teacher who chose only grade bands: any subject in them). Array
 * overlap (`&&`), which the GIN indexes on both columns answer. Nothing when nothing is said.
 */
export function teachingFilters(t: Teaching | null | undefined, alias = Prisma.sql`e`): Prisma.Sql[] {
  if (!saysWhatTheyTeach(t)) return [];
  const out: Prisma.Sql[] = [];
  // A credential made for every subject (ANY_SUBJECT) suits every subject a teacher teaches.
  if (t.subjects.length) out.push(Prisma.sql`${alias}."subjects" && ${[...t.subjects, ANY_SUBJECT]}::text[]`);
  if (t.gradeBands.length) out.push(Prisma.sql`${alias}."gradeBands" && ${t.gradeBands}::text[]`);
  return out;
}

/** The signed-in reader's own context for the personal filters; none for anonymous visitors. */
type SearchContext = {
  recommended?: RecommendedKeys;
  /** What the teacher teaches, for `input.forMe` (teachingFilters); without it `forMe` is ignored. */
  teaching?: Teaching | null;
  count?: boolean;
};

/**
 * Searches everything published. With a query: Postgres full-text search ranked by relevance
 * (GIN index on the generated tsvector); without: newest first. Keyset pagination either way.
 * `input.recommended` keeps only the entries in `recommended` (see RecommendedKeys); without them it
 * is ignored. `input.forMe` keeps what matches `teaching` (teachingFilters), likewise.
 */
/**
 * `opts.count`: on a first page that has more after it, also count every match of a search or
 * filter (up to CATALOG_COUNT_CAP + 1), so the page can say how many there are in all.
 */
export async function searchCatalog(input: CatalogSearchInput, opts: SearchContext = {}): Promise<{ items: CatalogItem[]; nextCursor: string | null; total: number | null }> {
  const take = CATALOG_PAGE_SIZE;
  const filters: Prisma.Sql[] = input.forMe ? teachingFilters(opts.teaching) : [];
  const keys = input.recommended ? opts.recommended : null;
  if (keys) {
    // At most 30 keys (a district's limit), matched to entries by their unique (kind, refId).
    const pairs = [...keys].map((k) => k.split(':', 2) as [string, string]);
    filters.push(Prisma.sql`(e."kind", e."refId") IN (
      SELECT t.k::"CatalogKind", t.r FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) AS t(k, r))`);
  }
  if (input.kind) filters.push(Prisma.sql`e."kind" = ${input.kind}::"CatalogKind"`);
  if (input.issuer) filters.push(Prisma.sql`e."issuerId" = ${input.issuer}`);
  if (input.topic) filters.push(Prisma.sql`e."topic" = ${input.topic}`);
  if (input.level) filters.push(Prisma.sql`e."level" = ${input.level}`);
  if (input.gradeBand) filters.push(Prisma.sql`e."gradeBands" @> ARRAY[${input.gradeBand}]::text[]`);
  if (input.subject) filters.push(Prisma.sql`e."subjects" @> ARRAY[${input.subject}]::text[]`);
  if (input.stack) filters.push(Prisma.sql`e."stackSlugs" @> ARRAY[${input.stack}]::text[]`);
  if (input.maxHours !== undefined) filters.push(Prisma.sql`e."pdHours" <= ${input.maxHours}`);

  const select = Prisma.sql`e."id", e."kind"::text AS "kind", e."refId", e."slug", e."title", e."summary", e."issuerName", e."topic", e."level",
    e."pdHours"::text AS "pdHours", e."gradeBands", e."subjects", e."stackSlugs", e."badgeColor"`;

  let rows: (CatalogItem & { rank?: number; publishedAt?: Date })[];
  if (input.q) {
    const query = Prisma.sql`websearch_to_tsquery('english', ${input.q})`;
    filters.push(Prisma.sql`e."search" @@ ${query}`);
    const cursor = decodeCursor(input.cursor, isRankCursor);
    // Rank rounded to a float4 so the cursor comparison is exact across requests.
    const rankExpr = Prisma.sql`ts_rank(e."search", ${query})::real`;
    if (cursor) filters.push(Prisma.sql`(${rankExpr}, e."id") < (${cursor.r}::real, ${cursor.id})`);
    rows = await db.$queryRaw`SELECT ${select}, ${rankExpr} AS "rank" FROM "CatalogEntry" e
      WHERE ${Prisma.join(filters, ' AND ')} ORDER BY "rank" DESC, e."id" DESC LIMIT ${take + 1}`;
  } else {
    const cursor = decodeCursor(input.cursor, isDateCursor);
    if (cursor) filters.push(Prisma.sql`(e."publishedAt", e."id") < (${new Date(cursor.p)}, ${cursor.id})`);
    const where = filters.length ? Prisma.sql`WHERE ${Prisma.join(filters, ' AND ')}` : Prisma.empty;
    rows = await db.$queryRaw`SELECT ${select}, e."publishedAt" FROM "CatalogEntry" e ${where}
      ORDER BY e."publishedAt" DESC, e."id" DESC LIMIT ${take + 1}`;
  }
  const hasMore = rows.length > take;
  const page = rows.slice(0, take);
  let total: number | null = null;
  // The filters hold no cursor on a first page; with none at all (plain browsing) nothing is counted.
  if (opts.count && hasMore && !input.cursor && filters.length) {
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM (
      SELECT 1 FROM "CatalogEntry" e WHERE ${Prisma.join(filters, ' AND ')} LIMIT ${CATALOG_COUNT_CAP + 1}) t`;
    total = n;
  }
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (hasMore && last) {
    nextCursor = input.q ? encodeCursor({ r: Number(last.rank), id: last.id }) : encodeCursor({ p: last.publishedAt!.toISOString(), id: last.id });
  }
  return {
    items: page.map((row) => {
      const { rank, publishedAt, ...item } = row;
      void rank;
      void publishedAt;
      return item;
    }),
    nextCursor,
    total,
  };
}

export type CatalogFacets = {
  issuers: { id: string; name: string }[];
  topics: string[];
  subjects: string[];
  gradeBands: string[];
  /** The levels published items have (issuers may use 1 to 5). */
  levels: number[];
  stacks: { slug: string; title: string }[];
};

// Filter options change only when something is published; a minute of staleness is fine and saves
// four DISTINCT scans on every catalogue view.
// On globalThis: the page-cache listener (lib/http/page-cache-sync.ts) clears it from another bundle.
const gf = globalThis as typeof globalThis & { __microcredFacets?: ReturnType<typeof ttlCache<'facets', CatalogFacets>> };
const facetsCache = (gf.__microcredFacets ??= ttlCache<'facets', CatalogFacets>({ ttlMs: 60_000, max: 1 }));

export function getCatalogFacets(): Promise<CatalogFacets> {
  return facetsCache.get('facets', loadCatalogFacets);
}

/** Drops the cached filter options and search vocabulary (after publishing, and in tests). */
export function invalidateCatalogFacets() {
  facetsCache.clear();
  vocabularyCache.clear();
  vocabularyLoad = null;
}

async function loadCatalogFacets(): Promise<CatalogFacets> {
  const [issuers, topics, subjects, gradeBands, levels, stacks] = await Promise.all([
    db.$queryRaw<{ id: string; name: string }[]>`SELECT DISTINCT "issuerId" AS id, "issuerName" AS name FROM "CatalogEntry" ORDER BY name`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT "topic" AS v FROM "CatalogEntry" ORDER BY v`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT unnest("subjects") AS v FROM "CatalogEntry" ORDER BY v`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT unnest("gradeBands") AS v FROM "CatalogEntry" ORDER BY v`,
    db.$queryRaw<{ v: number }[]>`SELECT DISTINCT "level" AS v FROM "CatalogEntry" WHERE "level" IS NOT NULL ORDER BY v`,
    db.stack.findMany({ where: { status: 'PUBLISHED' }, select: { slug: true, title: true }, orderBy: { title: 'asc' } }),
  ]);
  return {
    issuers,
    topics: topics.map((t) => t.v),
    subjects: subjects.map((t) => t.v),
    gradeBands: gradeBands.map((t) => t.v),
    levels: levels.map((l) => Number(l.v)),
    stacks,
  };
}

export type CatalogCorrection = { q: string; items: CatalogItem[]; nextCursor: string | null; total: number | null };

/**
 * For a search that found nothing: the same search (same filters) with its misspelt words replaced
 * by the closest words of the catalogue, when that finds something. Costs at most one more search,
 * and only here: a search with results never comes this way. Null when there is nothing to offer,
 * so the page never suggests a search that finds nothing either.
 */
export async function correctCatalogSearch(input: CatalogSearchInput, opts: SearchContext = {}): Promise<CatalogCorrection | null> {
  // Only on the first page: a later page that is empty is a cursor gone stale, not a typo.
  if (!input.q || input.cursor) return null;
  const q = correctQuery(input.q, await getCatalogVocabulary());
  // Corrections can lengthen a query; one the search form would refuse is no help.
  if (!q || q.length > CATALOG_QUERY_MAX) return null;
  const found = await searchCatalog({ ...input, q }, opts);
  return found.items.length ? { q, ...found } : null;
}

// The words of what is published, for corrections. Loaded only when a search finds nothing, and
// kept a minute like the filter options (cleared with them on publishing): one GROUP BY over the
// catalogue's short fields, 60-70 ms on the scale data (2,700 entries). The most frequent words
// only, so a catalogue with a long tail of rare words keeps lookups cheap.
const VOCABULARY_SIZE = 5000;
const gv = globalThis as typeof globalThis & { __microcredVocabulary?: ReturnType<typeof ttlCache<'vocabulary', Vocabulary>> };
const vocabularyCache = (gv.__microcredVocabulary ??= ttlCache<'vocabulary', Vocabulary>({ ttlMs: 60_000, max: 1 }));
// Concurrent misses share one load rather than each scanning the catalogue.
let vocabularyLoad: Promise<Vocabulary> | null = null;

function getCatalogVocabulary(): Promise<Vocabulary> {
  return vocabularyCache.get('vocabulary', () => {
    if (vocabularyLoad) return vocabularyLoad;
    const load = loadCatalogVocabulary().finally(() => {
      if (vocabularyLoad === load) vocabularyLoad = null;
    });
    vocabularyLoad = load;
    return load;
  });
}

async function loadCatalogVocabulary(): Promise<Vocabulary> {
  // The fields a person would search by name; the long method text (body) is left out. In NFKC
  // form, as the search vector and the query are (a full-width title gives plain words).
  const rows = await db.$queryRaw<{ word: string; n: number }[]>`
    SELECT w AS word, count(*)::int AS n
    FROM "CatalogEntry" e,
      regexp_split_to_table(lower(normalize(concat_ws(' ', e."title", e."competency", e."topic", e."summary", e."issuerName"), NFKC)), '[^[:alpha:]]+') AS w
    WHERE length(w) BETWEEN 3 AND 40
    GROUP BY w ORDER BY n DESC, w LIMIT ${VOCABULARY_SIZE}`;
  return createVocabulary(rows.map((r) => [r.word, r.n] as const));
}

export function listDistricts() {
  return db.organization.findMany({ where: { kind: 'DISTRICT' }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

export const versionDetail = {
  id: true,
  version: true,
  title: true,
  summary: true,
  competency: true,
  keyMethod: true,
  methodComponents: true,
  researchRationale: true,
  pdHours: true,
  expiryMonths: true,
  badgeColor: true,
  passingRuleKind: true,
  passingLevelRank: true,
  passingTotal: true,
  publishedAt: true,
  resources: { orderBy: { sortOrder: 'asc' }, select: { id: true, kind: true, title: true, url: true, body: true, minutes: true } },
  parts: {
    orderBy: { sortOrder: 'asc' },
    select: { id: true, sortOrder: true, title: true, prompt: true, responseType: true, required: true, wordLimit: true, allowedTypes: true, maxFileBytes: true, maxFiles: true },
  },
  criteria: {
    orderBy: { sortOrder: 'asc' },
    select: { id: true, sortOrder: true, title: true, description: true, partId: true, descriptors: { select: { levelId: true, text: true } } },
  },
  levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true, label: true } },
  alignments: { select: { id: true, targetName: true, targetUrl: true, targetDescription: true, targetFramework: true, targetCode: true } },
} satisfies Prisma.MicroCredentialVersionSelect;

export type VersionDetail = Prisma.MicroCredentialVersionGetPayload<{ select: typeof versionDetail }>;

/**
 * A micro-credential's public page: published, or retired (still shown, marked as closed to new
 * enrolments, so teachers midway can finish and badge pages keep their link to the requirements).
 */
export const getMicroCredentialPage = cache(async (slug: string) => {
  const mc = await db.microCredential.findFirst({
    where: { slug, status: { in: ['PUBLISHED', 'RETIRED'] }, currentVersionId: { not: null } },
    select: {
      id: true,
      slug: true,
      status: true,
      level: true,
      topic: true,
      subjects: true,
      gradeBands: true,
      // The contact address is the issuer's public profile, as on its own page: fine on the shared anonymous copy (ADR 006).
      issuer: { select: { id: true, name: true, slug: true, email: true, requiresProposal: true } },
      track: { select: { status: true, slug: true, title: true, microCredentials: { where: { status: 'PUBLISHED' }, orderBy: { level: 'asc' }, select: { slug: true, level: true, currentVersion: { select: { title: true } } } } } },
      stackItems: { where: { stack: { status: 'PUBLISHED' } }, select: { stack: { select: { slug: true, title: true } } } },
      currentVersion: { select: versionDetail },
      // Every version teachers could have earned: badges name theirs (#version-N on older badges,
      // /versions/N on newer ones).
      versions: { where: { status: { in: ['PUBLISHED', 'SUPERSEDED'] } }, orderBy: { version: 'desc' }, take: 50, select: { version: true, publishedAt: true } },
    },
  });
  if (!mc || !mc.currentVersion) return null;
  // A credential keeps its track while the track is a draft or after it is retired: the public page
  // names only a published one ("Part of", "What comes next"), as the track's own page does.
  const { track, ...rest } = mc;
  const shown = track?.status === 'PUBLISHED' ? { slug: track.slug, title: track.title, microCredentials: track.microCredentials } : null;
  return { ...rest, track: shown, version: mc.currentVersion };
});

/** A version number as it appears in a public address (/micro-credentials/{slug}/versions/{n}). */
const VERSION_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * One version of a micro-credential as it was published, for its read-only public page: the one a
 * badge was earned on may have been superseded since. Only versions teachers could have earned
 * (published, or superseded by a later one) of a credential with a public page (published or
 * retired); null for a draft, an unknown version, or anything else. The level is the version's own
 * (classification is versioned), or the credential's for versions saved before it was.
 */
export const getMicroCredentialVersionPage = cache(async (slug: string, n: string) => {
  if (!VERSION_NUMBER.test(n)) return null;
  const mc = await db.microCredential.findFirst({
    where: { slug, status: { in: ['PUBLISHED', 'RETIRED'] }, currentVersionId: { not: null } },
    select: {
      id: true, slug: true, status: true, level: true,
      issuer: { select: { name: true, slug: true } },
      currentVersion: { select: { version: true } },
      versions: { where: { version: Number(n), status: { in: ['PUBLISHED', 'SUPERSEDED'] } }, take: 1, select: { ...versionDetail, status: true, level: true } },
    },
  });
  const version = mc?.versions[0];
  if (!mc || !version || !mc.currentVersion) return null;
  return {
    slug: mc.slug,
    status: mc.status,
    issuer: mc.issuer,
    level: version.level ?? mc.level,
    current: version.version === mc.currentVersion.version,
    currentVersion: mc.currentVersion.version,
    version,
  };
});

/**
 * For each of these micro-credentials that has a published track: the track's next level up that
 * is offered (published), if any. One Prisma query (a fixed number of statements, not one per
 * credential): what the dashboard offers once a level is earned.
 */
export async function getNextTrackLevels(microCredentialIds: string[]): Promise<Map<string, { id: string; slug: string; level: number; title: string }>> {
  const out = new Map<string, { id: string; slug: string; level: number; title: string }>();
  if (!microCredentialIds.length) return out;
  const rows = await db.microCredential.findMany({
    // Only a published track offers a next level (a draft one is not announced, a retired one is closed).
    where: { id: { in: microCredentialIds }, track: { status: 'PUBLISHED' }, level: { not: null } },
    select: {
      id: true, level: true,
      track: { select: { microCredentials: { where: { status: 'PUBLISHED', level: { not: null }, currentVersionId: { not: null } }, orderBy: { level: 'asc' }, select: { id: true, slug: true, level: true, currentVersion: { select: { title: true } } } } } },
    },
  });
  for (const r of rows) {
    const next = r.track?.microCredentials.find((m) => m.level! > r.level!);
    if (next?.currentVersion) out.set(r.id, { id: next.id, slug: next.slug, level: next.level!, title: next.currentVersion.title });
  }
  return out;
}

export const getPublishedTrack = cache(async (slug: string) => {
  return db.track.findFirst({
    where: { slug, status: 'PUBLISHED' },
    select: {
      id: true,
      slug: true,
      kind: true,
      title: true,
      summary: true,
      description: true,
      topic: true,
      subjects: true,
      gradeBands: true,
      issuer: { select: { name: true, slug: true } },
      microCredentials: {
        where: { status: 'PUBLISHED' },
        orderBy: { level: 'asc' },
        select: { id: true, slug: true, level: true, currentVersion: { select: { title: true, summary: true, competency: true, pdHours: true, badgeColor: true } } },
      },
    },
  });
});

const stackPageSelect = {
  id: true,
  slug: true,
  status: true,
  title: true,
  summary: true,
  description: true,
  badgeColor: true,
  issuer: { select: { name: true, slug: true } },
  items: {
    orderBy: { sortOrder: 'asc' },
    select: { microCredential: { select: { id: true, slug: true, level: true, status: true, currentVersion: { select: { title: true, summary: true, pdHours: true } } } } },
  },
} satisfies Prisma.StackSelect;

/**
 * A stack's public page: published, or retired. A retired stack keeps its page, as a retired
 * micro-credential does (getMicroCredentialPage): every stack badge issued names /stacks/{slug} as
 * its achievement and criteria, and its badge page links there. The catalogue, its filters and the
 * micro-credential pages list published stacks only. Null for a draft or an unknown slug.
 */
export const getStackPage = cache(async (slug: string) => {
  return db.stack.findFirst({ where: { slug, status: { in: ['PUBLISHED', 'RETIRED'] } }, select: stackPageSelect });
});
