// A teacher's own record: what their badges count toward (PD hours per school year, their
// district's salary steps, licence renewal) and the PD record they can hand to a district or a
// licensing office. Everything here reads only the signed-in teacher's own awards.
import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { workInProgressSql } from '@/lib/submissions/work-in-progress';
import type { Actor } from '@/lib/auth/actor';
import { toCsv } from '@/lib/csv';
import { credentialUrl } from '@/lib/awards/issue';
import { approvedAloneCount, onApprovedLists, SALARY_RULES } from '@/lib/reporting/district';
import { byTitle, computeSalaryStep, countAtOrAbove, splitByIssuer, type SalaryRule, type SalaryStepResult } from '@/lib/reporting/salary-steps';
import { APPROVED_ISSUERS_MAX, RENEWAL_CYCLE_YEARS_DEFAULT } from '@/lib/district/policy-settings';
import { dayAfter, dayLabel, utcDay } from '@/lib/dates';
import { renewability } from '@/lib/submissions/renewal-policy';
import { awardState, schoolYearOf, totalHoursOf, type AwardState } from '@/lib/reporting/teacher-record';

export type RecordRow = {
  id: string;
  title: string;
  issuer: string;
  level: number | null;
  stack: boolean;
  pdHours: number;
  issuedAt: Date;
  validUntil: Date | null;
  state: AwardState;
  url: string;
};

/** An award as the teacher's record and transcript read it. */
type AwardForRow = {
  id: string; title: string; level: number | null; pdHours: { toString(): string } | number; issuedAt: Date; validUntil: Date | null;
  revokedAt: Date | null; suspendedAt: Date | null; stackId: string | null; issuer: { name: string };
};

/** One badge of the teacher's own record, its status as of `now` (also the PD transcript's rows). */
export function recordRowOf(a: AwardForRow, now: Date): RecordRow {
  return {
    id: a.id,
    title: a.title,
    issuer: a.issuer.name,
    level: a.level,
    stack: Boolean(a.stackId),
    pdHours: Number(a.pdHours),
    issuedAt: a.issuedAt,
    validUntil: a.validUntil,
    state: awardState(a, now),
    url: credentialUrl(a.id),
  };
}

/**
 * A badge that expires within the renewal window (or has expired) and is the newest the teacher
 * holds for its micro-credential: what they can do about it.
 */
export type RenewalRow = RecordRow & {
  slug: string;
  microCredentialId: string;
  /** 'open': they can start; 'in-progress': a renewal is under way; 'closed': the issuer retired the credential. */
  renewal: 'open' | 'in-progress' | 'closed';
};

/** What recordRowOf reads of an award. */
const RECORD_FIELDS = {
  id: true, title: true, level: true, pdHours: true, issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true, stackId: true,
  issuer: { select: { name: true } },
} as const;

/** Rows read per query when the record lists every badge (the CSV). */
const ROW_BATCH = 1000;

/** Every badge of the teacher as a record row, newest first, read a batch at a time (keyset on issuedAt, id). */
async function allRecordRows(userId: string, now: Date): Promise<RecordRow[]> {
  const rows: RecordRow[] = [];
  let after: { issuedAt: Date; id: string } | null = null;
  for (;;) {
    const batch: AwardForRow[] = await db.award.findMany({
      where: { userId, ...(after ? { OR: [{ issuedAt: { lt: after.issuedAt } }, { issuedAt: after.issuedAt, id: { lt: after.id } }] } : {}) },
      orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
      take: ROW_BATCH,
      select: RECORD_FIELDS,
    });
    for (const a of batch) rows.push(recordRowOf(a, now));
    if (batch.length < ROW_BATCH) return rows;
    after = batch[batch.length - 1];
  }
}

/**
 * PD hours per school year over every badge the teacher holds, counted in the database (July to
 * June in UTC; revoked badges and badges without hours left out), with no gaps between the first
 * year and the last: what hoursBySchoolYear gives for a list of rows, without reading the rows.
 */
