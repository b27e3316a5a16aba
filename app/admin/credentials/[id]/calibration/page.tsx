import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getExemplarEditor } from '@/lib/review/exemplars';
import { isDomainError } from '@/lib/errors';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ExemplarForm } from './exemplar-form';
import { deleteExemplarAction } from './actions';

export const metadata = { title: 'Calibration samples' };

export default async function CalibrationSamplesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/credentials/${id}/calibration`);
  const editor = await getExemplarEditor({ actor, microCredentialId: id }).catch((e) => {
    if (isDomainError(e) && e.code === 'FORBIDDEN') redirect('/forbidden');
    if (isDomainError(e) && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
  const { mc, exemplars } = editor;
  const levelLabel = (rank: number) => mc.version.levels.find((l) => l.rank === rank)?.label ?? String(rank);
  return (
    <div className="max-w-4xl">
      <p className="text-sm"><Link href={`/admin/credentials/${mc.id}/edit`}>← {mc.version.title}</Link></p>
      <PageHeader
        title="Calibration samples"
        description="Anonymised sample applications with agreed scores. Before their first live review of this credential, reviewers score them and must agree on at least 3 in 4 ratings."
      />
      <section aria-labelledby="existing" className="mb-8">
        <h2 id="existing" className="mb-3 text-lg font-semibold">Samples ({exemplars.length})</h2>
        {exemplars.length === 0 ? (
          <EmptyState title="No samples yet">Without samples, reviewers qualified for this credential can review straight away.</EmptyState>
        ) : (
          <ul className="space-y-3">
            {exemplars.map((e) => {
              const ranks = e.expectedRanks as Record<string, number>;
              return (
                <li key={e.id}>
                  <Card as="div">
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div>
                        <h3 className="font-semibold">{e.title}</h3>
                        <p className="text-sm text-slate-700">Scored by reviewers {e._count.results} time{e._count.results === 1 ? '' : 's'}</p>
                        <ul className="mt-1 text-sm">
                          {mc.version.criteria.map((c, i) => (
                            <li key={c.id}>{c.title}: <strong>{levelLabel(ranks[String(i)])}</strong></li>
                          ))}
                        </ul>
                      </div>
                      <form action={deleteExemplarAction}>
                        <input type="hidden" name="exemplarId" value={e.id} />
                        <input type="hidden" name="microCredentialId" value={mc.id} />
                        <button type="submit" className="text-sm font-semibold text-red-700 underline">Delete<span className="sr-only"> {e.title}</span></button>
                      </form>
                    </div>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Add a sample</h2>
        <ExemplarForm microCredentialId={mc.id} parts={mc.version.parts} criteria={mc.version.criteria} levels={mc.version.levels} />
      </Card>
    </div>
  );
}
