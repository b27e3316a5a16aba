import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';
import { createExemplar, deleteExemplar, ExemplarInput, getExemplarEditor } from '@/lib/review/exemplars';
import { getCalibration } from '@/lib/review/calibration';
import { session } from '../setup/session-stub';

vi.mock('@/lib/auth/session', async () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { deleteExemplarAction } = await import('@/app/admin/credentials/[id]/calibration/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('calibration samples', () => {
  it('issuer admins add samples that reviewers then see; other issuers cannot', async () => {
    const { mc, admin, version } = await createPublishedCredential();
    const other = await createPublishedCredential();
    const input = ExemplarInput.parse({ microCredentialId: mc.id, title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Grade 7 class.' }, { partTitle: 'Reflection', text: '' }], expectedRanks: [2, 3, 1] });
    await expect(createExemplar({ actor: other.admin, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createExemplar({ actor: admin, input: { ...input, expectedRanks: [2, 3] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(createExemplar({ actor: admin, input: { ...input, expectedRanks: [2, 3, 9] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    const created = await createExemplar({ actor: admin, input });
    const row = await db.calibrationExemplar.findUniqueOrThrow({ where: { id: created.id } });
    // Stored with the rubric version they were scored on, keyed by criterion.
    expect(row.expectedRanks).toEqual({ versionId: mc.currentVersionId, ranks: { [version.criteria[0].id]: 2, [version.criteria[1].id]: 3, [version.criteria[2].id]: 1 } });
    expect(row.responses).toEqual([{ partTitle: 'Context', text: 'Grade 7 class.' }]);
    const editor = await getExemplarEditor({ actor: admin, microCredentialId: mc.id });
    expect(editor.exemplars.map((e) => e.title)).toEqual(['Sample C']);
    // A reviewer qualified for the credential is now asked to calibrate against it.
    const reviewer = await (await import('../factories')).createActor({ roles: [{ role: 'REVIEWER', organizationId: mc.issuerId }] });
    await db.reviewerQualification.create({ data: { userId: reviewer.id, microCredentialId: mc.id, grantedById: admin.id } });
    const calibration = await getCalibration({ actor: reviewer, microCredentialId: mc.id });
    expect(calibration?.exemplars.map((e) => e.title)).toEqual(["Sample C"]);
    await expect(deleteExemplar({ actor: other.admin, exemplarId: created.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await deleteExemplar({ actor: admin, exemplarId: created.id });
    expect(await db.calibrationExemplar.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: { startsWith: 'calibration.exemplar_' } } })).toBe(2);
  });
});

describe('deleting a sample from its page', () => {
  it('says so in words when another admin already deleted it, instead of the error page', async () => {
    const { mc, admin } = await createPublishedCredential();
    const input = ExemplarInput.parse({ microCredentialId: mc.id, title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Grade 7 class.' }], expectedRanks: [2, 3, 1] });
    const created = await createExemplar({ actor: admin, input });
    const form = () => {
      const f = new FormData();
      f.set('exemplarId', created.id);
      f.set('microCredentialId', mc.id);
      return f;
    };
    session.actor = admin;
    expect(await deleteExemplarAction({ ok: true }, form())).toEqual({ ok: true, message: 'Sample deleted.' });
    expect(await db.calibrationExemplar.count()).toBe(0);
    // The same button, on a page loaded before that delete.
    expect(await deleteExemplarAction({ ok: true }, form())).toEqual({ ok: false, formError: expect.stringMatching(/already deleted.*Reload the page/) });
    // Another issuer's admin is refused in words, and nothing is deleted.
    const again = await createExemplar({ actor: admin, input });
    session.actor = (await createPublishedCredential()).admin;
    const f = form();
    f.set('exemplarId', again.id);
    expect(await deleteExemplarAction({ ok: true }, f)).toMatchObject({ ok: false, formError: expect.any(String) });
    expect(await db.calibrationExemplar.count()).toBe(1);
  });
});
