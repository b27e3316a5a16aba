import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { createActor } from '../factories';
import { markAllNotificationsRead, openNotification } from '@/lib/notifications/mutations';

// Outside a request there is no session cookie or Next cache: who is signed in is set per test.
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { markAllReadAction, openNotificationAction } = await import('@/app/notifications/actions');
const { default: NotificationsPage } = await import('@/app/notifications/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const read = async (id: string) => (await db.notification.findUniqueOrThrow({ where: { id }, select: { readAt: true } })).readAt;

describe('marking notifications read', () => {
  it('marks what was on the page when it was shown, not one that arrived after, and only the person’s own', async () => {
    const me = await createActor();
    const someone = await createActor();
    const seen = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Seen', createdAt: new Date(Date.now() - 60_000) } });
    const shownAt = new Date(Date.now() - 30_000);
    const later = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Arrived later' } });
    const theirs = await db.notification.create({ data: { userId: someone.id, kind: 'x', title: 'Theirs', createdAt: new Date(Date.now() - 60_000) } });
    await markAllNotificationsRead(me.id, shownAt);
    expect(await read(seen.id)).not.toBeNull();
    expect(await read(later.id)).toBeNull();
    expect(await read(theirs.id)).toBeNull();
    // A time in the future counts as now.
    await markAllNotificationsRead(me.id, new Date(Date.now() + 86_400_000));
    expect(await read(later.id)).not.toBeNull();
  });
});

describe('Mark all as read, from the page', () => {
  it('marks up to the newest notification shown: one saved after the page was read stays unread, even stamped earlier than the reading', async () => {
    const me = await createActor();
    session.actor = me;
    const shown = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Shown', createdAt: new Date(Date.now() - 60_000) } });
    const html = renderToStaticMarkup(await NotificationsPage({ searchParams: Promise.resolve({}) }));
    const upTo = /<input type="hidden" name="upTo" value="([^"]+)"/.exec(html)![1];
    expect(upTo).toBe(shown.createdAt.toISOString());
    // Committed after the page was read, stamped when its transaction began: before the page was shown.
    const late = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Saved late', createdAt: new Date(shown.createdAt.getTime() + 1) } });
    expect(await redirectOf(markAllReadAction(form({ upTo })))).toBe('/notifications?marked=1');
    expect(await read(shown.id)).not.toBeNull();
    expect(await read(late.id)).toBeNull();
  });
  it('from a later page, marks up to the newest notification there was (shown on page 1), not up to the moment the page was read', async () => {
    const me = await createActor();
    session.actor = me;
    const base = Date.now() - 600_000;
    const made = [];
    for (let i = 0; i < 22; i++) made.push(await db.notification.create({ data: { userId: me.id, kind: 'x', title: `N${i}`, createdAt: new Date(base + i * 1000) } }));
    const first = renderToStaticMarkup(await NotificationsPage({ searchParams: Promise.resolve({}) }));
    const cursor = /cursor=([a-z0-9]+)/i.exec(first)![1];
    const html = renderToStaticMarkup(await NotificationsPage({ searchParams: Promise.resolve({ cursor }) }));
    expect(html).toContain('N0');
    const upTo = /<input type="hidden" name="upTo" value="([^"]+)"/.exec(html)![1];
    expect(upTo).toBe(made[21].createdAt.toISOString());
    // Committed after the page was read, stamped (its transaction's start) before that moment.
    const late = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Saved late', createdAt: new Date(made[21].createdAt.getTime() + 1) } });
    expect(await redirectOf(markAllReadAction(form({ upTo, cursor })))).toBe(`/notifications?cursor=${cursor}&marked=1`);
    for (const n of made) expect(await read(n.id)).not.toBeNull();
    expect(await read(late.id)).toBeNull();
  });
});

describe('opening one notification', () => {
  it('marks the owner’s notification read and leads to its page, query and fragment kept', async () => {
    const me = await createActor();
    const other = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Another' } });
    const n = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Join request', href: '/district/people?district=d1#requests' } });
    expect(await openNotification({ actor: me, notificationId: n.id })).toBe('/district/people?district=d1#requests');
    expect(await read(n.id)).not.toBeNull();
    // Only that one.
    expect(await read(other.id)).toBeNull();

    // Opening it again keeps the first time it was read.
    const first = await read(n.id);
    await openNotification({ actor: me, notificationId: n.id });
    expect(await read(n.id)).toEqual(first);
  });

  it('refuses someone else’s notification as if it did not exist, and leaves it unread', async () => {
    const owner = await createActor();
    const intruder = await createActor();
    const n = await db.notification.create({ data: { userId: owner.id, kind: 'x', title: 'Yours', href: '/account' } });
    await expect(openNotification({ actor: intruder, notificationId: n.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await read(n.id)).toBeNull();

    // Through the action: back to the intruder's own list, the owner's notification untouched.
    session.actor = intruder;
    expect(await redirectOf(openNotificationAction(form({ id: n.id })))).toBe('/notifications');
    expect(await read(n.id)).toBeNull();
  });

  it('never leads off the site, whatever link a notification holds', async () => {
    const me = await createActor();
    session.actor = me;
    for (const href of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)', '/.//evil.example', 'evil.example']) {
      const n = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Odd link', href } });
      expect(await redirectOf(openNotificationAction(form({ id: n.id }))), href).toBe('/notifications');
      // Still marked read: it was opened.
      expect(await read(n.id)).not.toBeNull();
    }
    // One without a link opens the list.
    const bare = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'No link' } });
    expect(await redirectOf(openNotificationAction(form({ id: bare.id })))).toBe('/notifications');
  });

  it('through the action, follows the owner’s own link and ignores anything else sent with the form', async () => {
    const me = await createActor();
    session.actor = me;
    const n = await db.notification.create({ data: { userId: me.id, kind: 'award.issued', title: 'You earned a badge', href: '/credentials/abc' } });
    expect(await redirectOf(openNotificationAction(form({ id: n.id, href: 'https://evil.example' })))).toBe('/credentials/abc');
    expect(await read(n.id)).not.toBeNull();
    // A missing or malformed id opens the list.
    expect(await redirectOf(openNotificationAction(form({})))).toBe('/notifications');
    expect(await redirectOf(openNotificationAction(form({ id: 'x'.repeat(200) })))).toBe('/notifications');
    expect(await redirectOf(openNotificationAction(form({ id: `${n.id}\u0000' OR 1=1` })))).toBe('/notifications');
  });
});
