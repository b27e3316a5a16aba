import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { schoolForPage } from '@/lib/school/page-school';
import { SchoolPageQuery } from '@/lib/school/schemas';
import { listSchoolRecommendations } from '@/lib/school/recommendations';
import { RECOMMENDATION_KIND_LABELS } from '@/lib/district/recommendation-schemas';
import { Card, EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { SchoolPicker } from '@/components/school/school-picker';
import { RecommendationUptake } from '@/components/district/recommendation-uptake';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'Recommendations for your school' };

export default async function SchoolRecommendationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['SCHOOL_LEADER'], '/school/recommendations');
  const query = SchoolPageQuery.parse(await searchParams);
  const resolved = await schoolForPage(actor, query);
  const { school } = resolved;
  const recommendations = await listSchoolRecommendations({ actor, schoolId: school.id });
  return (
    <div>
      <SchoolPicker schools={resolved.schools} current={school} cutOff={resolved.cutOff} find={query.find} />
      <PageHeader
        title="Recommendations"
        description={`What ${school.districtName} recommends to the teachers at ${school.name}, for the whole district or for your school, and how your school’s teachers are taking it up. The district’s leaders choose them.`}
      />
      {recommendations.length === 0 ? (
        <EmptyState title="Nothing is recommended to your school yet">
          <p>When the district’s leaders recommend a micro-credential, course or stack to the whole district or to {school.name}, it appears here.</p>
        </EmptyState>
      ) : (
        <section aria-labelledby="recs-h">
        <h2 id="recs-h" className="mb-3 text-lg font-semibold">Recommended to your teachers ({recommendations.length})</h2>
        <ul className="space-y-4">
          {recommendations.map((r) => (
            <li key={r.id}>
              <Card as="article" className="space-y-3">
                <div>
                  <div className="flex flex-wrap items-center gap-2">
                    <Pill tone={r.kind === 'STACK' ? 'purple' : r.kind === 'TRACK' ? 'info' : 'neutral'}>{RECOMMENDATION_KIND_LABELS[r.kind]}</Pill>
                    <Pill tone="neutral">{r.forSchool ? `For ${school.name}` : 'For the whole district'}</Pill>
                    {r.retired ? <Pill tone="warning">No longer in the catalogue: teachers do not see it</Pill> : null}
                  </div>
                  <h3 className="mt-1 text-base font-semibold"><Link href={r.href}>{r.title}</Link></h3>
                  <p className="text-xs text-slate-700">Recommended {dayFmt.format(r.createdAt)}</p>
                  {r.note ? <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{r.note}</p> : null}
                </div>
                <RecommendationUptake uptake={r.uptake} title={r.title} kind={r.kind} />
              </Card>
            </li>
          ))}
        </ul>
        </section>
      )}
    </div>
  );
}
