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
import { SALARY_RULES } from '@/lib/reporting/district';
import { byTitle, computeSalaryStep, splitByIssuer, type SalaryRule, type SalaryStepResult } from '@/lib/reporting/salary-steps';
import { renewability } from '@/lib/submissions/renewal-policy';
import { awardState, hoursBySchoolYear, schoolYearOf, totalHoursOf, type AwardState } from '@/lib/reporting/teacher-record';

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

export async function getTeacherRecord(actor: Pick<Actor, 'id' | 'districtId'>, now = new Date()) {
  const awards = await db.award.findMany({
    where: { userId: actor.id },
    orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    take: 1000,
    select: {
      id: true, title: true, level: true, pdHours: true, issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true, stackId: true, submissionId: true,
      microCredentialId: true, issuerId: true,
      issuer: { select: { name: true } },
      microCredential: { select: { slug: true, status: true } },
      submission: { select: { cycle: true } },
    },
  });
  const rows = awards.map((a) => recordRowOf(a, now));
  const years = hoursBySchoolYear(rows);
  const thisYear = schoolYearOf(now).label;
  const renewals = await renewalsOf(actor.id, awards, rows, now);

  // The district's salary steps, counted exactly as the district's own report counts them:
  // evidence-backed micro-credentials held (not revoked, not suspended), and, when the district
  // counts only the issuers it has approved, only those issuers' badges and those of the single
  // micro-credentials it has approved.
  let salary: {
    districtName: string; rules: SalaryRule[]; result: SalaryStepResult; countsExpired: boolean;
    approvedIssuersOnly: boolean;
    /** Credentials that would count but for their issuer, which the district has not approved; and those issuers' names. */
    notApproved: { count: number; issuers: string[] };
    /** Credentials held that count only because the district approved each on its own (their issuer is not approved), by title. */
    approvedAlone: { title: string; issuer: string }[];
  } | null = null;
  if (actor.districtId) {
    const district = await db.organization.findUnique({
      where: { id: actor.districtId },
      select: { name: true, salaryCountsExpired: true, salaryApprovedIssuersOnly: true, salaryStepRules: SALARY_RULES },
    });
    if (district && district.salaryStepRules.length) {
      const held = awards.filter((a) => a.submissionId && !a.stackId && !a.revokedAt && !a.suspendedAt && (district.salaryCountsExpired || !a.validUntil || a.validUntil > now));
      // Only the approvals of the issuers and micro-credentials this teacher holds badges of: a
      // primary-key lookup each.
      const issuerIds = [...new Set(held.map((a) => a.issuerId))];
      const credentialIds = [...new Set(held.flatMap((a) => (a.microCredentialId ? [a.microCredentialId] : [])))];
      const onlyApproved = district.salaryApprovedIssuersOnly && held.length > 0;
      const [approved, approvedCredentials] = onlyApproved
        ? await Promise.all([
          db.districtApprovedIssuer.findMany({ where: { districtId: actor.districtId, issuerId: { in: issuerIds } }, select: { issuerId: true } }),
          credentialIds.length ? db.districtApprovedCredential.findMany({ where: { districtId: actor.districtId, microCredentialId: { in: credentialIds } }, select: { microCredentialId: true } }) : [],
        ])
        : [[], []];
      const { counts, notApproved, approvedAlone } = splitByIssuer({
        onlyApproved: district.salaryApprovedIssuersOnly,
        approved: new Set(approved.map((r) => r.issuerId)),
        approvedCredentials: new Set(approvedCredentials.map((r) => r.microCredentialId)),
      }, held);
      // One per micro-credential: a renewed badge and the one it renewed are the same credential.
      // Awards come newest first: the newest badge of each credential gives its level.
      const newest = new Map<string | null, { level: number | null }>();
      for (const a of counts) if (!newest.has(a.microCredentialId)) newest.set(a.microCredentialId, { level: a.level });
      const setAside = new Map(notApproved.map((a) => [a.microCredentialId, a.issuer.name]));
      // Newest first, so each credential is named by its newest badge's title.
      const alone = new Map<string | null, { id: string; title: string; issuer: string }>();
      for (const a of approvedAlone) if (!alone.has(a.microCredentialId)) alone.set(a.microCredentialId, { id: a.id, title: a.title, issuer: a.issuer.name });
      salary = {
        districtName: district.name, rules: district.salaryStepRules, result: computeSalaryStep(district.salaryStepRules, [...newest.values()]), countsExpired: district.salaryCountsExpired,
        approvedIssuersOnly: district.salaryApprovedIssuersOnly,
        notApproved: { count: setAside.size, issuers: [...new Set(setAside.values())].sort((a, b) => a.localeCompare(b)) },
        approvedAlone: [...alone.values()].sort(byTitle).map(({ title, issuer }) => ({ title, issuer })),
      };
    }
  }
  return {
    rows,
    totalHours: totalHoursOf(years),
    hoursThisYear: years.find((y) => y.label === thisYear)?.hours ?? 0,
    thisYear,
    years,
    renewals,
    salary,
  };
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

async function renewalsOf(userId: string, awards: AwardForRenewal[], rows: RecordRow[], now: Date): Promise<RenewalRow[]> {
  const rowById = new Map(rows.map((r) => [r.id, r]));
  return (await dueFor(userId, awards, now)).map(({ award: a, renewal }) => ({ ...rowById.get(a.id)!, slug: a.microCredential!.slug, microCredentialId: a.microCredentialId!, renewal }));
}

/** The teacher's badges they can renew now (not already under way), for the dashboard's nudge. */
export async function renewalsOpen(userId: string, now = new Date()): Promise<{ id: string; title: string; validUntil: Date }[]> {
  const awards = await db.award.findMany({
    where: { userId, stackId: null, microCredentialId: { not: null } },
    orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    take: 1000,
    select: {
      id: true, title: true, microCredentialId: true, stackId: true, issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true,
      microCredential: { select: { slug: true, status: true } }, submission: { select: { cycle: true } },
    },
  });
  return (await dueFor(userId, awards, now)).filter((d) => d.renewal === 'open').map(({ award: a }) => ({ id: a.id, title: a.title, validUntil: a.validUntil! }));
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
