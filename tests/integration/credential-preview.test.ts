// "Preview as teachers will see it": an issuer's author reads the newest version (a draft) as the
// public page shows a version, with the sections changed since the published one. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { publishMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { loadDefinition } from '@/lib/authoring/queries';
import { getVersionPreview } from '@/lib/authoring/preview';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: PreviewPage } = await import('@/app/admin/credentials/[id]/preview/page');
const { default: EditPage } = await import('@/app/admin/credentials/[id]/edit/page');
const render = async (id: string) => renderToStaticMarkup(await PreviewPage({ params: Promise.resolve({ id }) }));

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('previewing a draft version', () => {
  it('shows the draft as teachers will read it, and what changed since the published version', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { title: 'Questioning Strategies' } });
    const def = (await loadDefinition(version.id)).def;
    const criteria = def.rubric.criteria.map((c, i) => (i === 0 ? { ...c, description: `${c.description} Now with a sharper focus on wait time.` } : c));
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...def, title: 'Questioning Strategies (revised)', pdHours: 12, rubric: { ...def.rubric, criteria } } });

    const preview = await getVersionPreview({ actor: admin, microCredentialId: mc.id });
    expect(preview.isDraft).toBe(true);
    expect(preview.version).toMatchObject({ version: 2, title: 'Questioning Strategies (revised)' });
    expect(preview.published).toEqual({ version: 1, changed: ['Title', 'PD hours', 'Rubric'] });

    session.actor = admin;
    const html = textOf(await render(mc.id));
    expect(html).toContain('Preview of version 2, a draft');
    expect(html).toContain('until then they see version 1');
    expect(html).toContain('Changed since version 1: Title PD hours Rubric');
    expect(html).toContain('Questioning Strategies (revised)');
    expect(html).toContain('Now with a sharper focus on wait time.');
    // The editor links to it while there is a draft.
    expect(renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: mc.id }) }))).toContain(`href="/admin/credentials/${mc.id}/preview"`);
  });

  it('a draft identical to the published version says nothing changed; once published there is no draft to preview', async () => {
    const { admin, mc, version } = await createPublishedCredential();
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: (await loadDefinition(version.id)).def });
    expect((await getVersionPreview({ actor: admin, microCredentialId: mc.id })).published).toEqual({ version: 1, changed: [] });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id });
    const after = await getVersionPreview({ actor: admin, microCredentialId: mc.id });
    expect(after).toMatchObject({ isDraft: false, published: null });
    session.actor = admin;
    expect(textOf(await render(mc.id))).toContain('Version 2 is the published version');
    expect(renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: mc.id }) }))).not.toContain('/preview"');
  });

  it('is for the issuer’s authors only: another issuer’s admin and a teacher get “not found”', async () => {
    const { mc } = await createPublishedCredential();
    const other = await createPublishedCredential();
    const teacher = await createActor();
    for (const actor of [other.admin, teacher]) {
      await expect(getVersionPreview({ actor, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      session.actor = actor;
      await expect(render(mc.id)).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    }
  });
});
