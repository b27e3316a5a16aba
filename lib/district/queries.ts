import 'server-only';
import { cache } from 'react';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { workInProgressSql } from '@/lib/submissions/work-in-progress';
import type { Actor } from '@/lib/auth/actor';
import { hasRole } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { decodeCursor, encodeCursor } from '@/lib/catalog/cursor';
import { forbidden } from '@/lib/errors';

// Organisation ids are cuids (letters, digits); anything else cannot be one, and is not sent to Postgres.
const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The school a district list or report is narrowed to (none when `schoolId` is empty). A school of
 * another district, or an id that is no school at all, is refused as another district's id is
 * (checked as setTeacherSchool checks it), never read as "no filter". Call after assertLeads.
 * Looked up once per request: a filtered reports page runs five report queries that each check it.
 */
export const assertDistrictSchool = cache(async (districtId: string, schoolId?: string | null): Promise<{ id: string; name: string } | null> => {
  if (!schoolId) return null;
  const school = ORG_ID.test(schoolId)
    ? await db.organization.findFirst({ where: { id: schoolId, kind: 'SCHOOL', parentId: districtId }, select: { id: true, name: true } })
    : null;
  if (!school) throw forbidden('That school is not one of your district’s schools.');
  return school;
});

/**
 * Who may read a district list or report: the district's leaders, for the whole district or one of
 * its schools; a school's leader (principal), for their own school only (ADR 016), never the whole
 * district nor a school beside theirs. Returns the school, checked to be the district's.
 */
export async function assertReadScope(actor: Actor, districtId: string, schoolId?: string | null) {
  if (!(schoolId && hasRole(actor, 'SCHOOL_LEADER', schoolId))) assertLeads(actor, districtId);
  return assertDistrictSchool(districtId, schoolId);
}

export async function getDistrictHome(opts: { actor: Actor; districtId: string; since: Date }) {
  assertLeads(opts.actor, opts.districtId);
  const inDistrict = { user: { districtId: opts.districtId } };
  const [teachers, joinRequests, pendingProposals, activeEnrolments, inReview, earned, hours] = await Promise.all([
    db.user.count({ where: { districtId: opts.districtId } }),
    db.user.count({ where: { requestedDistrictId: opts.districtId } }),
    // Waiting for this reader: not their own, which another leader decides.
    db.proposal.count({ where: { districtId: opts.districtId, status: 'SUBMITTED', userId: { not: opts.actor.id } } }),
    db.enrollment.count({ where: { ...inDistrict, withdrawnAt: null, microCredentialId: { not: null } } }),
    db.submission.count({ where: { ...inDistrict, status: { in: ['SUBMITTED', 'IN_REVIEW'] } } }),
    db.award.count({ where: { ...inDistrict, revokedAt: null, microCredentialId: { not: null }, issuedAt: { gte: opts.since } } }),
    db.award.aggregate({ where: { ...inDistrict, revokedAt: null, issuedAt: { gte: opts.since } }, _sum: { pdHours: true } }),
  ]);
  return { teachers, joinRequests, pendingProposals, activeEnrolments, inReview, earned, pdHours: Number(hours._sum.pdHours ?? 0) };
}

export const TEACHERS_PAGE_SIZE = 25;
/** Each teacher's enrolments, applications and badges shown in the list: the most recent this many. */
export const LIST_LIMIT = 20;
type NameCursor = { n: string; id: string };
const isNameCursor = (v: Record<string, unknown>): v is NameCursor => typeof v.n === 'string' && typeof v.id === 'string';

/**
 * The district's teachers (those placed at `schoolId` only, when given) with their enrolments,
 * submissions and earned credentials; keyset on (name, id). With `since`, also each teacher's
 * micro-credentials earned and PD hours from then on (`recent`), counted as the reports count them.
 * A school's leader may list their own school's (assertReadScope).
 */
