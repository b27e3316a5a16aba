// "Save draft" keeps unfinished work on the server; "Publish" still needs the whole definition.
// Real Postgres and S3; who is signed in is set per test (no session cookie outside a request).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential, NOT_READY_TO_PUBLISH, publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { getCredentialForEdit, loadDefinition } from '@/lib/authoring/queries';
import { getVersionPreview } from '@/lib/authoring/preview';
import { exportCredential } from '@/lib/authoring/import-export';
import { MicroCredentialDraft } from '@/lib/authoring/schemas';
import { defToForm, emptyForm, formToDefInput, type CredentialForm } from '@/components/admin/credential-form-state';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { saveCredentialAction, publishCredentialAction } = await import('@/app/admin/credentials/actions');
const { default: EditPage } = await import('@/app/admin/credentials/[id]/edit/page');
const { default: PreviewPage } = await import('@/app/admin/credentials/[id]/preview/page');

const search = (q: Record<string, string>) => searchCatalog(CatalogSearchInput.parse(q));
/** The form without its browser-only ids, to compare what was typed with what came back. */
const withoutIds = (f: CredentialForm) => JSON.parse(JSON.stringify(f, (k, v) => (k === 'uid' || k === 'levelIds' ? undefined : v)));

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

async function issuerWithAdmin() {
  const issuer = await createOrg({ kind: 'ISSUER' });
  const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  return { issuer, admin };
}

/** What the editor holds after a first sitting: a title, the hours, one part named, half a rubric. */
function halfWritten(): CredentialForm {
  const f = emptyForm();
  return {
    ...f,
    title: 'Exit tickets',
    slug: 'exit-tickets',
    pdHours: '3',
    level: '',
    parts: [{ ...f.parts[0], title: 'Your plan' }],
    rubric: {
      ...f.rubric,
      criteria: [{ ...f.rubric.criteria[0], title: 'Uses the tickets', descriptors: ['No tickets', 'Some tickets', '', ''] }],
      passingKind: 'TOTAL_AT_LEAST',
      total: '',
    },
    alignments: [{ uid: 'a1', targetName: 'ISTE 2.5', targetUrl: '', targetDescription: '', targetFramework: '', targetCode: '' }],
  };
}

