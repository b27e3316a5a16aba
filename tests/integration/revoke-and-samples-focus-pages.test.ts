// Two admin actions that take away the part of the page that held their button, rendered as a
// person gets the page. Revoking a badge removes the issuer's card (and its form's message): the
// action goes back to the badge's page with ?revoked=1, where the outcome is a notice that takes
// focus (ArrivalNotice) and is read out once, for the issuer's admin only, so the address with the
// flag is the same public page for anyone else (the anonymous page cache keeps it as such). A
// calibration sample scored again loses its "Score it again" form: focus goes to the sample's
// heading, which can take it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form, redirectOf } from '../setup/actions';
import { liveRegionsAround } from '../setup/live-regions';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { createExemplar, ExemplarInput } from '@/lib/review/exemplars';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { revokeAwardAction } = await import('@/app/credentials/[id]/actions');
const { default: CredentialPage } = await import('@/app/credentials/[id]/page');
const { default: CalibrationSamplesPage } = await import('@/app/admin/credentials/[id]/calibration/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const REVOKED = 'The badge is revoked. Verifiers will now report it as revoked.';

async function earnedBadge() {
  const { admin, mc } = await createPublishedCredential();
  const teacher = await createActor();
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(teacher, mc.id));
  return { admin, teacher, awardId };
}

const credentialPage = async (id: string, searchParams: Record<string, string> = {}) =>
  renderToStaticMarkup(await CredentialPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve(searchParams) }));

describe('revoking a badge', () => {
  it('goes back to the badge’s page, where the outcome takes focus in place of the issuer’s card and is read out once', async () => {
    const { admin, awardId } = await earnedBadge();
    session.actor = admin;
    expect(await credentialPage(awardId)).toContain('Revoke this badge');

    expect(await redirectOf(revokeAwardAction({ ok: true }, form({ awardId, reason: 'Issued in error.', confirm: 'yes' })))).toBe(`/credentials/${awardId}?revoked=1`);
    expect((await db.award.findUniqueOrThrow({ where: { id: awardId }, select: { revokedAt: true } })).revokedAt).not.toBeNull();

    const html = await credentialPage(awardId, { revoked: '1' });
    expect(html).toMatch(new RegExp(`<div tabindex="-1" class="no-print mt-8 [^"]*"><div role="status"[^>]*><div>${REVOKED.replace(/\./g, '\\.')}</div></div></div>`));
    expect(liveRegionsAround(html, REVOKED)).toHaveLength(1);
    expect(html).not.toContain('Revoke this badge');
    // A later visit (no flag) has no notice.
    expect(await credentialPage(awardId)).not.toContain(REVOKED);
  });

  it('is said to no one else, nor of a badge that is not revoked: the flagged address is the page as it is', async () => {
    const { admin, teacher, awardId } = await earnedBadge();
    session.actor = admin;
    expect(await credentialPage(awardId, { revoked: '1' })).not.toContain(REVOKED);
    await redirectOf(revokeAwardAction({ ok: true }, form({ awardId, reason: 'Issued in error.', confirm: 'yes' })));
    for (const who of [null, teacher]) {
      session.actor = who;
      const flagged = await credentialPage(awardId, { revoked: '1' });
      expect(flagged).not.toContain(REVOKED);
      expect(flagged).toBe(await credentialPage(awardId));
    }
  });

  it('is still refused in the form, with nothing revoked, when the box is not ticked', async () => {
    const { admin, awardId } = await earnedBadge();
    session.actor = admin;
    expect(await revokeAwardAction({ ok: true }, form({ awardId, reason: 'Issued in error.' }))).toMatchObject({ ok: false, fieldErrors: { confirm: [expect.any(String)] } });
    expect((await db.award.findUniqueOrThrow({ where: { id: awardId }, select: { revokedAt: true } })).revokedAt).toBeNull();
  });
});

describe('a credential’s calibration samples', () => {
  it('name each sample in a heading that can take focus, with the id the “Score it again” form sends focus to', async () => {
    const { admin, mc } = await createPublishedCredential();
    const sample = await createExemplar({
      actor: admin,
      input: ExemplarInput.parse({ microCredentialId: mc.id, versionId: mc.currentVersionId, title: 'Sample B', responses: [{ partTitle: 'Context', text: 'Anonymised sample B.' }], expectedRanks: [1, 1, 2] }),
    });
    session.actor = admin;
    const html = renderToStaticMarkup(await CalibrationSamplesPage({ params: Promise.resolve({ id: mc.id }) }));
    expect(html).toMatch(new RegExp(`<h3 id="sample-${sample.id}" tabindex="-1" class="[^"]*focus:outline-2[^"]*">Sample B</h3>`));
  });
});
