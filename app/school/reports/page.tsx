import { requireRole } from '@/lib/auth/session';
import { schoolForPage, schoolParam } from '@/lib/school/page-school';
import { SchoolReportsQuery } from '@/lib/school/schemas';
import { utcDay } from '@/lib/dates';
import { reportsPageData } from '@/lib/reporting/district';
import { PeriodInput, resolvePeriod, salaryAsOf } from '@/lib/reporting/schemas';
import { Alert, PageHeader } from '@/components/ui/card';
import { cameToDownloadAgain } from '@/lib/http/html-page';
import { SchoolPicker } from '@/components/school/school-picker';
import { PeriodForm, QuickPeriods } from '@/components/reports/period-form';
import { ReportStats } from '@/components/reports/report-stats';
import { PdHoursSection } from '@/components/reports/pd-hours-section';
import { RenewalSection } from '@/components/reports/renewal-section';
import { ExpiringSection } from '@/components/reports/expiring-section';
import { SalaryStepsSection } from '@/components/reports/salary-steps-section';
import { SkillsSection } from '@/components/reports/skills-section';

export const metadata = { title: 'School reports' };

// The district's reports (lib/reporting/district.ts) with the school fixed: each query lets a
// school's leader through for their own school only, and counts exactly as the district's do.
// Steps without pay (ADR 016): what a step pays is between the teacher and the district.
export default async function SchoolReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['SCHOOL_LEADER'], '/school/reports');
  const raw = await searchParams;
  const sp = SchoolReportsQuery.parse(raw);
  const resolved = await schoolForPage(actor, sp);
  const { school } = resolved;
  const period = resolvePeriod(PeriodInput.parse({ from: sp.from, to: sp.to }));
  const now = new Date();
  const at = salaryAsOf(period, now);
  const base = { actor, districtId: school.districtId, schoolId: school.id };
  const { byTeacher, byMonth, renewal, renewalCounts, steps, expiring, skills } = await reportsPageData({ ...base, period, asOf: at.asOf, now });
  const sq = schoolParam(resolved);
  const keep: Record<string, string> = sq ? { school: sq } : {};
  const qs = new URLSearchParams({ from: period.fromLabel, to: period.toLabel, ...keep }).toString();
  const csv = (report: string) => `/school/reports/export?report=${report}&${qs}`;
  return (
    <div>
      <SchoolPicker schools={resolved.schools} current={school} cutOff={resolved.cutOff} find={sp.find} keep={{ from: sp.from, to: sp.to }} />
      <PageHeader title="Reports" description={`${school.name} (${school.districtName}): PD hours, the skills teachers are building, credentials toward licence renewal, badges ending soon and salary-step eligibility of the teachers placed at your school, counted as the district counts them. Revoked credentials never count; suspended ones are marked. Dates are in UTC.`} />
      {cameToDownloadAgain(raw) ? <div className="mb-4"><Alert tone="success">You’re signed in. Choose “Download CSV” again to get the file.</Alert></div> : null}
      <PeriodForm label="Reporting period" period={period} keep={keep} />
      {period.notice ? <div className="mb-2"><Alert tone="warning">{period.notice}</Alert></div> : null}
      <QuickPeriods path="/school/reports" keep={keep} now={now} current={period} />

      <ReportStats byTeacher={byTeacher} renewal={renewal} steps={steps.rows} withPay={false} />
      <PdHoursSection byTeacher={byTeacher} byMonth={byMonth} csvHref={csv('pd-hours')} withSchool={false} />
      <SkillsSection skills={skills} period={period} csvHref={csv('skills')} who={`teachers placed at ${school.name}`} />
      <RenewalSection renewal={renewal} rule={renewalCounts} csvHref={csv('renewal')} now={now} />
      <ExpiringSection expiring={expiring} csvHref={csv('expiring')} now={now} withSchool={false} />
      <SalaryStepsSection
        steps={steps}
        asOf={at}
        periodEnd={utcDay(period.toLabel)!}
        csvHref={csv('salary-steps')}
        withPay={false}
        withSchool={false}
        noRules={<>{school.districtName} has no salary-step rules, so no one is eligible. Its district leaders set them.</>}
        rulesHeading={<>{school.districtName}’s rules</>}
        rulesNote={<>A teacher reaches the highest step whose rule they meet. What a step pays is between the teacher and the district’s HR office, so it is not shown here. Only evidence-backed micro-credentials that are neither revoked nor suspended count, and only those with a level. {steps.countsExpired ? 'An expired badge still counts' : 'Only badges valid on that day count'}, and a renewed one counts once.</>}
      />
    </div>
  );
}
