import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { ttlCache } from '@/lib/memo';
import { PAGE_CACHE_TTL_MS } from '@/lib/http/page-cache';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { encodeCursor } from '@/lib/catalog/cursor';
import { AWARD_ID, awardCursorAfter, decodeAwardCursor } from '@/lib/awards/cursor';
import { verifyCredential, type VerificationResult } from '@/lib/credentials/verify';
import { fetchOwnStatusList, ownSuspensionListFor } from '@/lib/awards/status-lists';

/**
 * Public view of an award: only what the recipient agreed to publish by earning it, and, when the
 * holder has since renewed it, the newer badge (so a verifier holding an old link finds the
 * current one). A badge its holder hid from their portfolio is here all the same: hiding takes it
 * off the portfolio, not away from people who hold its link.
 */
const DEFAULT_BADGE_COLOR = '#1d4ed8';

export const getPublicAward = cache(async (id: string) => {
  if (!AWARD_ID.test(id)) return null;
  const award = await db.award.findUnique({
    where: { id },
    select: {
      id: true, title: true, level: true, pdHours: true, recipientName: true, issuedAt: true, validUntil: true, revokedAt: true, revocationReason: true, suspendedAt: true, suspensionReason: true,
      credential: true, userId: true, issuerId: true, statusListId: true, statusListIndex: true, stackId: true, microCredentialId: true, submissionId: true,
      // The holder's own portfolio setting: only their view of the page reads it (ADR 025).
      hiddenFromPortfolio: true,
      issuer: { select: { name: true, slug: true, email: true, linkedinOrganizationId: true } },
      microCredential: { select: { slug: true, status: true, currentVersion: { select: { badgeColor: true } } } },
      stack: { select: { slug: true, badgeColor: true } },
      user: { select: { handle: true, portfolioPublic: true } },
    },
  });
  if (!award) return null;
  const renewedBy = award.microCredentialId
    ? await db.award.findFirst({
        where: { userId: award.userId, microCredentialId: award.microCredentialId, issuedAt: { gt: award.issuedAt }, revokedAt: null, suspendedAt: null },
        orderBy: { issuedAt: 'desc' },
        select: { id: true, issuedAt: true, hiddenFromPortfolio: true },
      })
    : null;
  // Images and certificates show the issuer as the signed credential names it: a later rename of the
  // organisation does not change what was issued.
  const signed = (award.credential as { issuer?: { name?: unknown } } | null)?.issuer?.name;
  return { ...award, renewedBy, signedIssuerName: typeof signed === 'string' && signed ? signed : award.issuer.name };
});

/** Only the stored, signed JSON: the hot path behind credential.json. */
// A signed credential never changes after issue (revocation lives in the status list), so the
// serialised document can be kept; misses are not cached, so a new award is visible at once. It does
// stop existing when its holder deletes their account (ADR 011): the server that deletes clears its
// copy at once and tells the others (page-cache-sync), but where no notice can reach them (the
// listener off behind a transaction pooler, PAGE_CACHE=off, or reconnecting) a copy lives on until
// it expires. So it is kept no longer than the anonymous page cache keeps a page (ADR 006's 30 s).
const credentialCache = ttlCache<string, string | undefined>({ ttlMs: PAGE_CACHE_TTL_MS, max: 5_000 });

/**
 * Drops this server's kept credential documents: with the account that held a badge deleted, its
 * credential.json must stop answering at once (page-cache-sync calls this on every public change).
 */
export function forgetCredentialDocuments() {
  credentialCache.clear();
}

export async function getCredentialJson(id: string): Promise<string | null> {
  if (!AWARD_ID.test(id)) return null;
  const row = await db.award.findUnique({ where: { id }, select: { credential: true } });
  return row ? JSON.stringify(row.credential, null, 2) : null;
}

/** The signed credential as served at /credentials/{id}/credential.json. */
export async function getCredentialDocument(id: string): Promise<string | null> {
  if (!AWARD_ID.test(id)) return null;
  return (await credentialCache.get(id, async () => (await getCredentialJson(id)) ?? undefined)) ?? null;
}

