import 'server-only';
import { db, type Tx } from '@/lib/db';
import { forbidden, notFound } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { isPlatformAdmin, orgIdsWithRole } from '@/lib/auth/actor';
import { canAuthor } from '@/lib/authoring/policy';
import { listRecentIssuerAudit } from '@/lib/audit/queries';
import { publishGaps, type MicroCredentialDraft } from '@/lib/authoring/schemas';
import { decodeCursor, encodeCursor, isCursorId, isCursorTime } from '@/lib/catalog/cursor';
import { searchText } from '@/lib/search-text';
import type { FileKind } from '@/lib/evidence/file-types';
import type { PublishStatus } from '@/lib/generated/prisma/enums';
import { countPeopleByOrganization } from '@/lib/people/membership';

/** The issuer organisations this person administers (every issuer for a platform admin). */
export async function listAdminIssuers(actor: Actor) {
  const where = isPlatformAdmin(actor) ? { kind: 'ISSUER' as const } : { kind: 'ISSUER' as const, id: { in: orgIdsWithRole(actor, 'ISSUER_ADMIN') } };
  return db.organization.findMany({ where, orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true, slaBusinessDays: true } });
}

/** Resolves the issuer a page works on: the requested one if the actor may author it, else their first. */
export async function resolveIssuer(actor: Actor, requested?: string) {
  const issuers = await listAdminIssuers(actor);
  if (requested) {
    const found = issuers.find((i) => i.id === requested);
    if (!found) throw forbidden();
    return { issuer: found, issuers };
  }
  return { issuer: issuers[0] ?? null, issuers };
}

/**
 * The issuers a cross-issuer page covers: every one the actor administers, or just `requested`
 * (refused with FORBIDDEN if it is not one of theirs).
 */
export async function resolveIssuerScope(actor: Actor, requested?: string) {
  const { issuer, issuers } = await resolveIssuer(actor, requested || undefined);
  return { issuers, scope: requested && issuer ? [issuer] : issuers };
}

/**
 * Undecided work of these issuers: every attempt waiting for a decision (also per issuer, for an
 * admin of several: the applications list shows one issuer at a time), those waiting for
 * adjudication, and those past their decision date (Attempt.dueAt, the date teachers are shown as
 * "Decision expected by"). One pass over the undecided attempts, joined to their credential's issuer.
 */
async function countReviewAttention(issuerIds: string[], now: Date): Promise<{ waiting: number; waitingByIssuer: Map<string, number>; needsAdjudication: number; pastDecisionDate: number }> {
  if (!issuerIds.length) return { waiting: 0, waitingByIssuer: new Map(), needsAdjudication: 0, pastDecisionDate: 0 };
  const rows = await db.$queryRaw<{ issuerId: string; waiting: number; needsAdjudication: number; pastDecisionDate: number }[]>`
    SELECT m."issuerId",
           count(*)::int AS "waiting",
           count(*) FILTER (WHERE a."needsAdjudication")::int AS "needsAdjudication",
           count(*) FILTER (WHERE a."dueAt" < ${now})::int AS "pastDecisionDate"
    FROM "Attempt" a
    JOIN "Submission" s ON s."id" = a."submissionId"
    JOIN "MicroCredential" m ON m."id" = s."microCredentialId"
    WHERE a."status" = 'SUBMITTED'::"AttemptStatus" AND m."issuerId" = ANY(${issuerIds}::text[])
      -- Implied by an undecided attempt; lets the planner start from the issuer's open submissions
      -- (the index on microCredentialId, status) rather than every submission it ever had.
      AND s."status" IN ('SUBMITTED'::"SubmissionStatus", 'IN_REVIEW'::"SubmissionStatus")
    GROUP BY m."issuerId"`;
  const sum = (k: 'waiting' | 'needsAdjudication' | 'pastDecisionDate') => rows.reduce((n, r) => n + r[k], 0);
  return { waiting: sum('waiting'), waitingByIssuer: new Map(rows.map((r) => [r.issuerId, r.waiting])), needsAdjudication: sum('needsAdjudication'), pastDecisionDate: sum('pastDecisionDate') };
}