async function schoolYearHours(userId: string): Promise<{ label: string; startYear: number; hours: number; credentials: number }[]> {
  const byYear = await db.$queryRaw<{ startYear: number; hours: string; credentials: number }[]>`
    SELECT (EXTRACT(YEAR FROM "issuedAt")::int - CASE WHEN EXTRACT(MONTH FROM "issuedAt") >= 7 THEN 0 ELSE 1 END) AS "startYear",
           SUM("pdHours")::text AS "hours", COUNT(*)::int AS "credentials"
      FROM "Award"
     WHERE "userId" = ${userId} AND "revokedAt" IS NULL AND "pdHours" > 0
     GROUP BY 1`;
  if (!byYear.length) return [];
  const found = new Map(byYear.map((y) => [y.startYear, { hours: Math.round(Number(y.hours) * 10) / 10, credentials: y.credentials }]));
  const first = Math.min(...found.keys());
  const last = Math.max(...found.keys());
  const years: { label: string; startYear: number; hours: number; credentials: number }[] = [];
  for (let y = first; y <= last; y++) years.push({ label: schoolYearOf(new Date(Date.UTC(y, 6, 1))).label, startYear: y, ...(found.get(y) ?? { hours: 0, credentials: 0 }) });
  return years;
}

/**
 * The ids of the teacher's newest badge of each micro-credential (stack badges aside; badges whose
 * credential is gone count as one), among those `only` lets through: one per credential, however
 * many badges the teacher holds. Read on the (userId, microCredentialId) index.
 */
async function newestOfEachCredential(userId: string, only: Prisma.Sql = Prisma.empty): Promise<string[]> {
  const rows = await db.$queryRaw<{ awardId: string }[]>`
    SELECT DISTINCT ON ("microCredentialId") "id"::text AS "awardId"
      FROM "Award"
     WHERE "userId" = ${userId} AND "stackId" IS NULL ${only}
     ORDER BY "microCredentialId", "issuedAt" DESC, "id" DESC`;
  return rows.map((r) => r.awardId);
}

const RENEWAL_FIELDS = { ...RECORD_FIELDS, microCredentialId: true, submission: { select: { cycle: true } }, microCredential: { select: { slug: true, status: true } } } as const;

/** The teacher's newest badge of each micro-credential, newest first, with what renewals read. */
async function newestBadgesForRenewal(userId: string) {
  const ids = await newestOfEachCredential(userId, Prisma.sql`AND "microCredentialId" IS NOT NULL`);
  if (!ids.length) return [];
  return db.award.findMany({ where: { id: { in: ids }, userId }, orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }], select: RENEWAL_FIELDS });
}

/** A district's salary step as its teachers read it: the rule, and what the district wrote about it. */
export type SalaryLadderRule = SalaryRule & { description: string };

/**
 * The salary steps of a teacher's district, whatever badges the teacher holds: what every step pays
 * and needs, in the district's order, and which badges it counts.
 */
export type DistrictSalaryRules = {
  districtName: string;
  rules: SalaryLadderRule[];
  countsExpired: boolean;
  approvedIssuersOnly: boolean;
  /**
   * Only while `approvedIssuersOnly`: the issuers it approves, by name (at most
   * APPROVED_ISSUERS_MAX; `more` when there are others), and how many micro-credentials it approves
   * on their own (those whose issuer is not approved, as the salary steps count them).
   */
  approved: { issuers: string[]; more: boolean; credentials: number } | null;
};

/**
 * The teacher's district and its salary steps, for their own page. Null when they are not placed in
 * a district. A primary-key read and the (districtId, sortOrder) index for the steps; the approved
 * lists (their primary keys start with districtId) only when the district counts approved issuers
 * alone, and never more than APPROVED_ISSUERS_MAX names.
 */
export async function getDistrictRulesForTeacher(actor: Pick<Actor, 'districtId'>): Promise<DistrictSalaryRules | null> {
  if (!actor.districtId) return null;
  const district = await db.organization.findUnique({
    where: { id: actor.districtId, kind: 'DISTRICT' },
    select: { name: true, salaryCountsExpired: true, salaryApprovedIssuersOnly: true, salaryStepRules: SALARY_RULES },
  });
  if (!district) return null;
  let approved: DistrictSalaryRules['approved'] = null;
  // The list only matters while the steps count it (and there are steps to count toward).
  if (district.salaryApprovedIssuersOnly && district.salaryStepRules.length) {
    const [issuers, [alone]] = await Promise.all([
      db.districtApprovedIssuer.findMany({
        where: { districtId: actor.districtId },
        orderBy: [{ issuer: { name: 'asc' } }, { issuerId: 'asc' }],
        take: APPROVED_ISSUERS_MAX + 1,
        select: { issuer: { select: { name: true } } },
      }),
      db.$queryRaw<{ credentials: number }[]>`SELECT (${approvedAloneCount(Prisma.sql`${actor.districtId}`)})::int AS "credentials"`,
    ]);
    approved = {
      issuers: issuers.slice(0, APPROVED_ISSUERS_MAX).map((i) => i.issuer.name),
      more: issuers.length > APPROVED_ISSUERS_MAX,
      credentials: alone?.credentials ?? 0,
    };
  }
  return {
    districtName: district.name,
    rules: district.salaryStepRules,
    countsExpired: district.salaryCountsExpired,
    approvedIssuersOnly: district.salaryApprovedIssuersOnly,
    approved,
  };
}

