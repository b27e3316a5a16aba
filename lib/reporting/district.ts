import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/auth/actor';
import { assertReadScope } from '@/lib/district/queries';
import { DAY_MS } from '@/lib/dates';
import { workInProgressSql } from '@/lib/submissions/work-in-progress';
import { renewalOpensAt } from '@/lib/submissions/renewal-policy';
import { byTitle, computeSalaryStep, type NamedCredential, type SalaryRule, type SalaryStepResult } from '@/lib/reporting/salary-steps';
import { assertReportablePeriod, type Period } from '@/lib/reporting/schemas';

// Every figure counts micro-credential awards only (a stack award carries no hours of its own) that
// have not been revoked: hours already earned on a suspended or expired badge still count (as on
// teachers' own records, lib/reporting/teacher-record.ts), and the licence-renewal list marks each
// badge's status so a suspended one (on hold while the issuer looks into something) is seen before
// it goes into paperwork. Salary steps count only badges neither revoked nor suspended on the day
// counted.
// "In the period" means issuedAt in [from, to). Every report can be narrowed to one of the
// district's schools (`schoolId`: the teachers placed there); another district's school is refused.
// A school's leader may run every report for their own school only (ADR 016).

/** Which teachers a report covers: the district's, or those placed at one of its schools. */
type Scope = { actor: Actor; districtId: string; schoolId?: string | null };

async function authorize(opts: Scope) {
  await assertReadScope(opts.actor, opts.districtId, opts.schoolId);
}

/** The extra condition on "User" u for a school. */
const inSchool = (schoolId?: string | null) => (schoolId ? Prisma.sql`AND u."schoolId" = ${schoolId}` : Prisma.empty);

export type PdHoursRow = { userId: string; name: string; email: string; school: string | null; hours: number; credentials: number };

/** PD hours and credentials per teacher in the period, every teacher of the district included. */
export async function pdHoursByTeacher(opts: Scope & { period: Period }): Promise<PdHoursRow[]> {
  await authorize(opts);
  const { from, to } = opts.period;
  return db.$queryRaw<PdHoursRow[]>`
    SELECT u."id" AS "userId", u."name", u."email", s."name" AS "school",
           COALESCE(SUM(a."pdHours"), 0)::float8 AS "hours", COUNT(a."id")::int AS "credentials"
      FROM "User" u
      LEFT JOIN "Organization" s ON s."id" = u."schoolId"
      LEFT JOIN "Award" a ON a."userId" = u."id" AND a."revokedAt" IS NULL AND a."microCredentialId" IS NOT NULL
                         AND a."issuedAt" >= ${from} AND a."issuedAt" < ${to}
     WHERE u."districtId" = ${opts.districtId} ${inSchool(opts.schoolId)}
     GROUP BY u."id", s."name"
     ORDER BY "hours" DESC, u."name" ASC, u."id" ASC`;
}

/** PD hours earned across the district per month of the period (months with none included as 0). */
export async function pdHoursByMonth(opts: Scope & { period: Period }): Promise<{ month: Date; hours: number; credentials: number }[]> {
  await authorize(opts);
  assertReportablePeriod(opts.period);
  const { from, to } = opts.period;
  return db.$queryRaw`
    SELECT m."month", COALESCE(SUM(a."pdHours"), 0)::float8 AS "hours", COUNT(a."id")::int AS "credentials"
      FROM generate_series(date_trunc('month', ${from}::timestamp), ${to}::timestamp - interval '1 microsecond', interval '1 month') AS m("month")
      LEFT JOIN "Award" a ON date_trunc('month', a."issuedAt") = m."month" AND a."revokedAt" IS NULL AND a."microCredentialId" IS NOT NULL
                         AND a."issuedAt" >= ${from} AND a."issuedAt" < ${to}
                         AND a."userId" IN (SELECT u."id" FROM "User" u WHERE u."districtId" = ${opts.districtId} ${inSchool(opts.schoolId)})
     GROUP BY m."month" ORDER BY m."month"`;
}

