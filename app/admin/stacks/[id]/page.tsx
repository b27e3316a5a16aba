import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getStackForEdit, listAdminIssuers, listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { isDomainError } from '@/lib/errors';
import { PageHeader, Pill } from '@/components/ui/card';
import { StackForm } from '@/components/admin/track-stack-forms';

export const metadata = { title: 'Edit stack' };

export default async function EditStackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/stacks/${id}`);
  const s = await getStackForEdit({ actor, stackId: id }).catch((e) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!s) notFound();
  const issuers = await listAdminIssuers(actor);
  const options = await listIssuerCredentialOptions(actor, [s.issuerId]);
  return (
    <div className="max-w-3xl">
      <p className="text-sm"><Link href="/admin/stacks">← All stacks</Link></p>
      <PageHeader title={s.title} description={<Pill tone={s.status === 'PUBLISHED' ? 'success' : s.status === 'RETIRED' ? 'warning' : 'neutral'}>{s.status.charAt(0) + s.status.slice(1).toLowerCase()}</Pill>} />
      <StackForm
        key={s.status}
        stackId={s.id}
        issuers={issuers.map((i) => ({ id: i.id, name: i.name }))}
        status={s.status}
        options={options}
        initial={{ slug: s.slug, title: s.title, summary: s.summary, description: s.description, badgeColor: s.badgeColor, microCredentials: s.items.map((it) => it.microCredential.slug) }}
      />
    </div>
  );
}
