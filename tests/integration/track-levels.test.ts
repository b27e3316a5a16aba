import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createDraftCredential, createIssuerWithAdmin, publishNewCredential, trackDefinition, trackLevelsOf } from '../factories';
import { publishMicroCredential, retireMicroCredential } from '@/lib/authoring/mutations';
import { getCredentialForEdit } from '@/lib/authoring/queries';
import { createIssuerTrack, publishTrack, updateTrack } from '@/lib/authoring/tracks';
import { levelErrors } from '@/components/admin/track-stack-forms';

// The form's action is called as the browser would; who is signed in is set per test.
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { saveTrackAction } = await import('@/app/admin/tracks/actions');

/** The track's last save, as an edit page opened now sends it back (updateTrack refuses a save on top of a newer one). */
const seenTrack = async (id: string) => (await db.track.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const entry = (kind: 'TRACK' | 'MICRO_CREDENTIAL', refId: string) => db.catalogEntry.findFirstOrThrow({ where: { kind, refId }, select: { level: true, pdHours: true } });

describe('a credential that is already a level of another track', () => {
  it('is refused on its level, naming the credential and the other track, and stays where it was', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const basics = await publishNewCredential(admin, issuer.id, 'Reading basics', { pdHours: 10 });
    const conferences = await createDraftCredential(admin, issuer.id, 'Reading conferences');
    const coaching = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('literacy-coaching', 'Literacy coaching', [basics.slug, conferences.slug]) });
    await publishTrack({ actor: admin, trackId: coaching.id });
    const mine = await createDraftCredential(admin, issuer.id, 'Guided reading');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading-track', 'Reading', [mine.slug]) });

    const said = '“Reading conferences” is level 2 of the track “Literacy coaching”. Remove it from that track first.';
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('reading-track', 'Reading', [mine.slug, conferences.slug]) })).rejects.toMatchObject({
      code: 'VALIDATION', message: said, fieldErrors: { 'levels.1': [said] },
    });
    expect(await trackLevelsOf(coaching.id)).toEqual([`1:${basics.slug}`, `2:${conferences.slug}`]);
    expect(await trackLevelsOf(track.id)).toEqual([`1:${mine.slug}`]);

    // Nor can a new track take it.
    await expect(createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('new-track', 'New', [conferences.slug]) })).rejects.toMatchObject({
      code: 'VALIDATION', fieldErrors: { 'levels.0': [said] },
    });
    expect(await db.track.count({ where: { slug: 'new-track' } })).toBe(0);

    // A published level of the other track: it stays there, so the message does not send the admin to remove it.
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('reading-track', 'Reading', [mine.slug, basics.slug]) })).rejects.toMatchObject({
      fieldErrors: { 'levels.1': ['“Reading basics” is level 1 of the track “Literacy coaching” and has been published there, so it stays in that track. Choose another credential.'] },
    });
    expect(await trackLevelsOf(coaching.id)).toEqual([`1:${basics.slug}`, `2:${conferences.slug}`]);
    expect(Number((await entry('TRACK', coaching.id)).pdHours)).toBe(10);
    expect((await entry('MICRO_CREDENTIAL', basics.id)).level).toBe(1);
  });

  it('two tracks saved at the same moment cannot both take the same credential', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const shared = await createDraftCredential(admin, issuer.id, 'Reading conferences');
    const one = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('track-one', 'One', []) });
    const two = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('track-two', 'Two', []) });
    const [seenOne, seenTwo] = [await seenTrack(one.id), await seenTrack(two.id)];
    const results = await Promise.allSettled([
      updateTrack({ actor: admin, trackId: one.id, seenUpdatedAt: seenOne, def: trackDefinition('track-one', 'One', [shared.slug]) }),
      updateTrack({ actor: admin, trackId: two.id, seenUpdatedAt: seenTwo, def: trackDefinition('track-two', 'Two', [shared.slug]) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Remove it from that track first.') });
    const winner = results[0].status === 'fulfilled' ? one : two;
    expect((await db.microCredential.findUniqueOrThrow({ where: { id: shared.id }, select: { trackId: true } })).trackId).toBe(winner.id);
  });
});

