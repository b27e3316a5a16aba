// Enrolling teachers from a CSV imports what the preview showed, and only that: the preview carries
// a fingerprint of the list and of what to enrol them in (the same one the district's bulk invite
// uses, lib/people/bulk-invite.ts), the form sends it back, and an import whose list or
// micro-credential changed since shows the new preview instead of importing. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { createPublishedCredential } from '../factories';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));

const { bulkEnrolAction } = await import('@/app/admin/people/actions');
const { BulkEnrolForm } = await import('@/components/admin/people-forms');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const CHANGED = 'The list or what to enrol them in changed since the preview, so nothing was imported: check the new preview, then import.';
type State = Awaited<ReturnType<typeof bulkEnrolAction>>;
const previewOf = (s: State) => (s.ok && s.data?.step === 'preview' ? s.data : null);

describe('bulk enrolment imports what was previewed', () => {
  it('an import whose list or micro-credential changed since the preview shows the new preview and imports nobody', async () => {
    const { issuer, admin, mc } = await createPublishedCredential();
    const { mc: other } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Another credential' } });
    session.actor = admin;
    const previewed = 'email,name\nana@school.org,Ana Díaz\n';
    const first = previewOf(await bulkEnrolAction({ ok: true }, form({ issuerId: issuer.id, target: `mc:${mc.id}`, intent: 'preview', csv: previewed })));
    expect(first).toMatchObject({ step: 'preview', errorCount: 0, notice: null, checked: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const checked = first!.checked;

    // The form sends the fingerprint back (a hidden field).
    const html = renderToStaticMarkup(createElement(BulkEnrolForm, { issuers: [{ id: issuer.id, name: issuer.name }], targets: [{ value: `mc:${mc.id}`, label: 'A', issuerId: issuer.id }] }));
    expect(html).toContain('<input type="hidden" name="checked" value=""/>');

    // Another list than the one previewed: the new list's preview, nobody enrolled.
    const changedList = 'email,name\nana@school.org,Ana Díaz\nbo@school.org,Bo Brown\n';
    const listChanged = previewOf(await bulkEnrolAction({ ok: true }, form({ issuerId: issuer.id, target: `mc:${mc.id}`, intent: 'import', checked, csv: changedList })));
    expect(listChanged).toMatchObject({ step: 'preview', notice: CHANGED, csv: changedList });
    expect(listChanged!.rows.map((r) => r.email)).toEqual(['ana@school.org', 'bo@school.org']);
    expect(listChanged!.checked).not.toBe(checked);

    // Another micro-credential than the one previewed: the same.
    const targetChanged = previewOf(await bulkEnrolAction({ ok: true }, form({ issuerId: issuer.id, target: `mc:${other.id}`, intent: 'import', checked, csv: previewed })));
    expect(targetChanged).toMatchObject({ step: 'preview', notice: CHANGED, title: 'Another credential' });
    // No fingerprint at all (a crafted request, a page from before): the same.
    expect(previewOf(await bulkEnrolAction({ ok: true }, form({ issuerId: issuer.id, target: `mc:${mc.id}`, intent: 'import', csv: previewed })))).toMatchObject({ notice: CHANGED });
    expect(await db.user.count({ where: { email: { in: ['ana@school.org', 'bo@school.org'] } } })).toBe(0);
    expect(await db.enrollment.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'people.bulk_enrol' } })).toBe(0);

    // What was previewed (line endings as a browser posts them aside) is imported.
    const done = await bulkEnrolAction({ ok: true }, form({ issuerId: issuer.id, target: `mc:${other.id}`, intent: 'import', checked: targetChanged!.checked, csv: previewed.replaceAll('\n', '\r\n') }));
    expect(done).toMatchObject({ ok: true, data: { step: 'done', rows: 1, created: 1, enrolled: 1, title: 'Another credential' } });
    expect(await db.enrollment.count({ where: { microCredentialId: other.id, user: { email: 'ana@school.org' } } })).toBe(1);
    expect(await db.enrollment.count({ where: { microCredentialId: mc.id } })).toBe(0);
  });
});
