/* eslint-disable @typescript-eslint/no-explicit-any -- signed credential JSON is edited field by field */
// An issuer's admin replaces the key that signs its badges from Organisation settings (ADR 003: keys
// are rotatable): with a reason kept in the audit log, once per press (a second press of the same
// button, or another admin's rotation since, replaces nothing more). Badges issued before keep
// verifying; new ones are signed with the new key; and a badge signed with the retired key but dated
// after its retirement is told apart on the public verify page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub-roles';
import { form } from '../setup/actions';
import { outcomeOf } from '../setup/outcome';
import { createActor, createEarnedSubmission, createPublishedCredential } from '../factories';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { getKeyById, getSigningKey, KEY_REPLACED_SINCE, listSigningKeys, rotateIssuerKey } from '@/lib/awards/keys';
import { verifyStoredCredential } from '@/lib/awards/queries';
import { verifyUpload } from '@/lib/awards/verify-upload';
import { signCredential } from '@/lib/credentials/sign';
import { verifyVerdict } from '@/components/credential/verify-verdict';
import { describeAuditEntry } from '@/lib/audit/describe';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { rotateSigningKeyAction } = await import('@/app/admin/settings/actions');
const { default: SettingsPage } = await import('@/app/admin/settings/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

async function issuerWithBadge() {
  const cred = await createPublishedCredential();
  const teacher = await createActor();
  const { awardId } = await issueAwardForSubmission(await createEarnedSubmission(teacher, cred.mc.id));
  return { ...cred, teacher, award: await db.award.findUniqueOrThrow({ where: { id: awardId } }) };
}

describe('replacing the signing key from Organisation settings', () => {
  it('shows the current key, and replaces it once with the reason audited; badges issued before keep verifying', async () => {
    const w = await issuerWithBadge();
    const first = await getSigningKey(w.issuer.id);
    session.actor = w.admin;
    const html = renderToStaticMarkup(await SettingsPage({ searchParams: Promise.resolve({ org: w.issuer.id }) }));
    expect(html).toContain('Signing key');
    expect(html).toContain(first.did);
    expect(html).toContain('Replace the signing key');
    const seenKeyId = /name="seenKeyId" value="([^"]+)"/.exec(html)![1];
    expect(seenKeyId).toBe(first.keyId);

    // No reason: said as what to write.
    expect(await rotateSigningKeyAction({ ok: true }, form({ organizationId: w.issuer.id, seenKeyId, reason: '  ' }))).toEqual({ ok: false, formError: expect.stringContaining('Say why') });
    expect(await db.issuerKey.count({ where: { issuerId: w.issuer.id } })).toBe(1);

    const done = await rotateSigningKeyAction({ ok: true }, form({ organizationId: w.issuer.id, seenKeyId, reason: 'A laptop with access was lost' }));
    expect(done).toMatchObject({ ok: true, message: expect.stringContaining('keep verifying') });
    // The same press again (a double click, a resend): nothing more is replaced.
    expect(await rotateSigningKeyAction({ ok: true }, form({ organizationId: w.issuer.id, seenKeyId, reason: 'A laptop with access was lost' }))).toMatchObject({ ok: false, formError: KEY_REPLACED_SINCE });

    const keys = await listSigningKeys({ actor: w.admin, issuerId: w.issuer.id });
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => !k.retiredAt)).toHaveLength(1);
    expect(keys.find((k) => k.id === first.keyId)?.retiredAt).not.toBeNull();

    const [entry] = await db.auditLog.findMany({ where: { action: 'issuer.key_rotate' } });
    expect(entry.data).toMatchObject({ replaced: first.did, reason: 'A laptop with access was lost' });
    expect(describeAuditEntry(entry as any)).toContain('A laptop with access was lost');

    // Issued before: still verifies. Issued after: signed with the new key, and verifies.
    expect((await verifyStoredCredential(w.award.credential as any)).verified).toBe(true);
    const later = await issueAwardForSubmission(await createEarnedSubmission(await createActor(), w.mc.id));
    const laterAward = await db.award.findUniqueOrThrow({ where: { id: later.awardId } });
    expect((laterAward.credential as any).issuer.id).toBe(keys.find((k) => !k.retiredAt)!.did);
    expect((await verifyStoredCredential(laterAward.credential as any)).verified).toBe(true);

    // The page now shows the new key and the earlier one with its dates.
    const after = renderToStaticMarkup(await SettingsPage({ searchParams: Promise.resolve({ org: w.issuer.id }) }));
    expect(after).toContain('Earlier keys (1)');
  });

  it('only the issuer’s own admins see or replace its keys', async () => {
    const w = await issuerWithBadge();
    const other = await createPublishedCredential();
    expect(await outcomeOf(listSigningKeys({ actor: other.admin, issuerId: w.issuer.id }))).toBe('FORBIDDEN');
    expect(await outcomeOf(rotateIssuerKey({ actor: other.admin, issuerId: w.issuer.id, reason: 'x' }))).toBe('FORBIDDEN');
    expect(await outcomeOf(rotateIssuerKey({ actor: w.teacher, issuerId: w.issuer.id, reason: 'x' }))).toBe('FORBIDDEN');
    expect(await db.issuerKey.count({ where: { issuerId: w.issuer.id, retiredAt: null } })).toBe(1);
  });
});

describe('verifying a badge signed with a retired key', () => {
  it('one dated after the key was retired is refused on the verify page; one dated before still passes', async () => {
    const w = await issuerWithBadge();
    const old = await getSigningKey(w.issuer.id);
    await rotateIssuerKey({ actor: w.admin, issuerId: w.issuer.id, reason: 'Exposed' });

    const genuine = await verifyUpload({ kind: 'text', text: JSON.stringify(w.award.credential) });
    expect(genuine.ok && genuine.summary.keyRetiredBeforeIssue).toBeFalsy();
    expect(genuine.ok && verifyVerdict(genuine, '').tone).toBe('success');

    // Someone holding the old key signs a new badge, dated now.
    const unsigned = { ...(w.award.credential as any) };
    delete unsigned.proof;
    const forged = await signCredential({ ...unsigned, validFrom: new Date(Date.now() + 1000).toISOString() }, await getKeyById(old.keyId));
    const checked = await verifyUpload({ kind: 'text', text: JSON.stringify(forged) });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.summary.keyRetiredBeforeIssue).toBeDefined();
    expect(verifyVerdict(checked, '')).toEqual({ tone: 'danger', title: 'Signed with a key its issuer had already retired' });
  });
});