describe('a published credential in the track', () => {
  async function publishedTrack() {
    const { issuer, admin } = await createIssuerWithAdmin();
    const a = await publishNewCredential(admin, issuer.id, 'Understanding feedback', { pdHours: 10 });
    const b = await publishNewCredential(admin, issuer.id, 'Feedback in your classroom', { pdHours: 5 });
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('feedback-track', 'Feedback', [a.slug, b.slug]) });
    await publishTrack({ actor: admin, trackId: track.id });
    return { issuer, admin, a, b, track };
  }

  it('keeps its level: re-ordering is refused on both levels, and nothing changes', async () => {
    const { admin, a, b, track } = await publishedTrack();
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('feedback-track', 'Feedback', [b.slug, a.slug]) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The levels cannot be saved like this. Fix the highlighted levels.',
      fieldErrors: {
        'levels.0': ['“Understanding feedback” is published as level 1, so it has to stay level 1: teachers who enrolled in it or earned it, and the catalogue, rely on its level. Put it back at level 1. For a different level, retire it and publish a new credential.'],
        'levels.1': [expect.stringContaining('“Feedback in your classroom” is published as level 2, so it has to stay level 2')],
      },
    });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`]);
    expect((await entry('MICRO_CREDENTIAL', a.id)).level).toBe(1);
    expect((await entry('MICRO_CREDENTIAL', b.id)).level).toBe(2);
    expect(await db.auditLog.count({ where: { entityId: track.id, action: 'track.edit' } })).toBe(0);
  });

  it('cannot be taken out of the track, published or retired, nor pushed down by a level put before it', async () => {
    const { issuer, admin, a, b, track } = await publishedTrack();
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('feedback-track', 'Feedback', [a.slug]) })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { 'levels.1': ['“Feedback in your classroom” is published as level 2, so it cannot be taken out of the track: teachers who enrolled in it or earned it, and the catalogue, rely on its place in it. Put it back at level 2. To stop offering it, retire the credential instead.'] },
    });
    await retireMicroCredential({ actor: admin, microCredentialId: b.id });
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('feedback-track', 'Feedback', [a.slug]) })).rejects.toMatchObject({
      fieldErrors: { 'levels.1': [expect.stringMatching(/^“Feedback in your classroom” was published as level 2 and is now retired, so it cannot be taken out of the track/)] },
    });
    const first = await createDraftCredential(admin, issuer.id, 'Before everything');
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('feedback-track', 'Feedback', [first.slug, a.slug, b.slug]) })).rejects.toMatchObject({
      fieldErrors: { 'levels.0': [expect.stringContaining('has to stay level 1')], 'levels.1': [expect.stringContaining('has to stay level 2')] },
    });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`]);
  });

  it('leaves never-published levels free: added after it, re-ordered, replaced and removed, each save logged', async () => {
    const { issuer, admin, a, b, track } = await publishedTrack();
    const [d1, d2, d3] = [await createDraftCredential(admin, issuer.id, 'Draft one'), await createDraftCredential(admin, issuer.id, 'Draft two'), await createDraftCredential(admin, issuer.id, 'Draft three')];
    const save = async (levels: string[]) => updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('feedback-track', 'Feedback', levels) });

    await save([a.slug, b.slug, d1.slug, d2.slug]);
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`, `3:${d1.slug}`, `4:${d2.slug}`]);
    await save([a.slug, b.slug, d2.slug, d1.slug]);
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`, `3:${d2.slug}`, `4:${d1.slug}`]);
    await save([a.slug, b.slug, d3.slug]);
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`, `3:${d3.slug}`]);
    // Taken out, never deleted.
    expect(await db.microCredential.count({ where: { id: { in: [d1.id, d2.id] }, trackId: null } })).toBe(2);

    const audit = await db.auditLog.findMany({ where: { entityId: track.id, action: 'track.edit' }, orderBy: { id: 'asc' }, select: { data: true } });
    expect(audit.map((e) => e.data)).toEqual([{ levels: [a.slug, b.slug, d1.slug, d2.slug] }, { levels: [a.slug, b.slug, d2.slug, d1.slug] }, { levels: [a.slug, b.slug, d3.slug] }]);
  });

  it('a draft level between published ones can be replaced', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const a = await publishNewCredential(admin, issuer.id, 'Level one');
    const d1 = await createDraftCredential(admin, issuer.id, 'Level two, first try');
    const c = await publishNewCredential(admin, issuer.id, 'Level three');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('three-levels', 'Three', [a.slug, d1.slug, c.slug]) });
    const d2 = await createDraftCredential(admin, issuer.id, 'Level two, second try');
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('three-levels', 'Three', [a.slug, d2.slug, c.slug]) });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${d2.slug}`, `3:${c.slug}`]);
  });

  it('a never-published credential’s pending draft follows a re-ordering, so publishing it keeps the order', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const d1 = await createDraftCredential(admin, issuer.id, 'First');
    const d2 = await createDraftCredential(admin, issuer.id, 'Second');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('two-drafts', 'Two', [d1.slug, d2.slug]) });
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('two-drafts', 'Two', [d2.slug, d1.slug]) });
    expect((await getCredentialForEdit({ actor: admin, microCredentialId: d1.id })).def?.level).toBe(2);
    await publishMicroCredential({ actor: admin, microCredentialId: d1.id });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${d2.slug}`, `2:${d1.slug}`]);
    expect((await entry('MICRO_CREDENTIAL', d1.id)).level).toBe(2);
  });
});

describe('empty and repeated levels', () => {
  async function twoLevels() {
    const { issuer, admin } = await createIssuerWithAdmin();
    const a = await createDraftCredential(admin, issuer.id, 'First');
    const b = await createDraftCredential(admin, issuer.id, 'Second');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('two-levels', 'Two', [a.slug, b.slug]) });
    return { issuer, admin, a, b, track };
  }

  it('an empty level before the last is refused on that level instead of moving the later ones down', async () => {
    const { admin, a, b, track } = await twoLevels();
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('two-levels', 'Two', [a.slug, '', b.slug]) })).rejects.toMatchObject({
      code: 'VALIDATION', fieldErrors: { 'levels.1': ['Level 2 is empty, but level 3 has a credential: a track cannot skip a level. Choose a credential for level 2, or move the later levels up if they were never published.'] },
    });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`]);
  });

  it('empty levels after the last are ignored', async () => {
    const { admin, a, b, track } = await twoLevels();
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('two-levels', 'Two', [b.slug, a.slug, '', ' ', '']) });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${b.slug}`, `2:${a.slug}`]);
  });

  it('a credential chosen for two levels is refused on the second', async () => {
    const { admin, a, b, track } = await twoLevels();
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('two-levels', 'Two', [a.slug, b.slug, a.slug]) })).rejects.toMatchObject({
      code: 'VALIDATION', fieldErrors: { 'levels.2': ['Level 3 repeats level 1: a credential can be one level only. Choose another credential, or leave level 3 empty.'] },
    });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`]);
  });

  it('the form’s five level boxes: an empty one in the middle comes back as that level’s error; empty ones at the end save', async () => {
    const { admin, a, b, track } = await twoLevels();
    session.actor = admin;
    const form = async (levels: string[]) => {
      const f = new FormData();
      for (const [k, v] of Object.entries({ trackId: track.id, seenUpdatedAt: (await seenTrack(track.id)).toISOString(), intent: 'save', slug: 'two-levels', kind: 'TRACK', title: 'Two', summary: 'Levels of one skill.', topic: 'Literacy', subjects: '', gradeBands: '', description: '' })) f.append(k, v);
      for (const level of levels) f.append('levels', level);
      return f;
    };
    const gap = await saveTrackAction({ ok: true }, await form([b.slug, '', a.slug, '', '']));
    expect(gap.ok).toBe(false);
    // Shown on the Level 2 box, which the form marks invalid and focuses.
    expect(levelErrors(gap.ok ? undefined : gap.fieldErrors, 1)).toEqual(['Level 2 is empty, but level 3 has a credential: a track cannot skip a level. Choose a credential for level 2, or move the later levels up if they were never published.']);
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`]);

    expect(await saveTrackAction({ ok: true }, await form([b.slug, a.slug, '', '', '']))).toMatchObject({ ok: true });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${b.slug}`, `2:${a.slug}`]);
  });
});

