// The edit page of a credential in a track, rendered from the real page against Postgres: the level
// is the one the track gave it (the credential's live level, not a draft's), shown in words with the
// way to the track page, instead of a choice the server would refuse.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createPublishedCredential } from '../factories';
import { createIssuerTrack, publishTrack } from '@/lib/authoring/tracks';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { default: EditPage } = await import('@/app/admin/credentials/[id]/edit/page');
const render = async (id: string) => renderToStaticMarkup(await EditPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }));

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

describe('the level of a published credential in a track', () => {
  it('is shown as the track has it, with a link to the track page, and no level to choose', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential({ def: { title: 'Understanding feedback' } });
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Feedback in your classroom' } });
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: { slug: 'feedback-track', title: 'Feedback', summary: 'Levels of one skill.', topic: 'Literacy', levels: [a.slug, b.slug] } });
    await publishTrack({ actor: admin, trackId: track.id });
    expect((await db.microCredential.findUniqueOrThrow({ where: { id: b.id }, select: { level: true } })).level).toBe(2);

    session.actor = admin;
    const html = await render(b.id);
    expect(html).toContain(`Level 2 of the track “Feedback”. Levels are set on <a href="/admin/tracks/${track.id}">the track page</a>.`);
    expect(html).not.toMatch(/<select[^>]*id="level"/);
  });

  it('stays a choice for a credential in no track', async () => {
    const { admin, mc } = await createPublishedCredential({ def: { title: 'Exit tickets' } });
    session.actor = admin;
    const html = await render(mc.id);
    expect(html).toMatch(/<select id="level" name="level"/);
    expect(html).not.toContain('Levels are set on');
  });
});
