import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { z } from 'zod';
import { listAdminIssuers, listAdminStacks } from '@/lib/authoring/queries';
import { EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';

const Query = z.object({ cursor: z.string().max(200).optional().catch(undefined) });

export const metadata = { title: 'Stacks' };

export default async function AdminStacksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/stacks');
  const issuers = await listAdminIssuers(actor);
  const { cursor } = Query.parse(await searchParams);
  const { items: stacks, nextCursor } = await listAdminStacks({ actor, issuerIds: issuers.map((i) => i.id), cursor });
  return (
    <div>
      <PageHeader title="Stacks" description="A larger credential earned by holding every micro-credential in it." actions={<ButtonLink href="/admin/stacks/new">New stack</ButtonLink>} />
      {stacks.length === 0 && !cursor ? (
        <EmptyState title="No stacks yet" action={<ButtonLink href="/admin/stacks/new">Create a stack</ButtonLink>} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {stacks.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div className="flex items-center gap-3">
                <span aria-hidden="true" className="h-6 w-6 rounded-full" style={{ background: s.badgeColor }} />
                <div>
                  <Link href={`/admin/stacks/${s.id}`} className="font-semibold">{s.title}</Link>
                  <p className="text-sm text-slate-700">{s.slug} · {s._count.items} micro-credentials · {s._count.awards} awarded{issuers.length > 1 ? ` · ${s.issuer.name}` : ''}</p>
                </div>
              </div>
              <Pill tone={s.status === 'PUBLISHED' ? 'success' : s.status === 'RETIRED' ? 'warning' : 'neutral'}>{s.status.charAt(0) + s.status.slice(1).toLowerCase()}</Pill>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/admin/stacks" params={{}} nextCursor={nextCursor} hasPrevious={Boolean(cursor)} />
    </div>
  );
}