export type RenewalRow = {
  awardId: string; userId: string; name: string; email: string; school: string | null; title: string; issuer: string;
  level: number | null; hours: number; issuedAt: Date; validUntil: Date | null;
  /** On hold while the issuer looks into something: marked so it is not filed as valid. */
  suspended: boolean;
  /** A renewal of a badge the teacher held before (the same micro-credential, shown again). */
  renewal: boolean;
  /**
   * Counts toward licence renewal here: always, unless the district counts only what it approves
   * (`renewalApprovedOnly`), when its issuer or the micro-credential itself must be approved (ADR 024).
   */
  approved: boolean;
};

/**
 * Whether the badge `a` is on a district's approved lists (ADR 022): its issuer is approved, or its
 * micro-credential is on its own. Each list is read once per query by its primary key (the planner
 * hashes it). The one rule for salary steps and licence renewal in these reports.
 */
export const onApprovedLists = (districtId: string) =>
  Prisma.sql`(a."issuerId" IN (SELECT ai."issuerId" FROM "DistrictApprovedIssuer" ai WHERE ai."districtId" = ${districtId})
    OR a."microCredentialId" IN (SELECT ac."microCredentialId" FROM "DistrictApprovedCredential" ac WHERE ac."districtId" = ${districtId}))`;

/**
 * Each credential earned in the period, for licence-renewal paperwork, with suspended ones marked,
 * and, where the district counts only approved issuers and micro-credentials toward renewal, whether
 * each is one (onApprovedLists, as the salary steps count).
 */
export async function renewalCredentials(opts: Scope & { period: Period }): Promise<RenewalRow[]> {
  await authorize(opts);
  const { from, to } = opts.period;
  return db.$queryRaw<RenewalRow[]>`
    SELECT a."id"::text AS "awardId", u."id" AS "userId", u."name", u."email", s."name" AS "school", a."title", i."name" AS "issuer",
           a."level", a."pdHours"::float8 AS "hours", a."issuedAt", a."validUntil",
           (a."suspendedAt" IS NOT NULL) AS "suspended",
           -- A revoked earlier badge was never validly held: this one is not its renewal.
           EXISTS (SELECT 1 FROM "Award" o WHERE o."userId" = a."userId" AND o."microCredentialId" = a."microCredentialId" AND o."issuedAt" < a."issuedAt" AND o."revokedAt" IS NULL) AS "renewal",
           (NOT d."renewalApprovedOnly" OR ${onApprovedLists(opts.districtId)}) AS "approved"
      FROM "Award" a
      JOIN "User" u ON u."id" = a."userId"
      JOIN "Organization" d ON d."id" = u."districtId"
      JOIN "Organization" i ON i."id" = a."issuerId"
      LEFT JOIN "Organization" s ON s."id" = u."schoolId"
     WHERE u."districtId" = ${opts.districtId} ${inSchool(opts.schoolId)} AND a."revokedAt" IS NULL AND a."microCredentialId" IS NOT NULL
       AND a."issuedAt" >= ${from} AND a."issuedAt" < ${to}
     ORDER BY u."name" ASC, u."id" ASC, a."issuedAt" ASC`;
}

/**
 * SQL: how many micro-credentials the district `districtId` approves on their own, whose issuer it
 * does not approve as a whole (the approved issuers' credentials already count). The licence-renewal
 * rule and a teacher's salary card both say this number.
 */
