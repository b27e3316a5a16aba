// Two admins (or two tabs) with one track or stack open: A saved, then B saved the form they had
// opened before A's save, and A's changes were put back with no word to anyone. Each save now sends
// when its page was opened (seenUpdatedAt, the row's updatedAt then), checked under the row's lock:
// a save on top of a newer one is refused, saying so plainly, and nothing of it is written.
// Retire saves nothing from the form: it is not refused for a stale page, and says that changes in
// the form were not saved.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createDraftCredential, createIssuerWithAdmin, publishNewCredential, trackDefinition, trackLevelsOf } from '../factories';
import { getStackForEdit, getTrackForEdit } from '@/lib/authoring/queries';
import { createIssuerTrack, publishTrack, TRACK_CHANGED, TRACK_FORM_OUT_OF_DATE, updateTrack } from '@/lib/authoring/tracks';
import { createIssuerStack, publishStack, STACK_CHANGED, STACK_FORM_OUT_OF_DATE, updateStack } from '@/lib/authoring/stacks';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const { saveTrackAction } = await import('@/app/admin/tracks/actions');
const { saveStackAction } = await import('@/app/admin/stacks/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const trackRow = (id: string) => db.track.findUniqueOrThrow({ where: { id }, select: { title: true, summary: true, status: true, updatedAt: true } });
const stackRow = (id: string) => db.stack.findUniqueOrThrow({ where: { id }, select: { title: true, summary: true, status: true, updatedAt: true } });
const partsOf = async (stackId: string) => (await db.stackItem.findMany({ where: { stackId }, orderBy: { sortOrder: 'asc' }, select: { microCredential: { select: { slug: true } } } })).map((i) => i.microCredential.slug);
const edits = (entityId: string, action: string) => db.auditLog.count({ where: { entityId, action } });

function form(fields: Record<string, string>, list: [string, string[]]) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const v of list[1]) f.append(list[0], v);
  return f;
}

async function twoLevelTrack() {
  const { issuer, admin } = await createIssuerWithAdmin();
  const a = await createDraftCredential(admin, issuer.id, 'Understanding feedback');
  const b = await createDraftCredential(admin, issuer.id, 'Feedback in your classroom');
  const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('feedback-track', 'Feedback', [a.slug, b.slug]) });
  return { issuer, admin, a, b, track };
}

async function twoPartStack() {
  const { issuer, admin } = await createIssuerWithAdmin();
  const a = await publishNewCredential(admin, issuer.id, 'Understanding feedback');
  const b = await publishNewCredential(admin, issuer.id, 'Feedback in your classroom');
  const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'feedback-stack', title: 'Feedback', summary: 'Both.', microCredentials: [a.slug, b.slug] } });
  return { issuer, admin, a, b, stack };
}

