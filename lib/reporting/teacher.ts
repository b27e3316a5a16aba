// A teacher's own record: what their badges count toward (PD hours per school year, their
// district's salary steps, licence renewal) and the PD record they can hand to a district or a
// licensing office. Everything here reads only the signed-in teacher's own awards.
import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/auth/actor';
import { toCsv } from '@/lib/csv';
import { SALARY_RULES } from '@/lib/reporting/district';
import { computeSalaryStep, type SalaryRule, type SalaryStepResult } from '@/lib/reporting/salary-steps';
import { awardState, hoursBySchoolYear, schoolYearOf, type AwardState } from '@/lib/reporting/teacher-record';

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

/** Expiring within this many days gets a renewal reminder on the teacher's badges page. */
export const RENEWAL_NOTICE_DAYS = 90;

export async function getTeacherRecord(actor: Pick<Actor, 'id' | 'districtId'>, now = new Date()) {
  const awards = await db.award.findMany({
    where: { userId: actor.id },
    orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    take: 1000,
    select: {
      id: true, title: true, level: true, pdHours: true, issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true, stackId: true, submissionId: true,
      issuer: { select: { name: true } },
    },
  });
  const base = env().APP_URL;
  const rows: RecordRow[] = awards.map((a) => ({
    id: a.id,
    title: a.title,
    issuer: a.issuer.name,
    level: a.level,
    stack: Boolean(a.stackId),
    pdHours: Number(a.pdHours),
    issuedAt: a.issuedAt,
    validUntil: a.validUntil,
    state: awardState(a, now),
    url: new URL(`/credentials/${a.id}`, base).toString(),
  }));
  const years = hoursBySchoolYear(rows);
  const thisYear = schoolYearOf(now).label;
  const renewals = rows
    .filter((r) => r.validUntil && !r.stack && (r.state === 'expired' || (r.state === 'valid' && r.validUntil.getTime() - now.getTime() <= RENEWAL_NOTICE_DAYS * 86_400_000)))
    .sort((a, b) => a.validUntil!.getTime() - b.validUntil!.getTime());

  // The district's salary steps, counted exactly as the district's own report counts them:
  // evidence-backed micro-credentials held (not revoked, not suspended).
  let salary: { districtName: string; rules: SalaryRule[]; result: SalaryStepResult } | null = null;
  if (actor.districtId) {
    const district = await db.organization.findUnique({
      where: { id: actor.districtId },
      select: { name: true, salaryStepRules: SALARY_RULES },
    });
    if (district && district.salaryStepRules.length) {
      const held = awards.filter((a) => a.submissionId && !a.stackId && !a.revokedAt && !a.suspendedAt).map((a) => ({ level: a.level }));
      salary = { districtName: district.name, rules: district.salaryStepRules, result: computeSalaryStep(district.salaryStepRules, held) };
    }
  }
  return {
    rows,
    totalHours: years.reduce((s, y) => s + y.hours, 0),
    hoursThisYear: years.find((y) => y.label === thisYear)?.hours ?? 0,
    thisYear,
    years,
    renewals,
    salary,
  };
}

export type TeacherRecord = Awaited<ReturnType<typeof getTeacherRecord>>;

const STATE_LABEL: Record<AwardState, string> = { valid: 'Valid', expired: 'Expired', suspended: 'Suspended', revoked: 'Revoked' };
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** The PD record as CSV: one row per credential, with its public verification link. */
export function teacherRecordCsv(record: TeacherRecord): string {
  return toCsv(
    ['Credential', 'Issuer', 'Level', 'Kind', 'Issued', 'Valid until', 'School year', 'PD hours', 'Status', 'Verify at'],
    record.rows.map((r) => [
      r.title, r.issuer, r.level ?? '', r.stack ? 'Stack' : 'Micro-credential', day(r.issuedAt), day(r.validUntil), schoolYearOf(r.issuedAt).label,
      r.state === 'revoked' ? 0 : r.pdHours, STATE_LABEL[r.state], r.url,
    ]),
  );
}