describe('saving an unfinished new draft', () => {
  it('stores it as it is, says what publishing still needs, and reopens exactly as it was saved', async () => {
    const { issuer, admin } = await issuerWithAdmin();
    session.actor = admin;
    const form = halfWritten();

    const res = await saveCredentialAction({ issuerId: issuer.id, def: formToDefInput(form), badgeImageKey: null });
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(res.message).toBe('Draft saved. Before you can publish, fill in what is listed.');
    const missing = res.data!.missing;
    expect(Object.keys(missing)).toEqual(expect.arrayContaining([
      'summary', 'competency', 'keyMethod', 'topic', 'parts.0.prompt', 'rubric.criteria.0.descriptors.2', 'rubric.criteria.0.descriptors.3', 'rubric.passingRule.total', 'alignments.0.targetUrl',
    ]));
    expect(missing).not.toHaveProperty('title');
    expect(missing).not.toHaveProperty('parts.0.title');

    // Stored: empty where nothing was written, nothing filled in (no passing total of 1, no level).
    const row = await db.microCredential.findUniqueOrThrow({ where: { id: res.data!.id }, select: { status: true, slug: true, topic: true, level: true, versions: { select: { title: true, summary: true, passingTotal: true, pdHours: true } } } });
    expect(row).toMatchObject({ status: 'DRAFT', slug: 'exit-tickets', topic: '', level: null });
    expect(row.versions).toEqual([{ title: 'Exit tickets', summary: '', passingTotal: null, pdHours: expect.anything() }]);
    expect(Number(row.versions[0].pdHours)).toBe(3);

    // Reopened: the same definition, and the same form, as was sent.
    const edit = await getCredentialForEdit({ actor: admin, microCredentialId: res.data!.id });
    expect(edit.def).toEqual(MicroCredentialDraft.parse(formToDefInput(form)));
    expect(withoutIds(defToForm(edit.def!))).toEqual(withoutIds(form));
    expect(edit.publishGaps).toEqual(missing);

    // The page the editor moves to after the first save says so, with the list, and shows the values.
    const page = renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: res.data!.id }), searchParams: Promise.resolve({ saved: '1' }) }));
    expect(textOf(page)).toContain('Draft saved. Before you can publish: Summary: This field is required.');
    expect(page).toMatch(/<input id="title"[^>]*value="Exit tickets"/);
    expect(page).toMatch(/<textarea id="rubric.criteria.0.descriptors.1"[^>]*>Some tickets<\/textarea>/);
    expect(page).toMatch(/<textarea id="rubric.criteria.0.descriptors.2"[^>]*><\/textarea>/);
    // Opened again later: what it lacks, without "saved".
    const later = textOf(renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: res.data!.id }) })));
    expect(later).toContain('This draft is not ready to publish yet. Before you can publish:');
    expect(later).not.toContain('Draft saved');
    // Nothing to export yet: the export refuses an unfinished draft, so the page does not offer it.
    expect(later).toContain('The definition JSON can be exported once the draft has everything it needs to publish');
    expect(later).toContain('An OB 3.0 Achievement can be exported once it is published');
    expect(page).not.toContain('/export"');

    // Saving it again unchanged keeps it exactly so (the draft is rewritten in place).
    // An empty picture key (a hand-made request) is no picture, not a key stored unchecked.
    const again = await saveCredentialAction({ microCredentialId: res.data!.id, def: formToDefInput(defToForm(edit.def!)), badgeImageKey: '', expected: { versionId: edit.latest!.id, updatedAt: edit.latest!.updatedAt } });
    expect(again).toMatchObject({ ok: true, data: { missing } });
    expect((await loadDefinition(edit.latest!.id)).def).toEqual(edit.def);
    expect((await db.microCredentialVersion.findUniqueOrThrow({ where: { id: edit.latest!.id }, select: { badgeImageKey: true } })).badgeImageKey).toBeNull();
  });

  it('keeps a passing level left blank as not chosen: reopened blank, named as missing under either rule, and never publishable', async () => {
    const { issuer, admin } = await issuerWithAdmin();
    session.actor = admin;
    for (const passingKind of ['ALL_AT_LEAST', 'TOTAL_AT_LEAST'] as const) {
      const form = { ...halfWritten(), slug: `blank-pass-${passingKind.toLowerCase().replace(/_/g, '-')}`, rubric: { ...halfWritten().rubric, passingKind, levelRank: '', total: '6' } };
      const res = await saveCredentialAction({ issuerId: issuer.id, def: formToDefInput(form), badgeImageKey: null });
      if (!res.ok) throw new Error(JSON.stringify(res));
      // Stored as not chosen (before, 0: the lowest level, which a total rule accepted as its floor).
      const version = await db.microCredentialVersion.findFirstOrThrow({ where: { microCredentialId: res.data!.id }, select: { id: true, passingLevelRank: true } });
      expect(version.passingLevelRank, passingKind).toBeNull();
      expect(res.data!.missing, passingKind).toHaveProperty(['rubric.passingRule.levelRank']);
      const edit = await getCredentialForEdit({ actor: admin, microCredentialId: res.data!.id });
      expect(defToForm(edit.def!).rubric.levelRank, passingKind).toBe('');
      // The preview says so instead of naming no level.
      const preview = textOf(renderToStaticMarkup(await PreviewPage({ params: Promise.resolve({ id: res.data!.id }) })));
      expect(preview, passingKind).toContain('The passing level is not chosen yet');
      // Whoever writes the row, a version cannot leave draft without one.
      await expect(db.microCredentialVersion.update({ where: { id: version.id }, data: { status: 'PUBLISHED' } }), passingKind).rejects.toThrow(/passing_level_when_published/);
    }
  });

  it('still needs a title (and the address and hours the record cannot be stored without); nothing is stored without them', async () => {
    const { issuer, admin } = await issuerWithAdmin();
    session.actor = admin;
    const res = await saveCredentialAction({ issuerId: issuer.id, def: formToDefInput({ ...emptyForm(), pdHours: '' }), badgeImageKey: null });
    expect(res).toMatchObject({ ok: false, fieldErrors: { title: ['Give the draft a title, so you can find it again.'], slug: ['Enter the web address, like growth-mindset-1.'], pdHours: [expect.stringContaining('Enter the PD hours')] } });
    expect(res.ok || Object.keys(res.fieldErrors ?? {}).sort()).toEqual(['pdHours', 'slug', 'title']);
    expect(await db.microCredential.count()).toBe(0);
  });

  it('refuses hostile or oversized values on their field and stores nothing; NUL characters are dropped', async () => {
    const { issuer, admin } = await issuerWithAdmin();
    session.actor = admin;
    const base = formToDefInput(halfWritten());
    const refused: [unknown, string][] = [
      [{ ...base, title: 'a'.repeat(300_000) }, 'title'],
      [{ ...base, summary: 'a'.repeat(601) }, 'summary'],
      [{ ...base, resources: [{ kind: 'LINK', title: 'Read this', url: 'javascript:alert(document.cookie)' }] }, 'resources.0.url'],
      [{ ...base, alignments: [{ targetName: 'S', targetUrl: 'data:text/html,<script>alert(1)</script>' }] }, 'alignments.0.targetUrl'],
      [{ ...base, parts: [{ title: 'P', prompt: 'a'.repeat(10_001), responseType: 'TEXT' }] }, 'parts.0.prompt'],
      [{ ...base, rubric: { ...base.rubric, criteria: [{ title: 'C', partIndex: 5, descriptors: [] }] } }, 'rubric.criteria.0.partIndex'],
      [{ ...base, parts: { __proto__: { polluted: 'yes' } } }, 'parts'],
    ];
    for (const [def, field] of refused) {
      const res = await saveCredentialAction({ issuerId: issuer.id, def, badgeImageKey: null });
      expect(res.ok, field).toBe(false);
      expect(!res.ok && res.fieldErrors?.[field], field).toEqual([expect.any(String)]);
    }
    // The domain refuses them too, whoever calls it.
    await expect(createMicroCredential({ actor: admin, issuerId: issuer.id, def: refused[2][0] as never, allowIncomplete: true })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { 'resources.0.url': expect.any(Array) } });
    expect(await db.microCredential.count()).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const res = await saveCredentialAction({ issuerId: issuer.id, def: { ...base, title: 'Exit\u0000 tickets' }, badgeImageKey: null });
    expect(res.ok).toBe(true);
    expect((await db.microCredentialVersion.findFirstOrThrow({ select: { title: true } })).title).toBe('Exit tickets');
  });
});