export async function getAdminHome(actor: Actor, now: Date = new Date()) {
  const issuers = await listAdminIssuers(actor);
  const ids = issuers.map((i) => i.id);
  const [byStatus, tracks, stacks, members, attention, recent] = await Promise.all([
    db.microCredential.groupBy({ by: ['issuerId', 'status'], where: { issuerId: { in: ids } }, _count: { _all: true } }),
    db.track.groupBy({ by: ['issuerId'], where: { issuerId: { in: ids } }, _count: { _all: true } }),
    db.stack.groupBy({ by: ['issuerId'], where: { issuerId: { in: ids } }, _count: { _all: true } }),
    countPeopleByOrganization(ids),
    countReviewAttention(ids, now),
    // Worded and linked as on the full log (/admin/audit), which the overview links to.
    listRecentIssuerAudit({ actor, issuerIds: ids, take: 10 }),
  ]);
  return {
    issuers: issuers.map((i) => ({
      ...i,
      credentials: Object.fromEntries(byStatus.filter((b) => b.issuerId === i.id).map((b) => [b.status, b._count._all])) as Partial<Record<PublishStatus, number>>,
      tracks: tracks.find((t) => t.issuerId === i.id)?._count._all ?? 0,
      stacks: stacks.find((t) => t.issuerId === i.id)?._count._all ?? 0,
      members: members.get(i.id) ?? 0,
      waitingForReview: attention.waitingByIssuer.get(i.id) ?? 0,
    })),
    pendingReview: attention.waiting,
    needsAdjudication: attention.needsAdjudication,
    pastDecisionDate: attention.pastDecisionDate,
    recent,
  };
}

export const ADMIN_PAGE_SIZE = 25;
type UpdatedCursor = { u: string; id: string };
const isUpdatedCursor = (v: Record<string, unknown>): v is UpdatedCursor => isCursorTime(v.u) && isCursorId(v.id);

/** Rows after the cursor in (updatedAt desc, id desc) order: the admin lists' keyset. */
function afterUpdatedCursor(encoded: string | undefined) {
  const cursor = decodeCursor(encoded, isUpdatedCursor);
  return cursor ? { OR: [{ updatedAt: { lt: new Date(cursor.u) } }, { updatedAt: new Date(cursor.u), id: { lt: cursor.id } }] } : {};
}

/** A page of ADMIN_PAGE_SIZE from rows read with one more, and the cursor of the next page (null on the last). */
function updatedPage<T extends { id: string; updatedAt: Date }>(rows: T[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, ADMIN_PAGE_SIZE);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > ADMIN_PAGE_SIZE && last ? encodeCursor({ u: last.updatedAt.toISOString(), id: last.id }) : null };
}

/** The issuer's credentials, most recently changed first, keyset-paginated on (updatedAt, id). */
export async function listAdminCredentials(opts: { actor: Actor; issuerIds: string[]; status?: PublishStatus; q?: string; cursor?: string }) {
  const allowed = opts.issuerIds.filter((id) => canAuthor(opts.actor, id));
  const q = searchText(opts.q);
  const rows = await db.microCredential.findMany({
    where: {
      issuerId: { in: allowed },
      ...(opts.status ? { status: opts.status } : {}),
      AND: [
        q ? { OR: [{ slug: { contains: q, mode: 'insensitive' as const } }, { versions: { some: { title: { contains: q, mode: 'insensitive' as const } } } }] } : {},
        afterUpdatedCursor(opts.cursor),
      ],
    },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: ADMIN_PAGE_SIZE + 1,
    select: {
      id: true, slug: true, status: true, level: true, topic: true, updatedAt: true,
      issuer: { select: { name: true } },
      track: { select: { title: true } },
      // At most one draft (the newest) and one published version exist at a time.
      versions: { where: { status: { in: ['DRAFT', 'PUBLISHED'] } }, orderBy: { version: 'desc' }, take: 2, select: { version: true, status: true, title: true, badgeColor: true } },
      // Applications sent at least once: what the Applications list (/admin/submissions) shows for the credential.
      _count: { select: { submissions: { where: { lastSubmittedAt: { not: null } } }, enrollments: true } },
    },
  });
  return updatedPage(rows);
}

