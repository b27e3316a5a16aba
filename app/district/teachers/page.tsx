import Link from 'next/link';
import { plural } from '@/lib/plural';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { LIST_LIMIT, listDistrictTeachers } from '@/lib/district/queries';
import { MoreThanShown } from '@/components/district/more-than-shown';
import { Alert, EmptyState, PageHeader, Pill, type Tone } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { Pagination } from '@/components/ui/pagination';
import { DistrictPicker } from '@/components/admin/district-picker';
import { smallButtonClass } from '@/components/ui/button';
import { filterSelectClass } from '@/components/ui/field';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { listDistrictSchools } from '@/lib/district/people';
import { removeTeacherAction, setTeacherSchoolAction } from '@/app/district/people/actions';
import { PeopleSearch } from '@/components/ui/people-search';
import { SchoolFilterForm } from '@/components/district/school-select';
import { isDomainError } from '@/lib/errors';
import { SchoolFilterInput } from '@/lib/reporting/schemas';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'Teachers' };
const Query = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
  district: z.string().max(40).optional().catch(undefined),
  school: SchoolFilterInput,
  unknownSchool: z.literal('1').optional().catch(undefined),
});
const statusLabel: Record<string, [string, Tone]> = {
  DRAFT: ['Drafting', 'neutral'], SUBMITTED: ['Submitted', 'info'], IN_REVIEW: ['In review', 'info'], NEEDS_REVISION: ['Needs revision', 'warning'], EARNED: ['Earned', 'success'],
};

