import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listOrganizations, orgPeoplePath } from '@/lib/organizations/platform';
import { OrgListInput } from '@/lib/organizations/schemas';
import { ROLE_LABELS } from '@/lib/people/schemas';
import { Card, EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { TableScroll } from '@/components/ui/table-scroll';
import { NewOrganizationForm } from '@/components/admin/platform-forms';

export const metadata = { title: 'Organisations' };
const numberFmt = new Intl.NumberFormat('en-GB');
/** "1 school", "1,204 teachers". */
const count = (n: number, one: string) => `${numberFmt.format(n)} ${n === 1 ? one : `${one}s`}`;
const KIND_LABEL = { ISSUER: 'Issuer', DISTRICT: 'District' } as const;

export default async function PlatformOrganisationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['PLATFORM_ADMIN'], '/platform');
  const query = OrgListInput.parse(await searchParams);
  const { items, nextCursor } = await listOrganizations({ actor, ...query });
  return (
    <div>
      <PageHeader title="Organisations" description="Bring issuing organisations and school districts onto the platform. Each one’s own admins or leaders then run it." />
      <Card>
        <h2 className="mb-2 font-semibold">New organisation</h2>
        <NewOrganizationForm />
      </Card>
      <form method="get" role="search" aria-label="Find an organisation" className="mb-4 mt-6 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="org-q" className="block text-sm font-semibold">Name or address</label>
          <input id="org-q" name="q" defaultValue={query.q ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="org-kind" className="block text-sm font-semibold">Kind</label>
          <select id="org-kind" name="kind" defaultValue={query.kind ?? ''} className={inputClass}>
            <option value="">Issuers and districts</option>
            <option value="ISSUER">Issuers</option>
            <option value="DISTRICT">Districts</option>
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Search</button>
      </form>
      {items.length === 0 ? <EmptyState title={query.q ? 'No organisation matches that search' : 'No organisations yet'} /> : (
        <TableScroll label="Issuers and districts">
          <table className="w-full text-sm">
            <caption className="sr-only">Issuers and districts</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="p-3">Organisation</th>
                <th scope="col" className="p-3">Kind</th>
                <th scope="col" className="p-3 text-right">Active people with a role</th>
                <th scope="col" className="p-3">Holds</th>
                <th scope="col" className="p-3">Open invitations</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} className="border-t border-slate-100 align-top">
                  <td className="p-3">
                    <Link href={orgPeoplePath(o)} className="inline-block py-1 font-semibold">{o.name}</Link>
                    <span className="block text-xs text-slate-700">{o.kind === 'ISSUER' ? `/issuers/${o.slug}` : o.slug}</span>
                    {!o.hasActiveAdmin ? (
                      <span className="mt-1 flex flex-wrap items-center gap-2">
                        <Pill tone="warning">{o.kind === 'ISSUER' ? 'No active admin' : 'No active leader'}</Pill>
                        <Link href={orgPeoplePath(o)} className="inline-block py-1 text-xs font-semibold">
                          {o.kind === 'ISSUER' ? 'Invite an admin' : 'Invite a leader'}<span className="sr-only"> to {o.name}</span>
                        </Link>
                      </span>
                    ) : null}
                  </td>
                  <td className="p-3"><Pill tone={o.kind === 'ISSUER' ? 'info' : 'neutral'}>{KIND_LABEL[o.kind as 'ISSUER' | 'DISTRICT']}</Pill></td>
                  <td className="p-3 text-right tabular-nums">{numberFmt.format(o.people)}</td>
                  <td className="p-3">
                    {o.kind === 'ISSUER'
                      ? `${count(o._count.microCredentials, 'micro-credential')}, ${count(o._count.awards, 'badge')} issued`
                      : `${count(o._count.children, 'school')}, ${count(o._count.districtUsers, 'teacher')}`}
                  </td>
                  <td className="p-3">
                    {o.invitations.length ? (
                      <ul>{o.invitations.map((i) => <li key={`${i.email}-${i.role}`}>{i.email} <span className="text-slate-700">({ROLE_LABELS[i.role].toLowerCase()})</span></li>)}</ul>
                    ) : <span className="text-slate-600">None</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination basePath="/platform" params={{ q: query.q, kind: query.kind }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
