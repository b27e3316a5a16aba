import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, createPublishedCredential, sampleDefinition, SAMPLE_PNG } from '../factories';
import { createIssuerStack, publishStack } from '@/lib/authoring/stacks';
import { confirmBadgeUpload, requestBadgeUpload } from '@/lib/authoring/badge-image';
import { putObject } from '@/lib/storage/s3';
import { startApplication } from '@/lib/submissions/mutations';
import { issueAwardForSubmission } from '@/lib/awards/issue';

// Outside a request there is no session cookie or Next cache: who is signed in is set per test,
// everything else (Postgres, S3, the domain code) is real.
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { saveCredentialAction } = await import('@/app/admin/credentials/actions');
const { default: StackPage } = await import('@/app/stacks/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('saving a new credential with a badge image of another issuer', () => {
  it('creates nothing, so the same form saves once the image is fixed', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const other = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }, { role: 'ISSUER_ADMIN', organizationId: other.id }] });
    session.actor = admin;
    // Uploaded while the other issuer was chosen in the editor; then the admin switched issuer.
    const ticket = await requestBadgeUpload({ actor: admin, issuerId: other.id, size: SAMPLE_PNG.length });
    await putObject(ticket.key, SAMPLE_PNG, 'image/png');
    const foreign = await confirmBadgeUpload({ actor: admin, issuerId: other.id, key: ticket.key });
    const def = sampleDefinition({ slug: 'exit-tickets' });

    const first = await saveCredentialAction({ issuerId: issuer.id, def, badgeImageKey: foreign.key });
    expect(first).toMatchObject({ ok: false, formError: 'That badge image does not belong to this issuer.' });
    expect(await db.microCredential.count()).toBe(0);

    const retry = await saveCredentialAction({ issuerId: issuer.id, def, badgeImageKey: null });
    expect(retry.ok).toBe(true);
    expect(await db.microCredential.findUniqueOrThrow({ where: { slug: 'exit-tickets' }, select: { issuerId: true } })).toEqual({ issuerId: issuer.id });
  });

  it('refuses an edit over a newer save by someone else', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    session.actor = admin;
    const def = sampleDefinition();
    const created = await saveCredentialAction({ issuerId: issuer.id, def, badgeImageKey: null });
    if (!created.ok || !created.data) throw new Error('not saved');
    const loaded = { versionId: created.data.versionId, updatedAt: created.data.savedAt };
    const mine = await saveCredentialAction({ microCredentialId: created.data.id, def: { ...def, title: 'Mine' }, badgeImageKey: null, expected: loaded });
    expect(mine.ok).toBe(true);
    const theirs = await saveCredentialAction({ microCredentialId: created.data.id, def: { ...def, title: 'Stale' }, badgeImageKey: null, expected: loaded });
    expect(theirs).toMatchObject({ ok: false, formError: expect.stringContaining('Someone else changed or published this credential'), reason: 'EDIT_CONFLICT' });
  });
});

describe('the stack page with a part retired after the stack was published', () => {
  it('lists the part as no longer offered and does not count the stack as done', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Socratic Seminars' } });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'Both.', microCredentials: [a.slug, b.slug] } });
    await publishStack({ actor: admin, stackId: stack.id });
    // Older data: retired before retiring a stack's part was refused.
    await db.microCredential.update({ where: { id: b.id }, data: { status: 'RETIRED' } });
    const teacher = await createActor();
    const sub = await startApplication({ actor: teacher, microCredentialId: a.id });
    await db.submission.update({ where: { id: sub.id }, data: { status: 'EARNED' } });
    await issueAwardForSubmission(sub.id);
    session.actor = teacher;

    const html = renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'assessment-stack' }) }));
    expect(html).toContain('1 of 2 earned');
    expect(html).toContain('Socratic Seminars');
    expect(html).toContain('No longer offered');
    expect(html).toContain('only teachers who already hold it can complete this stack');
  });
});
