import Link from 'next/link';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getActor, requireRole } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { getVersionPreview } from '@/lib/authoring/preview';
import { isDomainError } from '@/lib/errors';
import { Alert, Card } from '@/components/ui/card';
import { CredentialDescription } from '@/components/credential/credential-description';
import { AtAGlance, VersionHeader } from '@/components/credential/version-header';
import { levelInWords } from '@/components/credentials/level-words';
import { ResourceEntry } from '@/components/credential/resource-entry';
import { errorSummary } from '@/components/admin/credential-form-state';

// The newest version of a micro-credential as teachers will read it once published (the public
// page's header and description), for the issuer's authors: check a draft before publishing it,
// with the sections that changed since the published version listed first.

// Loaded once per request for the title and the page: both get the request's actor from getActor.
const loadPreview = cache((actor: Actor, id: string) => getVersionPreview({ actor, microCredentialId: id }));

// The credential's title in the page title, for whoever may preview it; anyone else gets the plain one.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await getActor();
  const page = actor ? await loadPreview(actor, (await params).id).catch(() => null) : null;
  return { title: page ? `Preview: ${page.version.title}` : 'Preview', robots: { index: false } };
}

export default async function PreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/credentials/${id}/preview`);
  const page = await loadPreview(actor, id).catch((e) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!page) notFound();
  const v = page.version;
  const level = levelInWords(page.level, 'teacher');
  const editHref = `/admin/credentials/${page.id}/edit`;
  const missing = errorSummary(page.missing);
  return (
    <article>
      <p className="text-sm"><Link href={editHref}>← Back to editing</Link></p>
      <div className="my-4 max-w-3xl">
        {page.isDraft ? (
          <Alert tone="info" title={`Preview of version ${v.version}, a draft`}>
            <p>Teachers see this once you publish it{page.published ? `; until then they see version ${page.published.version}` : ''}.</p>
            {page.published ? (
              page.published.changed.length ? (
                <>
                  <p className="mt-2 font-semibold">Changed since version {page.published.version}:</p>
                  <ul className="ml-5 list-disc">{page.published.changed.map((s) => <li key={s}>{s}</li>)}</ul>
                </>
              ) : (
                <p className="mt-2">Nothing teachers read has changed since version {page.published.version}.</p>
              )
            ) : null}
            {/* A draft saved unfinished shows as far as it goes; publishing waits for the rest. */}
            {missing.length ? (
              <>
                <p className="mt-2 font-semibold">Not ready to publish yet. Before you can publish:</p>
                <ul className="ml-5 list-disc">
                  {missing.map((m) => (
                    <li key={m.key}><Link href={`${editHref}#${m.targetId}`}>{m.label}: {m.messages.join(' ')}</Link></li>
                  ))}
                </ul>
              </>
            ) : null}
          </Alert>
        ) : (
          <Alert tone="info" title={`Version ${v.version} is the published version`}>
            There is no draft: this is what teachers see now. <Link href={`/micro-credentials/${page.slug}`}>Open the public page</Link>.
          </Alert>
        )}
      </div>

      <VersionHeader version={v} badgeLevel={page.level} level={level} issuedBy={`Issued by ${page.issuer.name} · Version ${v.version}`} />

      <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-8">
          <CredentialDescription version={v} submitHeading="What teachers submit" />
        </div>
        <aside className="space-y-4">
          <section aria-labelledby="resources-heading">
            <Card as="div">
            <h2 id="resources-heading" className="font-semibold">Resources</h2>
            {v.resources.length === 0 ? <p className="mt-2 text-sm text-slate-700">No resources listed.</p> : null}
            <ul className="mt-2 space-y-3">
              {v.resources.map((r) => (
                <li key={r.id} className="text-sm">
                  <ResourceEntry resource={r} />
                </li>
              ))}
            </ul>
            </Card>
          </section>
          <AtAGlance version={v} issuerName={page.issuer.name} level={level} />
        </aside>
      </div>
    </article>
  );
}
