import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { APPROVED_CREDENTIALS_MAX, getDistrictPolicy } from '@/lib/district/policy-settings';
import { listSalaryIssuerChoices } from '@/lib/district/salary-approval';
import { PageHeader } from '@/components/ui/card';
import { DistrictPicker } from '@/components/admin/district-picker';
import { PolicyForm } from './policy-form';

export const metadata = { title: 'District policy' };

export default async function DistrictPolicyPage({ searchParams }: { searchParams: Promise<{ district?: string }> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/policy');
  const { district, districts } = await districtForPage(actor, (await searchParams).district);
  const [policy, issuers] = await Promise.all([getDistrictPolicy({ actor, districtId: district.id }), listSalaryIssuerChoices({ actor, districtId: district.id })]);
  return (
    <div className="max-w-4xl">
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader title={`Policy for ${policy.name}`} description="How micro-credentials count in your district: proposals before study, and what reports count toward salary steps and licence renewal." />
      <PolicyForm
        districtId={policy.id}
        seenAt={policy.seenAt.toISOString()}
        requiresProposal={policy.requiresProposal}
        salaryCountsExpired={policy.salaryCountsExpired}
        approvedIssuersOnly={policy.salaryApprovedIssuersOnly}
        renewalApprovedOnly={policy.renewalApprovedOnly}
        renewalHoursRequired={policy.renewalHoursRequired}
        renewalCycleYears={policy.renewalCycleYears}
        approvedIssuerIds={policy.approvedIssuers.map((a) => a.issuerId)}
        issuers={issuers}
        approvedCredentials={policy.approvedCredentials}
        approvedCredentialsMax={APPROVED_CREDENTIALS_MAX}
        rules={policy.salaryStepRules.map((r) => ({ label: r.label, description: r.description, minLevel: String(r.minLevel), credentialsRequired: String(r.credentialsRequired), amountDollars: String(r.amountCents / 100) }))}
      />
    </div>
  );
}