export function approvedAloneCount(districtId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) FROM "DistrictApprovedCredential" ac JOIN "MicroCredential" m ON m."id" = ac."microCredentialId"
     WHERE ac."districtId" = ${districtId}
       AND NOT EXISTS (SELECT 1 FROM "DistrictApprovedIssuer" ai WHERE ai."districtId" = ac."districtId" AND ai."issuerId" = m."issuerId")`;
}

/**
 * What the district counts toward licence renewal: every credential, or only those from its
 * approved issuers and single approved micro-credentials (`onlyApproved`, with how many issuers it
 * approves and how many micro-credentials on their own: those whose issuer is not approved too, as
 * the salary steps count them), as the report says above the list.
 */
export type RenewalRule = { onlyApproved: boolean; issuers: number; credentials: number };

export async function renewalRule(opts: Scope): Promise<RenewalRule> {
  await authorize(opts);
  const [row] = await db.$queryRaw<RenewalRule[]>`
    SELECT d."renewalApprovedOnly" AS "onlyApproved",
           (SELECT COUNT(*) FROM "DistrictApprovedIssuer" ai WHERE ai."districtId" = d."id")::int AS "issuers",
           (${approvedAloneCount(Prisma.sql`d."id"`)})::int AS "credentials"
      FROM "Organization" d WHERE d."id" = ${opts.districtId}`;
  return row ?? { onlyApproved: false, issuers: 0, credentials: 0 };
}

/**
 * A district's salary-step rules, in the district's order (the index on districtId, sortOrder), as
 * computeSalaryStep reads them (reports and teachers' own pages), with the description the district
 * wrote for each step, which teachers read on My badges.
 */
export const SALARY_RULES = {
  orderBy: [{ sortOrder: 'asc' }, { amountCents: 'asc' }],
  select: { id: true, label: true, description: true, minLevel: true, credentialsRequired: true, amountCents: true, sortOrder: true },
} satisfies Prisma.SalaryStepRuleFindManyArgs;

/** A badge a teacher's step counts (the newest counted one of its micro-credential); its page is /credentials/{id}. */
export type CountedAward = { id: string; title: string; level: number | null; issuedAt: Date };

/**
 * `counted`: the badges behind `qualifyingCount`, newest first. `notApproved`: credentials held
 * that do not count because the district counts only approved issuers and theirs is not one (nor
 * is the credential approved on its own).
 */
export type SalaryStepRow = { userId: string; name: string; email: string; school: string | null; byLevel: Record<number, number>; counted: CountedAward[]; notApproved: number } & SalaryStepResult;

/**
 * Which issuers' badges the steps count: every issuer's, or only those the district approves
 * (`approved`, by name) and the single micro-credentials it approves on their own (`credentials`,
 * by title: only those whose issuer is not approved, as the others count with their issuer anyway).
 */
export type SalaryIssuerRule = { onlyApproved: boolean; approved: { id: string; name: string }[]; credentials: NamedCredential[] };

/**
 * Salary-step eligibility at `asOf` (salaryAsOf: the end of the period, or now while it runs, as
 * teachers' own pages count): every evidence-backed credential held then
 * (issued before `asOf`, never revoked, not suspended at `asOf`: a suspension that began later
 * does not reach back) counts, whenever it was earned; if the district
 * does not count expired badges (`salaryCountsExpired`), only those still valid at `asOf`; if it
 * counts only the issuers it approves (`salaryApprovedIssuersOnly`), only those issuers' badges and
 * those of the single micro-credentials it approves (DistrictApprovedCredential). A renewed badge and the one it renewed count once: they are the same micro-credential.
 * The rules, the district's settings and its approved lists keep no history: a past day is
 * counted with today's (the report says so).
 */
export async function salaryStepEligibility(opts: Scope & { asOf: Date }): Promise<{ rules: SalaryRule[]; rows: SalaryStepRow[]; countsExpired: boolean; issuers: SalaryIssuerRule; oneAway: number }> {
  await authorize(opts);
  const [rules, district] = await Promise.all([
    db.salaryStepRule.findMany({ where: { districtId: opts.districtId }, ...SALARY_RULES }),
    db.organization.findUniqueOrThrow({
      where: { id: opts.districtId },
      select: {
        salaryCountsExpired: true, salaryApprovedIssuersOnly: true,
        approvedIssuers: { select: { issuer: { select: { id: true, name: true } } } },
        approvedCredentials: { select: { microCredential: { select: { id: true, slug: true, issuerId: true, currentVersion: { select: { title: true } }, issuer: { select: { name: true } } } } } },
      },
    }),
  ]);
  const approvedIssuerIds = new Set(district.approvedIssuers.map((a) => a.issuer.id));
  const issuers: SalaryIssuerRule = {
    onlyApproved: district.salaryApprovedIssuersOnly,
    approved: district.approvedIssuers.map((a) => a.issuer).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    credentials: district.approvedCredentials
      .map((a) => a.microCredential)
      .filter((m) => !approvedIssuerIds.has(m.issuerId))
      .map((m) => ({ id: m.id, title: m.currentVersion?.title ?? m.slug, issuer: m.issuer.name }))
      .sort(byTitle),
  };
  // Unless the district counts expired badges, only those still valid at `asOf`.
  const validThen = district.salaryCountsExpired ? Prisma.sql`` : Prisma.sql`AND (a."validUntil" IS NULL OR a."validUntil" > ${opts.asOf})`;
  // Whether the badge counts, so a credential set aside can still be named as such.
  const approvedIssuer = issuers.onlyApproved ? onApprovedLists(opts.districtId) : Prisma.sql`TRUE`;
  const teachers = await db.user.findMany({
    where: { districtId: opts.districtId, ...(opts.schoolId ? { schoolId: opts.schoolId } : {}) },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, email: true, school: { select: { name: true } } },
  });
  // One row per teacher and micro-credential held, with the badge that counts for it, so the report
  // can name the badges a step rests on (the count alone cannot be checked).
  const held = await db.$queryRaw<(CountedAward & { userId: string; approved: boolean })[]>`
    SELECT u."id" AS "userId", h."id"::text AS "id", h."title", h."level", h."issuedAt", h."approved"
      FROM "User" u
      -- Per teacher (an index range of Award(userId, issuedAt) each): joined as one set, the
      -- planner read the whole Award table for a district's few thousand teachers.
      CROSS JOIN LATERAL (
        -- One row per micro-credential, its newest counted badge (and that badge's level): a
        -- credential whose level changed between a badge and its renewal still counts once.
        SELECT DISTINCT ON (a."microCredentialId") a."id", a."title", a."level", a."issuedAt", ${approvedIssuer} AS "approved"
          FROM "Award" a
         WHERE a."userId" = u."id" AND a."microCredentialId" IS NOT NULL AND a."submissionId" IS NOT NULL
           -- Held on that day: a suspension that began later did not stop it counting then. A
           -- revoked badge was never validly held, whenever it was revoked.
           AND a."revokedAt" IS NULL AND (a."suspendedAt" IS NULL OR a."suspendedAt" > ${opts.asOf}) AND a."issuedAt" < ${opts.asOf} ${validThen}
         ORDER BY a."microCredentialId", a."issuedAt" DESC, a."id" DESC
      ) h
     WHERE u."districtId" = ${opts.districtId} ${inSchool(opts.schoolId)}`;
  const byUser = new Map<string, CountedAward[]>();
  const notApproved = new Map<string, number>();
  for (const { userId, approved, ...award } of held) {
    if (approved) (byUser.get(userId) ?? byUser.set(userId, []).get(userId)!).push(award);
    else notApproved.set(userId, (notApproved.get(userId) ?? 0) + 1);
  }
  const rows = teachers.map((t) => {
    const mine = (byUser.get(t.id) ?? []).sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime() || b.id.localeCompare(a.id));
    const byLevel: Record<number, number> = {};
    for (const c of mine) if (c.level !== null) byLevel[c.level] = (byLevel[c.level] ?? 0) + 1;
    return { userId: t.id, name: t.name, email: t.email, school: t.school?.name ?? null, byLevel, notApproved: notApproved.get(t.id) ?? 0, ...computeSalaryStep(rules, mine) };
  });
  // Highest amount first; within an amount, those closest to their next step (a teacher on the top
  // step has none, and comes last among equals), so the leader sees who is about to move up.
  const missing = (r: SalaryStepRow) => r.next?.missing ?? Number.POSITIVE_INFINITY;
  rows.sort((a, b) => b.amountCents - a.amountCents || missing(a) - missing(b) || a.name.localeCompare(b.name));
  return { rules, rows, countsExpired: district.salaryCountsExpired, issuers, oneAway: rows.filter((r) => r.next?.missing === 1).length };
}

/** How many teachers reached each rule (and none), for the chart. */
export function salaryStepDistribution(rules: SalaryRule[], rows: SalaryStepRow[]) {
  return [
    { label: 'No step yet', value: rows.filter((r) => !r.rule).length },
    ...rules.map((rule) => ({ label: rule.label, value: rows.filter((r) => r.rule?.id === rule.id).length })),
  ];
}


/** Badges ending from now to this many days ahead are listed (the longest window in which renewal opens, RENEWAL_WINDOW_DAYS). */
export const ENDING_AHEAD_DAYS = 90;
/** ...and those that ended up to this many days ago, marked, so a lapse just missed is still seen. */
export const ENDED_BEHIND_DAYS = 30;

export type ExpiringRow = {
  awardId: string; userId: string; name: string; email: string; school: string | null; title: string; issuer: string;
  level: number | null; validUntil: Date;
  /** Already ended (within the last ENDED_BEHIND_DAYS days). */
  ended: boolean;
  /** On hold while the issuer looks into something (it cannot be renewed until that is settled). */
  suspended: boolean;
  /**
   * The teacher has a renewal under way: an application of a later cycle for this credential (ADR
   * 009) that is work in progress (workInProgressSql), not one they stopped working on.
   */
  renewalStarted: boolean;
  /**
   * When the teacher can start renewing it (renewalOpensAt: 90 days before it ends, or the last
   * third of a shorter validity), so a badge not yet open is not listed as "not started".
   */
  renewalOpensAt: Date;
};

/**
 * What is about to change: for each teacher and micro-credential, the newest badge not revoked,
 * when it ends within ENDING_AHEAD_DAYS of `now` or ended within the last ENDED_BEHIND_DAYS. A badge
 * already replaced by a renewal is not listed (its renewal is the newest). Soonest first, the
 * ones already ended at the top.
 */
export async function expiringBadges(opts: Scope & { now?: Date }): Promise<ExpiringRow[]> {
  await authorize(opts);
  const now = opts.now ?? new Date();
  const from = new Date(now.getTime() - ENDED_BEHIND_DAYS * DAY_MS);
  const to = new Date(now.getTime() + ENDING_AHEAD_DAYS * DAY_MS);
  const rows = await db.$queryRaw<(Omit<ExpiringRow, 'renewalOpensAt'> & { issuedAt: Date })[]>`
    SELECT b."id"::text AS "awardId", u."id" AS "userId", u."name", u."email", s."name" AS "school", b."title", i."name" AS "issuer",
           b."level", b."issuedAt", b."validUntil", (b."validUntil" <= ${now}) AS "ended", (b."suspendedAt" IS NOT NULL) AS "suspended",
           -- The badge's own application is cycle 1 when it has none (as teachers' own pages read it).
           -- A later one counts only while it is work in progress: a renewal the teacher stopped is
           -- kept as a draft, but nothing is under way (as the Skills report counts work).
           EXISTS (SELECT 1 FROM "Submission" r
                    WHERE r."userId" = u."id" AND r."microCredentialId" = b."microCredentialId"
                      AND r."cycle" > COALESCE((SELECT c."cycle" FROM "Submission" c WHERE c."id" = b."submissionId"), 1)
                      AND ${workInProgressSql('r')}) AS "renewalStarted"
      FROM "User" u
      -- Per teacher (an index range of Award(userId, issuedAt) each), as salaryStepEligibility does:
      -- the newest badge of each credential first, and only then whether it ends soon.
      CROSS JOIN LATERAL (
        SELECT DISTINCT ON (a."microCredentialId") a."id", a."microCredentialId", a."submissionId", a."issuerId", a."title", a."level", a."issuedAt", a."validUntil", a."suspendedAt"
          FROM "Award" a
         WHERE a."userId" = u."id" AND a."microCredentialId" IS NOT NULL AND a."revokedAt" IS NULL
         ORDER BY a."microCredentialId", a."issuedAt" DESC, a."id" DESC
      ) b
      JOIN "Organization" i ON i."id" = b."issuerId"
      LEFT JOIN "Organization" s ON s."id" = u."schoolId"
     WHERE u."districtId" = ${opts.districtId} ${inSchool(opts.schoolId)}
       AND b."validUntil" > ${from} AND b."validUntil" <= ${to}
     ORDER BY b."validUntil" ASC, u."name" ASC, u."id" ASC, b."id" ASC`;
  return rows.map(({ issuedAt, ...r }) => ({ ...r, renewalOpensAt: renewalOpensAt(r.validUntil, issuedAt) }));
}

/** Badge counts of a credential, a topic or the whole report (level split by the badge's own level, as salary steps read it). */
export type SkillsCounts = {
  /** Badges earned in the period. */
  badges: number;
  /** Distinct teachers who earned them (a teacher with two badges of a topic counts once for it). */
  teachers: number;
  hours: number;
  /** Level 1: understanding of the practice. */
  understanding: number;
  /** Level 2 and above: the practice shown in the teacher's own classroom. */
  classroom: number;
  /** Badges whose credential has no level (neither of the two above). */
  unlevelled: number;
  /** Distinct teachers with an application open now, whatever the period (see skillsReport). */
  inProgress: number;
};
export type SkillsCredential = SkillsCounts & { microCredentialId: string; slug: string; title: string; issuer: string };
export type SkillsTopic = SkillsCounts & { topic: string; credentials: SkillsCredential[] };
export type SkillsReport = { topics: SkillsTopic[]; totals: SkillsCounts };

type SkillsAwardRow = { topic: string | null; id: string | null; rollup: number; badges: number; teachers: number; hours: number; understanding: number; classroom: number };
type SkillsWorkRow = { topic: string | null; id: string | null; rollup: number; teachers: number };

/**
 * Which skills the district's (or one school's) teachers are building, by topic and, within a
 * topic, by micro-credential. Badges are counted exactly as pdHoursByTeacher counts them (micro-
 * credential awards not revoked, issued in [from, to), of teachers placed in the district or
 * school), so the totals agree with that report. A credential's topic is its current one
 * (MicroCredential.topic, as the catalogue shows it): each credential sits under one topic, and a
 * topic the issuer renamed carries its earlier badges with it.
 *
 * "In progress now" is read today, whatever the period: teachers with an application not yet
 * earned (drafting, sent, with reviewers or being revised), unless they stopped working on the
 * credential (its enrolment withdrawn: the kept draft their dashboard lists under "Stopped"), as the
 * district's teacher list counts work in progress. Credentials with work in progress but no badge
 * in the period are listed too. Each count is of distinct teachers, per credential, per topic and
 * overall (ROLLUP), never a sum of the rows below it.
 */
export async function skillsReport(opts: Scope & { period: Period }): Promise<SkillsReport> {
  await authorize(opts);
  const { from, to } = opts.period;
  const [earned, working] = await Promise.all([
    db.$queryRaw<SkillsAwardRow[]>`
      SELECT m."topic", b."microCredentialId" AS "id", GROUPING(m."topic", b."microCredentialId")::int AS "rollup",
             COUNT(*)::int AS "badges", COUNT(DISTINCT b."userId")::int AS "teachers", COALESCE(SUM(b."pdHours"), 0)::float8 AS "hours",
             (COUNT(*) FILTER (WHERE b."level" = 1))::int AS "understanding", (COUNT(*) FILTER (WHERE b."level" >= 2))::int AS "classroom"
        FROM "User" u
        -- Per teacher, an index range of Award(userId, issuedAt), as pdHoursByTeacher reads it.
        CROSS JOIN LATERAL (
          SELECT a."userId", a."microCredentialId", a."pdHours", a."level"
            FROM "Award" a
           WHERE a."userId" = u."id" AND a."revokedAt" IS NULL AND a."microCredentialId" IS NOT NULL
             AND a."issuedAt" >= ${from} AND a."issuedAt" < ${to}
        ) b
        JOIN "MicroCredential" m ON m."id" = b."microCredentialId"
       WHERE u."districtId" = ${opts.districtId} ${inSchool(opts.schoolId)}
       GROUP BY ROLLUP (m."topic", b."microCredentialId")`,
    db.$queryRaw<SkillsWorkRow[]>`
      SELECT m."topic", w."microCredentialId" AS "id", GROUPING(m."topic", w."microCredentialId")::int AS "rollup",
             COUNT(DISTINCT w."userId")::int AS "teachers"
        FROM "User" u
        -- Per teacher, their applications (Submission(userId, microCredentialId, cycle)), and for
        -- each whether they stopped (Enrollment(userId, microCredentialId)).
        CROSS JOIN LATERAL (
          SELECT s."userId", s."microCredentialId"
            FROM "Submission" s
           WHERE s."userId" = u."id" AND ${workInProgressSql('s')}
        ) w
        JOIN "MicroCredential" m ON m."id" = w."microCredentialId"
       WHERE u."districtId" = ${opts.districtId} ${inSchool(opts.schoolId)}
       GROUP BY ROLLUP (m."topic", w."microCredentialId")`,
  ]);
  // GROUPING() is 0 for a credential's row, 1 for its topic's, 3 for the whole report's.
  const key = (r: { topic: string | null; id: string | null; rollup: number }) => (r.rollup === 3 ? '' : r.rollup === 1 ? `t:${r.topic}` : `c:${r.id}`);
  const earnedBy = new Map(earned.map((r) => [key(r), r]));
  const workingBy = new Map(working.map((r) => [key(r), r.teachers]));
  const counts = (k: string): SkillsCounts => {
    const e = earnedBy.get(k);
    const badges = e?.badges ?? 0;
    const understanding = e?.understanding ?? 0;
    const classroom = e?.classroom ?? 0;
    return { badges, teachers: e?.teachers ?? 0, hours: e?.hours ?? 0, understanding, classroom, unlevelled: badges - understanding - classroom, inProgress: workingBy.get(k) ?? 0 };
  };
  const ids = [...new Set([...earned, ...working].filter((r) => r.rollup === 0).map((r) => r.id!))];
  const credentials = ids.length
    ? await db.microCredential.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, topic: true, currentVersion: { select: { title: true } }, issuer: { select: { name: true } } } })
    : [];
  const topics = new Map<string, SkillsTopic>();
  for (const mc of credentials) {
    const topic = topics.get(mc.topic) ?? topics.set(mc.topic, { topic: mc.topic, ...counts(`t:${mc.topic}`), credentials: [] }).get(mc.topic)!;
    topic.credentials.push({ microCredentialId: mc.id, slug: mc.slug, title: mc.currentVersion?.title ?? mc.slug, issuer: mc.issuer.name, ...counts(`c:${mc.id}`) });
  }
  // Most badges first, then most teachers at work on it, then by name.
  const order = <T extends SkillsCounts>(name: (x: T) => string) => (a: T, b: T) => b.badges - a.badges || b.inProgress - a.inProgress || name(a).localeCompare(name(b));
  const sorted = [...topics.values()].sort(order((t) => t.topic));
  for (const t of sorted) t.credentials.sort(order((c) => c.title));
  return { topics: sorted, totals: counts('') };
}

/**
 * Everything the reports page shows, for a district or one of its schools (the district leader's
 * page and the school leader's, which count alike): PD hours by teacher and by month, the renewal
 * list and the rule it follows, salary steps as of `asOf`, badges ending soon after `now`, and the
 * skills report. Each query checks the scope itself (a school not the district's is refused).
 */
export async function reportsPageData(opts: Scope & { period: Period; asOf: Date; now: Date }) {
  const { period, asOf, now, ...scope } = opts;
  const [byTeacher, byMonth, renewal, renewalCounts, steps, expiring, skills] = await Promise.all([
    pdHoursByTeacher({ ...scope, period }),
    pdHoursByMonth({ ...scope, period }),
    renewalCredentials({ ...scope, period }),
    renewalRule(scope),
    salaryStepEligibility({ ...scope, asOf }),
    expiringBadges({ ...scope, now }),
    skillsReport({ ...scope, period }),
  ]);
  return { byTeacher, byMonth, renewal, renewalCounts, steps, expiring, skills };
}
