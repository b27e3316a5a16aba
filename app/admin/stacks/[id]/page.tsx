import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import type { Metadata } from 'next';
import type { Actor } from '@/lib/auth/actor';
import { getActor, requireRole } from '@/lib/auth/session';
import { getStackForEdit, listAdminIssuers, listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { isDomainError } from '@/lib/errors';
import { Alert, PageHeader, Pill } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { StackForm } from '@/components/admin/track-stack-forms';

// Loaded once per request for the title and the page: both get the request's actor from getActor.
const load = cache((actor: Actor, id: string) => getStackForEdit({ actor, stackId: id }));

// The stack's name in the title, for whoever may edit it; anyone else gets the plain one.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await getActor();
  const s = actor ? await load(actor, (await params).id).catch(() => null) : null;
  return { title: s ? `Edit stack: ${s.title}` : 'Edit stack' };
}

export default async function EditStackPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams?: Promise<{ saved?: string }> }) {
  const { id } = await params;
  // Set by the form after it created the stack and moved here (its button is gone): the notice takes focus.
  const arrived = (await searchParams)?.saved === '1';
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/stacks/${id}`);
  const s = await load(actor, id).catch((e) => {
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
      {arrived ? (
        <ArrivalNotice className="mb-6">
          <Alert tone="success">{s.status === 'PUBLISHED' ? 'Saved and published.' : 'Saved. It stays a draft until you publish it.'}</Alert>
        </ArrivalNotice>
      ) : null}
      <StackForm
        key={s.status}
        stackId={s.id}
        seenUpdatedAt={s.updatedAt.toISOString()}
        issuers={issuers.map((i) => ({ id: i.id, name: i.name }))}
        status={s.status}
        options={options}
        initial={{ slug: s.slug, title: s.title, summary: s.summary, description: s.description, badgeColor: s.badgeColor, microCredentials: s.items.map((it) => it.microCredential.slug) }}
      />
    </div>
  );
}
