import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getTrackForEdit, listAdminIssuers, listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { isDomainError } from '@/lib/errors';
import { PageHeader, Pill } from '@/components/ui/card';
import { TrackForm } from '@/components/admin/track-stack-forms';

export const metadata = { title: 'Edit track' };

export default async function EditTrackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/tracks/${id}`);
  const t = await getTrackForEdit({ actor, trackId: id }).catch((e) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!t) notFound();
  const issuers = await listAdminIssuers(actor);
  const options = await listIssuerCredentialOptions(actor, [t.issuerId]);
  return (
    <div className="max-w-3xl">
      <p className="text-sm"><Link href="/admin/tracks">← All tracks</Link></p>
      <PageHeader title={t.title} description={<Pill tone={t.status === 'PUBLISHED' ? 'success' : t.status === 'RETIRED' ? 'warning' : 'neutral'}>{t.status.charAt(0) + t.status.slice(1).toLowerCase()}</Pill>} />
      <TrackForm
        key={t.status}
        trackId={t.id}
        issuers={issuers.map((i) => ({ id: i.id, name: i.name }))}
        status={t.status}
        options={options}
        initial={{ slug: t.slug, kind: t.kind, title: t.title, summary: t.summary, description: t.description, topic: t.topic, subjects: t.subjects.join(', '), gradeBands: t.gradeBands.join(', '), levels: t.levels }}
      />
    </div>
  );
}
