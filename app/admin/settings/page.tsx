import { z } from 'zod';
import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers } from '@/lib/authoring/queries';
import { getIssuerSettings } from '@/lib/organizations/issuer-settings';
import { Card, PageHeader } from '@/components/ui/card';
import { IssuerPicker } from '@/components/admin/issuer-picker';
import { IssuerProfileForm, IssuerReviewSettingsForm } from '@/components/admin/issuer-settings-forms';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Organisation settings' };
const Query = z.object({ org: z.string().max(40).optional().catch(undefined) });

export default async function IssuerSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/settings');
  const query = Query.parse(await searchParams);
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="Organisation settings" />;
  }
  const org = issuers.find((i) => i.id === query.org) ?? issuers[0];
  const settings = await getIssuerSettings({ actor, organizationId: org.id });
  return (
    <div className="max-w-4xl">
      <PageHeader
        title={`Settings for ${settings.name}`}
        description="Your public profile, and the checks that keep your scoring fair. Every change is recorded in the audit log."
      />
      <IssuerPicker issuers={issuers} current={org.id} />
      <div className="space-y-6">
        <Card>
          <h2 id="profile-heading" className="mb-1 text-lg font-semibold">Public profile</h2>
          <p className="mb-4 text-sm text-slate-700">
            Shown on <Link href={`/issuers/${settings.slug}`}>your page</Link>, in the catalogue and in the issuer profile of badges issued from now on.
            Badges already issued keep the details they were signed with. Your address, <code>/issuers/{settings.slug}</code>, does not change.
          </p>
          <IssuerProfileForm key={`p-${settings.id}`} issuer={settings} />
        </Card>
        <Card>
          <h2 id="review-heading" className="mb-1 text-lg font-semibold">Review</h2>
          <p className="mb-4 text-sm text-slate-700">These apply as soon as you save, also to reviews under way: a claim’s length from its next save, the fairness checks when a review is submitted, blind review on every page a reviewer opens.</p>
          <IssuerReviewSettingsForm key={`r-${settings.id}`} settings={settings} />
        </Card>
      </div>
    </div>
  );
}