describe('publishing an unfinished draft', () => {
  it('is refused with the complete list of what is missing; once it is filled in, it publishes', async () => {
    const { issuer, admin } = await issuerWithAdmin();
    session.actor = admin;
    const saved = await saveCredentialAction({ issuerId: issuer.id, def: formToDefInput(halfWritten()), badgeImageKey: null });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const { id, missing } = saved.data!;

    const res = await publishCredentialAction({ microCredentialId: id, expected: { versionId: saved.data!.versionId, updatedAt: saved.data!.savedAt } });
    expect(res).toEqual({ ok: false, formError: NOT_READY_TO_PUBLISH, fieldErrors: missing });
    await expect(publishMicroCredential({ actor: admin, microCredentialId: id })).rejects.toMatchObject({ code: 'INVALID_STATE', fieldErrors: missing });
    const row = await db.microCredential.findUniqueOrThrow({ where: { id }, select: { status: true, currentVersionId: true, versions: { select: { status: true } } } });
    expect(row).toEqual({ status: 'DRAFT', currentVersionId: null, versions: [{ status: 'DRAFT' }] });
    expect((await search({ q: 'exit' })).items).toHaveLength(0);

    // The preview shows it as far as it goes, with what it lacks; an unfinished draft is not exported.
    expect((await getVersionPreview({ actor: admin, microCredentialId: id })).missing).toEqual(missing);
    const preview = textOf(renderToStaticMarkup(await PreviewPage({ params: Promise.resolve({ id }) })));
    expect(preview).toContain('Not ready to publish yet. Before you can publish: Summary: This field is required.');
    expect(preview).toContain('Exit tickets');
    await expect(exportCredential({ actor: admin, microCredentialId: id })).rejects.toMatchObject({ code: 'INVALID_STATE' });

    // Finished, it publishes.
    const done = await saveMicroCredentialDraft({ actor: admin, microCredentialId: id, def: sampleDefinition({ slug: 'exit-tickets', title: 'Exit tickets' }), allowIncomplete: true });
    expect(done.missing).toEqual({});
    expect(await publishCredentialAction({ microCredentialId: id, expected: { versionId: done.versionId, updatedAt: done.updatedAt } })).toMatchObject({ ok: true });
    expect((await search({ q: 'exit' })).items.map((i) => i.slug)).toEqual(['exit-tickets']);
  });

  it('of a published credential: teachers keep the published version, and the unfinished draft cannot replace it', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { title: 'Socratic seminars' } });
    session.actor = admin;
    const def = (await loadDefinition(version.id)).def;
    const opened = (await getCredentialForEdit({ actor: admin, microCredentialId: mc.id })).latest!;
    const res = await saveCredentialAction({ microCredentialId: mc.id, def: { ...def, summary: '', parts: [], rubric: { ...def.rubric, criteria: [] } }, badgeImageKey: null, expected: { versionId: opened.id, updatedAt: opened.updatedAt } });
    if (!res.ok) throw new Error(JSON.stringify(res));
    expect(res.data!.missing).toMatchObject({ summary: expect.any(Array), parts: expect.any(Array), 'rubric.criteria': expect.any(Array) });

    expect(await publishCredentialAction({ microCredentialId: mc.id, expected: { versionId: res.data!.versionId, updatedAt: res.data!.savedAt } })).toMatchObject({ ok: false, formError: NOT_READY_TO_PUBLISH, fieldErrors: res.data!.missing });
    const live = await db.microCredential.findUniqueOrThrow({ where: { id: mc.id }, select: { status: true, currentVersionId: true } });
    expect(live).toEqual({ status: 'PUBLISHED', currentVersionId: version.id });
    expect((await search({ q: 'socratic' })).items.map((i) => i.slug)).toEqual([mc.slug]);
  });
});