/**
 * Where the teacher stands on one step: `have`, their counted badges at its level or above;
 * `mark`: 'reached', the step they are paid at; 'next', the one they work toward; 'met', one whose
 * need they meet though a higher-paying step replaces it (steps are not added up); 'ahead' otherwise.
 */
export type SalaryLadderStep = SalaryLadderRule & { have: number; mark: 'reached' | 'next' | 'met' | 'ahead' };

/** The teacher's salary standing in their district (the record's `salary`). */
export type TeacherSalary = DistrictSalaryRules & {
  result: SalaryStepResult;
  /** Every step, in the district's order, with where the teacher stands on it. */
  ladder: SalaryLadderStep[];
  /** Credentials that would count but for their issuer, which the district has not approved; and those issuers' names. */
  notApproved: { count: number; issuers: string[] };
  /** Credentials held that count only because the district approved each on its own (their issuer is not approved), by title. */
  approvedAlone: { title: string; issuer: string }[];
};

/**
 * The teacher's record. Its totals (PD hours, badges that verify today) are counted in the database
 * over every badge, and salary steps and renewals read the newest badge of each micro-credential,
 * so none of them stops at a number of badges. `rows`: every badge as a row (the CSV); the My badges
 * page lists the badges itself, a page at a time, and asks for none.
 */
export async function getTeacherRecord(actor: Pick<Actor, 'id' | 'districtId'>, now = new Date(), opts: { rows?: boolean } = {}) {
  const [rows, years, verifyToday, newest, district, licenceRenewal] = await Promise.all([
    opts.rows === false ? Promise.resolve([] as RecordRow[]) : allRecordRows(actor.id, now),
    schoolYearHours(actor.id),
    db.award.count({ where: { userId: actor.id, revokedAt: null, suspendedAt: null, OR: [{ validUntil: null }, { validUntil: { gt: now } }] } }),
    newestBadgesForRenewal(actor.id),
    getDistrictRulesForTeacher(actor),
    getLicenceRenewalProgress(actor),
  ]);
  const thisYear = schoolYearOf(now).label;
  const renewals = (await dueFor(actor.id, newest, now)).map(({ award: a, renewal }) => ({ ...recordRowOf(a, now), slug: a.microCredential!.slug, microCredentialId: a.microCredentialId!, renewal }));

  // The district's salary steps, counted exactly as the district's own report counts them:
  // evidence-backed micro-credentials held (not revoked, not suspended), and, when the district
  // counts only the issuers it has approved, only those issuers' badges and those of the single
  // micro-credentials it has approved. Null without a district or without steps (`districtName` says which).
  let salary: TeacherSalary | null = null;
  if (actor.districtId && district && district.rules.length) {
    // One per micro-credential, the newest held: a renewed badge and the one it renewed are the
    // same credential, and the newest gives its level and title. A credential's badges share its
    // issuer, so approval reads the same on any of them.
    const heldIds = await newestOfEachCredential(actor.id, Prisma.sql`
      AND "submissionId" IS NOT NULL AND "revokedAt" IS NULL AND "suspendedAt" IS NULL
      ${district.countsExpired ? Prisma.empty : Prisma.sql`AND ("validUntil" IS NULL OR "validUntil" > ${now})`}`);
    const held = heldIds.length
      ? await db.award.findMany({
        where: { id: { in: heldIds }, userId: actor.id },
        orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        select: { id: true, title: true, level: true, issuerId: true, microCredentialId: true, issuer: { select: { name: true } } },
      })
      : [];
    // Only the approvals of the issuers and micro-credentials this teacher holds badges of: a
    // primary-key lookup each.
    const issuerIds = [...new Set(held.map((a) => a.issuerId))];
    const credentialIds = [...new Set(held.flatMap((a) => (a.microCredentialId ? [a.microCredentialId] : [])))];
    const onlyApproved = district.approvedIssuersOnly && held.length > 0;
    const [approved, approvedCredentials] = onlyApproved
      ? await Promise.all([
        db.districtApprovedIssuer.findMany({ where: { districtId: actor.districtId, issuerId: { in: issuerIds } }, select: { issuerId: true } }),
        credentialIds.length ? db.districtApprovedCredential.findMany({ where: { districtId: actor.districtId, microCredentialId: { in: credentialIds } }, select: { microCredentialId: true } }) : [],
      ])
      : [[], []];
    const { counts, notApproved, approvedAlone } = splitByIssuer({
      onlyApproved: district.approvedIssuersOnly,
      approved: new Set(approved.map((r) => r.issuerId)),
      approvedCredentials: new Set(approvedCredentials.map((r) => r.microCredentialId)),
    }, held);
    const setAside = new Map(notApproved.map((a) => [a.microCredentialId, a.issuer.name]));
    const result = computeSalaryStep(district.rules, counts.map((a) => ({ level: a.level })));
    salary = {
      ...district, result,
      ladder: ladderOf(district.rules, result, counts),
      notApproved: { count: setAside.size, issuers: [...new Set(setAside.values())].sort((a, b) => a.localeCompare(b)) },
      approvedAlone: approvedAlone.map((a) => ({ id: a.id, title: a.title, issuer: a.issuer.name })).sort(byTitle).map(({ title, issuer }) => ({ title, issuer })),
    };
  }
  return {
    rows,
    /** The teacher's district, when they are placed in one (with or without salary steps). */
    districtName: district?.districtName ?? null,
    totalHours: totalHoursOf(years),
    hoursThisYear: years.find((y) => y.label === thisYear)?.hours ?? 0,
    thisYear,
    years,
    /** Badges that are valid today: not revoked, not suspended, not past their end date. */
    verifyToday,
    renewals,
    salary,
    /** PD hours toward the teacher's next licence renewal; null when their district sets no hours (or they have none). */
    licenceRenewal,
  };
}

