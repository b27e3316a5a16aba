import { requireRole } from '@/lib/auth/session';
import { hasRole } from '@/lib/auth/actor';
import { districtForPage } from '@/lib/district/page-district';
import { getDistrictHome, listRecentDistrictAwards } from '@/lib/district/queries';
import { countDistrictRecommendations } from '@/lib/district/recommendations';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { PageHeader } from '@/components/ui/card';
import { LinkedStat } from '@/components/reports/linked-stat';
import { ButtonLink } from '@/components/ui/button';
import { DistrictPicker } from '@/components/admin/district-picker';
import { RecentAwards } from '@/components/awards/recent-awards';

export const metadata = { title: 'District' };

export default async function DistrictHomePage({ searchParams }: { searchParams: Promise<{ district?: string }> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district');
  const sp = await searchParams;
  const { district, districts } = await districtForPage(actor, sp.district);
  // The current school year (July to June), worded as the school page and teachers' records word it.
  const period = resolvePeriod({});
  const year = schoolYearOf(period.from).label;
  const [home, recommendations, recent] = await Promise.all([
    getDistrictHome({ actor, districtId: district.id, since: period.from }),
    countDistrictRecommendations({ actor, districtId: district.id }),
    listRecentDistrictAwards({ actor, districtId: district.id }),
  ]);
  // A platform admin can open any district: what waits is the district's leaders', not theirs.
  const leads = hasRole(actor, 'DISTRICT_LEADER', district.id);
  const q = districts.length > 1 ? `?district=${district.id}` : '';
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader
        title={district.name}
        description={district.requiresProposal ? 'Teachers send a proposal before submitting evidence; you approve or return it.' : 'Teachers in this district can submit evidence without a proposal.'}
        actions={<ButtonLink href={`/district/reports${q}`}>Reports</ButtonLink>}
      />
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
        <LinkedStat label={leads ? 'Proposals waiting for you' : 'Proposals waiting for the district'} value={home.pendingProposals} href={`/district/proposals${q}`} />
        <LinkedStat label="Requests to join" value={home.joinRequests} href={`/district/people${q}#requests`} />
        <LinkedStat label="Teachers" value={home.teachers} href={`/district/teachers${q}`} />
        <LinkedStat label="Enrolments, including completed" value={home.activeEnrolments} href={`/district/teachers${q}`} />
        <LinkedStat label="Submissions in review" value={home.inReview} href={`/district/teachers${q}`} />
        <LinkedStat label={`Credentials earned in ${year}`} value={home.earned} href={`/district/reports${q}`} />
        <LinkedStat label={`PD hours in ${year}`} value={Math.round(home.pdHours * 10) / 10} href={`/district/reports${q}`} />
        <LinkedStat label={leads ? 'Recommendations to your teachers' : 'Recommendations to the district’s teachers'} value={recommendations} href={`/district/recommendations${q}`} />
      </dl>
      <RecentAwards awards={recent} who={leads ? 'teachers in your district' : 'the district’s teachers'} />
    </div>
  );
}
