import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { toCsv } from '@/lib/csv';
import { resolveDistrict } from '@/lib/district/access';
import { assertDistrictSchool } from '@/lib/district/queries';
import { assertLeadsSchool } from '@/lib/school/access';
import { slugFromName } from '@/lib/organizations/schemas';
import { expiringBadges, pdHoursByTeacher, renewalCredentials, salaryStepEligibility, skillsReport } from '@/lib/reporting/district';
import { salaryAsOf, type Period } from '@/lib/reporting/schemas';
import { dayLabel } from '@/lib/dates';
import { credentialUrl } from '@/lib/awards/issue';

export const DISTRICT_REPORTS = ['pd-hours', 'renewal', 'salary-steps', 'expiring', 'skills'] as const;
export type DistrictReport = (typeof DISTRICT_REPORTS)[number];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');
/**
 * "Title (verify URL)" for each badge a salary step counts, "; " between them (one line per
 * teacher, for tools that read a file line by line): whoever files the step can open each badge's
 * public page, as the teacher's own PD record links them.
 */
const awardsCounted = (awards: { id: string; title: string }[]) => awards.map((a) => `${a.title} (${credentialUrl(a.id)})`).join('; ');

/**
 * Builds a district report as CSV after checking, again, that the actor leads the district (and,
 * for one school's report, that the school is the district's). `now` is the moment "today" means.
 */
export async function districtReportCsv(opts: { actor: Actor; districtId?: string | null; schoolId?: string | null; report: DistrictReport; period: Period; now?: Date }): Promise<{ filename: string; csv: string }> {
  const { district } = await resolveDistrict(opts.actor, opts.districtId);
  const school = await assertDistrictSchool(district.id, opts.schoolId);
  return reportCsv({ actor: opts.actor, districtId: district.id, school, report: opts.report, period: opts.period, now: opts.now, withPay: true });
}

/**
 * A school leader's report (ADR 016): the district's report with their school fixed, after checking
 * that they lead it, without salary amounts. Each report query checks again (a school leader passes
 * for their school only).
 */
export async function schoolReportCsv(opts: { actor: Actor; schoolId: string; report: DistrictReport; period: Period; now?: Date }): Promise<{ filename: string; csv: string }> {
  const school = await assertLeadsSchool(opts.actor, opts.schoolId);
  return reportCsv({ actor: opts.actor, districtId: school.districtId, school: { id: school.id, name: school.name }, report: opts.report, period: opts.period, now: opts.now, withPay: false });
}

async function reportCsv(opts: { actor: Actor; districtId: string; school: { id: string; name: string } | null; report: DistrictReport; period: Period; now?: Date; withPay: boolean }): Promise<{ filename: string; csv: string }> {
  const { school } = opts;
  const now = opts.now ?? new Date();
  const base = { actor: opts.actor, districtId: opts.districtId, schoolId: school?.id ?? null };
  // One school's file says which school in its name (ASCII only: it is a header value).
  const where = school ? `${slugFromName(school.name) || 'school'}_` : '';
  const suffix = `${opts.period.fromLabel}_${opts.period.toLabel}`;
  if (opts.report === 'pd-hours') {
    const rows = await pdHoursByTeacher({ ...base, period: opts.period });
    return {
      filename: `pd-hours_${where}${suffix}.csv`,
      csv: toCsv(['Teacher', 'Email', 'School', 'Credentials earned', 'PD hours', 'Period start', 'Period end'], rows.map((r) => [r.name, r.email, r.school ?? '', r.credentials, r.hours, opts.period.fromLabel, opts.period.toLabel])),
    };
  }
  if (opts.report === 'renewal') {
    const rows = await renewalCredentials({ ...base, period: opts.period });
    return {
      filename: `licence-renewal_${where}${suffix}.csv`,
      csv: toCsv(
        // "Approved by the district": Yes for every row unless the district counts only what it approves (ADR 024).
        ['Teacher', 'Email', 'School', 'Credential', 'Issuer', 'Level', 'PD hours', 'Issued', 'Valid until', 'Status', 'Renewal', 'Approved by the district', 'Credential ID', 'Verify at'],
        rows.map((r) => [r.name, r.email, r.school ?? '', r.title, r.issuer, r.level ?? '', r.hours, day(r.issuedAt), day(r.validUntil), r.suspended ? 'Suspended' : r.validUntil && r.validUntil <= now ? 'Expired' : 'Valid', r.renewal ? 'Yes' : 'No', r.approved ? 'Yes' : 'No', r.awardId, credentialUrl(r.awardId)]),
      ),
    };
  }
  if (opts.report === 'skills') {
    // One line per micro-credential, its topic on each (a spreadsheet filters or pivots on it). A
    // topic's distinct teachers are not the sum of its lines: the page shows them.
    const { topics } = await skillsReport({ ...base, period: opts.period });
    return {
      filename: `skills_${where}${suffix}.csv`,
      csv: toCsv(
        ['Topic', 'Micro-credential', 'Issuer', 'Badges earned', 'Teachers', 'PD hours', 'Understanding (level 1)', 'In the classroom (level 2 and above)', 'No level', 'Teachers in progress now', 'Period start', 'Period end'],
        topics.flatMap((t) => t.credentials.map((c) => [t.topic, c.title, c.issuer, c.badges, c.teachers, c.hours, c.understanding, c.classroom, c.unlevelled, c.inProgress, opts.period.fromLabel, opts.period.toLabel])),
      ),
    };
  }
  if (opts.report === 'expiring') {
    // From today, whatever the period: what is about to change.
    const rows = await expiringBadges({ ...base, now });
    return {
      filename: `badges-ending-soon_${where}as-of_${dayLabel(now)}.csv`,
      csv: toCsv(
        // "Renewal opens": the day the teacher can start (RENEWAL_WINDOW_DAYS before the end, or
        // the last third of a shorter validity); a day after today means not open yet.
        ['Teacher', 'Email', 'School', 'Credential', 'Issuer', 'Level', 'Valid until', 'Status', 'Renewal started', 'Renewal opens', 'Credential ID', 'Verify at'],
        rows.map((r) => [r.name, r.email, r.school ?? '', r.title, r.issuer, r.level ?? '', day(r.validUntil), r.suspended ? 'Suspended' : r.ended ? 'Ended' : 'Ending soon', r.renewalStarted ? 'Yes' : 'No', day(r.renewalOpensAt), r.awardId, credentialUrl(r.awardId)]),
      ),
    };
  }
  const at = salaryAsOf(opts.period, now);
  const { rows } = await salaryStepEligibility({ ...base, asOf: at.asOf });
  // A school leader's file has no amount: the step a teacher reached is theirs to follow, what it
  // pays is the district's HR matter (ADR 016).
  return {
    filename: `salary-steps_${where}as-of_${at.label}.csv`,
    csv: toCsv(
      ['Teacher', 'Email', 'School', 'Qualifying credentials', 'Step reached', ...(opts.withPay ? ['Amount (USD)'] : []), 'Next step', 'Credentials still needed', 'Awards counted'],
      rows.map((r) => [r.name, r.email, r.school ?? '', r.qualifyingCount, r.rule?.label ?? '', ...(opts.withPay ? [(r.amountCents / 100).toFixed(2)] : []), r.next?.rule.label ?? '', r.next?.missing ?? '', awardsCounted(r.counted)]),
    ),
  };
}