const definitionSelect = {
  id: true, version: true, status: true, title: true, summary: true, competency: true, keyMethod: true, methodComponents: true, researchRationale: true,
  pdHours: true, expiryMonths: true, badgeColor: true, badgeImageKey: true, passingRuleKind: true, passingLevelRank: true, passingTotal: true, publishedAt: true,
  topic: true, level: true, subjects: true, gradeBands: true,
  resources: { orderBy: { sortOrder: 'asc' }, select: { kind: true, title: true, url: true, body: true, minutes: true } },
  parts: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, prompt: true, responseType: true, required: true, wordLimit: true, allowedTypes: true, maxFileBytes: true, maxFiles: true } },
  levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true, label: true } },
  criteria: { orderBy: { sortOrder: 'asc' }, select: { title: true, description: true, partId: true, descriptors: { select: { levelId: true, text: true } } } },
  alignments: { orderBy: { id: 'asc' }, select: { targetName: true, targetUrl: true, targetDescription: true, targetFramework: true, targetCode: true } },
  microCredential: { select: { slug: true, topic: true, subjects: true, gradeBands: true, level: true, trackId: true } },
} as const;

/**
 * Rebuilds the single definition format from a stored version (for the editor and JSON export),
 * exactly as it was saved: a draft may be incomplete (MicroCredentialDraft), and nothing it left out
 * is filled in here. A published version is complete; `publishGaps(def)` says what a draft lacks.
 */
export async function loadDefinition(versionId: string, client: Tx | typeof db = db): Promise<{ def: MicroCredentialDraft; badgeImageKey: string | null; version: number; status: string }> {
  const v = await client.microCredentialVersion.findUnique({ where: { id: versionId }, select: definitionSelect });
  if (!v) throw notFound('That version');
  // A draft's classification is pending (the live row changes on publish), so the editor shows the
  // draft's own; published versions show the live row, which tracks may have re-levelled since.
  // In a track the level is the track's (its page sets it; publish keeps it), so even a draft shows the
  // live one: a draft saved with another level before saves were checked would otherwise show it.
  const mc =
    v.status === 'DRAFT' && v.topic !== null
      ? { slug: v.microCredential.slug, topic: v.topic, subjects: v.subjects, gradeBands: v.gradeBands, level: v.microCredential.trackId !== null ? v.microCredential.level : v.level }
      : v.microCredential;
  const def: MicroCredentialDraft = {
    slug: mc.slug,
    title: v.title,
    summary: v.summary,
    competency: v.competency,
    keyMethod: v.keyMethod,
    methodComponents: v.methodComponents,
    researchRationale: v.researchRationale,
    topic: mc.topic,
    subjects: mc.subjects,
    gradeBands: mc.gradeBands,
    ...(mc.level !== null ? { level: mc.level } : {}),
    pdHours: Number(v.pdHours),
    ...(v.expiryMonths !== null ? { expiryMonths: v.expiryMonths } : {}),
    badgeColor: v.badgeColor,
    resources: v.resources.map((r) => ({
      kind: r.kind, title: r.title, body: r.body, ...(r.url ? { url: r.url } : {}), ...(r.minutes !== null ? { minutes: r.minutes } : {}),
    })),
    parts: v.parts.map((p) => ({
      title: p.title, prompt: p.prompt, responseType: p.responseType, required: p.required, ...(p.wordLimit !== null ? { wordLimit: p.wordLimit } : {}),
      allowedTypes: p.allowedTypes as FileKind[], maxFileBytes: Number(p.maxFileBytes), maxFiles: p.maxFiles,
    })),
    rubric: {
      levels: v.levels.map((l) => l.label),
      criteria: v.criteria.map((c) => {
        const partIndex = c.partId ? v.parts.findIndex((p) => p.id === c.partId) : -1;
        return {
          title: c.title,
          description: c.description,
          ...(partIndex >= 0 ? { partIndex } : {}),
          descriptors: v.levels.map((l) => c.descriptors.find((d) => d.levelId === l.id)?.text ?? ''),
        };
      }),
      // A draft may not have its passing level or total yet: they stay empty rather than becoming 0 or 1.
      passingRule: {
        kind: v.passingRuleKind,
        ...(v.passingLevelRank !== null ? { levelRank: v.passingLevelRank } : {}),
        ...(v.passingRuleKind === 'TOTAL_AT_LEAST' && v.passingTotal !== null ? { total: v.passingTotal } : {}),
      },
    },
    alignments: v.alignments.map((a) => ({
      targetName: a.targetName, targetUrl: a.targetUrl,
      ...(a.targetDescription ? { targetDescription: a.targetDescription } : {}),
      ...(a.targetFramework ? { targetFramework: a.targetFramework } : {}),
      ...(a.targetCode ? { targetCode: a.targetCode } : {}),
    })),
  };
  return { def, badgeImageKey: v.badgeImageKey, version: v.version, status: v.status };
}

