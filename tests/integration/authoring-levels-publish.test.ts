// A credential's level in its track stays the track's to set; publishing only puts live what the
// publisher saw; a published track keeps something to earn. Real Postgres; who is signed in is set
// per test (no session cookie outside a request).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import {
  createActor, createDraftCredential, createIssuerWithAdmin, publishNewCredential, sampleDefinition, trackDefinition, trackLevelsOf,
} from '../factories';
import type { Actor } from '@/lib/auth/actor';
import {
  createMicroCredential, deleteDraftMicroCredential, EDIT_CONFLICT, publishMicroCredential, retireMicroCredential, saveMicroCredentialDraft,
} from '@/lib/authoring/mutations';
import { getCredentialForEdit, getTrackForEdit, loadDefinition } from '@/lib/authoring/queries';
import { createIssuerTrack, publishTrack, retireTrack, updateTrack } from '@/lib/authoring/tracks';
import { getPublishedTrack } from '@/lib/catalog/queries';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { publishCredentialAction } = await import('@/app/admin/credentials/actions');
const { default: EditTrackPage } = await import('@/app/admin/tracks/[id]/page');

/** The track's last save, as an edit page opened now sends it back (updateTrack refuses a save on top of a newer one). */
const seenTrack = async (id: string) => (await db.track.findUniqueOrThrow({ where: { id }, select: { updatedAt: true } })).updatedAt;

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const live = (id: string) => db.microCredential.findUniqueOrThrow({ where: { id }, select: { status: true, level: true, trackId: true, currentVersionId: true } });
const catalogueLevel = async (id: string) => (await db.catalogEntry.findFirstOrThrow({ where: { kind: 'MICRO_CREDENTIAL', refId: id }, select: { level: true } })).level;
/** What the editor holds: the newest version as it loaded it. */
async function openEditor(actor: Actor, microCredentialId: string) {
  const edit = await getCredentialForEdit({ actor, microCredentialId });
  return { def: edit.def!, expected: { versionId: edit.latest!.id, updatedAt: edit.latest!.updatedAt } };
}

/** A published track "Reading": level 1 "Reading basics", level 2 "Reading conferences", both published. */
async function publishedTrack() {
  const { issuer, admin } = await createIssuerWithAdmin();
  const basics = await publishNewCredential(admin, issuer.id, 'Reading basics');
  const conferences = await publishNewCredential(admin, issuer.id, 'Reading conferences');
  const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading', 'Reading', [basics.slug, conferences.slug]) });
  await publishTrack({ actor: admin, trackId: track.id });
  return { issuer, admin, basics, conferences, track };
}

