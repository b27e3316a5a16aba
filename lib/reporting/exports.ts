import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { toCsv } from '@/lib/csv';
import { resolveDistrict } from '@/lib/district/access';
import { pdHoursByTeacher, renewalCredentials, salaryStepEligibility } from '@/lib/reporting/district';
import type { Period } from '@/lib/reporting/schemas';

export const DISTRICT_REPORTS = ['pd-hours', 'renewal', 'salary-steps'] as const;
export type DistrictReport = (typeof DISTRICT_REPORTS)[number];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** Builds a district report as CSV after checking, again, that the actor leads the district. */
export async function districtReportCsv(opts: { actor: Actor; districtId?: string | null; report: DistrictReport; period: Period }): Promise<{ filename: string; csv: string }> {
  const { district } = await resolveDistrict(opts.actor, opts.districtId);
  const base = { actor: opts.actor, districtId: district.id };
  const suffix = `${opts.period.fromLabel}_${opts.period.toLabel}`;
  if (opts.report === 'pd-hours') {
    const rows = await pdHoursByTeacher({ ...base, period: opts.period });
    return {
      filename: `pd-hours_${suffix}.csv`,
      csv: toCsv(['Teacher', 'Email', 'School', 'Credentials earned', 'PD hours', 'Period start', 'Period end'], rows.map((r) => [r.name, r.email, r.school ?? '', r.credentials, r.hours, opts.period.fromLabel, opts.period.toLabel])),
    };
  }
  if (opts.report === 'renewal') {
    const rows = await renewalCredentials({ ...base, period: opts.period });
    return {
      filename: `licence-renewal_${suffix}.csv`,
      csv: toCsv(
        ['Teacher', 'Email', 'School', 'Credential', 'Issuer', 'Level', 'PD hours', 'Issued', 'Valid until', 'Status', 'Renewal', 'Credential ID'],
        rows.map((r) => [r.name, r.email, r.school ?? '', r.title, r.issuer, r.level ?? '', r.hours, day(r.issuedAt), day(r.validUntil), r.suspended ? 'Suspended' : r.validUntil && r.validUntil <= new Date() ? 'Expired' : 'Valid', r.renewal ? 'Yes' : 'No', r.awardId]),
      ),
    };
  }
  const { rows } = await salaryStepEligibility({ ...base, asOf: opts.period.to });
  return {
    filename: `salary-steps_as-of_${opts.period.toLabel}.csv`,
    csv: toCsv(
      ['Teacher', 'Email', 'School', 'Qualifying credentials', 'Step reached', 'Amount (USD)', 'Next step', 'Credentials still needed'],
      rows.map((r) => [r.name, r.email, r.school ?? '', r.qualifyingCount, r.rule?.label ?? '', (r.amountCents / 100).toFixed(2), r.next?.rule.label ?? '', r.next?.missing ?? '']),
    ),
  };
}
