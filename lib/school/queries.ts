import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { listDistrictTeachers, listRecentDistrictAwards } from '@/lib/district/queries';
import { assertLeadsSchool } from '@/lib/school/access';

// What a school leader (principal) reads about their school (ADR 016): the teachers placed there
// (User.schoolId, set only with a confirmed district placement, ADR 010) and their progress. Never
// evidence, reviews or a decision's reasons: those stay between the teacher and the issuer.

/** The school's people: placed at the school and in its district (a confirmed placement). */
const atSchool = (school: { id: string; districtId: string }) => ({ schoolId: school.id, districtId: school.districtId });

/** The overview's figures; earned credentials and PD hours count from `since` (the school year's start). */
export async function getSchoolHome(opts: { actor: Actor; schoolId: string; since: Date }) {
  const school = await assertLeadsSchool(opts.actor, opts.schoolId);
  const user = { user: atSchool(school) };
  const [teachers, activeEnrolments, inReview, earned, hours, recommendations] = await Promise.all([
    db.user.count({ where: atSchool(school) }),
    db.enrollment.count({ where: { ...user, withdrawnAt: null, microCredentialId: { not: null } } }),
    db.submission.count({ where: { ...user, status: { in: ['SUBMITTED', 'IN_REVIEW'] } } }),
    // As the district's reports count a period: micro-credential awards, not revoked.
    db.award.count({ where: { ...user, revokedAt: null, microCredentialId: { not: null }, issuedAt: { gte: opts.since } } }),
    db.award.aggregate({ where: { ...user, revokedAt: null, microCredentialId: { not: null }, issuedAt: { gte: opts.since } }, _sum: { pdHours: true } }),
    db.districtRecommendation.count({ where: { districtId: school.districtId, OR: [{ schoolId: null }, { schoolId: school.id }] } }),
  ]);
  return { school, teachers, activeEnrolments, inReview, earned, pdHours: Number(hours._sum.pdHours ?? 0), recommendations };
}

/**
 * One page of the school's teachers with what they are enrolled in, work in progress and badges,
 * and their credentials and PD hours from `since`: the district's teacher list with the school
 * fixed, so both count alike. Work in progress carries no review outcome (see `inProgress` below).
 */
export async function listSchoolTeachers(opts: { actor: Actor; schoolId: string; q?: string; cursor?: string; since: Date }) {
  const school = await assertLeadsSchool(opts.actor, opts.schoolId);
  const { items, nextCursor } = await listDistrictTeachers({ actor: opts.actor, districtId: school.districtId, schoolId: school.id, q: opts.q, cursor: opts.cursor, since: opts.since, openWork: true });
  return {
    items: items.map((t) => ({
      id: t.id,
      name: t.name,
      email: t.email,
      enrolments: t.enrollments.map((e) => ({ since: e.createdAt, slug: e.microCredential!.slug, title: e.microCredential!.currentVersion?.title ?? e.microCredential!.slug })),
      // The most recent work in progress, chosen in SQL by the rule that counts it (so the list is
      // never empty while the count is not). Drafting and returned work both read "in progress":
      // whether a reviewer asked for changes is the teacher's to share, not the school's to see.
      inProgress: (t.openWork ?? []).map((s) => ({ title: s.title, stage: s.status === 'SUBMITTED' || s.status === 'IN_REVIEW' ? ('in-review' as const) : ('in-progress' as const) })),
      awards: t.awards.map((a) => ({ id: a.id, title: a.title, issuedAt: a.issuedAt, pdHours: Number(a.pdHours), level: a.level, suspended: Boolean(a.suspendedAt), validUntil: a.validUntil })),
      counts: { enrolled: t._count.enrollments, inProgress: t._count.submissions, earned: t._count.awards },
      recent: t.recent ?? { earned: 0, pdHours: 0 },
    })),
    nextCursor,
  };
}

/**
 * The badges the school's teachers earned most recently (its "Recently earned" list): the
 * district's list with the school fixed, so both leave out the same badges.
 */
export async function listRecentSchoolAwards(opts: { actor: Actor; schoolId: string }) {
  const school = await assertLeadsSchool(opts.actor, opts.schoolId);
  return listRecentDistrictAwards({ actor: opts.actor, districtId: school.districtId, schoolId: school.id });
}
