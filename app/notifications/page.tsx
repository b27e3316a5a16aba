import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { listNotifications } from '@/lib/notifications/queries';
import { markAllReadAction } from './actions';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';

export const metadata = { title: 'Notifications' };
const fmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireUser('/notifications');
  const { cursor } = await searchParams;
  const rows = await listNotifications(actor.id, { cursor: cursor && /^[a-z0-9]{1,40}$/i.test(cursor) ? cursor : undefined });
  const shownAt = new Date();
  const page = rows.slice(0, 20);
  const nextCursor = rows.length > 20 ? page[page.length - 1].id : null;
  return (
    <div>
      <PageHeader
        title="Notifications"
        actions={
          page.some((n) => !n.readAt) ? (
            <form action={markAllReadAction}>
              {/* Only what was on the page when it was shown: a notification arriving after stays unread. */}
              <input type="hidden" name="upTo" value={shownAt.toISOString()} />
              <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
                Mark all as read
              </button>
            </form>
          ) : null
        }
      />
      {page.length === 0 ? (
        <EmptyState title="Nothing new">You will hear here about proposal decisions, reviews and badges.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {page.map((n) => (
            <li key={n.id} className={`p-4 ${n.readAt ? '' : 'bg-brand-50'}`}>
              <p className="font-semibold">
                {n.readAt ? null : <span className="sr-only">Unread: </span>}
                {n.href ? <Link href={n.href}>{n.title}</Link> : n.title}
              </p>
              {n.body ? <p className="text-sm text-slate-800">{n.body}</p> : null}
              <p className="text-xs text-slate-600">{fmt.format(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination basePath="/notifications" params={{}} nextCursor={nextCursor} hasPrevious={Boolean(cursor)} />
    </div>
  );
}