/**
 * The cycle a licence renewal counts: from the day after the previous renewal (the same day
 * `cycleYears` before; 29 February rolls to 1 March, as the transcript's "last 5 years" does) to
 * the renewal day included, in whole UTC days as the PD transcript takes them. Back-to-back cycles
 * share no day, so a badge earned on a renewal day counts toward that cycle only, never the next
 * as well. `from` is midnight UTC of the first day; `to` is exclusive, midnight UTC after the
 * renewal day.
 */
export function licenceRenewalWindow(renewsOn: Date, cycleYears: number): { from: Date; to: Date; fromLabel: string; toLabel: string } {
  const toLabel = dayLabel(renewsOn);
  const day = utcDay(toLabel)!;
  const previous = new Date(Date.UTC(day.getUTCFullYear() - cycleYears, day.getUTCMonth(), day.getUTCDate()));
  const from = dayAfter(previous);
  return { from, to: dayAfter(day), fromLabel: dayLabel(from), toLabel };
}

/** PD hours, to one decimal as the record's other totals are (a float sum of 0.1s would show 0.30000000000000004). */
const hoursOf = (n: number) => Math.round(n * 10) / 10;

/**
 * What the teacher's district asks for each licence renewal and how far they are toward it. Null
 * when they are in no district or it sets no hours (their licensing office does not count them).
 */
export type LicenceRenewalProgress = {
  districtName: string;
  hoursRequired: number;
  cycleYears: number;
  /** The district set the hours but not the cycle's length: RENEWAL_CYCLE_YEARS_DEFAULT years are counted. */
  cycleAssumed: boolean;
  /** Only credentials from the district's approved issuers and micro-credentials count (ADR 024). */
  onlyApproved: boolean;
  /** Null until the teacher adds the date their licence is next due on their account page. */
  due: {
    renewsOn: Date;
    /** The cycle counted, first day (the day after the previous renewal) and last (the renewal day) included (licenceRenewalWindow). */
    fromLabel: string;
    toLabel: string;
    /** PD hours that count toward it, and of how many badges. */
    hours: number;
    badges: number;
    /** Of `hours`, those of badges suspended now (on hold while their issuer looks into something). */
    suspendedHours: number;
    /** Hours of badges in the cycle that do not count because the district has approved neither their issuer nor the credential. */
    notApproved: { hours: number; badges: number };
  } | null;
};

/**
 * The teacher's PD hours toward their next licence renewal, counted as the district's licence-renewal
 * report (renewalCredentials) counts a credential: micro-credential badges (a stack's hours are its
 * parts') not revoked, issued in the cycle before the renewal day (licenceRenewalWindow), and, while
 * the district counts only what it approves, only those whose issuer or micro-credential it approves
 * (onApprovedLists, the report's own condition). Hours already earned on a suspended or expired
 * badge count, as in the rest of the record. One sum in the database on the (userId, issuedAt)
 * index, whatever the number of badges.
 */
