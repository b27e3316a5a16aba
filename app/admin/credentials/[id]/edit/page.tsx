import Link from 'next/link';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getActor, requireRole } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { describeVersions, getCredentialForEdit, listAdminIssuers, publishGapsOfVersion } from '@/lib/authoring/queries';
import { badgePreviewUrl } from '@/lib/authoring/badge-image';
import { isDomainError } from '@/lib/errors';
import { PageHeader, Pill } from '@/components/ui/card';
import { CredentialEditor } from '@/components/admin/credential-editor';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { deleteDraftCredentialAction } from '@/app/admin/credentials/actions';
import { defToForm, emptyForm } from '@/components/admin/credential-form-state';
import { figure, listInWords } from '@/lib/plural';

// Loaded once per request for the title and the page: both get the request's actor from getActor.
const loadCredential = cache((actor: Actor, id: string) => getCredentialForEdit({ actor, microCredentialId: id }));

// The credential's title in the page title, for whoever may edit it; anyone else gets the plain one.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await getActor();
  const data = actor ? await loadCredential(actor, (await params).id).catch(() => null) : null;
  return { title: data ? `Edit micro-credential: ${data.def?.title ?? data.mc.slug}` : 'Edit micro-credential' };
}

/** "3 applications": a count of teachers' applications, as the app's sentences write figures. */
const applications = (n: number) => `${figure(n)} ${n === 1 ? 'application' : 'applications'}`;

/**
 * Which versions teachers' applications stay on, in words: "1 application stays on version 1, the
 * version it was started on." or "3 applications stay on the versions they were started on: 2 on
 * version 1 and 1 on version 2." Every application counts, earned ones too: each keeps its version.
 */
function versionsKeptText(versions: { version: number; _count: { submissions: number } }[]): string {
  const total = versions.reduce((sum, v) => sum + v._count.submissions, 0);
  const one = total === 1;
  if (versions.length === 1) return `${applications(total)} ${one ? 'stays' : 'stay'} on version ${versions[0].version}, the version ${one ? 'it was' : 'they were'} started on.`;
  const each = [...versions].sort((a, b) => a.version - b.version).map((v) => `${figure(v._count.submissions)} on version ${v.version}`);
  return `${applications(total)} stay on the versions they were started on: ${listInWords(each)}.`;
}

