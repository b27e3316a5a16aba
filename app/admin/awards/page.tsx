import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { issuerScopeForPage } from '@/lib/authoring/page-issuer';
import { listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { ISSUED_EXPORT_MAX, IssuedFilterInput, listIssuedAwards, type IssuedStatus } from '@/lib/awards/issued';
import type { AwardState } from '@/lib/reporting/teacher-record';
import { Alert, EmptyState, PageHeader, Pill, type Tone } from '@/components/ui/card';
import { cameToDownloadAgain } from '@/lib/http/html-page';
import { inputClass } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { TableScroll } from '@/components/ui/table-scroll';
import { dayFmt } from '@/lib/dates';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Badges issued' };

const STATUS_LABEL: Record<IssuedStatus, string> = { valid: 'Valid', expiring: 'Expiring within 90 days', expired: 'Expired', suspended: 'Suspended', revoked: 'Revoked' };
const STATE: Record<AwardState, [string, Tone]> = { valid: ['Valid', 'success'], expired: ['Expired', 'warning'], suspended: ['Suspended', 'warning'], revoked: ['Revoked', 'danger'] };

export default async function IssuedAwardsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/awards');
  const sp = await searchParams;
  // An admin of several issuers sees all of them unless they pick one.
  const { issuers, scope } = await issuerScopeForPage(actor, sp.issuer);
  if (!issuers.length) {
    return <NoIssuerPage title="Badges issued" />;
  }
  const filter = IssuedFilterInput.parse(sp);
  const credentials = await listIssuerCredentialOptions(actor, scope.map((i) => i.id));
  const credential = credentials.find((c) => c.id === filter.credential)?.id;
  const { items, total, nextCursor } = await listIssuedAwards({ actor, issuerIds: scope.map((i) => i.id), filter: { ...filter, credential } });
  const params = { issuer: sp.issuer ? scope[0].id : undefined, q: filter.q, status: filter.status, credential, from: filter.from, to: filter.to };
  const who = scope.length === 1 ? scope[0].name : 'your issuers';
  const exportQs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return (
    <div>
      <PageHeader
        title="Badges issued"
        description={`Who has earned ${scope.length === 1 ? `${scope[0].name}’s` : 'your issuers’'} credentials and where each badge stands. Open a badge to suspend, reinstate or revoke it.`}
        actions={<a href={`/admin/awards/export${exportQs ? `?${exportQs}` : ''}`} className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 no-underline hover:bg-slate-100">Download CSV ({total === 1 ? '1 badge' : `${total.toLocaleString('en-GB')} badges`})</a>}
      />
      {cameToDownloadAgain(sp) ? <div className="mb-4"><Alert tone="success">You’re signed in. Choose “Download CSV” again to get the file.</Alert></div> : null}
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Filter badges">
        {issuers.length > 1 ? (
          <div>
            <label htmlFor="issuer" className="block text-sm font-semibold">Issuer</label>
            <select id="issuer" name="issuer" defaultValue={params.issuer ?? ''} className={inputClass}>
              <option value="">All your issuers</option>
              {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">Recipient or credential</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="credential" className="block text-sm font-semibold">Credential</label>
          <select id="credential" name="credential" defaultValue={credential ?? ''} className={`${inputClass} max-w-72`}>
            <option value="">All credentials</option>
            {credentials.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">Status</label>
          <select id="status" name="status" defaultValue={filter.status ?? ''} className={inputClass}>
            <option value="">Any status</option>
            {Object.entries(STATUS_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-semibold">Issued from (UTC)</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-semibold">to (inclusive)</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ''} className={inputClass} />
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">Show</button>
      </form>
      <p className="mb-3 text-sm text-slate-700" role="status">
        {total === 1 ? '1 badge' : `${total.toLocaleString('en-GB')} badges`}{filter.q || filter.status || credential || filter.from || filter.to ? ' match these filters' : ''}.
        {total > ISSUED_EXPORT_MAX ? ` The CSV holds the newest ${ISSUED_EXPORT_MAX.toLocaleString('en-GB')}; filter to export the rest.` : ''}
      </p>
      {items.length === 0 ? (
        <EmptyState title={filter.q || filter.status || credential || filter.from || filter.to ? 'No badge matches these filters' : 'No badges issued yet'} />
      ) : (
        <TableScroll label={`Badges issued by ${who}`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Badges issued by {who}, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50">
              <tr>
                <th scope="col" className="p-3">Recipient</th>
                <th scope="col" className="p-3">Credential</th>
                <th scope="col" className="p-3">Issued</th>
                <th scope="col" className="p-3">Valid until</th>
                <th scope="col" className="p-3">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((a) => (
                <tr key={a.id}>
                  <td className="p-3"><span className="font-medium">{a.recipient}</span><span className="block break-all text-xs text-slate-600">{a.email}</span></td>
                  <td className="p-3">
                    <Link href={`/credentials/${a.id}`}>{a.title}<span className="sr-only"> for {a.recipient}</span></Link>
                    {a.stack ? <span className="ml-1 text-xs text-slate-600">(stack)</span> : a.level ? <span className="ml-1 text-xs text-slate-600">(level {a.level})</span> : null}
                    {scope.length > 1 ? <span className="block text-xs text-slate-600">{a.issuer}</span> : null}
                    {a.submissionId ? (
                      <Link href={`/admin/submissions/${a.submissionId}`} className="mt-1 block min-h-6 w-fit py-1 text-xs">
                        Evidence and reviews<span className="sr-only"> behind {a.recipient}’s {a.title}</span>
                      </Link>
                    ) : null}
                  </td>
                  <td className="whitespace-nowrap p-3">{dayFmt.format(a.issuedAt)}</td>
                  <td className="whitespace-nowrap p-3">{a.validUntil ? dayFmt.format(a.validUntil) : 'Does not expire'}</td>
                  <td className="p-3"><Pill tone={STATE[a.state][1]}>{STATE[a.state][0]}</Pill></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination basePath="/admin/awards" params={params} nextCursor={nextCursor} hasPrevious={Boolean(filter.cursor)} />
    </div>
  );
}