export async function getLicenceRenewalProgress(actor: Pick<Actor, 'id' | 'districtId'>): Promise<LicenceRenewalProgress | null> {
  if (!actor.districtId) return null;
  const [district, user] = await Promise.all([
    db.organization.findUnique({ where: { id: actor.districtId, kind: 'DISTRICT' }, select: { name: true, renewalHoursRequired: true, renewalCycleYears: true, renewalApprovedOnly: true } }),
    db.user.findUnique({ where: { id: actor.id }, select: { licenceRenewsOn: true } }),
  ]);
  if (!district?.renewalHoursRequired) return null;
  const cycleYears = district.renewalCycleYears ?? RENEWAL_CYCLE_YEARS_DEFAULT;
  const progress: LicenceRenewalProgress = {
    districtName: district.name,
    hoursRequired: district.renewalHoursRequired,
    cycleYears,
    cycleAssumed: district.renewalCycleYears === null,
    onlyApproved: district.renewalApprovedOnly,
    due: null,
  };
  if (!user?.licenceRenewsOn) return progress;
  const window = licenceRenewalWindow(user.licenceRenewsOn, cycleYears);
  progress.due = {
    renewsOn: user.licenceRenewsOn,
    fromLabel: window.fromLabel,
    toLabel: window.toLabel,
    ...(await licenceRenewalHours({ userId: actor.id, districtId: actor.districtId, window })),
  };
  return progress;
}

/** What counts toward licence renewal over one cycle: LicenceRenewalProgress's `due` without its dates. */
export type LicenceRenewalHours = { hours: number; badges: number; suspendedHours: number; notApproved: { hours: number; badges: number } };

/**
 * A teacher's PD hours toward licence renewal in `window` ([from, to), whole UTC days), counted as
 * the district's licence-renewal report (renewalCredentials) counts a credential (see
 * getLicenceRenewalProgress). The teacher's own card counts the cycle before their renewal date; the
 * district's teacher record counts the cycle ending today (it never reads the teacher's date). The
 * caller has authorised whoever reads the result.
 */
export async function licenceRenewalHours(opts: { userId: string; districtId: string; window: { from: Date; to: Date } }): Promise<LicenceRenewalHours> {
  const { userId, districtId, window } = opts;
  // `counts`: the licence-renewal report's own test of a badge (renewalCredentials' "approved"),
  // read against the district's switch and lists in this statement.
  const [row] = await db.$queryRaw<{ hours: string; badges: number; suspendedHours: string; notApprovedHours: string; notApprovedBadges: number }[]>`
    SELECT COALESCE(SUM(c."pdHours") FILTER (WHERE c."counts"), 0)::text AS "hours",
           (COUNT(*) FILTER (WHERE c."counts"))::int AS "badges",
           COALESCE(SUM(c."pdHours") FILTER (WHERE c."counts" AND c."suspended"), 0)::text AS "suspendedHours",
           COALESCE(SUM(c."pdHours") FILTER (WHERE NOT c."counts"), 0)::text AS "notApprovedHours",
           (COUNT(*) FILTER (WHERE NOT c."counts"))::int AS "notApprovedBadges"
      FROM (
        SELECT a."pdHours", (a."suspendedAt" IS NOT NULL) AS "suspended",
               (NOT d."renewalApprovedOnly" OR ${onApprovedLists(districtId)}) AS "counts"
          FROM "Award" a
          JOIN "Organization" d ON d."id" = ${districtId}
         WHERE a."userId" = ${userId} AND a."revokedAt" IS NULL AND a."microCredentialId" IS NOT NULL
           AND a."issuedAt" >= ${window.from} AND a."issuedAt" < ${window.to}
      ) c`;
  return {
    hours: hoursOf(Number(row?.hours ?? 0)),
    badges: row?.badges ?? 0,
    suspendedHours: hoursOf(Number(row?.suspendedHours ?? 0)),
    notApproved: { hours: hoursOf(Number(row?.notApprovedHours ?? 0)), badges: row?.notApprovedBadges ?? 0 },
  };
}