/** What a stored version lacks before it can be published (empty when nothing), keyed as the editor's fields. */
export async function publishGapsOfVersion(versionId: string, client: Tx | typeof db = db): Promise<Record<string, string[]>> {
  return publishGaps((await loadDefinition(versionId, client)).def);
}

/** Everything the editor needs: the newest version's definition and where each version stands. */
export async function getCredentialForEdit(opts: { actor: Actor; microCredentialId: string }) {
  const mc = await db.microCredential.findUnique({
    where: { id: opts.microCredentialId },
    select: {
      id: true, slug: true, status: true, issuerId: true, trackId: true, level: true, publishedAt: true,
      issuer: { select: { name: true } },
      track: { select: { title: true } },
      versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, status: true, publishedAt: true, updatedAt: true, _count: { select: { submissions: true } } } },
    },
  });
  // Another issuer's credential looks exactly like a missing one.
  if (!mc || !canAuthor(opts.actor, mc.issuerId)) throw notFound('That credential');
  const latest = mc.versions[0];
  const loaded = latest ? await loadDefinition(latest.id) : null;
  const published = mc.versions.find((v) => v.status === 'PUBLISHED') ?? null;
  // A saved draft may be unfinished: the editor lists what it still needs before it can be published.
  // A version published before a rule it breaks (a javascript: link from before ADR 020) is listed
  // the same way, so the admin sees it on opening the editor, not only when saving is refused.
  const gaps = loaded ? publishGaps(loaded.def) : {};
  return { mc, latest, published, def: loaded?.def ?? null, badgeImageKey: loaded?.badgeImageKey ?? null, publishGaps: gaps };
}

/** "Version 3 — draft; version 2 published" (or "Retired — version 2 was the last published") for the editor header and the list. */
export function describeVersions(versions: { version: number; status: string }[], mcStatus: string): string {
  const latest = versions[0];
  if (!latest) return 'No versions yet';
  const published = versions.find((v) => v.status === 'PUBLISHED');
  if (mcStatus === 'RETIRED') {
    const last = `Retired — version ${published?.version ?? latest.version} was the last published`;
    return latest.status === 'DRAFT' && published ? `${last}; version ${latest.version} — draft` : last;
  }
  if (latest.status === 'DRAFT') return published ? `Version ${latest.version} — draft; version ${published.version} published` : `Version ${latest.version} — draft; never published`;
  return `Version ${latest.version} — published`;
}

/** Micro-credentials an admin can pick for tracks, stacks, qualifications and enrolment. */
export async function listIssuerCredentialOptions(actor: Actor, issuerIds: string[]) {
  const allowed = issuerIds.filter((id) => canAuthor(actor, id));
  const rows = await db.microCredential.findMany({
    where: { issuerId: { in: allowed } },
    orderBy: { slug: 'asc' },
    select: { id: true, slug: true, status: true, level: true, trackId: true, issuerId: true, versions: { orderBy: { version: 'desc' }, take: 1, select: { title: true } } },
  });
  return rows.map((r) => ({ id: r.id, slug: r.slug, status: r.status, level: r.level, trackId: r.trackId, issuerId: r.issuerId, title: r.versions[0]?.title ?? r.slug }));
}

