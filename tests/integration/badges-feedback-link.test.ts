// My badges offers, on each standing micro-credential badge, the way to tell its issuer how it went
// (ADR 027): a link to the credential's feedback page, named with the badge for screen readers. Not
// on a revoked badge. Real Postgres, the real page; only who is signed in is set.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createEarnedAward, createPublishedCredential } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: BadgesPage } = await import('@/app/badges/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('My badges', () => {
  it('links each standing micro-credential badge to its feedback page, and not a revoked one', async () => {
    const standing = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const revoked = await createPublishedCredential({ issuerId: standing.issuer.id, admin: standing.admin, def: { title: 'Learning Walks' } });
    const teacher = await createActor({ name: 'Maya Holder' });
    await createEarnedAward(teacher, standing.mc, { title: 'Exit Tickets', level: 1, issuedAt: '2026-10-01T09:00:00.000Z' });
    await createEarnedAward(teacher, revoked.mc, { title: 'Learning Walks', level: 1, issuedAt: '2026-10-02T09:00:00.000Z', revoked: true });
    session.actor = teacher;
    const html = renderToStaticMarkup(await BadgesPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain(`<a href="/micro-credentials/${standing.mc.slug}/feedback">Tell the issuer how it went<span class="sr-only">: Exit Tickets</span></a>`);
    expect(html).not.toContain(`/micro-credentials/${revoked.mc.slug}/feedback`);
  });
});
