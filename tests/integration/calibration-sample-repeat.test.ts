// Adding a calibration sample is safe to repeat: a request that got no answer and is sent again, or
// a double submit, leaves one sample, and the admin is told it was already there. A sample that
// differs in anything reviewers would see (an agreed level, an answer) is a new one.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createPublishedCredential, sampleDefinition } from '../factories';
import { createExemplar, ExemplarInput } from '@/lib/review/exemplars';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { session } from '../setup/session-stub';

vi.mock('@/lib/auth/session', async () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { createExemplarAction } = await import('@/app/admin/credentials/[id]/calibration/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const base = sampleDefinition().rubric;

async function world() {
  const { mc, admin } = await createPublishedCredential({ def: { rubric: base } });
  session.actor = admin;
  const versionId = async () => (await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { currentVersionId: true } })).currentVersionId!;
  /** The add form as the browser posts it: one partTitle and text per part, one expectedRank per criterion. */
  const form = (fields: { title: string; parts: [string, string][]; ranks: string[]; versionId: string }) => {
    const f = new FormData();
    f.set('microCredentialId', mc.id);
    f.set('versionId', fields.versionId);
    f.set('title', fields.title);
    for (const [partTitle, text] of fields.parts) {
      f.append('partTitle', partTitle);
      f.append('text', text);
    }
    for (const r of fields.ranks) f.append('expectedRank', r);
    return f;
  };
  const samples = () => db.calibrationExemplar.findMany({ where: { microCredentialId: mc.id }, orderBy: { createdAt: 'asc' }, select: { id: true, title: true, responses: true } });
  const audits = () => db.auditLog.count({ where: { action: 'calibration.exemplar_create' } });
  return { mc, admin, versionId, form, samples, audits };
}

const ADDED = 'Sample added. Reviewers who have not calibrated yet will score it first.';

describe('adding the same calibration sample again', () => {
  it('sent twice (no answer the first time), it is one sample with one audit entry, and the second answer says it was already added', async () => {
    const w = await world();
    const sent = { title: 'Sample C', parts: [['Context', 'Grade 7 class, exit tickets daily.'], ['Reflection', '']] as [string, string][], ranks: ['2', '3', '1'], versionId: await w.versionId() };
    expect(await createExemplarAction({ ok: true }, w.form(sent))).toEqual({ ok: true, message: ADDED });
    // The same request again: jsonb gives the answers back with their keys in its own order
    // ({ text, partTitle }), which must not make it look like another sample.
    expect(await createExemplarAction({ ok: true }, w.form(sent))).toEqual({ ok: true, message: expect.stringMatching(/^This sample was already added\./) });
    // The blank answer is left out of what is compared, as it is of what is stored; the title is trimmed.
    expect(await createExemplarAction({ ok: true }, w.form({ ...sent, title: '  Sample C ', parts: [['Context', 'Grade 7 class, exit tickets daily.'], ['Reflection', '   ']] }))).toEqual({ ok: true, message: expect.stringMatching(/^This sample was already added\./) });

    const rows = await w.samples();
    expect(rows).toEqual([{ id: expect.any(String), title: 'Sample C', responses: [{ partTitle: 'Context', text: 'Grade 7 class, exit tickets daily.' }] }]);
    expect(await w.audits()).toBe(1);
  });

  it('sent twice at once (a double submit), it is one sample: one answer adds it, the other is told it is there', async () => {
    const w = await world();
    const input = ExemplarInput.parse({ microCredentialId: w.mc.id, versionId: await w.versionId(), title: 'Sample D', responses: [{ partTitle: 'Context', text: 'Grade 5 team.' }], expectedRanks: [1, 2, 2] });
    const [a, b] = await Promise.all([createExemplar({ actor: w.admin, input }), createExemplar({ actor: w.admin, input })]);
    expect(a.id).toBe(b.id);
    expect([a.alreadyAdded, b.alreadyAdded].sort()).toEqual([false, true]);
    expect((await w.samples()).map((s) => s.id)).toEqual([a.id]);
    expect(await w.audits()).toBe(1);
  });

  it('differing only in one agreed level or in one answer’s text, it is another sample', async () => {
    const w = await world();
    const versionId = await w.versionId();
    const sample = { microCredentialId: w.mc.id, versionId, title: 'Sample E', responses: [{ partTitle: 'Context', text: 'Grade 3 class.' }, { partTitle: 'Reflection', text: 'We changed the seating.' }], expectedRanks: [1, 1, 2] };
    const first = await createExemplar({ actor: w.admin, input: ExemplarInput.parse(sample) });
    const otherLevel = await createExemplar({ actor: w.admin, input: ExemplarInput.parse({ ...sample, expectedRanks: [1, 1, 3] }) });
    const otherText = await createExemplar({ actor: w.admin, input: ExemplarInput.parse({ ...sample, responses: [sample.responses[0], { partTitle: 'Reflection', text: 'We changed the seating plan.' }] }) });
    expect([first.alreadyAdded, otherLevel.alreadyAdded, otherText.alreadyAdded]).toEqual([false, false, false]);
    expect(new Set([first.id, otherLevel.id, otherText.id]).size).toBe(3);
    expect(await w.samples()).toHaveLength(3);
    expect(await w.audits()).toBe(3);
  });

  it('on a new version with the same rubric, the sample scored on the earlier one is the one already there', async () => {
    const w = await world();
    const sample = { microCredentialId: w.mc.id, title: 'Sample F', responses: [{ partTitle: 'Context', text: 'Grade 8 science.' }], expectedRanks: [2, 2, 1] };
    const first = await createExemplar({ actor: w.admin, input: ExemplarInput.parse({ ...sample, versionId: await w.versionId() }) });
    // Version 2 changes the title only: its criteria are new rows, but they mean the same.
    await saveMicroCredentialDraft({ actor: w.admin, microCredentialId: w.mc.id, def: sampleDefinition({ slug: w.mc.slug, title: 'Exit tickets, revised', rubric: base }) });
    await publishMicroCredential({ actor: w.admin, microCredentialId: w.mc.id });
    const v2 = await w.versionId();
    expect(await createExemplar({ actor: w.admin, input: ExemplarInput.parse({ ...sample, versionId: v2 }) })).toEqual({ id: first.id, alreadyAdded: true });
    // Other agreed levels on that rubric are still another sample.
    expect(await createExemplar({ actor: w.admin, input: ExemplarInput.parse({ ...sample, versionId: v2, expectedRanks: [2, 2, 2] }) })).toMatchObject({ alreadyAdded: false });
    expect(await w.samples()).toHaveLength(2);
  });
});
