import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import type { Metadata } from 'next';
import type { Actor } from '@/lib/auth/actor';
import { getActor, requireRole } from '@/lib/auth/session';
import { getTrackForEdit, listAdminIssuers, listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { isDomainError } from '@/lib/errors';
import { Alert, PageHeader, Pill } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { TrackForm } from '@/components/admin/track-stack-forms';

// Loaded once per request for the title and the page: both get the request's actor from getActor.
const load = cache((actor: Actor, id: string) => getTrackForEdit({ actor, trackId: id }));

// The track's name in the title, for whoever may edit it; anyone else gets the plain one.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await getActor();
  const t = actor ? await load(actor, (await params).id).catch(() => null) : null;
  return { title: t ? `Edit track: ${t.title}` : 'Edit track' };
}

export default async function EditTrackPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams?: Promise<{ saved?: string }> }) {
  const { id } = await params;
  // Set by the form after it created the track and moved here (its button is gone): the notice takes focus.
  const arrived = (await searchParams)?.saved === '1';
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/tracks/${id}`);
  const t = await load(actor, id).catch((e) => {
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
      {arrived ? (
        <ArrivalNotice className="mb-6">
          <Alert tone="success">{t.status === 'PUBLISHED' ? 'Saved and published.' : 'Saved. It stays a draft until you publish it.'}</Alert>
        </ArrivalNotice>
      ) : null}
      <TrackForm
        key={t.status}
        trackId={t.id}
        seenUpdatedAt={t.updatedAt.toISOString()}
        issuers={issuers.map((i) => ({ id: i.id, name: i.name }))}
        status={t.status}
        options={options}
        initial={{ slug: t.slug, kind: t.kind, title: t.title, summary: t.summary, description: t.description, topic: t.topic, subjects: t.subjects.join(', '), gradeBands: t.gradeBands.join(', '), levels: t.levels }}
      />
    </div>
  );
}