describe('an unfinished draft belongs to its issuer', () => {
  it('an admin of another issuer, or a teacher, cannot save into it or publish it; the draft is unchanged', async () => {
    const { issuer, admin } = await issuerWithAdmin();
    session.actor = admin;
    const saved = await saveCredentialAction({ issuerId: issuer.id, def: formToDefInput(halfWritten()), badgeImageKey: null });
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    const id = saved.data!.id;
    const before = await getCredentialForEdit({ actor: admin, microCredentialId: id });

    const otherIssuer = await createOrg({ kind: 'ISSUER' });
    const otherAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: otherIssuer.id }] });
    const teacher = await createActor();
    for (const actor of [otherAdmin, teacher]) {
      session.actor = actor;
      const attempt = formToDefInput({ ...halfWritten(), title: 'Taken over' });
      expect(await saveCredentialAction({ microCredentialId: id, def: attempt, badgeImageKey: null })).toMatchObject({ ok: false, formError: 'You do not have permission to do that.' });
      // Nor as a new credential of that issuer.
      expect(await saveCredentialAction({ issuerId: issuer.id, def: { ...attempt, slug: 'taken-over' }, badgeImageKey: null })).toMatchObject({ ok: false, formError: 'You do not have permission to do that.' });
      await expect(saveMicroCredentialDraft({ actor, microCredentialId: id, def: attempt, allowIncomplete: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await publishCredentialAction({ microCredentialId: id, expected: { versionId: before.latest!.id, updatedAt: before.latest!.updatedAt } })).toMatchObject({ ok: false, formError: 'You do not have permission to do that.' });
      await expect(getCredentialForEdit({ actor, microCredentialId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }

    const after = await getCredentialForEdit({ actor: admin, microCredentialId: id });
    expect(after.def).toEqual(before.def);
    expect(after.latest!.updatedAt).toEqual(before.latest!.updatedAt);
    expect(await db.microCredential.count()).toBe(1);
  });
});
