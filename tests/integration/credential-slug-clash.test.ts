// A micro-credential's web address is global (its public page, /micro-credentials/{slug}), so a
// clash is refused. The answer must be the same whoever holds the address: it must not tell an
// issuer's admin that another issuer has an unpublished draft there, nor what it is called.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createIssuerWithAdmin, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential } from '@/lib/authoring/mutations';
import type { Actor } from '@/lib/auth/actor';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { saveCredentialAction } = await import('@/app/admin/credentials/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** What the editor's "Save draft" answers for a new credential at `slug`. */
async function saveNewAt(actor: Actor, issuerId: string, slug: string) {
  session.actor = actor;
  return saveCredentialAction({ issuerId, def: { title: 'Exit tickets for maths', slug, pdHours: 5 }, badgeImageKey: null });
}

describe('a new credential at an address already taken', () => {
  it('gets the same answer whether the address is another issuer’s unpublished draft, a published credential, or the admin’s own draft', async () => {
    const mine = await createIssuerWithAdmin();
    const theirs = await createIssuerWithAdmin();
    // Another issuer's unpublished draft, with a title that must not leak.
    await createMicroCredential({ actor: theirs.admin, issuerId: theirs.issuer.id, def: { title: 'Secret pilot on restorative circles', slug: 'restorative-circles', pdHours: 3 }, allowIncomplete: true });
    const published = await createPublishedCredential({ def: { slug: 'published-one' } });
    await createMicroCredential({ actor: mine.admin, issuerId: mine.issuer.id, def: sampleDefinition({ slug: 'my-own-draft' }) });

    const answers = [];
    for (const slug of ['restorative-circles', published.mc.slug, 'my-own-draft']) answers.push(await saveNewAt(mine.admin, mine.issuer.id, slug));
    expect(answers[0]).toEqual({ ok: false, formError: 'That web address is already used by another credential.', fieldErrors: { slug: ['That web address is already used. Choose another.'] } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(JSON.stringify(answers)).not.toMatch(/restorative|secret|pilot/i);
    // A free address saves.
    expect(await saveNewAt(mine.admin, mine.issuer.id, 'exit-tickets-for-maths')).toMatchObject({ ok: true });
  });
});

describe('two admins choosing the same free address at once', () => {
  it('one gets it; the other is told the address is taken, on its field, not that something went wrong', async () => {
    const a = await createIssuerWithAdmin();
    const b = await createIssuerWithAdmin();
    const results = await Promise.allSettled(
      [a, b].map((o) => createMicroCredential({ actor: o.admin, issuerId: o.issuer.id, def: { title: 'Number talks', slug: 'number-talks', pdHours: 2 }, allowIncomplete: true })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'VALIDATION', fieldErrors: { slug: ['That web address is already used. Choose another.'] } });
  });
});