describe('catalogue entries', () => {
  it('a new track re-syncs the entries of the published credentials it gives a level', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    // Its own definition says level 2; as level 1 of the track, the catalogue must say 1.
    const c = await publishNewCredential(admin, issuer.id, 'Reading basics', { level: 2 });
    expect((await entry('MICRO_CREDENTIAL', c.id)).level).toBe(2);
    await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading-track', 'Reading', [c.slug]) });
    expect((await entry('MICRO_CREDENTIAL', c.id)).level).toBe(1);
  });

  it('an edit re-syncs the track’s entry and those of the credentials that joined it', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const a = await publishNewCredential(admin, issuer.id, 'Understanding feedback', { level: 1, pdHours: 10 });
    const b = await publishNewCredential(admin, issuer.id, 'Feedback in your classroom', { level: 1, pdHours: 5 });
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('feedback-track', 'Feedback', [a.slug]) });
    await publishTrack({ actor: admin, trackId: track.id });
    expect(Number((await entry('TRACK', track.id)).pdHours)).toBe(10);
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('feedback-track', 'Feedback', [a.slug, b.slug]) });
    expect(Number((await entry('TRACK', track.id)).pdHours)).toBe(15);
    expect((await entry('MICRO_CREDENTIAL', b.id)).level).toBe(2);
  });
});
