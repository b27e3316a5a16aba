import 'server-only';
import { cache } from 'react';
import { db } from '@/lib/db';
import { searchText } from '@/lib/search-text';
import { Prisma } from '@/lib/generated/prisma/client';
import { workInProgressSql } from '@/lib/submissions/work-in-progress';
import type { SubmissionStatus } from '@/lib/generated/prisma/enums';
import type { Actor } from '@/lib/auth/actor';
import { hasRole, isDistrictLeader } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { decodeCursor, encodeCursor } from '@/lib/catalog/cursor';
import { forbidden, isDomainError, notFound } from '@/lib/errors';
import { awardCursorAfter, decodeAwardCursor } from '@/lib/awards/cursor';
import { onApprovedLists, renewalRule } from '@/lib/reporting/district';
import { getTeacherRecord, licenceRenewalHours, licenceRenewalWindow, recordRowOf, type LicenceRenewalHours, type RecordRow, type SalaryLadderStep, type TeacherSalary } from '@/lib/reporting/teacher';
import { RENEWAL_CYCLE_YEARS_DEFAULT } from '@/lib/district/policy-settings';
import { externalLearningHoursBetween, externalLearningOnRecord } from '@/lib/external-learning/queries';
import { dayIn } from '@/lib/external-learning/schemas';
import { dayLabel, utcDay } from '@/lib/dates';
import { displayTimeZone } from '@/lib/time-format';
import { credentialCounts } from '@/lib/reporting/salary-steps';
import { countedHoursOf } from '@/lib/reporting/transcript';
import { totalHoursOf } from '@/lib/reporting/teacher-record';

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

/** One piece of a teacher's work in progress (workInProgressSql), as the school's teacher list shows it. */
export type OpenWork = { title: string; status: SubmissionStatus };

/**
 * The district's teachers (those placed at `schoolId` only, when given) with their enrolments,
 * submissions and earned credentials; keyset on (name, id). With `since`, also each teacher's
 * micro-credentials earned and PD hours from then on (`recent`), counted as the reports count them.
 * With `openWork`, also each teacher's most recent LIST_LIMIT pieces of work in progress
 * (`openWork`, null without), chosen in SQL by the rule the in-progress count and the teacher's
 * record use (workInProgressSql), so a teacher whose newest applications are all earned or stopped
 * still shows what they are working on. A school's leader may list their own school's (assertReadScope).
 */