export async function listDistrictTeachers(opts: { actor: Actor; districtId: string; schoolId?: string | null; q?: string; cursor?: string; since?: Date }) {
  await assertReadScope(opts.actor, opts.districtId, opts.schoolId);
  const cursor = decodeCursor(opts.cursor, isNameCursor);
  const q = opts.q?.trim();
  const rows = await db.user.findMany({
    where: {
      districtId: opts.districtId,
      ...(opts.schoolId ? { schoolId: opts.schoolId } : {}),
      AND: [
        q ? { OR: [{ name: { contains: q, mode: 'insensitive' as const } }, { email: { contains: q, mode: 'insensitive' as const } }] } : {},
        cursor ? { OR: [{ name: { gt: cursor.n } }, { name: cursor.n, id: { gt: cursor.id } }] } : {},
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: TEACHERS_PAGE_SIZE + 1,
    select: {
      id: true, name: true, email: true, schoolId: true,
      school: { select: { name: true } },
      enrollments: { where: { withdrawnAt: null, microCredentialId: { not: null } }, orderBy: { createdAt: 'desc' }, take: LIST_LIMIT, select: { createdAt: true, microCredential: { select: { slug: true, currentVersion: { select: { title: true } } } } } },
      submissions: { orderBy: { updatedAt: 'desc' }, take: LIST_LIMIT, select: { status: true, lastSubmittedAt: true, microCredentialId: true, microCredential: { select: { slug: true } }, version: { select: { title: true } } } },
      awards: { where: { revokedAt: null }, orderBy: { issuedAt: 'desc' }, take: LIST_LIMIT, select: { id: true, title: true, issuedAt: true, pdHours: true, level: true, suspendedAt: true, validUntil: true } },
    },
  });
  const page = rows.slice(0, TEACHERS_PAGE_SIZE);
  const last = page[page.length - 1];
  // Totals over everything each teacher has (the lists are the 20 most recent of each), counted for
  // this page's teachers only: Prisma's relation `_count` would aggregate the whole Award and
  // Submission tables and join the result (0.8 s at scale, `npm run bench:explain`).
  const ids = page.map((t) => t.id);
  const since = opts.since;
  const [awardTotals, enrolmentTotals, openTotals, recentTotals, stoppedRows] = ids.length
    ? await Promise.all([
        db.award.groupBy({ by: ['userId'], where: { userId: { in: ids }, revokedAt: null }, _sum: { pdHours: true }, _count: { _all: true } }),
        db.enrollment.groupBy({ by: ['userId'], where: { userId: { in: ids }, withdrawnAt: null, microCredentialId: { not: null } }, _count: { _all: true } }),
        // In progress: not earned, and not stopped (a draft whose enrolment the teacher withdrew,
        // which their dashboard lists under "Stopped").
        db.$queryRaw<{ userId: string; n: number }[]>`
          SELECT s."userId", count(*)::int AS n FROM "Submission" s
          WHERE s."userId" = ANY(${ids}) AND ${workInProgressSql('s')}
          GROUP BY s."userId"`,
        // As lib/reporting/district.ts counts a period: micro-credential awards not revoked.
        since
          ? db.award.groupBy({ by: ['userId'], where: { userId: { in: ids }, revokedAt: null, microCredentialId: { not: null }, issuedAt: { gte: since } }, _sum: { pdHours: true }, _count: { _all: true } })
          : Promise.resolve([]),
        db.enrollment.findMany({ where: { userId: { in: ids }, withdrawnAt: { not: null }, microCredentialId: { not: null } }, select: { userId: true, microCredentialId: true } }),
      ])
    : [[], [], [], [], []];
  const awardsBy = new Map(awardTotals.map((h) => [h.userId, { n: h._count._all, hours: Number(h._sum.pdHours ?? 0) }]));
  const enrolmentsBy = new Map(enrolmentTotals.map((e) => [e.userId, e._count._all]));
  const openBy = new Map(openTotals.map((s) => [s.userId, s.n]));
  const stopped = new Set(stoppedRows.map((e) => `${e.userId}:${e.microCredentialId}`));
  const recentBy = new Map(recentTotals.map((h) => [h.userId, { earned: h._count._all, pdHours: Number(h._sum.pdHours ?? 0) }]));
  return {
    items: page.map((t) => ({
      ...t,
      submissions: t.submissions.map((s) => ({ ...s, stopped: s.status !== 'EARNED' && stopped.has(`${t.id}:${s.microCredentialId}`) })),
      pdHours: awardsBy.get(t.id)?.hours ?? 0,
      recent: since ? (recentBy.get(t.id) ?? { earned: 0, pdHours: 0 }) : null,
      _count: { enrollments: enrolmentsBy.get(t.id) ?? 0, submissions: openBy.get(t.id) ?? 0, awards: awardsBy.get(t.id)?.n ?? 0 },
    })),
    nextCursor: rows.length > TEACHERS_PAGE_SIZE && last ? encodeCursor({ n: last.name, id: last.id }) : null,
  };
}

/** How many badges the overviews' "Recently earned" lists. */
export const RECENT_AWARDS_LIMIT = 10;

export type RecentAward = { id: string; title: string; level: number | null; issuedAt: Date; teacherName: string };

/**
 * The badges the district's teachers (those placed at `schoolId` only, when given) earned most
 * recently, newest first: each links to its public page, so only badges that page shows as standing
 * and the teacher shows on their portfolio (not revoked, not suspended, not hidden). A school's
 * leader may read their own school's (assertReadScope).
 */
export async function listRecentDistrictAwards(opts: { actor: Actor; districtId: string; schoolId?: string | null }): Promise<RecentAward[]> {
  await assertReadScope(opts.actor, opts.districtId, opts.schoolId);
  const atSchool = opts.schoolId ? Prisma.sql`AND u."schoolId" = ${opts.schoolId}` : Prisma.empty;
  // Each teacher's newest few from the (userId, issuedAt, id) index, then the newest of those: the
  // work grows with the number of teachers, never with how many badges the platform has issued
  // (a scan of the whole table newest first would read every other district's badges first).
  return db.$queryRaw<RecentAward[]>`
    SELECT a."id", a."title", a."level", a."issuedAt", u."name" AS "teacherName"
    FROM "User" u
    CROSS JOIN LATERAL (
      SELECT w."id", w."title", w."level", w."issuedAt" FROM "Award" w
      WHERE w."userId" = u."id" AND w."revokedAt" IS NULL AND w."suspendedAt" IS NULL AND NOT w."hiddenFromPortfolio"
      ORDER BY w."issuedAt" DESC, w."id" DESC
      LIMIT ${RECENT_AWARDS_LIMIT}
    ) a
    WHERE u."districtId" = ${opts.districtId} ${atSchool}
    ORDER BY a."issuedAt" DESC, a."id" DESC
    LIMIT ${RECENT_AWARDS_LIMIT}`;
}
