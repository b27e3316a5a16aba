import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { z } from 'zod';
import { listAdminIssuers, listAdminTracksPage } from '@/lib/authoring/queries';
import { EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';

const Query = z.object({ cursor: z.string().max(200).optional().catch(undefined) });

export const metadata = { title: 'Tracks' };

export default async function AdminTracksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/tracks');
  const issuers = await listAdminIssuers(actor);
  const { cursor } = Query.parse(await searchParams);
  const { items: tracks, nextCursor } = await listAdminTracksPage({ actor, issuerIds: issuers.map((i) => i.id), cursor });
  return (
    <div>
      <PageHeader title="Tracks and courses" description="Ordered levels, each earned through one micro-credential." actions={<ButtonLink href="/admin/tracks/new">New track</ButtonLink>} />
      {tracks.length === 0 && !cursor ? (
        <EmptyState title="No tracks yet" action={<ButtonLink href="/admin/tracks/new">Create a track</ButtonLink>} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {tracks.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <Link href={`/admin/tracks/${t.id}`} className="font-semibold">{t.title}</Link>
                <p className="text-sm text-slate-700">{t.slug} · {t.kind === 'COURSE' ? 'Course' : 'Badge track'} · {t._count.microCredentials} levels · {t._count.enrollments} enrolled{issuers.length > 1 ? ` · ${t.issuer.name}` : ''}</p>
              </div>
              <Pill tone={t.status === 'PUBLISHED' ? 'success' : t.status === 'RETIRED' ? 'warning' : 'neutral'}>{t.status.charAt(0) + t.status.slice(1).toLowerCase()}</Pill>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/admin/tracks" params={{}} nextCursor={nextCursor} hasPrevious={Boolean(cursor)} />
    </div>
  );
}
