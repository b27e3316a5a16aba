import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, sampleDefinition } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { saveCredentialAction } = await import('@/app/admin/credentials/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('saving a credential with the PD hours left empty', () => {
  it('asks for the hours instead of saving 0, alongside the other field errors', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    session.actor = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });

    // The editor sends the box's text: an empty box is "".
    const blank = await saveCredentialAction({ issuerId: issuer.id, def: { ...sampleDefinition(), pdHours: '  ' }, badgeImageKey: null });
    expect(blank).toMatchObject({ ok: false, fieldErrors: { pdHours: [expect.stringContaining('Enter the PD hours')] } });
    const alsoUntitled = await saveCredentialAction({ issuerId: issuer.id, def: { ...sampleDefinition(), title: '', pdHours: '' }, badgeImageKey: null });
    expect(alsoUntitled).toMatchObject({ ok: false, fieldErrors: { pdHours: [expect.any(String)], title: [expect.any(String)] } });
    expect(await db.microCredential.count()).toBe(0);

    // 0 typed on purpose is an answer, and is kept.
    const zero = await saveCredentialAction({ issuerId: issuer.id, def: { ...sampleDefinition(), pdHours: '0' }, badgeImageKey: null });
    expect(zero.ok).toBe(true);
    const saved = await db.microCredentialVersion.findFirstOrThrow({ select: { pdHours: true } });
    expect(Number(saved.pdHours)).toBe(0);
  });
});

describe('importing a definition without PD hours', () => {
  it('is refused on the field, as in the editor, instead of saving 0', async () => {
    const { importCredential } = await import('@/lib/authoring/import-export');
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    for (const pdHours of [null, '']) {
      await expect(importCredential({ actor: admin, issuerId: issuer.id, json: JSON.stringify({ ...sampleDefinition(), pdHours }) })).rejects.toMatchObject({
        code: 'VALIDATION',
        fieldErrors: { pdHours: [expect.stringContaining('Enter the PD hours')] },
      });
    }
    expect(await db.microCredential.count()).toBe(0);
  });
});
