import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers, listIssuerCredentialOptions, listPublishedTrackOptions } from '@/lib/authoring/queries';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { BulkEnrolForm } from '@/components/admin/people-forms';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Enrol teachers from a CSV file' };

export default async function BulkEnrolPage() {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/people/enrol');
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="Enrol teachers from a CSV file" />;
  }
  const ids = issuers.map((i) => i.id);
  const [mcs, tracks] = await Promise.all([listIssuerCredentialOptions(actor, ids), listPublishedTrackOptions(actor, ids)]);
  const targets = [
    ...tracks.map((t) => ({ value: `track:${t.id}`, label: `Track: ${t.title}`, issuerId: t.issuerId })),
    ...mcs.filter((m) => m.status === 'PUBLISHED').map((m) => ({ value: `mc:${m.id}`, label: m.title, issuerId: m.issuerId })),
  ];
  return (
    <div className="max-w-4xl">
      <p className="text-sm"><Link href="/admin/people">← People</Link></p>
      <PageHeader title="Enrol teachers from a CSV file" description="Check the file first: every row is validated and shown. The import then runs as one step — if any row is wrong, nothing is imported. New accounts have no password; teachers sign in with their school account or through an invitation. A school or district named in the file is not a placement: the district is asked to confirm each teacher." />
      {targets.length === 0 ? <EmptyState title="Publish a micro-credential or track first">Teachers can only be enrolled in something published.</EmptyState> : <BulkEnrolForm issuers={issuers.map((i) => ({ id: i.id, name: i.name }))} targets={targets} />}
    </div>
  );
}
