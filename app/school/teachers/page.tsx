import Link from 'next/link';
import { plural } from '@/lib/plural';
import { requireRole } from '@/lib/auth/session';
import { schoolForPage, schoolParam } from '@/lib/school/page-school';
import { SchoolTeachersQuery } from '@/lib/school/schemas';
import { listSchoolTeachers } from '@/lib/school/queries';
import { LIST_LIMIT } from '@/lib/district/queries';
import { MoreThanShown } from '@/components/district/more-than-shown';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { PeopleSearch } from '@/components/ui/people-search';
import { SchoolPicker } from '@/components/school/school-picker';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'Teachers at your school' };
const hours = (h: number) => Math.round(h * 10) / 10;

export default async function SchoolTeachersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['SCHOOL_LEADER'], '/school/teachers');
  const query = SchoolTeachersQuery.parse(await searchParams);
  const resolved = await schoolForPage(actor, query);
  const { school } = resolved;
  const period = resolvePeriod({});
  const year = schoolYearOf(period.from).label;
  const now = new Date();
  const { items, nextCursor } = await listSchoolTeachers({ actor, schoolId: school.id, q: query.q, cursor: query.cursor, since: period.from });
  const sq = schoolParam(resolved);
  return (
    <div>
      <SchoolPicker schools={resolved.schools} current={school} cutOff={resolved.cutOff} find={query.find} />
      <PageHeader
        title="Teachers"
        description={`Teachers placed at ${school.name} by ${school.districtName}: what they are working on and what they have earned, with credentials and PD hours for the ${year} school year. Their evidence and reviewers’ feedback stay private to them and the issuer.`}
      />
      <PeopleSearch label="Search teachers" q={query.q} keep={{ school: sq }} />
      {items.length === 0 ? (
        <EmptyState title={query.q ? 'No teacher matches that search' : `No teachers are placed at ${school.name} yet`}>
          {query.q ? null : <p>The district’s leaders place teachers at schools. Ask them if someone is missing.</p>}
        </EmptyState>
      ) : (
        <section aria-labelledby="teachers-h">
          <h2 id="teachers-h" className="mb-3 text-lg font-semibold">{query.q ? `Teachers matching “${query.q}”` : `Teachers at ${school.name}`}</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {items.map((t) => (
              <li key={t.id} className="p-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-base font-semibold"><Link href={`/district/teachers/${t.id}`}>{t.name}</Link> <span className="text-sm font-normal text-slate-700">{t.email}</span></h3>
                  <p className="text-sm text-slate-800">
                    {plural(t.counts.inProgress, 'application')} under way · {t.recent.earned} earned in {year} · {hours(t.recent.pdHours)} PD hours in {year}
                  </p>
                </div>
                <details className="group mt-2">
                  {/* A disclosure, not a link: a bordered control whose arrow turns and whose words say what a press does next. */}
                  <summary className="inline-flex min-h-6 cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-semibold text-slate-800 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
                    <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">▸</span>
                    <span className="group-open:hidden">Show details</span>
                    <span className="hidden group-open:inline">Hide details</span>
                    <span className="sr-only"> for {t.name}</span>
                  </summary>
                  <div className="mt-3 grid gap-4 md:grid-cols-3">
                    <section>
                      <h4 className="text-sm font-semibold">Enrolled in ({t.counts.enrolled})</h4>
                      {t.enrolments.length ? (
                        <ul className="mt-1 text-sm">{t.enrolments.map((e, i) => <li key={i}><Link href={`/micro-credentials/${e.slug}`}>{e.title}</Link> <span className="text-slate-600">since {dayFmt.format(e.since)}</span></li>)}</ul>
                      ) : <p className="text-sm text-slate-600">None</p>}
                      <MoreThanShown shown={t.enrolments.length} total={t.counts.enrolled} limit={LIST_LIMIT} />
                    </section>
                    <section>
                      <h4 className="text-sm font-semibold">Work in progress ({t.counts.inProgress})</h4>
                      {t.inProgress.length ? (
                        <ul className="mt-1 space-y-1 text-sm">{t.inProgress.map((s, i) => <li key={i}>{s.title} <Pill tone={s.stage === 'in-review' ? 'info' : 'neutral'}>{s.stage === 'in-review' ? 'In review' : 'In progress'}</Pill></li>)}</ul>
                      ) : <p className="text-sm text-slate-600">None</p>}
                      <MoreThanShown shown={t.inProgress.length} total={t.counts.inProgress} limit={LIST_LIMIT} />
                    </section>
                    <section>
                      <h4 className="text-sm font-semibold">Earned ({t.counts.earned} in all)</h4>
                      {t.awards.length ? (
                        <ul className="mt-1 text-sm">
                          {t.awards.map((a) => (
                            <li key={a.id}>
                              <Link href={`/credentials/${a.id}`}>{a.title}</Link> <span className="text-slate-600">{dayFmt.format(a.issuedAt)} · {a.pdHours} h{a.level ? ` · level ${a.level}` : ''}</span>
                              {a.suspended ? <> <Pill tone="warning">Suspended</Pill></> : a.validUntil && a.validUntil <= now ? <> <Pill tone="neutral">Expired</Pill></> : null}
                            </li>
                          ))}
                        </ul>
                      ) : <p className="text-sm text-slate-600">None yet</p>}
                      <MoreThanShown shown={t.awards.length} total={t.counts.earned} limit={LIST_LIMIT} />
                    </section>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Pagination basePath="/school/teachers" params={{ q: query.q, school: sq }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