/** A live check of the proof, dates and status list, exactly as an outside verifier would. */
export function verifyStoredCredential(credential: unknown): Promise<VerificationResult> {
  return verifyCredential(credential as Record<string, unknown>, { fetchStatusList: fetchOwnStatusList, companionSuspensionList: ownSuspensionListFor });
}

/**
 * Marks badges a later one renewed: awards come newest first, and an older badge of a
 * micro-credential the holder has a newer (not revoked, not suspended) badge for is `renewed`.
 * `newestHidden`: the holder hid the newest such badge, the one the portfolio would list in this
 * one's place, so the credential is not on the portfolio at all (an older badge never takes the
 * hidden one's place: getPublicPortfolio). `newer`: for each micro-credential that already has such
 * a badge before these awards (on earlier pages), its newest one's `hiddenFromPortfolio`.
 */
export function markRenewed<A extends { microCredentialId: string | null; revokedAt?: Date | null; suspendedAt?: Date | null; hiddenFromPortfolio?: boolean }>(
  awards: A[],
  newer: Iterable<{ microCredentialId: string; hiddenFromPortfolio?: boolean }> = [],
): (A & { renewed: boolean; newestHidden: boolean })[] {
  // Per micro-credential: whether its newest standing badge is hidden (the first one met wins).
  const newest = new Map<string, boolean>();
  for (const n of newer) if (!newest.has(n.microCredentialId)) newest.set(n.microCredentialId, Boolean(n.hiddenFromPortfolio));
  return awards.map((a) => {
    const mc = a.microCredentialId;
    const renewed = Boolean(mc && newest.has(mc));
    const newestHidden = renewed && newest.get(mc!) === true;
    if (mc && !a.revokedAt && !a.suspendedAt && !newest.has(mc)) newest.set(mc, Boolean(a.hiddenFromPortfolio));
    return { ...a, renewed, newestHidden };
  });
}

/** Badges per page on My badges and the public portfolio: whole rows of the one-, two- or three-column grid. */
export const AWARDS_PAGE_SIZE = 48;


/**
 * The query of a badge list's page. A link anyone can edit: a cursor that is not one of ours (or
 * is repeated, or too long) is dropped, so the first page shows.
 */
export const AwardListInput = z.object({
  cursor: z.string().max(300).optional().catch(undefined).transform((c) => (decodeAwardCursor(c) ? c : undefined)),
});

const AWARD_CARD = {
  id: true, title: true, level: true, pdHours: true, issuedAt: true, validUntil: true, stackId: true, microCredentialId: true, versionId: true,
  issuer: { select: { name: true } },
  microCredential: { select: { slug: true, currentVersion: { select: { badgeColor: true } } } },
  stack: { select: { badgeColor: true } },
} satisfies Prisma.AwardSelect;

/**
 * One page of the holder's badges (My badges), newest first, revoked and suspended ones included;
 * `total` counts them all. `continued`: a later page.
 */
export async function listUserAwards(opts: { userId: string; cursor?: string }) {
  const cursor = decodeAwardCursor(opts.cursor);
  const [rows, total] = await Promise.all([
    db.award.findMany({
      where: { userId: opts.userId, ...(cursor ? { OR: [{ issuedAt: { lt: new Date(cursor.t) } }, { issuedAt: new Date(cursor.t), id: { lt: cursor.id } }] } : {}) },
      orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
      take: AWARDS_PAGE_SIZE + 1,
      select: { ...AWARD_CARD, revokedAt: true, suspendedAt: true, hiddenFromPortfolio: true },
    }),
    db.award.count({ where: { userId: opts.userId } }),
  ]);
  const page = rows.slice(0, AWARDS_PAGE_SIZE);
  // A badge whose renewal sits on an earlier page is still `renewed`: which of this page's
  // micro-credentials have a standing badge at or before the cursor, and whether the newest of
  // them is hidden (distinct keeps the first row of each, in this order).
  const mcIds = [...new Set(page.map((a) => a.microCredentialId).filter((v): v is string => Boolean(v)))];
  const renewedEarlier = cursor && mcIds.length
    ? await db.award.findMany({
        where: { userId: opts.userId, microCredentialId: { in: mcIds }, revokedAt: null, suspendedAt: null, OR: [{ issuedAt: { gt: new Date(cursor.t) } }, { issuedAt: new Date(cursor.t), id: { gte: cursor.id } }] },
        orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        distinct: ['microCredentialId'],
        select: { microCredentialId: true, hiddenFromPortfolio: true },
      })
    : [];
  const last = page[page.length - 1];
  return {
    items: markRenewed(await withEarnedColors(page), renewedEarlier.map((r) => ({ microCredentialId: r.microCredentialId!, hiddenFromPortfolio: r.hiddenFromPortfolio }))),
    nextCursor: rows.length > AWARDS_PAGE_SIZE && last ? awardCursorAfter(last) : null,
    total,
    continued: Boolean(cursor),
  };
}

