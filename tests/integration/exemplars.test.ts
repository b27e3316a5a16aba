import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential, createQualifiedReviewer } from '../factories';
import { createExemplar, deleteExemplar, ExemplarInput, getExemplarEditor, RUBRIC_CHANGED } from '@/lib/review/exemplars';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { loadDefinition } from '@/lib/authoring/queries';
import { getCalibration } from '@/lib/review/calibration';
import { session } from '../setup/session-stub';

vi.mock('@/lib/auth/session', async () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { createExemplarAction, deleteExemplarAction, rescoreExemplarAction } = await import('@/app/admin/credentials/[id]/calibration/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('calibration samples', () => {
  it('issuer admins add samples that reviewers then see; other issuers cannot', async () => {
    const { mc, admin, version } = await createPublishedCredential();
    const other = await createPublishedCredential();
    const input = ExemplarInput.parse({ microCredentialId: mc.id, versionId: mc.currentVersionId, title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Grade 7 class.' }, { partTitle: 'Reflection', text: '' }], expectedRanks: [2, 3, 1] });
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
    const reviewer = await createQualifiedReviewer({ issuerId: mc.issuerId, microCredentialIds: mc.id, grantedById: admin.id });
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
    const input = ExemplarInput.parse({ microCredentialId: mc.id, versionId: mc.currentVersionId, title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Grade 7 class.' }], expectedRanks: [2, 3, 1] });
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

describe('adding or rescoring a sample from a page opened before a new rubric was published', () => {
  it('says to reload instead of putting the levels on the new rubric, and takes them from an up-to-date page', async () => {
    const { mc, admin, version } = await createPublishedCredential();
    session.actor = admin;
    const form = (fields: Record<string, string | string[]>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
      return f;
    };
    const sample = { microCredentialId: mc.id, title: 'Sample C', partTitle: 'Context', text: 'Grade 7 class.', expectedRank: ['2', '3', '1'] };
    const existing = await createExemplar({ actor: admin, input: ExemplarInput.parse({ microCredentialId: mc.id, versionId: version.id, title: 'Sample A', responses: [{ partTitle: 'Context', text: 'A.' }], expectedRanks: [1, 1, 1] }) });

    // Version 2 gives the rubric a fourth level of wording: the page still shows version 1.
    const { def } = await loadDefinition(version.id);
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...def, rubric: { ...def.rubric, levels: ['Not yet', 'Emerging', 'Secure', 'Leading'] } } });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });

    expect(await createExemplarAction({ ok: true }, form({ ...sample, versionId: version.id }))).toEqual({ ok: false, formError: RUBRIC_CHANGED });
    expect(await rescoreExemplarAction({ ok: true }, form({ exemplarId: existing.id, microCredentialId: mc.id, versionId: version.id, expectedRank: ['2', '2', '2'] }))).toEqual({ ok: false, formError: RUBRIC_CHANGED });
    // A page from before the form said which rubric it showed is just as out of date.
    expect(await createExemplarAction({ ok: true }, form(sample))).toMatchObject({ ok: false, fieldErrors: { versionId: [RUBRIC_CHANGED] } });
    expect(await db.calibrationExemplar.count()).toBe(1);

    const current = (await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { currentVersionId: true } })).currentVersionId!;
    expect(await createExemplarAction({ ok: true }, form({ ...sample, versionId: current }))).toMatchObject({ ok: true });
    expect(await db.calibrationExemplar.count()).toBe(2);
  });
});