export default async function DistrictTeachersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/teachers');
  const query = Query.parse(await searchParams);
  const { district, districts } = await districtForPage(actor, query.district);
  const now = new Date();
  const dq = districts.length > 1 ? district.id : undefined;
  const [{ items, nextCursor }, schools] = await Promise.all([
    listDistrictTeachers({ actor, districtId: district.id, schoolId: query.school, q: query.q, cursor: query.cursor }),
    listDistrictSchools({ actor, districtId: district.id }),
  ]).catch((e: unknown) => {
    if (isDomainError(e) && e.code === 'FORBIDDEN') {
      // The district is the leader's (districtForPage checked it): a school that is not one of its
      // own, from a stale or mistyped link, gives every school's teachers and says why, as the
      // reports do. The page of results (cursor) belonged to that school's list, so it goes too.
      if (query.school) redirect(`/district/teachers?${new URLSearchParams({ ...(dq ? { district: dq } : {}), ...(query.q ? { q: query.q } : {}), unknownSchool: '1' })}`);
      redirect('/forbidden');
    }
    throw e;
  });
  const school = query.school ? schools.find((s) => s.id === query.school) ?? null : null;
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} />
      <PageHeader title="Teachers" description={`Teachers linked to ${district.name}: what they are enrolled in, where their submissions stand, and what they have earned.`} />
      <div className="flex flex-wrap items-end gap-x-6">
        <PeopleSearch label="Search teachers" q={query.q} keep={{ district: dq, school: school?.id }} />
        <SchoolFilterForm schools={schools} selected={school?.id ?? null} keep={{ district: dq, q: query.q }} />
      </div>
      {query.unknownSchool && !school ? (
        <ArrivalNotice className="mb-4">
          <Alert tone="warning">That school is not one of {district.name}’s schools (the link may be out of date), so this list shows teachers at every school.</Alert>
        </ArrivalNotice>
      ) : null}
      {school ? <p className="mb-4 text-sm">Showing teachers placed at <strong>{school.name}</strong>. <Link href={`/district/teachers${dq || query.q ? `?${new URLSearchParams({ ...(dq ? { district: dq } : {}), ...(query.q ? { q: query.q } : {}) })}` : ''}`}>Show all schools</Link></p> : null}
      {items.length === 0 ? (
        <EmptyState title={query.q ? 'No teacher matches that search' : school ? `No teachers are placed at ${school.name}` : 'No teachers are linked to this district yet'} />
      ) : (
        <section aria-labelledby="teachers-h">
          {/* The teachers' names are the rows' summaries, so each row's h3s say whose they are. */}
          <h2 id="teachers-h" className="sr-only">{query.q ? `Teachers matching “${query.q}”` : school ? `Teachers at ${school.name}` : `Teachers in ${district.name}`}</h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {items.map((t) => {
              return (
                <li key={t.id} className="p-4">
                  {/* The name opens the teacher's full record; it sits outside the summary, which is a button (no link inside one). */}
                  <p><Link href={`/district/teachers/${t.id}`} className="font-semibold">{t.name}</Link> <span className="text-sm text-slate-700">{t.email}{t.school ? ` · ${t.school.name}` : ''}</span></p>
                  <details className="group mt-1">
                    <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2">
                      <span>
                        {/* display:flex hides the disclosure triangle, so the row says it opens, and what a press does next. */}
                        <span aria-hidden="true" className="mr-1 inline-block text-slate-600 transition-transform group-open:rotate-90">▸</span>
                        <span className="text-xs font-semibold text-brand-700 underline group-open:hidden">Show details<span className="sr-only"> for {t.name}</span></span>
                        <span className="hidden text-xs font-semibold text-brand-700 underline group-open:inline">Hide details<span className="sr-only"> for {t.name}</span></span>
                      </span>
                      <span className="text-sm text-slate-800">
                        {t._count.enrollments} enrolled · {plural(t._count.submissions, 'application')} under way · {t._count.awards} {t._count.awards === 1 ? 'badge' : 'badges'} · {t.pdHours} PD hours in all (see Reports for a period)
                      </span>
                    </summary>
                    <div className="mt-3 grid gap-4 md:grid-cols-3">
                      <section>
                        <h3 className="text-sm font-semibold">Enrolments<span className="sr-only"> of {t.name}</span></h3>
                        {t.enrollments.length ? (
                          <ul className="mt-1 text-sm">{t.enrollments.map((e, i) => <li key={i}><Link href={`/micro-credentials/${e.microCredential!.slug}`}>{e.microCredential!.currentVersion?.title ?? e.microCredential!.slug}</Link> <span className="text-slate-600">since {dayFmt.format(e.createdAt)}</span></li>)}</ul>
                        ) : <p className="text-sm text-slate-600">None</p>}
                        <MoreThanShown shown={t.enrollments.length} total={t._count.enrollments} limit={LIST_LIMIT} />
                      </section>
                      <section>
                        <h3 className="text-sm font-semibold">Submissions<span className="sr-only"> by {t.name}</span></h3>
                        {t.submissions.length ? (
                          <ul className="mt-1 space-y-1 text-sm">{t.submissions.map((s, i) => <li key={i}>{s.version.title} {s.stopped ? <Pill tone="neutral">Stopped</Pill> : <Pill tone={statusLabel[s.status][1]}>{statusLabel[s.status][0]}</Pill>}</li>)}</ul>
                        ) : <p className="text-sm text-slate-600">None</p>}
                        <MoreThanShown shown={t.submissions.length} limit={LIST_LIMIT} />
                      </section>
                      <section>
                        <h3 className="text-sm font-semibold">Earned<span className="sr-only"> by {t.name}</span></h3>
                        {t.awards.length ? (
                          <ul className="mt-1 text-sm">{t.awards.map((a) => <li key={a.id}><Link href={`/credentials/${a.id}`}>{a.title}</Link> <span className="text-slate-600">{dayFmt.format(a.issuedAt)} · {Number(a.pdHours)} h{a.level ? ` · level ${a.level}` : ''}</span>{a.suspendedAt ? <> <Pill tone="warning">Suspended</Pill></> : a.validUntil && a.validUntil <= now ? <> <Pill tone="neutral">Expired</Pill></> : null}</li>)}</ul>
                        ) : <p className="text-sm text-slate-600">None yet</p>}
                        <MoreThanShown shown={t.awards.length} total={t._count.awards} limit={LIST_LIMIT} />
                      </section>
                    </div>
                    <section aria-label={`Manage ${t.name}`} className="mt-4 flex flex-wrap items-center gap-4 border-t border-slate-100 pt-3">
                      {schools.length ? (
                        <InlineActionForm action={setTeacherSchoolAction} hidden={{ districtId: district.id, userId: t.id }}>
                          <label htmlFor={`school-${t.id}`} className="text-sm font-semibold">School</label>
                          <select id={`school-${t.id}`} name="schoolId" defaultValue={t.schoolId ?? ''} className={`${filterSelectClass} text-sm`}>
                            <option value="">No particular school</option>
                            {schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
                          </select>
                          <button type="submit" className={smallButtonClass}>Save<span className="sr-only"> school for {t.name}</span></button>
                        </InlineActionForm>
                      ) : null}
                      <details>
                        <summary className="cursor-pointer text-sm font-semibold text-red-800">Remove from the district…</summary>
                        <div className="mt-2 max-w-prose text-sm text-slate-800">
                          <p>For a teacher who has left {district.name}. Their account, work and badges stay theirs; they stop appearing here and in your reports, including reports for past periods: download the reports you still need first. A proposal still waiting for your decision goes back to them as a draft.</p>
                          <InlineActionForm action={removeTeacherAction} hidden={{ districtId: district.id, userId: t.id }} className="mt-2" removedMessage={`${t.name} was removed from ${district.name}.`}>
                            <button type="submit" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-semibold text-red-800 hover:bg-red-50">Remove {t.name} from {district.name}</button>
                          </InlineActionForm>
                        </div>
                      </details>
                    </section>
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <Pagination basePath="/district/teachers" params={{ q: query.q, district: dq, school: school?.id }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