describe('the level of a published credential in a track, in the editor', () => {
  const said = '“Reading conferences” is level 2 of the track “Reading” and has been published, so its level cannot change: teachers who enrolled in it or earned it rely on it. Set the level back to Level 2.';

  it('another level, or “No level”, is refused on the level field, and nothing is saved', async () => {
    const { admin, basics, conferences, track } = await publishedTrack();
    const { def, expected } = await openEditor(admin, conferences.id);
    expect(def.level).toBe(2);

    for (const level of [4, undefined]) {
      await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: conferences.id, def: { ...def, level }, expected, allowIncomplete: true })).rejects.toMatchObject({
        code: 'VALIDATION', message: said, fieldErrors: { level: [said] },
      });
    }
    expect(await db.microCredentialVersion.count({ where: { microCredentialId: conferences.id } })).toBe(1);
    expect(await trackLevelsOf(track.id)).toEqual([`1:${basics.slug}`, `2:${conferences.slug}`]);

    // Its own level saves as usual, and publishing keeps it where it is.
    const saved = await saveMicroCredentialDraft({ actor: admin, microCredentialId: conferences.id, def: { ...def, summary: 'Clearer summary.' }, expected, allowIncomplete: true });
    await publishMicroCredential({ actor: admin, microCredentialId: conferences.id, expected: { versionId: saved.versionId, updatedAt: saved.updatedAt } });
    expect(await live(conferences.id)).toMatchObject({ status: 'PUBLISHED', level: 2, trackId: track.id, currentVersionId: saved.versionId });
  });

  it('a draft saved with another level before saves were checked is published at the level it has in the track', async () => {
    const { admin, basics, conferences, track } = await publishedTrack();
    for (const [stored, title] of [[4, 'level 4'], [null, 'no level']] as const) {
      const { def, expected } = await openEditor(admin, conferences.id);
      const saved = await saveMicroCredentialDraft({ actor: admin, microCredentialId: conferences.id, def: { ...def, summary: `Summary with ${title}.` }, expected, allowIncomplete: true });
      // As such a draft was stored: its own level, different from the track's.
      await db.microCredentialVersion.update({ where: { id: saved.versionId }, data: { level: stored } });

      // The editor shows the track's level, so saving it again is not refused…
      expect((await getCredentialForEdit({ actor: admin, microCredentialId: conferences.id })).def!.level, title).toBe(2);
      const opened = await openEditor(admin, conferences.id);
      await publishMicroCredential({ actor: admin, microCredentialId: conferences.id, expected: opened.expected });

      // …and publishing does not move it: not in the track, the catalogue, or the version's own page.
      expect(await live(conferences.id), title).toMatchObject({ status: 'PUBLISHED', level: 2, trackId: track.id, currentVersionId: saved.versionId });
      expect(await trackLevelsOf(track.id), title).toEqual([`1:${basics.slug}`, `2:${conferences.slug}`]);
      expect(await catalogueLevel(conferences.id), title).toBe(2);
      expect((await db.microCredentialVersion.findUniqueOrThrow({ where: { id: saved.versionId }, select: { level: true } })).level, title).toBe(2);
      expect((await getPublishedTrack('reading'))?.microCredentials.map((m) => [m.level, m.slug]), title).toEqual([[1, basics.slug], [2, conferences.slug]]);
    }
  });

  it('a credential in no track still takes the level chosen in the editor', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const mc = await publishNewCredential(admin, issuer.id, 'Number talks');
    const { def, expected } = await openEditor(admin, mc.id);
    const saved = await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...def, level: 3 }, expected, allowIncomplete: true });
    await publishMicroCredential({ actor: admin, microCredentialId: mc.id, expected: { versionId: saved.versionId, updatedAt: saved.updatedAt } });
    expect((await live(mc.id)).level).toBe(3);
    expect(await catalogueLevel(mc.id)).toBe(3);
  });
});