/** Every step in the district's order, marked with where the teacher stands on it (SalaryLadderStep). */
function ladderOf(rules: SalaryLadderRule[], result: SalaryStepResult, counts: { level: number | null }[]): SalaryLadderStep[] {
  return rules.map((rule) => {
    const have = countAtOrAbove(counts, rule.minLevel);
    const mark = rule.id === result.rule?.id ? 'reached' : rule.id === result.next?.rule.id ? 'next' : have >= rule.credentialsRequired ? 'met' : 'ahead';
    return { ...rule, have, mark };
  });
}

type AwardForRenewal = { id: string; microCredentialId: string | null; stackId: string | null; issuedAt: Date; validUntil: Date | null; revokedAt: Date | null; suspendedAt: Date | null; microCredential: { slug: string; status: string } | null; submission: { cycle: number } | null };

/**
 * The badges to renew: for each micro-credential, the newest badge, when it is in the renewal
 * window or has expired (renewability, lib/submissions/renewal-policy.ts) and was not revoked or
 * suspended. A renewal already started shows as under way, unless the teacher stopped it.
 */
async function dueFor<A extends AwardForRenewal>(userId: string, awards: A[], now: Date): Promise<{ award: A; renewal: RenewalRow['renewal'] }[]> {
  const newest = new Map<string, A>();
  // Awards come newest first, so the first per credential is the one that counts.
  for (const a of awards) if (a.microCredentialId && !a.stackId && !newest.has(a.microCredentialId)) newest.set(a.microCredentialId, a);
  const due = [...newest.values()].filter((a) => renewability(a, now).ok);
  if (!due.length) return [];
  // The latest application still work in progress per credential (workInProgressSql, the rule the
  // district's "Badges ending soon" and the reminder email use): a renewal the teacher stopped keeps
  // its draft but is not under way, so they are offered it again (startRenewal picks the draft up).
  const cycles = await db.$queryRaw<{ microCredentialId: string; cycle: number }[]>`
    SELECT s."microCredentialId", MAX(s."cycle")::int AS "cycle"
      FROM "Submission" s
     WHERE s."userId" = ${userId} AND s."microCredentialId" IN (${Prisma.join(due.map((a) => a.microCredentialId!))})
       AND ${workInProgressSql('s')}
     GROUP BY s."microCredentialId"`;
  const latestCycle = new Map(cycles.map((c) => [c.microCredentialId, c.cycle]));
  return due
    .map((award) => ({
      award,
      renewal: (latestCycle.get(award.microCredentialId!) ?? 0) > (award.submission?.cycle ?? 1) ? 'in-progress' as const
        : award.microCredential!.status === 'PUBLISHED' ? 'open' as const : 'closed' as const,
    }))
    .sort((a, b) => a.award.validUntil!.getTime() - b.award.validUntil!.getTime());
}

/** The teacher's badges they can renew now (not already under way), for the dashboard's nudge. */
export async function renewalsOpen(userId: string, now = new Date()): Promise<{ id: string; title: string; validUntil: Date }[]> {
  return (await dueFor(userId, await newestBadgesForRenewal(userId), now)).filter((d) => d.renewal === 'open').map(({ award: a }) => ({ id: a.id, title: a.title, validUntil: a.validUntil! }));
}

export type TeacherRecord = Awaited<ReturnType<typeof getTeacherRecord>>;

const STATE_LABEL: Record<AwardState, string> = { valid: 'Valid', expired: 'Expired', suspended: 'Suspended', revoked: 'Revoked' };
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/**
 * The PD record as CSV: one row per credential, with its public verification link. Each row names
 * the holder, since the file is handed to a district office or a licensing board and may be merged
 * with others there.
 */
export function teacherRecordCsv(record: TeacherRecord, holder: { name: string; email: string }): string {
  return toCsv(
    ['Holder', 'Email', 'Credential', 'Issuer', 'Level', 'Kind', 'Issued', 'Valid until', 'School year', 'PD hours', 'Status', 'Verify at'],
    record.rows.map((r) => [
      holder.name, holder.email,
      r.title, r.issuer, r.level ?? '', r.stack ? 'Stack' : 'Micro-credential', day(r.issuedAt), day(r.validUntil), schoolYearOf(r.issuedAt).label,
      r.state === 'revoked' ? 0 : r.pdHours, STATE_LABEL[r.state], r.url,
    ]),
  );
}

/** "pd-record-maya-okafor-2026-11-24.csv": whose record, and from when. ASCII only (a header value). */
export function teacherRecordFilename(name: string, now = new Date()): string {
  const who = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `pd-record-${who ? `${who}-` : ''}${now.toISOString().slice(0, 10)}.csv`;
}
