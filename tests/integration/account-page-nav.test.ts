// The account page is a long column of cards that each save on their own: an "On this page" list at
// the top names them and takes the reader to each. Every link must land on exactly one element of
// the page, and the delete card is listed only for those who may delete their own account.
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
const { AuthError } = vi.hoisted(() => ({ AuthError: class AuthError extends Error {} }));
vi.mock('next-auth', () => ({ AuthError }));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined, signIn: async () => undefined }));

const { default: AccountPage } = await import('@/app/account/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** The targets the "On this page" list links to, and how many elements of the page carry each id. */
function navTargets(html: string) {
  const nav = /<nav aria-label="On this page"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
  return targets.map((id) => ({ id, count: html.split(`id="${id}"`).length - 1 }));
}

describe('the account page’s “On this page” list', () => {
  it('links every card of a teacher’s account, each to exactly one element, delete included', async () => {
    session.actor = await createActor({ name: 'Tia Teacher', password: 'a long enough password' });
    const html = renderToStaticMarkup(await AccountPage());
    const targets = navTargets(html);
    expect(targets.map((t) => t.id)).toEqual(['email-section', 'profile-section', 'teaching', 'portfolio', 'colleagues', 'licence', 'time-zone-section', 'password-section', 'district', 'delete-section']);
    for (const t of targets) expect(t, t.id).toEqual({ id: t.id, count: 1 });
  });

  it('leaves out deleting the account for someone with another role (an administrator closes it)', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    session.actor = await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    const targets = navTargets(renderToStaticMarkup(await AccountPage()));
    expect(targets.map((t) => t.id)).not.toContain('delete-section');
    for (const t of targets) expect(t, t.id).toEqual({ id: t.id, count: 1 });
  });
});
