import 'server-only';
import { cache } from 'react';
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { teachingFilters } from '@/lib/catalog/queries';
import { saysWhatTheyTeach, subjectsToTick, type Teaching } from '@/lib/teaching/policy';

/**
 * What the signed-in person said they teach (account page): theirs only, read by their own id. Per
 * request (the catalogue reads it for its filter and the hint beside it).
 */
export const getOwnTeaching = cache(async (actor: Pick<Actor, 'id'>): Promise<Teaching> => {
  const row = await db.user.findUnique({ where: { id: actor.id }, select: { teachesSubjects: true, teachesGradeBands: true } });
  // The columns have a default but no NOT NULL (Prisma's scalar lists): a null reads as none.
  return { subjects: row?.teachesSubjects ?? [], gradeBands: row?.teachesGradeBands ?? [] };
});

/** How many suggestions the dashboard shows; the catalogue's "Matches what I teach" lists them all. */
export const TEACHING_SUGGESTIONS = 4;

export type TeachingSuggestion = {
  /** The micro-credential's id. */
  id: string;
  slug: string;
  title: string;
  summary: string;
  issuerName: string;
  level: number | null;
  pdHours: string;
  badgeColor: string;
};

/**
 * The dashboard's "Suggested for what you teach": up to TEACHING_SUGGESTIONS published
 * micro-credentials matching what the teacher teaches (the catalogue's own rule, teachingFilters),
 * those made for one of their subjects before those made for every subject (ANY_SUBJECT: nearly
 * every credential, which would otherwise crowd out the few for their subject), each newest first,
 * leaving out any they are enrolled in (a stopped one too: the dashboard lists it under "Stopped",
 * with the way back) or hold a badge of (revoked ones aside). Only published ones are in the
 * catalogue's projection: drafts and retired credentials never come.
 * One statement: the GIN indexes on the arrays find the entries (or, when nearly every one matches,
 * a read of the catalogue, a few thousand rows), the (userId, microCredentialId) indexes answer each
 * NOT EXISTS, and the matches are sorted for the four first (their subject first, so no index gives
 * that order): under 1 ms at scale, about 5 ms when all 2,000 micro-credentials match
 * (docs/benchmarks.md).
 * `items` is null when the teacher has not said what they teach: the dashboard asks them to.
 */
export async function listTeachingSuggestions(actor: Pick<Actor, 'id'>): Promise<{ teaching: Teaching; items: TeachingSuggestion[] | null }> {
  const teaching = await getOwnTeaching(actor);
  if (!saysWhatTheyTeach(teaching)) return { teaching, items: null };
  // ANY_SUBJECT, if saved before it stopped being offered, is not one of "their" subjects here.
  const named = subjectsToTick(teaching.subjects);
  const items = await db.$queryRaw<TeachingSuggestion[]>`
    SELECT e."refId" AS "id", e."slug", e."title", e."summary", e."issuerName", e."level", e."pdHours"::text AS "pdHours", e."badgeColor"
    FROM "CatalogEntry" e
    WHERE e."kind" = 'MICRO_CREDENTIAL'::"CatalogKind" AND ${Prisma.join(teachingFilters(teaching), ' AND ')}
      AND NOT EXISTS (SELECT 1 FROM "Enrollment" n WHERE n."userId" = ${actor.id} AND n."microCredentialId" = e."refId")
      AND NOT EXISTS (SELECT 1 FROM "Award" a WHERE a."userId" = ${actor.id} AND a."microCredentialId" = e."refId" AND a."revokedAt" IS NULL)
    ORDER BY ${named.length ? Prisma.sql`(e."subjects" && ${named}::text[]) DESC,` : Prisma.empty} e."publishedAt" DESC, e."id" DESC
    LIMIT ${TEACHING_SUGGESTIONS}`;
  return { teaching, items };
}
