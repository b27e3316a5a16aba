import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers } from '@/lib/authoring/queries';
import { PageHeader } from '@/components/ui/card';
import { ImportForm } from '@/components/admin/import-form';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Import a micro-credential' };

export default async function ImportCredentialPage() {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/credentials/import');
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="Import a micro-credential" />;
  }
  return (
    <div className="max-w-3xl">
      <p className="text-sm"><Link href="/admin/credentials">← All micro-credentials</Link></p>
      <PageHeader title="Import a micro-credential" description="Upload or paste a definition exported from this platform (or written by hand in the same format). It is checked in full and created as a draft; nothing is imported if any part is invalid." />
      <ImportForm issuers={issuers.map((i) => ({ id: i.id, name: i.name }))} />
    </div>
  );
}
