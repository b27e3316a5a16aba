// A published credential can sit in a track that is still a draft (not announced yet) or was
// retired. Its public page and the dashboard's "Continue to Level N" name only a published track:
// neither the title of an unannounced track nor its next level leaks, and a retired track offers
// no next level. Against Postgres, through the queries and the anonymous page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textOf } from '../setup/html';
import { createActor, createIssuerWithAdmin, publishNewCredential, trackDefinition } from '../factories';
import { getTeacherDashboard } from '@/lib/enrollment/queries';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { getMicroCredentialPage, getNextTrackLevels } from '@/lib/catalog/queries';
import { createIssuerTrack, publishTrack, retireTrack } from '@/lib/authoring/tracks';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: MicroCredentialPage } = await import('@/app/micro-credentials/[slug]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const anonymousPage = async (slug: string) =>
  textOf(renderToStaticMarkup(await MicroCredentialPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) })));

async function twoLevelTrack() {
  const { issuer, admin } = await createIssuerWithAdmin();
  const one = await publishNewCredential(admin, issuer.id, 'Reading basics');
  const two = await publishNewCredential(admin, issuer.id, 'Reading further');
  const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading-ladder', 'Reading Ladder', [one.slug, two.slug]) });
  return { admin, one, two, track };
}

describe("a credential's track, shown to the public and to teachers", () => {
  it('is left out while the track is a draft: no "Part of", no next level, no "Continue to Level 2"', async () => {
    const { one } = await twoLevelTrack();
    const page = await getMicroCredentialPage(one.slug);
    expect(page?.status).toBe('PUBLISHED');
    expect(page?.track).toBeNull();
    expect((await getNextTrackLevels([one.id])).size).toBe(0);
    const html = await anonymousPage(one.slug);
    expect(html).toContain('Reading basics');
    expect(html).not.toContain('Reading Ladder');
    expect(html).not.toContain('What comes next');
  });

  it('is shown once the track is published, and left out again once it is retired', async () => {
    const { admin, one, two, track } = await twoLevelTrack();
    await publishTrack({ actor: admin, trackId: track.id });
    expect((await getMicroCredentialPage(one.slug))?.track).toMatchObject({ slug: 'reading-ladder', title: 'Reading Ladder' });
    expect((await getNextTrackLevels([one.id])).get(one.id)).toMatchObject({ id: two.id, level: 2, title: 'Reading further' });
    const published = await anonymousPage(one.slug);
    expect(published).toContain('Part of Reading Ladder');
    expect(published).toContain('What comes next: Level 2: Reading further');

    await retireTrack({ actor: admin, trackId: track.id });
    expect((await getMicroCredentialPage(one.slug))?.track).toBeNull();
    expect((await getNextTrackLevels([one.id])).size).toBe(0);
    const retired = await anonymousPage(one.slug);
    expect(retired).not.toContain('Reading Ladder');
    expect(retired).not.toContain('What comes next');
  });

  it('is not named on an enrolled teacher’s dashboard while it is a draft or once it is retired', async () => {
    const { admin, one, track } = await twoLevelTrack();
    const teacher = await createActor();
    await enrollInMicroCredential({ actor: teacher, microCredentialId: one.id });
    const trackOnDashboard = async () => (await getTeacherDashboard(teacher)).enrollments.map((e) => e.microCredential?.track?.title ?? null);
    expect(await trackOnDashboard()).toEqual([null]);
    await publishTrack({ actor: admin, trackId: track.id });
    expect(await trackOnDashboard()).toEqual(['Reading Ladder']);
    await retireTrack({ actor: admin, trackId: track.id });
    expect(await trackOnDashboard()).toEqual([null]);
  });
});