/**
 * The issuers' published tracks, by title: what teachers can be enrolled in from a file. Every one,
 * as listIssuerCredentialOptions lists every credential (the 200 most recently changed tracks of any
 * status, filtered afterwards, left older published ones out).
 */
export async function listPublishedTrackOptions(actor: Actor, issuerIds: string[]) {
  const allowed = issuerIds.filter((id) => canAuthor(actor, id));
  return db.track.findMany({
    where: { issuerId: { in: allowed }, status: 'PUBLISHED' },
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    select: { id: true, title: true, issuerId: true },
  });
}

/** The Tracks page: the issuers' tracks, most recently changed first, keyset-paginated on (updatedAt, id). */
export async function listAdminTracksPage(opts: { actor: Actor; issuerIds: string[]; cursor?: string }) {
  const allowed = opts.issuerIds.filter((id) => canAuthor(opts.actor, id));
  const rows = await db.track.findMany({
    where: { issuerId: { in: allowed }, ...afterUpdatedCursor(opts.cursor) },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: ADMIN_PAGE_SIZE + 1,
    select: { id: true, slug: true, title: true, kind: true, status: true, issuerId: true, updatedAt: true, issuer: { select: { name: true } }, _count: { select: { microCredentials: true, enrollments: true } } },
  });
  return updatedPage(rows);
}

/**
 * A track for its edit form. `levels` is one address per box of the form, box N holding level N:
 * filled by level number, not by order, so a gap (levels 1 and 3) shows as an empty box 2 and a
 * published level is never shown, and then sent back, one box off. A credential in the track
 * without a level comes after the last level.
 */
export async function getTrackForEdit(opts: { actor: Actor; trackId: string }) {
  const t = await db.track.findUnique({
    where: { id: opts.trackId },
    select: {
      id: true, slug: true, kind: true, title: true, summary: true, description: true, topic: true, subjects: true, gradeBands: true, status: true, issuerId: true, updatedAt: true,
      microCredentials: { orderBy: [{ level: 'asc' }, { slug: 'asc' }], select: { slug: true, level: true } },
    },
  });
  if (!t || !canAuthor(opts.actor, t.issuerId)) throw notFound('That track');
  const levels: string[] = [];
  for (const m of t.microCredentials) if (m.level !== null && m.level >= 1) levels[m.level - 1] = m.slug;
  for (const m of t.microCredentials) if (m.level === null || m.level < 1) levels.push(m.slug);
  return { ...t, levels: Array.from(levels, (slug) => slug ?? '') };
}

/** The Stacks page: the issuers' stacks, most recently changed first, keyset-paginated on (updatedAt, id). */
export async function listAdminStacks(opts: { actor: Actor; issuerIds: string[]; cursor?: string }) {
  const allowed = opts.issuerIds.filter((id) => canAuthor(opts.actor, id));
  const rows = await db.stack.findMany({
    where: { issuerId: { in: allowed }, ...afterUpdatedCursor(opts.cursor) },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: ADMIN_PAGE_SIZE + 1,
    select: { id: true, slug: true, title: true, status: true, issuerId: true, badgeColor: true, updatedAt: true, issuer: { select: { name: true } }, _count: { select: { items: true, awards: true } } },
  });
  return updatedPage(rows);
}

export async function getStackForEdit(opts: { actor: Actor; stackId: string }) {
  const s = await db.stack.findUnique({
    where: { id: opts.stackId },
    select: {
      id: true, slug: true, title: true, summary: true, description: true, badgeColor: true, status: true, issuerId: true, updatedAt: true,
      items: { orderBy: { sortOrder: 'asc' }, select: { microCredential: { select: { slug: true } } } },
    },
  });
  if (!s || !canAuthor(opts.actor, s.issuerId)) throw notFound('That stack');
  return s;
}
