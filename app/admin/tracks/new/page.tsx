import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers, listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { PageHeader } from '@/components/ui/card';
import { TrackForm } from '@/components/admin/track-stack-forms';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'New track' };

export default async function NewTrackPage() {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/tracks/new');
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="New track" />;
  }
  const options = await listIssuerCredentialOptions(actor, issuers.map((i) => i.id));
  return (
    <div className="max-w-3xl">
      <p className="text-sm"><Link href="/admin/tracks">← All tracks</Link></p>
      <PageHeader title="New track" />
      <TrackForm
        issuers={issuers.map((i) => ({ id: i.id, name: i.name }))}
        status={null}
        options={options}
        initial={{ slug: '', kind: 'TRACK', title: '', summary: '', description: '', topic: '', subjects: '', gradeBands: '', levels: [] }}
      />
    </div>
  );
}
