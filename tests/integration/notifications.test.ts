import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor } from '../factories';
import { markAllNotificationsRead } from '@/lib/notifications/mutations';

beforeEach(resetDatabase);

describe('marking notifications read', () => {
  it('marks what was on the page when it was shown, not one that arrived after, and only the person’s own', async () => {
    const me = await createActor();
    const someone = await createActor();
    const seen = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Seen', createdAt: new Date(Date.now() - 60_000) } });
    const shownAt = new Date(Date.now() - 30_000);
    const later = await db.notification.create({ data: { userId: me.id, kind: 'x', title: 'Arrived later' } });
    const theirs = await db.notification.create({ data: { userId: someone.id, kind: 'x', title: 'Theirs', createdAt: new Date(Date.now() - 60_000) } });
    await markAllNotificationsRead(me.id, shownAt);
    const read = async (id: string) => (await db.notification.findUniqueOrThrow({ where: { id }, select: { readAt: true } })).readAt;
    expect(await read(seen.id)).not.toBeNull();
    expect(await read(later.id)).toBeNull();
    expect(await read(theirs.id)).toBeNull();
    // A time in the future counts as now.
    await markAllNotificationsRead(me.id, new Date(Date.now() + 86_400_000));
    expect(await read(later.id)).not.toBeNull();
  });
});