export async function listDistrictTeachers(opts: { actor: Actor; districtId: string; schoolId?: string | null; q?: string; cursor?: string; since?: Date; openWork?: boolean }) {
  await assertReadScope(opts.actor, opts.districtId, opts.schoolId);
  const cursor = decodeCursor(opts.cursor, isNameCursor);
  const q = searchText(opts.q);
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
  const [awardTotals, enrolmentTotals, openTotals, recentTotals, stoppedRows, openRows] = ids.length
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
        // Work in progress as counted above and as the teacher's record lists it, newest first:
        // each teacher's own most recent LIST_LIMIT, filtered before the limit.
        opts.openWork
          ? db.$queryRaw<(OpenWork & { userId: string })[]>`
            SELECT u."id" AS "userId", w."title", w."status"
              FROM unnest(${ids}::text[]) AS u("id")
              CROSS JOIN LATERAL (
                SELECT v."title", s."status"::text AS "status", s."updatedAt", s."id"
                  FROM "Submission" s
                  JOIN "MicroCredentialVersion" v ON v."id" = s."versionId"
                 WHERE s."userId" = u."id" AND ${workInProgressSql('s')}
                 ORDER BY s."updatedAt" DESC, s."id" DESC
                 LIMIT ${LIST_LIMIT}
              ) w
             ORDER BY u."id", w."updatedAt" DESC, w."id" DESC`
          : Promise.resolve([]),
      ])
    : [[], [], [], [], [], []];
  const awardsBy = new Map(awardTotals.map((h) => [h.userId, { n: h._count._all, hours: Number(h._sum.pdHours ?? 0) }]));
  const enrolmentsBy = new Map(enrolmentTotals.map((e) => [e.userId, e._count._all]));
  const openBy = new Map(openTotals.map((s) => [s.userId, s.n]));
  const stopped = new Set(stoppedRows.map((e) => `${e.userId}:${e.microCredentialId}`));
  const recentBy = new Map(recentTotals.map((h) => [h.userId, { earned: h._count._all, pdHours: Number(h._sum.pdHours ?? 0) }]));
  const openWorkBy = new Map<string, OpenWork[]>();
  for (const { userId, ...w } of openRows) openWorkBy.set(userId, [...(openWorkBy.get(userId) ?? []), w]);
  return {
    items: page.map((t) => ({
      ...t,
      openWork: opts.openWork ? (openWorkBy.get(t.id) ?? []) : null,
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
export async function listRecentDistrictAwards(opts: { actor: Actor; districtId: string; schoolId?: string | null; plan?: RecentAwardsPlan }): Promise<RecentAward[]> {
  await assertReadScope(opts.actor, opts.districtId, opts.schoolId);
  const plan = opts.plan ?? RECENT_AWARDS_PLAN;
  const atSchool = opts.schoolId ? Prisma.sql`AND u."schoolId" = ${opts.schoolId}` : Prisma.empty;
  // Two ways to the same ten, each cheap where the other is not (docs/benchmarks.md):
  // - a few teachers: each one's newest badges (recentAwardsByTeacher), a probe per teacher;
  // - many: the platform's newest badges (recentAwardsNewestFirst), walked until ten are theirs. A
  //   district with many teachers has its ten among the platform's newest few thousand unless it
  //   has gone quiet; then the per-teacher probes answer, as they did for every district before.
  // Which way is told by reading at most `fewTeachers + 1` index entries, never the whole district.
  const [{ many }] = await db.$queryRaw<{ many: boolean }[]>`
    SELECT count(*) > ${plan.fewTeachers} AS "many"
    FROM (SELECT 1 FROM "User" u WHERE u."districtId" = ${opts.districtId} ${atSchool} LIMIT ${plan.fewTeachers + 1}) t`;
  if (many) {
    const newest = await recentAwardsNewestFirst(opts.districtId, atSchool, plan.walkRows);
    if (newest.length === RECENT_AWARDS_LIMIT) return newest;
  }
  return recentAwardsByTeacher(opts.districtId, atSchool);
}

/**
 * How listRecentDistrictAwards chooses (measured on the scale data, docs/benchmarks.md): up to
 * `fewTeachers` teachers, a probe each (about 0.01 ms a teacher); beyond, the platform's newest
 * `walkRows` standing badges at most (about 0.01 ms a badge), whose ten the district's are when it
 * holds at least 1 in `walkRows / 10` of the platform's recent badges. Tests pass their own.
 */
export type RecentAwardsPlan = { fewTeachers: number; walkRows: number };
export const RECENT_AWARDS_PLAN: RecentAwardsPlan = { fewTeachers: 500, walkRows: 2_000 };

/** The badges (`w`) a recent-awards list may show: standing on their public page, and shown by the teacher on their portfolio. */
const RECENT_AWARD_SHOWN = Prisma.raw('w."revokedAt" IS NULL AND w."suspendedAt" IS NULL AND NOT w."hiddenFromPortfolio"');

/**
 * Each of the teachers' newest few from the (userId, issuedAt, id) index, then the newest of those:
 * the work grows with the number of teachers, never with how many badges the platform has issued.
 * Always the right ten; the fallback of recentAwardsNewestFirst.
 */
function recentAwardsByTeacher(districtId: string, atSchool: Prisma.Sql) {
  return db.$queryRaw<RecentAward[]>`
    SELECT a."id", a."title", a."level", a."issuedAt", u."name" AS "teacherName"
    FROM "User" u
    CROSS JOIN LATERAL (
      SELECT w."id", w."title", w."level", w."issuedAt" FROM "Award" w
      WHERE w."userId" = u."id" AND ${RECENT_AWARD_SHOWN}
      ORDER BY w."issuedAt" DESC, w."id" DESC
      LIMIT ${RECENT_AWARDS_LIMIT}
    ) a
    WHERE u."districtId" = ${districtId} ${atSchool}
    ORDER BY a."issuedAt" DESC, a."id" DESC
    LIMIT ${RECENT_AWARDS_LIMIT}`;
}

/**
 * The platform's newest `walkRows` standing badges, newest first (the issuedAt index), each joined
 * to its teacher by primary key, stopping at the tenth of the district's (or the school's). The
 * window holds the platform's first `walkRows` in the list's own order (issuedAt, then id), so ten
 * found in it are the district's ten newest; fewer say nothing about older ones (the caller then
 * asks recentAwardsByTeacher). At most `walkRows` badges read, however big the district or table.
 */
function recentAwardsNewestFirst(districtId: string, atSchool: Prisma.Sql, walkRows: number) {
  return db.$queryRaw<RecentAward[]>`
    SELECT a."id", a."title", a."level", a."issuedAt", u."name" AS "teacherName"
    FROM (
      SELECT w."id", w."title", w."level", w."issuedAt", w."userId" FROM "Award" w
      WHERE ${RECENT_AWARD_SHOWN}
      ORDER BY w."issuedAt" DESC, w."id" DESC
      LIMIT ${walkRows}
    ) a
    JOIN "User" u ON u."id" = a."userId"
    WHERE u."districtId" = ${districtId} ${atSchool}
    ORDER BY a."issuedAt" DESC, a."id" DESC
    LIMIT ${RECENT_AWARDS_LIMIT}`;
}

// ───────────────────────────── One teacher's record ─────────────────────────────

/** Badges per page of a teacher's record (/district/teachers/[id]): nearly every teacher's all on one page, to print. */
export const RECORD_BADGES_PAGE_SIZE = 100;
/** Enrolments, and applications in progress, listed on a teacher's record: the most recent this many of each. */
export const RECORD_WORK_LIMIT = 100;

/**
 * Who reads the record: 'district', a leader of the teacher's district (or a platform admin), who
 * sees everything the district's own pages show; 'school', a leader of the teacher's school, who
 * sees what /school shows (ADR 016): no pay, and work in progress as "in progress" or "in review",
 * never whether a reviewer asked for changes.
 */
export type TeacherRecordReader = 'district' | 'school';

/** Where an application stands, as this reader may be told it (a school leader gets only 'in-progress' and 'in-review'). */
export type WorkStage = 'drafting' | 'submitted' | 'in-review' | 'needs-revision' | 'in-progress';

/**
 * Whether a badge counts toward the district's licence renewal, by the rule of its licence-renewal
 * report (renewalCredentials): 'counts'; 'on-hold', suspended (the report lists it, marked, to be
 * checked before filing); 'not-approved', the district counts only its approved lists (ADR 024);
 * 'revoked', never; 'stack', a stack badge, whose micro-credentials count instead.
 */
export type RenewalStanding = 'counts' | 'on-hold' | 'not-approved' | 'revoked' | 'stack';

export type TeacherRecordBadge = RecordRow & { countedHours: number; renewal: RenewalStanding };

/** A salary step as the reader sees it: `amountCents` null for a school leader (pay is the district's matter, ADR 016). */
export type RecordSalaryStep = Pick<SalaryLadderStep, 'id' | 'label' | 'minLevel' | 'credentialsRequired' | 'have' | 'mark'> & { amountCents: number | null };

export type RecordSalary = {
  districtName: string;
  countsExpired: boolean;
  approvedIssuersOnly: boolean;
  reached: { label: string; amountCents: number | null } | null;
  next: { label: string; amountCents: number | null; minLevel: number; missing: number } | null;
  steps: RecordSalaryStep[];
  /** Credentials held that do not count because the district approved neither their issuer nor them. */
  notApproved: { count: number; issuers: string[] };
  approvedAlone: { title: string; issuer: string }[];
};

/** One school year (July to June) of the record: PD hours as the teacher's own record counts them, and those toward licence renewal. */
export type RecordYear = { label: string; startYear: number; credentials: number; hours: number; renewalHours: number };

const inProgressStage = (status: string, reader: TeacherRecordReader): WorkStage => {
  if (reader === 'school') return status === 'SUBMITTED' || status === 'IN_REVIEW' ? 'in-review' : 'in-progress';
  return status === 'DRAFT' ? 'drafting' : status === 'SUBMITTED' ? 'submitted' : status === 'IN_REVIEW' ? 'in-review' : 'needs-revision';
};

function salaryView(salary: TeacherSalary, withPay: boolean): RecordSalary {
  const pay = (cents: number) => (withPay ? cents : null);
  const { result } = salary;
  return {
    districtName: salary.districtName,
    countsExpired: salary.countsExpired,
    approvedIssuersOnly: salary.approvedIssuersOnly,
    reached: result.rule ? { label: result.rule.label, amountCents: pay(result.amountCents) } : null,
    next: result.next ? { label: result.next.rule.label, amountCents: pay(result.next.rule.amountCents), minLevel: result.next.rule.minLevel, missing: result.next.missing } : null,
    steps: salary.ladder.map((s) => ({ id: s.id, label: s.label, minLevel: s.minLevel, credentialsRequired: s.credentialsRequired, have: s.have, mark: s.mark, amountCents: pay(s.amountCents) })),
    notApproved: salary.notApproved,
    approvedAlone: salary.approvedAlone,
  };
}

/**
 * Licence renewal on a teacher's record: the PD hours that count toward it over the district's
 * renewal cycle ending today, against the hours the district asks for. Not the teacher's own cycle:
 * their renewal date and licence number are personal (User.licenceRenewsOn, shown only to them), so
 * the record counts back from today, the way a leader checking "is this teacher on track" reads it,
 * and never reads either (ADR 024). `set: false`: the district asks for no hours.
 */
export type RecordLicenceCycle =
  | { set: false }
  | (LicenceRenewalHours & {
    set: true;
    hoursRequired: number;
    cycleYears: number;
    /** The district set the hours but not the cycle's length: RENEWAL_CYCLE_YEARS_DEFAULT years are counted. */
    cycleAssumed: boolean;
    onlyApproved: boolean;
    /** The cycle counted, first day (the day after today's date `cycleYears` back) and last (today) included, YYYY-MM-DD. */
    fromLabel: string;
    toLabel: string;
    /** Learning the teacher recorded themselves in the same days: said beside the count, never in it. */
    selfReported: { entries: number; hours: number };
  });

/**
 * Today for the reader of a record: the calendar day it is where they are (their time zone, ADR
 * 023), so a leader in Chicago reading a record at 8 pm does not see tomorrow's date as "today";
 * UTC's day when their zone is not known (or no longer known), as their times are shown in UTC.
 */
function readerToday(now: Date, timeZone: string | null | undefined): Date {
  return utcDay(dayIn(now, displayTimeZone(timeZone)) ?? dayLabel(now))!;
}

/**
 * The cycle of `cycleYears` (the district's policy) ending on the reader's today (readerToday), as
 * licenceRenewalWindow takes a cycle ending on a renewal day (from the day after the same day
 * `cycleYears` back, which ended the cycle before, to today included), counted by the licence-renewal
 * report's rule (licenceRenewalHours: approved lists only while the district says so, whole UTC
 * days). Called once the reader is authorised.
 */
async function recordLicenceCycle(opts: { userId: string; districtId: string; today: Date }): Promise<RecordLicenceCycle> {
  const district = await db.organization.findUnique({
    where: { id: opts.districtId },
    select: { renewalHoursRequired: true, renewalCycleYears: true, renewalApprovedOnly: true },
  });
  if (!district?.renewalHoursRequired) return { set: false };
  const cycleYears = district.renewalCycleYears ?? RENEWAL_CYCLE_YEARS_DEFAULT;
  const window = licenceRenewalWindow(opts.today, cycleYears);
  const [counted, selfReported] = await Promise.all([
    licenceRenewalHours({ userId: opts.userId, districtId: opts.districtId, window }),
    externalLearningHoursBetween({ userId: opts.userId, from: window.from, to: window.to }),
  ]);
  return {
    set: true,
    ...counted,
    hoursRequired: district.renewalHoursRequired,
    cycleYears,
    cycleAssumed: district.renewalCycleYears === null,
    onlyApproved: district.renewalApprovedOnly,
    fromLabel: window.fromLabel,
    toLabel: window.toLabel,
    selfReported,
  };
}

/**
 * One teacher's full record, for the leaders who verify it for licence renewal and salary steps:
 * a leader of the teacher's current district (User.districtId), a platform admin, or a leader of
 * the school they are placed at (assertReadScope with that school). Anyone else, and an id that is
 * no one (or someone in no district), gets the same NOT_FOUND, so an id cannot be probed.
 *
 * Counted as the teacher's own record counts (getTeacherRecord: PD hours per school year, salary
 * steps by the district's rules and approved lists, badges due for renewal) and as the district's
 * reports count: a badge the teacher hid from their public portfolio is listed and counted like
 * any other (ADR 025). Badges: every one, revoked and suspended included and marked, newest
 * first, a page at a time (keyset on issuedAt, id; `cursor` from the previous page); the rest of
 * the record comes with the first page only. That includes licence renewal over the district's
 * cycle ending on the reader's today (`licenceCycle`, recordLicenceCycle: never the teacher's own
 * renewal date or licence number), and the learning the teacher recorded themselves
 * (`otherLearning`: self-reported, in none of the totals; a principal's copy without links and
 * notes, externalLearningOnRecord).
 */
export async function getDistrictTeacherRecord(opts: { actor: Actor; userId: string; cursor?: string; now?: Date }) {
  const now = opts.now ?? new Date();
  // User ids are cuids too: anything else is no one, and is not sent to Postgres.
  const teacher = ORG_ID.test(opts.userId)
    ? await db.user.findUnique({
      where: { id: opts.userId },
      select: { id: true, name: true, email: true, districtId: true, schoolId: true, district: { select: { name: true } }, school: { select: { name: true } } },
    })
    : null;
  if (!teacher?.districtId || !teacher.district) throw notFound('That teacher');
  const districtId = teacher.districtId;
  const reader: TeacherRecordReader | null = isDistrictLeader(opts.actor, districtId) ? 'district'
    : teacher.schoolId && hasRole(opts.actor, 'SCHOOL_LEADER', teacher.schoolId) ? 'school' : null;
  if (!reader) throw notFound('That teacher');
  // Through the district lists' rule, with the school checked to be the district's (a principal of
  // a school placed elsewhere is refused); every refusal reads as "not found".
  const scope = reader === 'school' ? teacher.schoolId : null;
  try {
    await assertReadScope(opts.actor, districtId, scope);
  } catch (e) {
    if (isDomainError(e) && e.code === 'FORBIDDEN') throw notFound('That teacher');
    throw e;
  }

  const cursor = decodeAwardCursor(opts.cursor);
  const first = !cursor;
  const userId = teacher.id;
  const [rows, total, before, rule, record, years, enrolments, enrolled, work, inProgress, licenceCycle, otherLearning] = await Promise.all([
    db.award.findMany({
      where: { userId, ...(cursor ? { OR: [{ issuedAt: { lt: new Date(cursor.t) } }, { issuedAt: new Date(cursor.t), id: { lt: cursor.id } }] } : {}) },
      orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
      take: RECORD_BADGES_PAGE_SIZE + 1,
      select: {
        id: true, title: true, level: true, pdHours: true, issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true, stackId: true,
        issuerId: true, microCredentialId: true, issuer: { select: { name: true } },
      },
    }),
    db.award.count({ where: { userId } }),
    // The badges on earlier pages, so a page (and its print) says which of them it lists.
    cursor ? db.award.count({ where: { userId, OR: [{ issuedAt: { gt: new Date(cursor.t) } }, { issuedAt: new Date(cursor.t), id: { gte: cursor.id } }] } }) : 0,
    renewalRule({ actor: opts.actor, districtId, schoolId: scope }),
    first ? getTeacherRecord({ id: userId, districtId }, now, { rows: false }) : null,
    // PD hours toward licence renewal per school year (July to June, UTC, as the record's years),
    // by the licence-renewal report's rule: micro-credential badges not revoked, and only those on
    // the district's approved lists while it counts only those.
    first
      ? db.$queryRaw<{ startYear: number; hours: string }[]>`
        SELECT (EXTRACT(YEAR FROM a."issuedAt")::int - CASE WHEN EXTRACT(MONTH FROM a."issuedAt") >= 7 THEN 0 ELSE 1 END) AS "startYear",
               SUM(a."pdHours")::text AS "hours"
          FROM "Award" a JOIN "Organization" d ON d."id" = ${districtId}
         WHERE a."userId" = ${userId} AND a."revokedAt" IS NULL AND a."microCredentialId" IS NOT NULL AND a."pdHours" > 0
           AND (NOT d."renewalApprovedOnly" OR ${onApprovedLists(districtId)})
         GROUP BY 1`
      : [],
    first
      ? db.enrollment.findMany({
        where: { userId, withdrawnAt: null, microCredentialId: { not: null } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: RECORD_WORK_LIMIT,
        select: { createdAt: true, microCredential: { select: { slug: true, currentVersion: { select: { title: true } } } } },
      })
      : [],
    first ? db.enrollment.count({ where: { userId, withdrawnAt: null, microCredentialId: { not: null } } }) : 0,
    // Work in progress as the teachers list counts it (workInProgressSql): not earned, not stopped.
    first
      ? db.$queryRaw<{ id: string; title: string; slug: string; status: string; cycle: number; createdAt: Date; lastSubmittedAt: Date | null }[]>`
        SELECT s."id", v."title", m."slug", s."status"::text AS "status", s."cycle", s."createdAt", s."lastSubmittedAt"
          FROM "Submission" s
          JOIN "MicroCredentialVersion" v ON v."id" = s."versionId"
          JOIN "MicroCredential" m ON m."id" = s."microCredentialId"
         WHERE s."userId" = ${userId} AND ${workInProgressSql('s')}
         ORDER BY s."updatedAt" DESC, s."id" DESC
         LIMIT ${RECORD_WORK_LIMIT}`
      : [],
    first ? db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "Submission" s WHERE s."userId" = ${userId} AND ${workInProgressSql('s')}` : [],
    // Licence renewal over the cycle ending on the reader's today, and the teacher's own entries:
    // they need nothing read above, so they are read alongside. `record.licenceRenewal` (the
    // teacher's own card, counted from their personal renewal date) is never passed on.
    first ? recordLicenceCycle({ userId, districtId, today: readerToday(now, opts.actor.timeZone) }) : null,
    first ? externalLearningOnRecord({ userId, reader }) : null,
  ]);

  const page = rows.slice(0, RECORD_BADGES_PAGE_SIZE);
  // Approval by the district's lists, for this page's badges only: a primary-key lookup each.
  const issuerIds = [...new Set(page.map((a) => a.issuerId))];
  const credentialIds = [...new Set(page.flatMap((a) => (a.microCredentialId ? [a.microCredentialId] : [])))];
  const [approvedIssuers, approvedCredentials] = rule.onlyApproved && page.length
    ? await Promise.all([
      db.districtApprovedIssuer.findMany({ where: { districtId, issuerId: { in: issuerIds } }, select: { issuerId: true } }),
      credentialIds.length ? db.districtApprovedCredential.findMany({ where: { districtId, microCredentialId: { in: credentialIds } }, select: { microCredentialId: true } }) : [],
    ])
    : [[], []];
  const approval = {
    onlyApproved: rule.onlyApproved,
    approved: new Set(approvedIssuers.map((r) => r.issuerId)),
    approvedCredentials: new Set(approvedCredentials.map((r) => r.microCredentialId)),
  };
  const items: TeacherRecordBadge[] = page.map((a) => {
    const row = recordRowOf(a, now);
    const renewal: RenewalStanding = row.state === 'revoked' ? 'revoked'
      : !a.microCredentialId ? 'stack'
        : !credentialCounts(approval, a) ? 'not-approved'
          : row.state === 'suspended' ? 'on-hold' : 'counts';
    return { ...row, countedHours: countedHoursOf(row), renewal };
  });
  const last = page[page.length - 1];

  const renewalBy = new Map(years.map((y) => [y.startYear, Math.round(Number(y.hours) * 10) / 10]));
  const recordYears: RecordYear[] = (record?.years ?? []).map((y) => ({ ...y, renewalHours: renewalBy.get(y.startYear) ?? 0 }));
  const summary = record
    ? {
      years: recordYears,
      totalHours: record.totalHours,
      renewalHours: totalHoursOf(recordYears.map((y) => ({ hours: y.renewalHours }))),
      hoursThisYear: record.hoursThisYear,
      thisYear: record.thisYear,
      verifyToday: record.verifyToday,
      /** Badges in their renewal window or expired (the newest of each micro-credential), and whether a renewal is under way. */
      renewals: record.renewals.map((r) => ({ id: r.id, title: r.title, issuer: r.issuer, validUntil: r.validUntil!, state: r.state, renewal: r.renewal })),
      salary: record.salary ? salaryView(record.salary, reader === 'district') : null,
    }
    : null;
  return {
    teacher: { id: teacher.id, name: teacher.name, email: teacher.email, schoolId: teacher.schoolId, schoolName: teacher.school?.name ?? null, districtId, districtName: teacher.district.name },
    reader,
    producedAt: now,
    renewalRule: rule,
    badges: { items, total, from: before + 1, nextCursor: rows.length > RECORD_BADGES_PAGE_SIZE && last ? awardCursorAfter(last) : null, continued: Boolean(cursor) },
    summary,
    licenceCycle,
    otherLearning,
    work: first
      ? {
        enrolled,
        enrolments: enrolments.map((e) => ({ since: e.createdAt, slug: e.microCredential!.slug, title: e.microCredential!.currentVersion?.title ?? e.microCredential!.slug })),
        inProgressTotal: inProgress[0]?.n ?? 0,
        inProgress: work.map((s) => ({
          id: s.id, title: s.title, slug: s.slug, renewal: s.cycle > 1, startedAt: s.createdAt,
          stage: inProgressStage(s.status, reader),
          // When it was last sent would tell a school leader that work now in progress was sent and returned.
          lastSentAt: reader === 'district' ? s.lastSubmittedAt : null,
        })),
      }
      : null,
  };
}

export type DistrictTeacherRecord = Awaited<ReturnType<typeof getDistrictTeacherRecord>>;
