import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { listDistrictRecommendations } from '@/lib/district/recommendations';
import { listDistrictSchools } from '@/lib/district/people';
import { RECOMMENDATION_KIND_LABELS, RECOMMENDATIONS_PER_DISTRICT, RecommendationSearchInput } from '@/lib/district/recommendation-schemas';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { Alert, Card, EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { DistrictPicker } from '@/components/admin/district-picker';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { EditRecommendationForm, RecommendForm, RemoveRecommendationForm } from '@/components/district/recommendation-forms';
import { RecommendationUptake } from '@/components/district/recommendation-uptake';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'Recommendations' };

export default async function DistrictRecommendationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/recommendations');
  const raw = await searchParams;
  const query = RecommendationSearchInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { district, districts } = await districtForPage(actor, query.district);
  const searching = Boolean(query.q || query.kind);
  const [recommendations, schools, results] = await Promise.all([
    listDistrictRecommendations({ actor, districtId: district.id }),
    listDistrictSchools({ actor, districtId: district.id }),
    searching ? searchCatalog(CatalogSearchInput.parse({ q: query.q, kind: query.kind })) : null,
  ]);
  const full = recommendations.length >= RECOMMENDATIONS_PER_DISTRICT;
  // Who each catalogue item is already recommended to, for the search results.
  const audiencesOf = new Map<string, string[]>();
  for (const r of recommendations) {
    const key = `${r.target.kind}:${r.target.id}`;
    audiencesOf.set(key, [...(audiencesOf.get(key) ?? []), r.school ? r.school.name : 'the whole district']);
  }
  const multi = districts.length > 1;

  return (
    <div className="max-w-5xl">
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader
        title="Recommendations"
        description={`Point the teachers of ${district.name} at the catalogue items that match your priorities. They see them on their dashboard, marked in the catalogue, with your note, and get a notification when you add one.`}
      />

      <section aria-labelledby="current-h" className="mb-10">
        <h2 id="current-h" className="mb-1 text-lg font-semibold">
          Your recommendations <span className="font-normal text-slate-700">({recommendations.length} of at most {RECOMMENDATIONS_PER_DISTRICT})</span>
        </h2>
        {recommendations.length === 0 ? (
          <EmptyState title="Nothing recommended yet">Search the catalogue below and recommend what fits your district’s priorities, to every teacher or to one school.</EmptyState>
        ) : (
          <ul className="space-y-4">
            {recommendations.map((r) => (
              <li key={r.id}>
                <Card as="article" className="space-y-3">
                  <div className="flex gap-4">
                    <BadgeMark color={r.target.badgeColor} level={r.target.level} size={44} />
                    <div className="min-w-0 flex-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <Pill tone={r.target.kind === 'STACK' ? 'purple' : r.target.kind === 'TRACK' ? 'info' : 'neutral'}>{RECOMMENDATION_KIND_LABELS[r.target.kind]}</Pill>
                        <Pill tone="neutral">{r.school ? `Teachers at ${r.school.name}` : 'The whole district'}</Pill>
                        {r.target.status !== 'PUBLISHED' ? <Pill tone="warning">No longer in the catalogue: teachers do not see it</Pill> : null}
                      </div>
                      <h3 className="mt-1 text-base font-semibold">
                        <Link href={r.target.href}>{r.target.title}</Link>
                      </h3>
                      <p className="text-xs text-slate-700">
                        Added {dayFmt.format(r.createdAt)}{r.createdBy ? ` by ${r.createdBy}` : ''}
                      </p>
                      {r.note ? <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{r.note}</p> : <p className="mt-1 text-sm text-slate-700">No note.</p>}
                    </div>
                  </div>
                  <RecommendationUptake uptake={r.uptake} title={r.target.title} kind={r.target.kind} />
                  <div className="flex flex-wrap items-start gap-2">
                    <EditRecommendationForm recommendation={{ id: r.id, title: r.target.title, note: r.note, schoolId: r.school?.id ?? null }} schools={schools} />
                    <RemoveRecommendationForm recommendation={{ id: r.id, title: r.target.title }} />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="find-h">
        <h2 id="find-h" className="mb-2 text-lg font-semibold">Find something to recommend</h2>
        {full ? (
          <div className="mb-4">
            <Alert tone="warning">Your district has {RECOMMENDATIONS_PER_DISTRICT} recommendations, the most it can have. Remove one you no longer need before adding another.</Alert>
          </div>
        ) : null}
        <form method="get" action="/district/recommendations" role="search" aria-label="Catalogue search" className="mb-4 flex flex-wrap items-end gap-3">
          {multi ? <input type="hidden" name="district" value={district.id} /> : null}
          <div className="min-w-64 flex-1">
            <label htmlFor="rec-q" className="block text-sm font-semibold">Search the catalogue</label>
            <input id="rec-q" name="q" type="search" defaultValue={query.q ?? ''} placeholder="e.g. literacy, feedback" className={inputClass} />
          </div>
          <div>
            <label htmlFor="rec-kind" className="block text-sm font-semibold">Type</label>
            <select id="rec-kind" name="kind" defaultValue={query.kind ?? ''} className={inputClass}>
              <option value="">Any</option>
              <option value="MICRO_CREDENTIAL">Micro-credentials</option>
              <option value="TRACK">Courses and tracks</option>
              <option value="STACK">Stacks</option>
            </select>
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">Search</button>
        </form>
        {results ? (
          results.items.length === 0 ? (
            <EmptyState title="Nothing found">Try other or fewer words, or another type.</EmptyState>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-700" aria-live="polite">
                {results.items.length === 1 ? '1 result' : `${results.items.length} results`}
                {results.nextCursor ? ' (the best matches; narrow your search to see others)' : ''}
              </p>
              <ul className="space-y-3">
                {results.items.map((item) => {
                  const already = audiencesOf.get(`${item.kind}:${item.refId}`);
                  return (
                    <li key={item.id}>
                      <Card as="div">
                        <div className="flex flex-wrap items-center gap-2">
                          <Pill tone={item.kind === 'STACK' ? 'purple' : item.kind === 'TRACK' ? 'info' : 'neutral'}>{RECOMMENDATION_KIND_LABELS[item.kind]}</Pill>
                          {item.level ? <Pill tone="success">Level {item.level}</Pill> : null}
                          <span className="text-xs text-slate-700">{item.issuerName} · {Number(item.pdHours)} PD hours</span>
                        </div>
                        <h3 className="mt-1 font-semibold">
                          <Link href={`${item.kind === 'STACK' ? '/stacks' : item.kind === 'TRACK' ? '/tracks' : '/micro-credentials'}/${item.slug}`}>{item.title}</Link>
                        </h3>
                        <p className="line-clamp-2 text-sm text-slate-800">{item.summary}</p>
                        {already ? <p className="mt-1 text-sm font-medium text-emerald-900">Already recommended to {already.join(', ')}</p> : null}
                        {/* Always mounted: when this add fills the district the form folds away, its outcome stays. */}
                        <RecommendForm districtId={district.id} kind={item.kind} targetId={item.refId} title={item.title} schools={schools} full={full} />
                      </Card>
                    </li>
                  );
                })}
              </ul>
            </>
          )
        ) : (
          <p className="text-sm text-slate-700">Search by words, or choose a type to list everything of that type, newest first.</p>
        )}
      </section>
    </div>
  );
}