type Colourable = { versionId: string | null; microCredential: { currentVersion: { badgeColor: string } | null } | null; stack: { badgeColor: string } | null };

/**
 * Each badge's colour as it was earned (its version's), as its image draws it (getAwardArtwork):
 * editing the credential later never recolours badges already issued. One query for the page.
 */
async function withEarnedColors<A extends Colourable>(awards: A[]): Promise<(A & { color: string })[]> {
  const ids = [...new Set(awards.map((a) => a.versionId).filter((v): v is string => Boolean(v)))];
  const versions = ids.length ? await db.microCredentialVersion.findMany({ where: { id: { in: ids } }, select: { id: true, badgeColor: true } }) : [];
  const colorOf = new Map(versions.map((v) => [v.id, v.badgeColor]));
  return awards.map((a) => ({
    ...a,
    color: (a.versionId ? colorOf.get(a.versionId) : undefined) ?? a.microCredential?.currentVersion?.badgeColor ?? a.stack?.badgeColor ?? DEFAULT_BADGE_COLOR,
  }));
}

/** What a portfolio's header is made of: the owner's row. */
const PORTFOLIO_OWNER = {
  id: true, name: true, publicName: true, handle: true, portfolioPublic: true, portfolioShowsSchool: true, portfolioHeadline: true, school: { select: { name: true } },
} satisfies Prisma.UserSelect;
type PortfolioOwner = Prisma.UserGetPayload<{ select: typeof PORTFOLIO_OWNER }>;

/**
 * A portfolio's totals, over every badge it lists, not the page's: `credentials` counts what it
 * lists (every stack badge and the newest standing badge of each micro-credential, unless hidden);
 * `hours` the PD hours of every standing badge the holder has not hidden, a renewed one too, since a
 * renewal is new work (as on My badges and in district reports). Badges it lists are standing and
 * not hidden; a renewed one gives way to its newest standing badge even when that one is hidden:
 * hiding a badge never brings an older one of the same credential back onto the portfolio.
 */
async function portfolioTotals(userId: string) {
  // Each stack badge is its own group (no micro-credential): its `newest` is itself.
  const [totals] = await db.$queryRaw<{ credentials: number; hours: string }[]>`SELECT
      (count(*) FILTER (WHERE s."newest" AND NOT s."hiddenFromPortfolio"))::int AS "credentials",
      coalesce(sum(s."pdHours") FILTER (WHERE NOT s."hiddenFromPortfolio"), 0)::text AS "hours"
    FROM (
      SELECT "pdHours", "hiddenFromPortfolio",
        row_number() OVER (PARTITION BY coalesce("microCredentialId", "id"::text) ORDER BY "issuedAt" DESC, "id" DESC) = 1 AS "newest"
      FROM "Award" WHERE "userId" = ${userId} AND "revokedAt" IS NULL AND "suspendedAt" IS NULL
    ) s`;
  return { credentials: totals.credentials, pdHours: Math.round(Number(totals.hours) * 10) / 10 };
}

/**
 * The header of a portfolio as the public sees it: the name on public credentials, the teacher's
 * own headline under it (account page), the school only when the teacher chose to show it, and the
 * totals. The portfolio page and the owner's previews (My badges, the account page) all state this,
 * so the owner sees exactly what visitors see.
 */
