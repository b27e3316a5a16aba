import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { listNotifications, newestNotificationAt } from '@/lib/notifications/queries';
import { describeNotificationTime, noticeBodyParts } from '@/lib/notifications/format';
import { env } from '@/lib/env';
import { safeCallbackUrl } from '@/lib/auth/schemas';
import { markAllReadAction, openNotificationAction } from './actions';
import { Alert, EmptyState, PageHeader, Pill } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { Pagination } from '@/components/ui/pagination';

export const metadata = { title: 'Notifications' };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ cursor?: string; marked?: string }> }) {
  const actor = await requireUser('/notifications');
  const appUrl = env().APP_URL;
  const { cursor, marked } = await searchParams;
  const at = cursor && /^[a-z0-9]{1,40}$/i.test(cursor) ? cursor : undefined;
  // On a later page the newest are on the pages before it: read the newest's timestamp first, so a
  // notification saved while the page is read is not taken for one already listed.
  const newest = at ? await newestNotificationAt(actor.id) : null;
  const rows = await listNotifications(actor.id, { cursor: at });
  const page = rows.slice(0, 20);
  // "Mark all as read" marks up to the newest notification there was when the list was read, by its
  // own timestamp (the database's clock, not this server's): one saved after, even stamped earlier
  // than the moment of reading (its transaction began before), stays unread.
  const upTo = (at ? newest : page[0]?.createdAt) ?? null;
  const shownAt = new Date();
  const nextCursor = rows.length > 20 ? page[page.length - 1].id : null;
  return (
    <div>
      <PageHeader
        title="Notifications"
        actions={
          upTo && page.some((n) => !n.readAt) ? (
            <form action={markAllReadAction}>
              {/* Only what was on the page when it was shown: a notification arriving after stays unread. */}
              <input type="hidden" name="upTo" value={upTo.toISOString()} />
              {/* Back to this page of the list afterwards. */}
              {at ? <input type="hidden" name="cursor" value={at} /> : null}
              <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
                Mark all as read
              </button>
            </form>
          ) : null
        }
      />
      {/* After "Mark all as read" (?marked=1): the button is gone, so this takes focus and says what happened. */}
      {marked === '1' ? (
        <ArrivalNotice className="mb-4">
          <Alert tone="success">Your notifications are marked as read.</Alert>
        </ArrivalNotice>
      ) : null}
      {page.length === 0 ? (
        <EmptyState title="Nothing new">You will hear here about proposal decisions, reviews and badges.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {page.map((n) => {
            // Only a path on this site is linked, as when opening an unread one.
            const href = n.href ? safeCallbackUrl(n.href, '') : '';
            return (
              <li key={n.id} className={`p-4 ${n.readAt ? '' : 'bg-brand-50'}`}>
                <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                  {/* Unread is said in words, not by the tint alone. */}
                  {n.readAt ? null : <Pill tone="info">New</Pill>}
                  {href && !n.readAt ? (
                    // Opening an unread one marks it read on the way (a POST, so a prefetch never does).
                    <form action={openNotificationAction}>
                      <input type="hidden" name="id" value={n.id} />
                      <button type="submit" className="min-h-6 text-left font-semibold text-brand-700 underline underline-offset-2 hover:decoration-2">
                        {n.title}
                      </button>
                    </form>
                  ) : (
                    <p className="font-semibold">{href ? <Link href={href}>{n.title}</Link> : n.title}</p>
                  )}
                </div>
                {/* A body's paragraphs are kept apart, as in its email. */}
                {n.body ? (
                  <p className="whitespace-pre-line text-sm text-slate-800">
                    {noticeBodyParts(n.body, appUrl).map((part, i) => (part.href ? <Link key={i} href={part.href}>{part.text}</Link> : part.text))}
                  </p>
                ) : null}
                <p className="text-xs text-slate-600">
                  <time dateTime={n.createdAt.toISOString()}>{describeNotificationTime(n.createdAt, shownAt, actor.timeZone)}</time>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination basePath="/notifications" params={{}} nextCursor={nextCursor} hasPrevious={Boolean(cursor)} />
    </div>
  );
}
