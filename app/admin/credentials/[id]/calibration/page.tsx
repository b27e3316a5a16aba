import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Metadata } from 'next';
import type { Actor } from '@/lib/auth/actor';
import { getActor, requireRole } from '@/lib/auth/session';
import { getExemplarEditor } from '@/lib/review/exemplars';
import { isDomainError } from '@/lib/errors';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ExemplarForm, RescoreExemplarForm } from './exemplar-form';
import { DeleteExemplarForm } from './delete-exemplar-form';

// Loaded once per request for the title and the page: both get the request's actor from getActor.
const loadEditor = cache((actor: Actor, id: string) => getExemplarEditor({ actor, microCredentialId: id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await getActor();
  const editor = actor ? await loadEditor(actor, (await params).id).catch(() => null) : null;
  return { title: editor ? `Calibration samples: ${editor.mc.version.title}` : 'Calibration samples' };
}

export default async function CalibrationSamplesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/credentials/${id}/calibration`);
  const editor = await loadEditor(actor, id).catch((e) => {
    if (isDomainError(e) && e.code === 'FORBIDDEN') redirect('/forbidden');
    if (isDomainError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const { mc, exemplars } = editor;
  const outdated = exemplars.filter((e) => !e.upToDate).length;
  return (
    <div className="max-w-4xl">
      <p className="text-sm"><Link href={`/admin/credentials/${mc.id}/edit`}>← {mc.version.title}</Link></p>
      <PageHeader
        title="Calibration samples"
        description="Anonymised sample applications with agreed scores. Before their first live review of this credential, reviewers score them and must agree on at least 3 in 4 ratings."
      />
      <section aria-labelledby="existing" className="mb-8">
        <h2 id="existing" className="mb-3 text-lg font-semibold">Samples ({exemplars.length})</h2>
        {outdated ? (
          <div className="mb-4">
            <Alert tone="warning" title={`${outdated} of ${exemplars.length} sample${exemplars.length === 1 ? '' : 's'} ${outdated === 1 ? 'was' : 'were'} scored against an earlier rubric`}>
              {outdated === exemplars.length
                ? 'Reviewers are not asked to calibrate until at least one sample is scored on the current rubric: they can review straight away.'
                : 'Reviewers calibrate only on the samples scored on the current rubric.'}{' '}
              Score each marked sample again or remove it.
            </Alert>
          </div>
        ) : null}
        {exemplars.length === 0 ? (
          <EmptyState title="No samples yet">Without samples, reviewers qualified for this credential can review straight away.</EmptyState>
        ) : (
          <ul className="space-y-3">
            {exemplars.map((e) => (
              <li key={e.id}>
                <Card as="div">
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      {/* Focus lands here once the sample is scored again (the form that did it goes). */}
                      <h3 id={`sample-${e.id}`} tabIndex={-1} className="font-semibold focus:outline-2 focus:outline-offset-2 focus:outline-brand-700">{e.title}</h3>
                      <p className="text-sm text-slate-700">Scored by reviewers {e.results} time{e.results === 1 ? '' : 's'}</p>
                      {e.upToDate ? null : (
                        <p className="mt-1 text-sm font-semibold text-amber-900">
                          Out of date. Scored against an earlier rubric{e.scoredVersion !== null ? ` (version ${e.scoredVersion})` : ''}: score it again or remove it. Reviewers do not see it until then.
                        </p>
                      )}
                      {e.agreed.length ? (
                        <>
                          {e.upToDate ? null : <p className="mt-1 text-sm">Agreed levels on that rubric:</p>}
                          <ul className="mt-1 text-sm">
                            {e.agreed.map((a, i) => (
                              <li key={i}>{a.criterion}: <strong>{a.level ?? 'no level'}</strong></li>
                            ))}
                          </ul>
                        </>
                      ) : null}
                    </div>
                    <DeleteExemplarForm microCredentialId={mc.id} exemplar={{ id: e.id, title: e.title }} label={e.upToDate ? 'Delete' : 'Remove'} />
                  </div>
                  {e.upToDate ? null : (
                    <div className="mt-4 border-t border-slate-200 pt-4">
                      <h4 className="mb-2 text-sm font-semibold">Score it again<span className="sr-only">: {e.title}</span></h4>
                      <RescoreExemplarForm microCredentialId={mc.id} versionId={mc.version.id} exemplar={{ id: e.id, title: e.title }} criteria={mc.version.criteria} levels={mc.version.levels} headingId={`sample-${e.id}`} />
                    </div>
                  )}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Add a sample</h2>
        <ExemplarForm microCredentialId={mc.id} versionId={mc.version.id} parts={mc.version.parts} criteria={mc.version.criteria} levels={mc.version.levels} />
      </Card>
    </div>
  );
}
