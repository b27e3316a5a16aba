import Link from 'next/link';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { schoolForPage } from '@/lib/school/page-school';
import { listSchoolTeachers } from '@/lib/school/queries';
import { resolvePeriod } from '@/lib/reporting/schemas';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { PeopleSearch } from '@/components/ui/people-search';
import { SchoolPicker } from '@/components/school/school-picker';

export const metadata = { title: 'Teachers at your school' };
const Query = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
  school: z.string().max(40).optional().catch(undefined),
});
const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const hours = (h: number) => Math.round(h * 10) / 10;

export default async function SchoolTeachersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['SCHOOL_LEADER'], '/school/teachers');
  const query = Query.parse(await searchParams);
  const { school, schools } = await schoolForPage(actor, query.school);
  const period = resolvePeriod({});
  const year = schoolYearOf(period.from).label;
  const now = new Date();
  const { items, nextCursor } = await listSchoolTeachers({ actor, schoolId: school.id, q: query.q, cursor: query.cursor, since: period.from });
  const sq = schools.length > 1 ? school.id : undefined;
  return (
    <div>
      <SchoolPicker schools={schools} current={school.id} />
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
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((t) => (
            <li key={t.id} className="p-4">
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2">
                  <span>
                    {/* display:flex hides the disclosure triangle, so the row says it opens. */}
                    <span aria-hidden="true" className="mr-1 inline-block text-slate-600">▸</span>
                    <strong>{t.name}</strong> <span className="text-sm text-slate-700">{t.email}</span>
                    <span className="ml-2 text-xs font-semibold text-brand-700 underline">Show details</span>
                  </span>
                  <span className="text-sm text-slate-800">
                    {t.counts.inProgress} in progress · {t.recent.earned} earned in {year} · {hours(t.recent.pdHours)} PD hours in {year}
                  </span>
                </summary>
                <div className="mt-3 grid gap-4 md:grid-cols-3">
                  <section>
                    <h3 className="text-sm font-semibold">Enrolled in ({t.counts.enrolled})</h3>
                    {t.enrolments.length ? (
                      <ul className="mt-1 text-sm">{t.enrolments.map((e, i) => <li key={i}><Link href={`/micro-credentials/${e.slug}`}>{e.title}</Link> <span className="text-slate-600">since {dateFmt.format(e.since)}</span></li>)}</ul>
                    ) : <p className="text-sm text-slate-600">None</p>}
                  </section>
                  <section>
                    <h3 className="text-sm font-semibold">Work in progress ({t.counts.inProgress})</h3>
                    {t.inProgress.length ? (
                      <ul className="mt-1 space-y-1 text-sm">{t.inProgress.map((s, i) => <li key={i}>{s.title} <Pill tone={s.stage === 'in-review' ? 'info' : 'neutral'}>{s.stage === 'in-review' ? 'In review' : 'In progress'}</Pill></li>)}</ul>
                    ) : <p className="text-sm text-slate-600">None</p>}
                  </section>
                  <section>
                    <h3 className="text-sm font-semibold">Earned ({t.counts.earned} in all)</h3>
                    {t.awards.length ? (
                      <ul className="mt-1 text-sm">
                        {t.awards.map((a) => (
                          <li key={a.id}>
                            <Link href={`/credentials/${a.id}`}>{a.title}</Link> <span className="text-slate-600">{dateFmt.format(a.issuedAt)} · {a.pdHours} h{a.level ? ` · level ${a.level}` : ''}</span>
                            {a.suspended ? <> <Pill tone="warning">Suspended</Pill></> : a.validUntil && a.validUntil <= now ? <> <Pill tone="neutral">Expired</Pill></> : null}
                          </li>
                        ))}
                      </ul>
                    ) : <p className="text-sm text-slate-600">None yet</p>}
                  </section>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/school/teachers" params={{ q: query.q, school: sq }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