describe('two saves of one track from pages opened at the same time', () => {
  it('the second is refused as a conflict, saying someone saved it since; the first one’s changes stand', async () => {
    const { admin, a, b, track } = await twoLevelTrack();
    // Both pages opened now: each sends back the track's last save as the page showed it.
    const seen = (await getTrackForEdit({ actor: admin, trackId: track.id })).updatedAt;

    const first = await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: seen, def: { ...trackDefinition('feedback-track', 'Feedback that moves learning', [b.slug, a.slug]), summary: 'Reordered by A.' } });
    expect(first.updatedAt.getTime()).toBeGreaterThan(seen.getTime());

    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: seen, def: { ...trackDefinition('feedback-track', 'Feedback (B)', [a.slug]), summary: 'Older form.' } })).rejects.toMatchObject({ code: 'CONFLICT', message: TRACK_CHANGED });
    expect(TRACK_CHANGED).toContain('Someone else saved this track after you opened this page');
    expect(TRACK_CHANGED).toContain('reload the page');

    expect(await trackRow(track.id)).toMatchObject({ title: 'Feedback that moves learning', summary: 'Reordered by A.', updatedAt: first.updatedAt });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${b.slug}`, `2:${a.slug}`]);
    expect(await edits(track.id, 'track.edit')).toBe(1);

    // A page opened after A's save saves.
    const fresh = (await getTrackForEdit({ actor: admin, trackId: track.id })).updatedAt;
    expect(fresh).toEqual(first.updatedAt);
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: fresh, def: { ...trackDefinition('feedback-track', 'Feedback (B)', [a.slug]), summary: 'Reloaded first.' } });
    expect(await trackRow(track.id)).toMatchObject({ title: 'Feedback (B)', summary: 'Reloaded first.' });
  });

  it('sent at the same moment: one is saved, the other refused as a conflict (checked under the row’s lock)', async () => {
    const { admin, a, b, track } = await twoLevelTrack();
    const seen = (await trackRow(track.id)).updatedAt;
    const results = await Promise.allSettled([
      updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: seen, def: trackDefinition('feedback-track', 'One', [b.slug, a.slug]) }),
      updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: seen, def: trackDefinition('feedback-track', 'Two', [a.slug]) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT', message: TRACK_CHANGED } });
    const won = results[0].status === 'fulfilled' ? { title: 'One', levels: [`1:${b.slug}`, `2:${a.slug}`] } : { title: 'Two', levels: [`1:${a.slug}`] };
    expect((await trackRow(track.id)).title).toBe(won.title);
    expect(await trackLevelsOf(track.id)).toEqual(won.levels);
  });

  it('through the form: the stale save is refused with the plain message, and Save and publish neither saves nor publishes', async () => {
    const { admin, issuer, a, b, track } = await twoLevelTrack();
    session.actor = admin;
    const published = await publishNewCredential(admin, issuer.id, 'Published level');
    const seen = (await getTrackForEdit({ actor: admin, trackId: track.id })).updatedAt.toISOString();
    const fields = (title: string, intent: string, seenUpdatedAt = seen) => ({ trackId: track.id, seenUpdatedAt, intent, slug: 'feedback-track', kind: 'TRACK', title, summary: 'Levels of one skill.', topic: 'Literacy', subjects: '', gradeBands: '', description: '' });

    expect(await saveTrackAction({ ok: true }, form(fields('Saved by A', 'save'), ['levels', [a.slug, b.slug]]))).toEqual({ ok: true, message: 'Saved.' });
    expect(await saveTrackAction({ ok: true }, form(fields('Published by B', 'publish'), ['levels', [published.slug]]))).toEqual({ ok: false, formError: TRACK_CHANGED });
    expect(await trackRow(track.id)).toMatchObject({ title: 'Saved by A', status: 'DRAFT' });
    expect(await trackLevelsOf(track.id)).toEqual([`1:${a.slug}`, `2:${b.slug}`]);
  });

  it('through the form: a page without a usable load time is told to reload, and nothing is saved', async () => {
    const { admin, a, track } = await twoLevelTrack();
    session.actor = admin;
    const base = { trackId: track.id, intent: 'save', slug: 'feedback-track', kind: 'TRACK', title: 'Blind save', summary: 'Levels of one skill.', topic: 'Literacy' };
    for (const seenUpdatedAt of [undefined, '', 'yesterday', '0000-01-01T00:00:00Z', '2026-03-01 10:00']) {
      const fields: Record<string, string> = seenUpdatedAt === undefined ? base : { ...base, seenUpdatedAt };
      expect(await saveTrackAction({ ok: true }, form(fields, ['levels', [a.slug]]))).toEqual({ ok: false, formError: TRACK_FORM_OUT_OF_DATE });
    }
    expect((await trackRow(track.id)).title).toBe('Feedback');
    expect(await edits(track.id, 'track.edit')).toBe(0);
    // And a caller that got round the type (no Date) is refused too, not saved blind.
    await expect(updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: undefined as never, def: trackDefinition('feedback-track', 'Blind save', [a.slug]) })).rejects.toMatchObject({ code: 'VALIDATION', message: TRACK_FORM_OUT_OF_DATE });
  });

  it('Retire from a stale page retires the track, saves nothing from the form, and says so; the other save stands', async () => {
    const { issuer, admin } = await createIssuerWithAdmin();
    const a = await publishNewCredential(admin, issuer.id, 'Understanding feedback');
    const track = await createIssuerTrack({ actor: admin, issuerId: issuer.id, def: trackDefinition('feedback-track', 'Feedback', [a.slug]) });
    await publishTrack({ actor: admin, trackId: track.id });
    session.actor = admin;
    const seen = (await getTrackForEdit({ actor: admin, trackId: track.id })).updatedAt;
    await updateTrack({ actor: admin, trackId: track.id, seenUpdatedAt: seen, def: { ...trackDefinition('feedback-track', 'Saved in the other tab', [a.slug]), summary: 'From the other tab.' } });

    const r = await saveTrackAction({ ok: true }, form({ trackId: track.id, seenUpdatedAt: seen.toISOString(), intent: 'retire', slug: 'feedback-track', kind: 'TRACK', title: 'Typed here, never saved', summary: 'Typed here.', topic: 'Literacy' }, ['levels', [a.slug]]));
    expect(r).toEqual({ ok: true, message: 'Retired: it is no longer in the catalogue. Retiring does not save changes made in the form: any you made were not saved.' });
    expect(await trackRow(track.id)).toMatchObject({ status: 'RETIRED', title: 'Saved in the other tab', summary: 'From the other tab.' });
  });
});

describe('two saves of one stack from pages opened at the same time', () => {
  it('the second is refused as a conflict, saying someone saved it since; the first one’s changes stand', async () => {
    const { admin, issuer, a, b, stack } = await twoPartStack();
    const c = await publishNewCredential(admin, issuer.id, 'Feedback with colleagues');
    const seen = (await getStackForEdit({ actor: admin, stackId: stack.id })).updatedAt;

    const first = await updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: seen, def: { slug: 'feedback-stack', title: 'Feedback, all three', summary: 'Saved by A.', microCredentials: [b.slug, a.slug, c.slug] } });
    expect(first.updatedAt.getTime()).toBeGreaterThan(seen.getTime());

    await expect(updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: seen, def: { slug: 'feedback-stack', title: 'Feedback (B)', summary: 'Older form.', microCredentials: [a.slug, b.slug] } })).rejects.toMatchObject({ code: 'CONFLICT', message: STACK_CHANGED });
    expect(STACK_CHANGED).toContain('Someone else saved this stack after you opened this page');

    expect(await stackRow(stack.id)).toMatchObject({ title: 'Feedback, all three', summary: 'Saved by A.', updatedAt: first.updatedAt });
    expect(await partsOf(stack.id)).toEqual([b.slug, a.slug, c.slug]);
    expect(await edits(stack.id, 'stack.edit')).toBe(1);
  });

  it('sent at the same moment: one is saved, the other refused as a conflict', async () => {
    const { admin, a, b, stack } = await twoPartStack();
    const seen = (await stackRow(stack.id)).updatedAt;
    const results = await Promise.allSettled([
      updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: seen, def: { slug: 'feedback-stack', title: 'One', summary: 'One.', microCredentials: [b.slug, a.slug] } }),
      updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: seen, def: { slug: 'feedback-stack', title: 'Two', summary: 'Two.', microCredentials: [a.slug, b.slug] } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT', message: STACK_CHANGED } });
    const won = results[0].status === 'fulfilled' ? { title: 'One', parts: [b.slug, a.slug] } : { title: 'Two', parts: [a.slug, b.slug] };
    expect((await stackRow(stack.id)).title).toBe(won.title);
    expect(await partsOf(stack.id)).toEqual(won.parts);
  });

  it('through the form: a stale save is refused with the plain message; one without a load time is told to reload', async () => {
    const { admin, a, b, stack } = await twoPartStack();
    session.actor = admin;
    const seen = (await getStackForEdit({ actor: admin, stackId: stack.id })).updatedAt.toISOString();
    const fields = (title: string, seenUpdatedAt?: string) => ({ stackId: stack.id, ...(seenUpdatedAt === undefined ? {} : { seenUpdatedAt }), intent: 'save', slug: 'feedback-stack', title, summary: 'Both.', description: '', badgeColor: '#7c3aed' });

    expect(await saveStackAction({ ok: true }, form(fields('Saved by A', seen), ['microCredentials', [b.slug, a.slug]]))).toEqual({ ok: true, message: 'Saved.' });
    expect(await saveStackAction({ ok: true }, form(fields('Saved by B', seen), ['microCredentials', [a.slug, b.slug]]))).toEqual({ ok: false, formError: STACK_CHANGED });
    expect(await saveStackAction({ ok: true }, form(fields('Saved blind'), ['microCredentials', [a.slug, b.slug]]))).toEqual({ ok: false, formError: STACK_FORM_OUT_OF_DATE });
    expect(await saveStackAction({ ok: true }, form(fields('Saved blind', 'not a time'), ['microCredentials', [a.slug, b.slug]]))).toEqual({ ok: false, formError: STACK_FORM_OUT_OF_DATE });
    expect((await stackRow(stack.id)).title).toBe('Saved by A');
    expect(await partsOf(stack.id)).toEqual([b.slug, a.slug]);
  });

  it('Retire from a stale page retires the stack, saves nothing from the form, and says so; the other save stands', async () => {
    const { admin, a, b, stack } = await twoPartStack();
    await publishStack({ actor: admin, stackId: stack.id });
    session.actor = admin;
    const seen = (await getStackForEdit({ actor: admin, stackId: stack.id })).updatedAt;
    await updateStack({ actor: admin, stackId: stack.id, seenUpdatedAt: seen, def: { slug: 'feedback-stack', title: 'Saved in the other tab', summary: 'From the other tab.', microCredentials: [b.slug, a.slug] } });

    const r = await saveStackAction({ ok: true }, form({ stackId: stack.id, seenUpdatedAt: seen.toISOString(), intent: 'retire', slug: 'feedback-stack', title: 'Typed here, never saved', summary: 'Typed here.' }, ['microCredentials', [a.slug, b.slug]]));
    expect(r).toEqual({ ok: true, message: 'Retired: it is no longer in the catalogue. Retiring does not save changes made in the form: any you made were not saved.' });
    expect(await stackRow(stack.id)).toMatchObject({ status: 'RETIRED', title: 'Saved in the other tab', summary: 'From the other tab.' });
    expect(await partsOf(stack.id)).toEqual([b.slug, a.slug]);
  });
});
