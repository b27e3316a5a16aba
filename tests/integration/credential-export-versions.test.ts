// The editor offers two downloads: the definition JSON of the newest version (a draft when there is
// one: what an import makes a credential from), and an OB 3.0 Achievement of the published version,
// named as the badges issued on it name it (its version page, which a draft does not have).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createOrg, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential, saveMicroCredentialDraft } from '@/lib/authoring/mutations';
import { loadDefinition } from '@/lib/authoring/queries';
import { exportAchievement, exportCredential } from '@/lib/authoring/import-export';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { GET } = await import('@/app/admin/credentials/[id]/export/route');
const { default: EditPage } = await import('@/app/admin/credentials/[id]/edit/page');
const download = (id: string, format?: string) => GET(new Request(`http://localhost/admin/credentials/${id}/export${format ? `?format=${format}` : ''}`), { params: Promise.resolve({ id }) });

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('exporting a credential with a draft pending', () => {
  it('builds the Achievement from the published version and the definition from the draft, each labelled with its version', async () => {
    const { admin, mc, version } = await createPublishedCredential({ def: { title: 'Exit Tickets', pdHours: 7.5 } });
    const { def } = await loadDefinition(version.id);
    await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...def, title: 'Exit Tickets, revised', pdHours: 9 } });

    const { achievement, version: achieved } = await exportAchievement({ actor: admin, microCredentialId: mc.id });
    expect(achieved).toBe(1);
    expect(achievement).toMatchObject({ name: 'Exit Tickets', creditsAvailable: 7.5, version: '1' });
    // The published version's page, which exists; the draft's (version 2) would not.
    expect(achievement.id).toMatch(new RegExp(`/micro-credentials/${mc.slug}/versions/1$`));
    const latest = await exportCredential({ actor: admin, microCredentialId: mc.id });
    expect(latest).toMatchObject({ version: 2, status: 'DRAFT', definition: { title: 'Exit Tickets, revised', pdHours: 9 } });

    session.actor = admin;
    const ach = await download(mc.id, 'achievement');
    expect(ach.headers.get('content-disposition')).toBe(`attachment; filename="${mc.slug}-v1.achievement.json"`);
    expect(await ach.json()).toMatchObject({ name: 'Exit Tickets' });
    const defn = await download(mc.id);
    expect(defn.headers.get('content-disposition')).toBe(`attachment; filename="${mc.slug}-v2.json"`);
    expect(await defn.json()).toMatchObject({ title: 'Exit Tickets, revised' });

    const page = textOf(renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: mc.id }) })));
    expect(page).toContain('Export definition JSON (version 2, draft)');
    expect(page).toContain('Export OB 3.0 Achievement (published version 1)');
  });

  it('a credential never published has a definition to export but no Achievement', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const admin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const mc = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition() });
    await expect(exportAchievement({ actor: admin, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('has not been published yet') });
    expect(await exportCredential({ actor: admin, microCredentialId: mc.id })).toMatchObject({ version: 1, status: 'DRAFT' });

    session.actor = admin;
    const refused = await download(mc.id, 'achievement');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: expect.stringContaining('Publish it first') });
    const page = textOf(renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id: mc.id }) })));
    expect(page).toContain('Export definition JSON (version 1, draft)');
    expect(page).toContain('An OB 3.0 Achievement can be exported once it is published');
    expect(page).not.toContain('format=achievement');
  });

  it('another issuer’s admin gets neither', async () => {
    const { mc } = await createPublishedCredential();
    const { admin: stranger } = await createPublishedCredential();
    await expect(exportAchievement({ actor: stranger, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(exportCredential({ actor: stranger, microCredentialId: mc.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
