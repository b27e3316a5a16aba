import Link from 'next/link';
import { z } from 'zod';
import { requireRole } from '@/lib/auth/session';
import { describeVersions, listAdminCredentials, listAdminIssuers } from '@/lib/authoring/queries';
import { Alert, EmptyState, PageHeader, Pill, type Tone } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { ButtonLink } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { inputClass } from '@/components/ui/field';
import { TableScroll } from '@/components/ui/table-scroll';

export const metadata = { title: 'Micro-credentials' };

const Query = z.object({
  status: z.enum(['DRAFT', 'PUBLISHED', 'RETIRED']).optional().catch(undefined),
  issuer: z.string().max(40).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  deleted: z.literal('1').optional().catch(undefined),
});
const statusTone: Record<string, Tone> = { DRAFT: 'neutral', PUBLISHED: 'success', RETIRED: 'warning' };

export default async function AdminCredentialsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/credentials');
  const query = Query.parse(await searchParams);
  const issuers = await listAdminIssuers(actor);
  const issuerIds = query.issuer ? issuers.filter((i) => i.id === query.issuer).map((i) => i.id) : issuers.map((i) => i.id);
  const { items, nextCursor } = await listAdminCredentials({ actor, issuerIds, status: query.status, q: query.q || undefined, cursor: query.cursor });
  return (
    <div>
      <PageHeader
        title="Micro-credentials"
        actions={
          <>
            <ButtonLink href="/admin/credentials/new">New micro-credential</ButtonLink>
            <ButtonLink href="/admin/credentials/import" variant="secondary">Import JSON</ButtonLink>
          </>
        }
      />
      {query.deleted ? (
        <ArrivalNotice className="mb-4">
          <Alert tone="success">The draft was deleted.</Alert>
        </ArrivalNotice>
      ) : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter credentials">
        <div>
          <label htmlFor="q" className="block text-sm font-semibold">Search</label>
          <input id="q" name="q" defaultValue={query.q ?? ''} className={inputClass} placeholder="Title or address" />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">Status</label>
          <select id="status" name="status" defaultValue={query.status ?? ''} className={inputClass}>
            <option value="">Any</option>
            <option value="DRAFT">Draft</option>
            <option value="PUBLISHED">Published</option>
            <option value="RETIRED">Retired</option>
          </select>
        </div>
        {issuers.length > 1 ? (
          <div>
            <label htmlFor="issuer" className="block text-sm font-semibold">Issuer</label>
            <select id="issuer" name="issuer" defaultValue={query.issuer ?? ''} className={inputClass}>
              <option value="">All</option>
              {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </div>
        ) : null}
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">Apply</button>
      </form>
      {items.length === 0 ? (
        <EmptyState title="No micro-credentials match" action={<ButtonLink href="/admin/credentials/new">Create one</ButtonLink>} />
      ) : (
        <TableScroll label="Micro-credentials">
          <table className="w-full text-sm">
            <caption className="sr-only">Micro-credentials</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="p-3">Title</th>
                <th scope="col" className="p-3">Status</th>
                <th scope="col" className="p-3">Versions</th>
                <th scope="col" className="p-3">Level</th>
                <th scope="col" className="p-3 text-right">Enrolments</th>
                <th scope="col" className="p-3 text-right">Applications sent</th>
                <th scope="col" className="p-3"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id} className="border-t border-slate-100">
                  <td className="p-3">
                    <Link href={`/admin/credentials/${m.id}/edit`} className="font-semibold">{m.versions[0]?.title ?? m.slug}</Link>
                    <span className="block text-xs text-slate-600">{m.slug}{m.track ? ` · ${m.track.title}` : ''}{issuers.length > 1 ? ` · ${m.issuer.name}` : ''}</span>
                  </td>
                  <td className="p-3"><Pill tone={statusTone[m.status]}>{m.status.charAt(0) + m.status.slice(1).toLowerCase()}</Pill></td>
                  <td className="p-3 text-slate-700">{describeVersions(m.versions, m.status)}</td>
                  <td className="p-3">{m.level ?? '—'}</td>
                  <td className="p-3 text-right">{m._count.enrollments}</td>
                  <td className="p-3 text-right">
                    <Link href={`/admin/submissions?credential=${m.id}`}>
                      {m._count.submissions}<span className="sr-only">: the applications for {m.versions[0]?.title ?? m.slug}</span>
                    </Link>
                  </td>
                  <td className="p-3 text-right whitespace-nowrap">
                    <Link href={`/admin/credentials/${m.id}/edit`}>Edit<span className="sr-only"> {m.versions[0]?.title ?? m.slug}</span></Link>
                    {' · '}
                    <Link href={`/admin/credentials/${m.id}/feedback`}>Feedback<span className="sr-only"> on {m.versions[0]?.title ?? m.slug}</span></Link>
                    {' · '}
                    <a href={`/admin/credentials/${m.id}/export`}>Export<span className="sr-only"> {m.versions[0]?.title ?? m.slug}</span></a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination basePath="/admin/credentials" params={{ status: query.status, issuer: query.issuer, q: query.q }} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}
