import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { issuerForPage } from '@/lib/authoring/page-issuer';
import { findCredentialIssuer, listIssuerApplications } from '@/lib/submissions/admin-list';
import { ApplicationsQuery, type ApplicationStatusFilter } from '@/lib/submissions/admin-list-schemas';
import { isDomainError } from '@/lib/errors';
import type { AttemptStatus, SubmissionStatus } from '@/lib/generated/prisma/enums';
import { EmptyState, PageHeader, Pill, type Tone } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { TableScroll } from '@/components/ui/table-scroll';
import { dayFmt } from '@/lib/dates';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Applications' };

const FILTER_LABEL: Record<ApplicationStatusFilter, string> = {
  undecided: 'Waiting for a decision (all)',
  waiting: 'Waiting for a reviewer',
  'in-review': 'In review',
  returned: 'Returned for revision',
  revising: 'Revision started, not sent yet',
  earned: 'Earned',
};
// As on the application record, except a sent application that is a draft again: the teacher is revising.
const STATUS: Record<SubmissionStatus, [string, Tone]> = {
  DRAFT: ['Revision started, not sent yet', 'neutral'],
  SUBMITTED: ['Waiting for review', 'info'],
  IN_REVIEW: ['In review', 'info'],
  NEEDS_REVISION: ['Returned for revision', 'warning'],
  EARNED: ['Earned', 'success'],
};
const ATTEMPT: Record<AttemptStatus, string> = { DRAFT: 'not sent yet', SUBMITTED: 'sent, not decided yet', RETURNED: 'returned', PASSED: 'passed' };

/**
 * The issuer's applications, to find the one a teacher writes about and open its record (answer a
 * question, ask for a second look). An admin of several issuers sees one at a time.
 */
export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/submissions');
  const query = ApplicationsQuery.parse(await searchParams);
  // A link from a credential names only the credential: its issuer is the one to show.
  const requested = query.issuer ?? (query.credential ? await findCredentialIssuer({ actor, microCredentialId: query.credential }) : null) ?? undefined;
  const { issuer, issuers } = await issuerForPage(actor, requested);
  if (!issuer) {
    return <NoIssuerPage title="Applications" />;
  }
  const list = await listIssuerApplications({ actor, issuerId: issuer.id, q: query.q, status: query.status, microCredentialId: query.credential, cursor: query.cursor }).catch((e) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!list) notFound();
  const { items, nextCursor, credentials } = list;
  const filtered = Boolean(query.q || query.status || query.credential);
  const params = { issuer: issuers.length > 1 ? issuer.id : undefined, q: query.q, status: query.status, credential: query.credential };
  return (
    <div>
      <PageHeader
        title="Applications"
        description={`The work teachers have sent for ${issuer.name}’s micro-credentials, most recently sent first. Open one to see its evidence and reviews, reply to the teacher’s questions or ask for a second look.`}
      />
      <form method="get" role="search" aria-label="Find applications" className="mb-6 flex flex-wrap items-end gap-3">
        {issuers.length > 1 ? (
          <div>
            <label htmlFor="issuer" className="block text-sm font-semibold">Issuer</label>
            <select id="issuer" name="issuer" defaultValue={issuer.id} className={inputClass}>
              {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">Teacher’s name or email</label>
          <input id="q" name="q" type="search" maxLength={100} defaultValue={query.q ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="credential" className="block text-sm font-semibold">Micro-credential</label>
          <select id="credential" name="credential" defaultValue={query.credential ?? ''} className={`${inputClass} max-w-72`}>
            <option value="">All micro-credentials</option>
            {credentials.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">Where it stands</label>
          <select id="status" name="status" defaultValue={query.status ?? ''} className={inputClass}>
            <option value="">Any</option>
            {Object.entries(FILTER_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">Show</button>
        {filtered ? <Link href={issuers.length > 1 ? `/admin/submissions?issuer=${issuer.id}` : '/admin/submissions'} className="py-2 text-sm">Clear filters</Link> : null}
      </form>
      {items.length === 0 ? (
        <EmptyState title={filtered ? 'No application matches these filters' : 'No applications yet'}>
          {filtered
            ? 'Check the spelling of the name or email, or choose “Any” and “All micro-credentials”. Work a teacher has started but never sent is not listed: only they can see it.'
            : `When a teacher sends work for one of ${issuer.name}’s micro-credentials, it is listed here. Work a teacher has started but never sent stays private to them.`}
        </EmptyState>
      ) : (
        <TableScroll label={`Applications for ${issuer.name}’s micro-credentials`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Applications for {issuer.name}’s micro-credentials{query.cursor ? ' (a later page)' : ''}, most recently sent first</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="p-3">Teacher</th>
                <th scope="col" className="p-3">Micro-credential</th>
                <th scope="col" className="p-3">Where it stands</th>
                <th scope="col" className="p-3">Last sent</th>
                <th scope="col" className="p-3">Decided</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((a) => {
                const [label, tone] = STATUS[a.status];
                return (
                  <tr key={a.id}>
                    <td className="p-3">
                      <Link href={`/admin/submissions/${a.id}`} className="font-medium">
                        {a.teacher.name}<span className="sr-only">’s application for {a.title}</span>
                      </Link>
                      {a.teacherHidden ? (
                        <span className="block text-xs text-slate-600">Hidden while you score this work (the issuer reviews blind)</span>
                      ) : (
                        <span className="block break-all text-xs text-slate-600">{a.teacher.email}</span>
                      )}
                    </td>
                    <td className="p-3">
                      {a.title}
                      {a.cycle > 1 ? <span className="block text-xs text-slate-600">Renewal (application {a.cycle})</span> : null}
                    </td>
                    <td className="p-3">
                      <Pill tone={tone}>{label}</Pill>
                      {a.latestAttempt ? <span className="block text-xs text-slate-600">Attempt {a.latestAttempt.number}: {ATTEMPT[a.latestAttempt.status]}</span> : null}
                      {a.secondLookUnderWay || a.unansweredQuestion ? (
                        <span className="mt-1 flex flex-wrap gap-1">
                          {a.secondLookUnderWay ? <Pill tone="purple">Second look under way</Pill> : null}
                          {a.unansweredQuestion ? <Pill tone="warning">Question waiting for a reply</Pill> : null}
                        </span>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap p-3"><time dateTime={a.lastSubmittedAt.toISOString()}>{dayFmt.format(a.lastSubmittedAt)}</time></td>
                    <td className="whitespace-nowrap p-3">
                      {a.decidedAt ? <time dateTime={a.decidedAt.toISOString()}>{dayFmt.format(a.decidedAt)}</time> : <span className="text-slate-600">Not yet</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination basePath="/admin/submissions" params={params} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
