import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { getDistrictHome } from '@/lib/district/queries';
import { countDistrictRecommendations } from '@/lib/district/recommendations';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { PageHeader, Stat } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { DistrictPicker } from '@/components/admin/district-picker';

export const metadata = { title: 'District' };

export default async function DistrictHomePage({ searchParams }: { searchParams: Promise<{ district?: string }> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district');
  const sp = await searchParams;
  const { district, districts } = await districtForPage(actor, sp.district);
  const period = resolvePeriod({});
  const [home, recommendations] = await Promise.all([getDistrictHome({ actor, districtId: district.id, since: period.from }), countDistrictRecommendations({ actor, districtId: district.id })]);
  const q = districts.length > 1 ? `?district=${district.id}` : '';
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader
        title={district.name}
        description={district.requiresProposal ? 'Teachers send a proposal before submitting evidence; you approve or return it.' : 'Teachers in your district can submit evidence without a proposal.'}
        actions={<ButtonLink href={`/district/reports${q}`}>Reports</ButtonLink>}
      />
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3">
        <Stat label="Proposals waiting for you" value={home.pendingProposals} href={`/district/proposals${q}`} />
        <Stat label="Requests to join" value={home.joinRequests} href={`/district/people${q}#requests`} />
        <Stat label="Teachers" value={home.teachers} href={`/district/teachers${q}`} />
        <Stat label="Active enrolments" value={home.activeEnrolments} href={`/district/teachers${q}`} />
        <Stat label="Submissions in review" value={home.inReview} href={`/district/teachers${q}`} />
        <Stat label={`Credentials earned since ${period.fromLabel}`} value={home.earned} href={`/district/reports${q}`} />
        <Stat label={`PD hours since ${period.fromLabel}`} value={home.pdHours} href={`/district/reports${q}`} />
        <Stat label="Recommendations to your teachers" value={recommendations} href={`/district/recommendations${q}`} />
      </dl>
    </div>
  );
}