describe('the level of a never-published credential in a track, in the editor', () => {
  it('is set on the track page: another level or none is refused; its own level saves', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const basics = await publishNewCredential(admin, issuer.id, 'Reading basics');
    const next = await createDraftCredential(admin, issuer.id, 'Reading conferences');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading', 'Reading', [basics.slug, next.slug]) });
    const { def, expected } = await openEditor(admin, next.id);
    expect(def.level).toBe(2);

    const said = '“Reading conferences” is level 2 of the track “Reading”. Levels in a track are set on the track page, not here. Set the level back to Level 2.';
    // Level 4 would leave a gap at 3; level 1 is taken; none would leave it in the track without a level.
    for (const level of [4, 1, undefined]) {
      await expect(saveMicroCredentialDraft({ actor: admin, microCredentialId: next.id, def: { ...def, level }, expected, allowIncomplete: true })).rejects.toMatchObject({
        code: 'VALIDATION', message: said, fieldErrors: { level: [said] },
      });
    }
    expect(await trackLevelsOf(track.id)).toEqual([`1:${basics.slug}`, `2:${next.slug}`]);
    expect((await db.microCredentialVersion.findFirstOrThrow({ where: { microCredentialId: next.id }, select: { level: true } })).level).toBe(2);

    await saveMicroCredentialDraft({ actor: admin, microCredentialId: next.id, def: { ...def, summary: 'Clearer summary.' }, expected, allowIncomplete: true });
    // The track page can still move it.
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('reading', 'Reading', [basics.slug, '', '']) });
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('reading', 'Reading', [basics.slug, next.slug]) });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${basics.slug}`, `2:${next.slug}`]);
  });
});

describe('a track with a gap in its levels', () => {
  /** The option chosen in the track form's box for a level, as the page renders it ('' for none). */
  function chosen(html: string, level: number) {
    const select = html.match(new RegExp(`<select[^>]*id="levels-${level - 1}"[^>]*>([\\s\\S]*?)</select>`))?.[1] ?? '';
    return select.match(/<option value="([^"]*)" selected=""/)?.[1] ?? null;
  }

  it('shows each credential in the box of its level, so the track can be saved once the gap is filled', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const basics = await publishNewCredential(admin, issuer.id, 'Reading basics');
    const gone = await createDraftCredential(admin, issuer.id, 'Old level 2');
    const advanced = await publishNewCredential(admin, issuer.id, 'Advanced reading');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading', 'Reading', [basics.slug, gone.slug, advanced.slug]) });
    // A gap as earlier versions could leave one (a level changed in the editor, or its draft deleted).
    await db.microCredential.update({ where: { id: gone.id }, data: { trackId: null, level: null } });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${basics.slug}`, `3:${advanced.slug}`]);

    expect((await getTrackForEdit({ actor: admin, trackId: track.id })).levels).toEqual([basics.slug, '', advanced.slug]);
    session.actor = admin;
    const html = renderToStaticMarkup(await EditTrackPage({ params: Promise.resolve({ id: track.id }) }));
    expect([1, 2, 3, 4].map((n) => chosen(html, n))).toEqual([basics.slug, '', advanced.slug, '']);

    // Filled in, the track saves and nothing published moved.
    const filler = await createDraftCredential(admin, issuer.id, 'Reading conferences');
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('reading', 'Reading', [basics.slug, filler.slug, advanced.slug]) });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${basics.slug}`, `2:${filler.slug}`, `3:${advanced.slug}`]);
  });
});

describe('deleting a never-published draft that is a level of a track', () => {
  it('is refused, naming the track, until it is taken out of the track', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const basics = await publishNewCredential(admin, issuer.id, 'Reading basics');
    const middle = await createDraftCredential(admin, issuer.id, 'Reading conferences');
    const advanced = await createDraftCredential(admin, issuer.id, 'Advanced reading');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading', 'Reading', [basics.slug, middle.slug, advanced.slug]) });

    await expect(deleteDraftMicroCredential({ actor: admin, microCredentialId: middle.id })).rejects.toMatchObject({
      code: 'INVALID_STATE', message: 'This draft is level 2 of the track “Reading”. Remove it from the track first (on the track page).',
    });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${basics.slug}`, `2:${middle.slug}`, `3:${advanced.slug}`]);

    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: await seenTrack(track.id), def: trackDefinition('reading', 'Reading', [basics.slug, advanced.slug]) });
    await deleteDraftMicroCredential({ actor: admin, microCredentialId: middle.id });
    expect(await db.microCredential.count({ where: { id: middle.id } })).toBe(0);
    expect(await trackLevelsOf(track.id)).toEqual([`1:${basics.slug}`, `2:${advanced.slug}`]);
  });
});

