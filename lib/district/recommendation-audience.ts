import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';

// Who a district recommendation is for: ONE rule, used by the leader's uptake, the teacher's
// dashboard and item pages, and the notification job, so "N teachers" on the leader's page is the
// people who see it and were told about it.
//
// The district's people are the accounts placed in it (User.districtId), the same as the district
// overview, its teachers list and its reports count: an account is placed in a district only by
// joining it as a teacher (a TEACHER invitation, a confirmed request), never by being made one of
// its leaders, so a leader who does not teach there is not counted; one who joined as a teacher is,
// everywhere alike. Never someone who only asked to join (requestedDistrictId), and never a
// disabled account (it cannot sign in to see it). A school's recommendation is for the people
// placed at that school only (ADR 014).

export type RecommendationAudience = { districtId: string; schoolId: string | null };

/** The audience's accounts, as a Prisma filter (served by the User.districtId / schoolId indexes). */
export function audienceUserWhere(audience: RecommendationAudience): Prisma.UserWhereInput {
  return { districtId: audience.districtId, disabledAt: null, ...(audience.schoolId ? { schoolId: audience.schoolId } : {}) };
}

/**
 * The same rule in SQL, for the uptake's counts: `user` is the User alias, `school` the expression
 * holding each recommendation's school (NULL for the whole district).
 */
export function audienceSql(user: string, districtId: string, school: Prisma.Sql): Prisma.Sql {
  const u = Prisma.raw(`"${user}"`);
  return Prisma.sql`${u}."districtId" = ${districtId} AND ${u}."disabledAt" IS NULL AND (${school} IS NULL OR ${u}."schoolId" = ${school})`;
}

/**
 * The recommendations a signed-in person is in the audience of, as a filter; null when none can be
 * (no confirmed district). A signed-in person is never disabled (loadActor refuses those).
 */
export function recommendationsForWhere(person: { districtId: string | null; schoolId: string | null }): Prisma.DistrictRecommendationWhereInput | null {
  if (!person.districtId) return null;
  return { districtId: person.districtId, OR: [{ schoolId: null }, ...(person.schoolId ? [{ schoolId: person.schoolId }] : [])] };
}
