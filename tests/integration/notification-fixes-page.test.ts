// The notifications page (app/notifications/page.tsx) keeps a notice's paragraphs apart, as its
// email does: a body's blank lines are not run together into one line. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor } from '../factories';
import { notify } from '@/lib/notifications/notify';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: NotificationsPage } = await import('@/app/notifications/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('a notice’s body on the page', () => {
  it('keeps its line breaks (a blank line between paragraphs shows as one)', async () => {
    const me = await createActor();
    session.actor = me;
    await notify({ userId: me.id, kind: 'proposal.approved', title: 'Your plan was approved', body: 'Great plan.\n\nYou can submit your evidence once you have taught the lesson.' });
    const html = renderToStaticMarkup(await NotificationsPage({ searchParams: Promise.resolve({}) }));
    const body = /<p class="([^"]*)">Great plan\.\n\nYou can submit/.exec(html);
    expect(body).not.toBeNull();
    expect(body![1].split(' ')).toContain('whitespace-pre-line');
  });
});