export default async function EditCredentialPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams?: Promise<{ saved?: string; published?: string }> }) {
  const { id } = await params;
  // Set by the editor after it saved (or saved and published) a new credential and moved here.
  const sp = (await searchParams) ?? {};
  const arrived = sp.published === '1' ? 'published' : sp.saved === '1' ? 'saved' : undefined;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/credentials/${id}/edit`);
  const data = await loadCredential(actor, id).catch((e) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!data) notFound();
  const issuers = await listAdminIssuers(actor);
  const { mc, latest, published, def, badgeImageKey, publishGaps } = data;
  const previewUrl = badgeImageKey ? await badgePreviewUrl(badgeImageKey).catch(() => null) : null;
  const label = describeVersions(mc.versions, mc.status);
  const inFlight = mc.versions.filter((v) => v._count.submissions > 0);
  // The definition JSON is of the newest version (a draft when there is one); the OB 3.0 Achievement
  // of the published version, as the badges issued on it name it. Each is offered when it can be built.
  const publishedGaps = published ? (published.id === latest?.id ? publishGaps : await publishGapsOfVersion(published.id)) : null;
  return (
    <div>
      <p className="text-sm"><Link href="/admin/credentials">← All micro-credentials</Link></p>
      <PageHeader
        title={def?.title ?? mc.slug}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Pill tone={mc.status === 'PUBLISHED' ? 'success' : mc.status === 'RETIRED' ? 'warning' : 'neutral'}>{mc.status.charAt(0) + mc.status.slice(1).toLowerCase()}</Pill>
            {mc.issuer.name}
            {mc.status === 'PUBLISHED' ? <Link href={`/micro-credentials/${mc.slug}`}>View public page</Link> : null}
            {/* A retired credential keeps its page (marked retired) for teachers midway and for badge links. */}
            {mc.status === 'RETIRED' ? <Link href={`/micro-credentials/${mc.slug}`}>View public page (marked retired)</Link> : null}
            {latest?.status === 'DRAFT' ? <Link href={`/admin/credentials/${mc.id}/preview`}>Preview as teachers will see it</Link> : null}
            {/* Samples are scored on the published rubric, so they exist only once there is one. */}
            {mc.publishedAt !== null ? (
              <Link href={`/admin/credentials/${mc.id}/calibration`}>Calibration samples</Link>
            ) : (
              <span className="text-slate-700">Calibration samples can be added once it is published</span>
            )}
            {/* What teachers who went through it said, without their names. */}
            {mc.publishedAt !== null ? <Link href={`/admin/credentials/${mc.id}/feedback`}>Teacher feedback</Link> : null}
            {/* An unfinished draft is not a definition anyone could import (the export refuses it). */}
            {!latest ? null : Object.keys(publishGaps).length ? (
              <span className="text-slate-700">
                {latest.status === 'DRAFT' ? 'The definition JSON can be exported once the draft has everything it needs to publish' : 'The definition JSON can be exported once what is listed below is fixed and published'}
              </span>
            ) : (
              <a href={`/admin/credentials/${mc.id}/export`}>Export definition JSON (version {latest.version}{latest.status === 'DRAFT' ? ', draft' : ''})</a>
            )}
            {!published ? (
              <span className="text-slate-700">An OB 3.0 Achievement can be exported once it is published</span>
            ) : publishedGaps && Object.keys(publishedGaps).length ? (
              <span className="text-slate-700">An OB 3.0 Achievement can be exported once a version that meets the publishing rules is published</span>
            ) : (
              <a href={`/admin/credentials/${mc.id}/export?format=achievement`}>Export OB 3.0 Achievement (published version {published.version})</a>
            )}
          </span>
        }
      />
      {inFlight.length ? (
        <p className="mb-4 text-sm text-slate-700">
          {versionsKeptText(inFlight)} Saving changes to a published version creates a new draft version.
        </p>
      ) : null}
      {/*
        One editor per credential, kept across versions: the first save of a published credential
        makes a new version, and the editor takes it as its base in place, so what was typed during
        the save, the "Draft saved" notice and focus all stay.
      */}
      <CredentialEditor
        key={mc.id}
        issuers={issuers.map((i) => ({ id: i.id, name: i.name }))}
        issuerId={mc.issuerId}
        microCredentialId={mc.id}
        initial={def ? defToForm(def) : emptyForm()}
        badgeImageKey={badgeImageKey}
        badgePreviewUrl={previewUrl}
        versionLabel={label}
        status={mc.status}
        latestIsDraft={latest?.status === 'DRAFT'}
        publishedVersion={published?.version ?? null}
        savedAt={latest?.updatedAt.toISOString() ?? null}
        timeZone={actor.timeZone ?? null}
        baseVersionId={latest?.id ?? null}
        slugLocked={mc.publishedAt !== null || mc.status !== 'DRAFT'}
        publishGaps={publishGaps}
        arrived={arrived}
        trackLevel={mc.trackId && mc.track ? { trackId: mc.trackId, trackTitle: mc.track.title, level: mc.level } : null}
      />
      {/* Only what no teacher has ever seen can go: a published credential is retired instead, so its badges keep working. */}
      {mc.publishedAt === null && mc.status === 'DRAFT' ? (
        <section aria-labelledby="delete-draft-h" className="mt-10 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="delete-draft-h" className="text-base font-semibold">Delete this draft</h2>
          <p className="mt-1 max-w-prose text-sm text-slate-700">
            It has never been published, so no teacher has seen it. Deleting it removes its versions, rubric, reviewer qualifications and badge image for good; the audit log keeps its title.
          </p>
          <div className="mt-2">
            <ConfirmDisclosure summary="Delete draft…">
              <p>Delete “{def?.title ?? mc.slug}” for good? This cannot be undone.</p>
              <InlineActionForm action={deleteDraftCredentialAction} hidden={{ microCredentialId: mc.id }}>
                <button type="submit" className="inline-flex min-h-6 items-center rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-800">Yes, delete the draft</button>
              </InlineActionForm>
            </ConfirmDisclosure>
          </div>
        </section>
      ) : null}
    </div>
  );
}
