// A published track none of whose levels is published (older data: publishing a track and retiring
// its last level now keep one open). Enrolling is refused in words a teacher can act on, and the
// track's page offers no "Enrol in all levels" button, saying instead that no level is open yet.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { textJoined } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { createIssuerTrack, publishTrack } from '@/lib/authoring/tracks';
import { enrollInTrack } from '@/lib/enrollment/mutations';
import { syncCatalogEntry } from '@/lib/catalog/projection';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: TrackPage } = await import('@/app/tracks/[slug]/page');
const { enrollTrackAction } = await import('@/app/tracks/[slug]/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const trackPage = async (slug: string) => renderToStaticMarkup(await TrackPage({ params: Promise.resolve({ slug }), searchParams: Promise.resolve({}) }));

/** A published track whose only level has since been retired, as older data can have it. */
async function trackWithNoOpenLevel(kind: 'TRACK' | 'COURSE' = 'TRACK') {
  const { issuer, admin, mc } = await createPublishedCredential({ def: { title: 'Understanding feedback' } });
  const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: { slug: 'feedback-track', kind, title: 'Feedback', summary: 'Levels of feedback.', topic: 'Assessment', levels: [mc.slug] } });
  await publishTrack({ actor: admin, trackId: track.id });
  // Written directly: retiring a published track's last published level is refused today.
  await db.microCredential.update({ where: { id: mc.id }, data: { status: 'RETIRED' } });
  return { track, mc };
}

const REFUSED = 'No level of this badge track is open yet, so there is nothing to enrol in. Look for it again later, or find another in the catalogue.';

describe('enrolling in a published track with no published level', () => {
  it('is refused in plain words, and enrols the teacher in nothing', async () => {
    const { track } = await trackWithNoOpenLevel();
    const teacher = await createActor();
    await expect(enrollInTrack({ actor: teacher, trackId: track.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: REFUSED });
    expect(await db.enrollment.count({ where: { userId: teacher.id } })).toBe(0);

    // Through the button's action: the refusal comes back as the form's error, said beside it.
    session.actor = teacher;
    expect(await enrollTrackAction({ ok: true }, form({ trackId: track.id, slug: 'feedback-track' }))).toMatchObject({ ok: false, formError: REFUSED });
    expect(await db.enrollment.count({ where: { userId: teacher.id } })).toBe(0);
  });

  it('leaves the catalogue when it is next synced, as a retired track does', async () => {
    const { track } = await trackWithNoOpenLevel();
    // Listed while it had a level (publishTrack synced it); the level went behind its back.
    expect(await db.catalogEntry.count({ where: { kind: 'TRACK', refId: track.id } })).toBe(1);
    await db.$transaction((tx) => syncCatalogEntry(tx, 'TRACK', track.id));
    expect(await db.catalogEntry.count({ where: { kind: 'TRACK', refId: track.id } })).toBe(0);
  });

  it('calls a course a course', async () => {
    const { track } = await trackWithNoOpenLevel('COURSE');
    await expect(enrollInTrack({ actor: await createActor(), trackId: track.id })).rejects.toMatchObject({
      code: 'INVALID_STATE', message: expect.stringMatching(/^No level of this course is open yet/),
    });
  });
});

describe('the page of a published track with no published level', () => {
  it('offers no enrol button, to a teacher or a visitor, and says no level is open yet', async () => {
    await trackWithNoOpenLevel();
    for (const actor of [await createActor(), null]) {
      session.actor = actor;
      const html = await trackPage('feedback-track');
      const text = textJoined(html);
      expect(text).toContain('No level of this badge track is open yet, so there is nothing to enrol in. Find another in the catalogue.');
      expect(html).toContain('href="/catalog"');
      expect(text).toContain('no level open yet');
      expect(text).toContain('None is open yet.');
      expect(html).not.toContain('Enrol in all levels');
      expect(html).not.toContain('Create a free account to enrol');
      // Not "enrolled in every level" of none; and no empty list of levels.
      expect(text).not.toContain('You are enrolled in every level');
      expect(html).not.toContain('<ol');
    }
  });

  it('a track with a published level still offers the button, and counts one level as one', async () => {
    const { mc } = await trackWithNoOpenLevel();
    await db.microCredential.update({ where: { id: mc.id }, data: { status: 'PUBLISHED' } });
    session.actor = await createActor();
    const html = await trackPage('feedback-track');
    expect(html).toContain('Enrol in all levels');
    expect(textJoined(html)).toContain('· 1 level');
    expect(html).not.toContain('is open yet');
  });
});