async function portfolioHeader(user: PortfolioOwner) {
  return {
    name: user.publicName || user.name,
    headline: user.portfolioHeadline,
    school: user.portfolioShowsSchool ? (user.school?.name ?? null) : null,
    ...(await portfolioTotals(user.id)),
  };
}

/**
 * SQL: the award `a` is one its holder's public portfolio lists: not revoked, not suspended, not
 * hidden by its holder (ADR 025), and the newest standing badge of its micro-credential, so a hidden
 * renewal never brings the older badge back (each stack badge stands on its own). The portfolio
 * reads it here; colleagues see the same badges (lib/colleagues/queries.ts).
 */
export function portfolioBadgeSql(a: string): Prisma.Sql {
  const x = Prisma.raw(`"${a}"`);
  return Prisma.sql`${x}."revokedAt" IS NULL AND ${x}."suspendedAt" IS NULL AND NOT ${x}."hiddenFromPortfolio"
    AND NOT EXISTS (SELECT 1 FROM "Award" b WHERE b."userId" = ${x}."userId" AND b."microCredentialId" = ${x}."microCredentialId"
      AND b."revokedAt" IS NULL AND b."suspendedAt" IS NULL AND (b."issuedAt", b."id") > (${x}."issuedAt", ${x}."id"))`;
}

/**
 * A public portfolio's page of badges: only credentials that verify today (a suspended one returns
 * when it is reinstated) and that the holder has not hidden, newest first. A renewed badge shows
 * once, as its newest badge (the older one's page points to it): the query leaves out every badge
 * with a newer standing one of the same micro-credential, hidden or not, so each page is full. The
 * totals are the whole portfolio's (portfolioTotals), on every page.
 */
export const getPublicPortfolio = cache(async (handle: string, cursorParam?: string) => {
  if (!/^[a-z0-9-]{2,40}$/.test(handle)) return null;
  const user = await db.user.findUnique({ where: { handle }, select: PORTFOLIO_OWNER });
  if (!user || !user.portfolioPublic) return null;
  const cursor = decodeAwardCursor(cursorParam);
  // The timestamp columns hold UTC without a zone; `::timestamp` reads the cursor's ISO time as such.
  const after = cursor ? Prisma.sql`AND (a."issuedAt", a."id") < (${cursor.t}::timestamp(3), ${cursor.id}::uuid)` : Prisma.empty;
  // Served by the index on ("userId", "issuedAt", "id"), read backwards from the cursor: the
  // revoked, suspended and hidden filters are checked on the rows it finds (one holder's badges).
  const [found, header] = await Promise.all([
    // `t` as toISOString writes it (the column holds UTC), for the next page's cursor.
    db.$queryRaw<{ id: string; t: string }[]>`SELECT a."id"::text AS "id", to_char(a."issuedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "t" FROM "Award" a
      WHERE a."userId" = ${user.id} AND ${portfolioBadgeSql('a')} ${after}
      ORDER BY a."issuedAt" DESC, a."id" DESC LIMIT ${AWARDS_PAGE_SIZE + 1}`,
    portfolioHeader(user),
  ]);
  const pageIds = found.slice(0, AWARDS_PAGE_SIZE).map((r) => r.id);
  const rows = pageIds.length ? await db.award.findMany({ where: { id: { in: pageIds } }, select: AWARD_CARD }) : [];
  const byId = new Map(rows.map((a) => [a.id, a]));
  const page = pageIds.map((id) => byId.get(id)).filter((a): a is (typeof rows)[number] => Boolean(a));
  const last = found[AWARDS_PAGE_SIZE - 1];
  return {
    ...header,
    awards: await withEarnedColors(page),
    nextCursor: found.length > AWARDS_PAGE_SIZE && last ? encodeCursor({ t: last.t, id: last.id }) : null,
    continued: Boolean(cursor),
  };
});

