import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listAdminIssuers, listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { PageHeader } from '@/components/ui/card';
import { StackForm } from '@/components/admin/track-stack-forms';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'New stack' };

export default async function NewStackPage() {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/stacks/new');
  const issuers = await listAdminIssuers(actor);
  if (!issuers.length) {
    return <NoIssuerPage title="New stack" />;
  }
  const options = await listIssuerCredentialOptions(actor, issuers.map((i) => i.id));
  return (
    <div className="max-w-3xl">
      <p className="text-sm"><Link href="/admin/stacks">← All stacks</Link></p>
      <PageHeader title="New stack" />
      <StackForm issuers={issuers.map((i) => ({ id: i.id, name: i.name }))} status={null} options={options} initial={{ slug: '', title: '', summary: '', description: '', badgeColor: '#7c3aed', microCredentials: [] }} />
    </div>
  );
}
