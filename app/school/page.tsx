import { requireRole } from '@/lib/auth/session';
import { schoolForPage, schoolParam } from '@/lib/school/page-school';
import { SchoolPageQuery } from '@/lib/school/schemas';
import { getSchoolHome, listRecentSchoolAwards } from '@/lib/school/queries';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { PageHeader } from '@/components/ui/card';
import { LinkedStat } from '@/components/reports/linked-stat';
import { ButtonLink } from '@/components/ui/button';
import { SchoolPicker } from '@/components/school/school-picker';
import { RecentAwards } from '@/components/awards/recent-awards';

export const metadata = { title: 'School' };

export default async function SchoolHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['SCHOOL_LEADER'], '/school');
  const query = SchoolPageQuery.parse(await searchParams);
  const resolved = await schoolForPage(actor, query);
  const { school } = resolved;
  // The current school year (July to June), as the reports and teachers' own records count it.
  const period = resolvePeriod({});
  const year = schoolYearOf(period.from).label;
  const [home, recent] = await Promise.all([getSchoolHome({ actor, schoolId: school.id, since: period.from }), listRecentSchoolAwards({ actor, schoolId: school.id })]);
  const sq = schoolParam(resolved);
  const q = sq ? `?school=${sq}` : '';
  return (
    <div>
      <SchoolPicker schools={resolved.schools} current={school} cutOff={resolved.cutOff} find={query.find} />
      <PageHeader
        title={school.name}
        description={`${school.districtName}: the professional learning of the teachers placed at your school. You can follow their progress and run reports; the district’s leaders manage teachers, proposals and policy.`}
        actions={<ButtonLink href={`/school/reports${q}`}>Reports</ButtonLink>}
      />
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
        <LinkedStat label="Teachers" value={home.teachers} href={`/school/teachers${q}`} />
        <LinkedStat label="Enrolments, including completed" value={home.activeEnrolments} href={`/school/teachers${q}`} />
        <LinkedStat label="Submissions in review" value={home.inReview} href={`/school/teachers${q}`} />
        <LinkedStat label={`Credentials earned in ${year}`} value={home.earned} href={`/school/reports${q}`} />
        <LinkedStat label={`PD hours in ${year}`} value={Math.round(home.pdHours * 10) / 10} href={`/school/reports${q}`} />
        <LinkedStat label="District recommendations for your school" value={home.recommendations} href={`/school/recommendations${q}`} />
      </dl>
      <RecentAwards awards={recent} who="teachers at your school" />
    </div>
  );
}