describe('publishing what the publisher has not seen', () => {
  it('is refused when someone else saved since the editor was opened; what they saved stays a draft', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const other = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
    const mc = await publishNewCredential(admin, issuer.id, 'Number talks');
    const mine = await openEditor(admin, mc.id);
    const saved = await saveMicroCredentialDraft({ actor: admin, microCredentialId: mc.id, def: { ...mine.def, summary: 'My summary.' }, expected: mine.expected, allowIncomplete: true });
    const seen = { versionId: saved.versionId, updatedAt: saved.updatedAt.toISOString() };

    // Another admin changes the draft; the first one, whose form is not dirty, chooses Publish.
    const theirs = await openEditor(other, mc.id);
    await saveMicroCredentialDraft({ actor: other, microCredentialId: mc.id, def: { ...theirs.def, summary: 'Their unreviewed summary.' }, expected: theirs.expected, allowIncomplete: true });
    session.actor = admin;
    expect(await publishCredentialAction({ microCredentialId: mc.id, expected: seen })).toEqual({ ok: false, formError: EDIT_CONFLICT, reason: 'EDIT_CONFLICT' });
    expect(await live(mc.id)).toMatchObject({ currentVersionId: mc.currentVersionId });
    expect((await db.microCredentialVersion.findUniqueOrThrow({ where: { id: saved.versionId }, select: { status: true } })).status).toBe('DRAFT');

    // Without what it saw, the action publishes nothing.
    expect(await publishCredentialAction({ microCredentialId: mc.id } as never)).toMatchObject({ ok: false });
    expect(await live(mc.id)).toMatchObject({ currentVersionId: mc.currentVersionId });

    // Reloaded, it sees their change and can publish it.
    const reloaded = await openEditor(admin, mc.id);
    expect(reloaded.def.summary).toBe('Their unreviewed summary.');
    expect(await publishCredentialAction({ microCredentialId: mc.id, expected: reloaded.expected })).toMatchObject({ ok: true, data: { versionId: saved.versionId } });
    // A second click with the same (now published) version changes nothing.
    expect(await publishCredentialAction({ microCredentialId: mc.id, expected: reloaded.expected })).toEqual({ ok: false, formError: EDIT_CONFLICT, reason: 'EDIT_CONFLICT' });
  });
});

describe('retiring the last published level of a published track', () => {
  it('is refused, naming the track; once the track is retired, it can be', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const only = await publishNewCredential(admin, issuer.id, 'Reading basics');
    const next = await createDraftCredential(admin, issuer.id, 'Reading conferences');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('reading', 'Reading', [only.slug, next.slug]) });
    await publishTrack({ actor: admin, trackId: track.id });

    await expect(retireMicroCredential({ actor: admin, microCredentialId: only.id })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'This is the only published level of the published track “Reading”: the track would stay in the catalogue with nothing teachers can earn. Retire the track first, then this credential.',
    });
    expect((await live(only.id)).status).toBe('PUBLISHED');
    expect((await getPublishedTrack('reading'))?.microCredentials.map((m) => m.slug)).toEqual([only.slug]);

    await retireTrack({ actor: admin, trackId: track.id });
    await retireMicroCredential({ actor: admin, microCredentialId: only.id });
    expect((await live(only.id)).status).toBe('RETIRED');
  });

  it('with another published level, one retires and the other is then the last; in a draft track either retires', async () => {
    const { admin, basics, conferences, track } = await publishedTrack();
    await retireMicroCredential({ actor: admin, microCredentialId: conferences.id });
    await expect(retireMicroCredential({ actor: admin, microCredentialId: basics.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('“Reading”') });

    const { issuer, admin: other } = await createIssuerWithAdmin();
    const lone = await publishNewCredential(other, issuer.id, 'Number talks');
    await createIssuerTrack({ actor: other, issuerId: issuer.id, def: trackDefinition('maths', 'Maths', [lone.slug]) });
    await retireMicroCredential({ actor: other, microCredentialId: lone.id });
    expect((await live(lone.id)).status).toBe('RETIRED');
    expect((await db.track.findUniqueOrThrow({ where: { id: track.id }, select: { status: true } })).status).toBe('PUBLISHED');
  });

  it('two retires of its last two published levels at once: one is refused', async () => {
    const { admin, basics, conferences } = await publishedTrack();
    const results = await Promise.allSettled([basics, conferences].map((mc) => retireMicroCredential({ actor: admin, microCredentialId: mc.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'INVALID_STATE' } });
    expect(await db.microCredential.count({ where: { id: { in: [basics.id, conferences.id] }, status: 'PUBLISHED' } })).toBe(1);
  });
});

describe('loadDefinition', () => {
  it('shows a draft outside any track with its own level', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const mc = await createMicroCredential({ actor: admin, issuerId: issuer.id, def: sampleDefinition({ level: 3 }) });
    expect((await loadDefinition(mc.versionId)).def.level).toBe(3);
  });
});