/**
 * For the signed-in teacher (My badges, the account page): their portfolio's header exactly as the
 * public sees it (or would, once public), where it is, whether it is public, whether it names their
 * school and which school that is, and how many of their badges (not revoked) they hid from it.
 */
export async function getPortfolioPreview(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: PORTFOLIO_OWNER });
  if (!user) return null;
  const [header, hiddenBadges] = await Promise.all([
    portfolioHeader(user),
    db.award.count({ where: { userId, hiddenFromPortfolio: true, revokedAt: null } }),
  ]);
  return {
    header,
    handle: user.handle,
    isPublic: user.portfolioPublic && Boolean(user.handle),
    showsSchool: user.portfolioShowsSchool,
    schoolName: user.school?.name ?? null,
    hiddenBadges,
  };
}

/**
 * How many of an issuer's published items its page lists. Past it, the page says how many there are
 * and links to the catalogue filtered by the issuer, which pages through all of them.
 */
export const ISSUER_PAGE_ITEMS = 200;

export const getIssuerProfile = cache(async (slug: string) => {
  if (!/^[a-z0-9][a-z0-9-]{0,119}$/.test(slug)) return null;
  const issuer = await db.organization.findFirst({
    where: { slug, kind: 'ISSUER' },
    select: { id: true, name: true, slug: true, description: true, url: true, email: true, issuerKeys: { orderBy: { createdAt: 'desc' }, select: { did: true, createdAt: true, retiredAt: true } } },
  });
  if (!issuer) return null;
  const rows = await db.catalogEntry.findMany({ where: { issuerId: issuer.id }, orderBy: [{ kind: 'asc' }, { title: 'asc' }], take: ISSUER_PAGE_ITEMS + 1, select: { id: true, kind: true, slug: true, title: true, level: true } });
  // Counted only when the list is cut (rides the issuerId index).
  const total = rows.length > ISSUER_PAGE_ITEMS ? await db.catalogEntry.count({ where: { issuerId: issuer.id } }) : rows.length;
  return { ...issuer, credentials: rows.slice(0, ISSUER_PAGE_ITEMS), credentialTotal: total };
});

/**
 * A teacher's valid (not revoked, not suspended) awards among these micro-credentials: the newest
 * per micro-credential, so a renewed badge and the one it renewed count as one part.
 */
export async function validPartAwards(userId: string, microCredentialIds: string[], client: Tx | typeof db = db) {
  const rows = await client.award.findMany({
    where: { userId, revokedAt: null, suspendedAt: null, microCredentialId: { in: microCredentialIds } },
    orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, title: true, pdHours: true, microCredentialId: true, issuedAt: true },
  });
  return markRenewed(rows).filter((r) => !r.renewed);
}

/** Whether those awards cover every part of a stack: what earns it. */
export function holdsEveryPart(held: { microCredentialId: string | null }[], parts: string[]): boolean {
  return parts.length > 0 && new Set(held.map((h) => h.microCredentialId)).size >= parts.length;
}


/**
 * What an award's picture is drawn from: the colour and uploaded image (`badgeImageKey`) of the
 * version it was earned on, so later edits to the credential never change a badge already issued.
 * A stack badge has no version and no upload: the stack's colour. An award with no recorded
 * version (or a version row that is gone) takes the credential's current version, as before.
 */
export async function getAwardArtwork(id: string): Promise<{ color: string; imageKey: string | null } | null> {
  if (!AWARD_ID.test(id)) return null;
  const award = await db.award.findUnique({
    where: { id },
    select: {
      versionId: true,
      microCredential: { select: { currentVersion: { select: { badgeColor: true, badgeImageKey: true } } } },
      stack: { select: { badgeColor: true } },
    },
  });
  if (!award) return null;
  const earned = award.versionId
    ? await db.microCredentialVersion.findUnique({ where: { id: award.versionId }, select: { badgeColor: true, badgeImageKey: true } })
    : null;
  const version = earned ?? award.microCredential?.currentVersion ?? null;
  if (version) return { color: version.badgeColor, imageKey: version.badgeImageKey };
  return { color: award.stack?.badgeColor ?? DEFAULT_BADGE_COLOR, imageKey: null };
}
