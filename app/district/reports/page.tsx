import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { listDistrictSchools } from '@/lib/district/people';
import { isDomainError } from '@/lib/errors';
import { utcDay } from '@/lib/dates';
import { reportsPageData } from '@/lib/reporting/district';
import { PeriodInput, SchoolFilterInput, resolvePeriod, salaryAsOf } from '@/lib/reporting/schemas';
import { Alert, PageHeader } from '@/components/ui/card';
import { cameToDownloadAgain } from '@/lib/http/html-page';
import { SchoolSelect } from '@/components/district/school-select';
import { DistrictPicker } from '@/components/admin/district-picker';
import { PeriodForm, QuickPeriods } from '@/components/reports/period-form';
import { ReportStats } from '@/components/reports/report-stats';
import { PdHoursSection } from '@/components/reports/pd-hours-section';
import { RenewalSection } from '@/components/reports/renewal-section';
import { ExpiringSection } from '@/components/reports/expiring-section';
import { SalaryStepsSection } from '@/components/reports/salary-steps-section';
import { SkillsSection } from '@/components/reports/skills-section';

export const metadata = { title: 'District reports' };

export default async function DistrictReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/reports');
  const sp = await searchParams;
  const { district, districts } = await districtForPage(actor, sp.district);
  const period = resolvePeriod(PeriodInput.parse({ from: sp.from, to: sp.to }));
  const schoolId = SchoolFilterInput.parse(sp.school);
  const now = new Date();
  // Steps as of today while the period runs, as each teacher's own page counts them.
  const at = salaryAsOf(period, now);
  const base = { actor, districtId: district.id, schoolId };
  // Each query checks the school is the district's; another district's is refused like its id.
  const [schools, { byTeacher, byMonth, renewal, renewalCounts, steps, expiring, skills }] = await Promise.all([
    listDistrictSchools({ actor, districtId: district.id }),
    reportsPageData({ ...base, period, asOf: at.asOf, now }),
  ]).catch((e: unknown) => {
    if (isDomainError(e) && e.code === 'FORBIDDEN') {
      // The district is the leader's (districtForPage checked it): a school that is not one of its
      // own, from a stale or mistyped link, gives every school's reports and says why.
      if (schoolId) {
        const rest = Object.fromEntries(Object.entries(sp).filter((kv): kv is [string, string] => kv[0] !== 'school' && kv[0] !== 'unknownSchool' && typeof kv[1] === 'string'));
        redirect(`/district/reports?${new URLSearchParams({ ...rest, unknownSchool: '1' })}`);
      }
      redirect('/forbidden');
    }
    throw e;
  });
  const school = schoolId ? schools.find((s) => s.id === schoolId) ?? null : null;
  // The district (for someone who leads several) and the school travel with every link.
  const keepDistrict: Record<string, string> = districts.length > 1 ? { district: district.id } : {};
  const keep = { ...keepDistrict, ...(school ? { school: school.id } : {}) };
  const qs = new URLSearchParams({ from: period.fromLabel, to: period.toLabel, ...keep }).toString();
  const csv = (report: string) => `/district/reports/export?report=${report}&${qs}`;
  const policyHref = districts.length > 1 ? `/district/policy?district=${district.id}` : '/district/policy';
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} keep={{ from: sp.from, to: sp.to }} />
      <PageHeader title="Reports" description={`${school ? `${school.name} (${district.name})` : district.name}: PD hours, the skills teachers are building, credentials toward licence renewal, badges ending soon and salary-step eligibility. Revoked credentials never count; suspended ones are marked. Dates are in UTC.`} />
      {cameToDownloadAgain(sp) ? <div className="mb-4"><Alert tone="success">You’re signed in. Choose “Download CSV” again to get the file.</Alert></div> : null}
      <PeriodForm label="Reporting period and school" period={period} keep={keepDistrict}>
        {schools.length ? <SchoolSelect id="school" schools={schools} selected={school?.id ?? null} /> : null}
      </PeriodForm>
      {period.notice ? <div className="mb-2"><Alert tone="warning">{period.notice}</Alert></div> : null}
      {sp.unknownSchool && !school ? <div className="mb-3"><Alert tone="warning">That school is not one of {district.name}’s schools (the link may be out of date), so these reports cover every school.</Alert></div> : null}
      {school ? <p className="mb-2 text-sm">Showing only teachers placed at <strong>{school.name}</strong>. <a href={`/district/reports?${new URLSearchParams({ from: period.fromLabel, to: period.toLabel, ...keepDistrict })}`}>Show all schools</a></p> : null}
      <QuickPeriods path="/district/reports" keep={keep} now={now} current={period} />

      <ReportStats byTeacher={byTeacher} renewal={renewal} steps={steps.rows} withPay />
      <PdHoursSection byTeacher={byTeacher} byMonth={byMonth} csvHref={csv('pd-hours')} withSchool />
      <SkillsSection skills={skills} period={period} csvHref={csv('skills')} who={school ? `teachers placed at ${school.name}` : 'the district’s teachers'} />
      <RenewalSection renewal={renewal} rule={renewalCounts} policyHref={`${policyHref}#renewal-rule`} csvHref={csv('renewal')} now={now} />
      <ExpiringSection expiring={expiring} csvHref={csv('expiring')} now={now} withSchool />
      <SalaryStepsSection
        steps={steps}
        asOf={at}
        periodEnd={utcDay(period.toLabel)!}
        csvHref={csv('salary-steps')}
        withPay
        withSchool
        todayHint=" Choose a period that has ended to see the steps on its last day."
        noRules={<>Your district has no salary-step rules yet, so no one is eligible. Add them under <Link href={policyHref}>Policy</Link>.</>}
        issuersHref={`${policyHref}#approved-lists`}
        rulesHeading="Your district’s rules"
        rulesNote={<>A teacher receives the highest step reached (steps replace each other). Only evidence-backed micro-credentials that are neither revoked nor suspended count, and only those with a level (a credential the issuer gave no level never counts). {steps.countsExpired ? 'An expired badge still counts (the step was earned)' : 'Only badges valid on that day count (your policy): an expired one counts again once renewed'}, and a renewed one counts once.</>}
      />
    </div>
  );
}
