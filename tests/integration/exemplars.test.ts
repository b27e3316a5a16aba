import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential } from '../factories';
import { createExemplar, deleteExemplar, ExemplarInput, getExemplarEditor } from '@/lib/review/exemplars';
import { getCalibration } from '@/lib/review/calibration';

beforeEach(resetDatabase);

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
