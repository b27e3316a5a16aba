// The credential editor's unsaved work kept in this browser, and its saves
// (components/admin/credential-edit-session.ts, used by components/admin/credential-editor.tsx):
// a copy is judged by the version it was typed on and what it holds, never by the clock, so a copy
// from before an edit conflict is offered back after the reload the conflict message asks for; and
// a save clears "unsaved" only when nothing was typed while it was on its way.
import { describe, expect, it } from 'vitest';
import {
  decideLocalDraft, editConflictNotice, parseLocalDraft, savedAllOf, savedNotice, STALE_COPY, trackLevelText, withTrackLevel,
  type EditBase, type LocalDraft,
} from '@/components/admin/credential-edit-session';
import { defToForm, emptyForm, formToDefInput, type CredentialForm } from '@/components/admin/credential-form-state';
import { MicroCredentialDraft } from '@/lib/authoring/schemas';
import { toActionError, type ActionFailure } from '@/lib/action-result';
import { conflict } from '@/lib/errors';

const form: CredentialForm = { ...emptyForm(), title: 'Exit tickets', slug: 'exit-tickets', pdHours: '5', summary: 'Check understanding at the end of a lesson.' };
/** What the server sends back for `form`: the same credential, with list item ids of its own. */
const loadedForm = defToForm(MicroCredentialDraft.parse(formToDefInput(form)));
const v1: EditBase = { versionId: 'v1', updatedAt: '2026-03-02T09:00:00.000Z' };
/** The same version saved again by someone else, after the admin's last keystroke. */
const v1Later: EditBase = { versionId: 'v1', updatedAt: '2026-03-02T10:05:00.000Z' };
const typed = { ...form, summary: 'Check understanding at the end of every lesson, in two minutes.' };

describe('a copy found in this browser when the editor opens', () => {
  it('is offered, not deleted, when someone else saved after the admin’s last keystroke (the reload after a conflict)', () => {
    // Typed at 10:00 on the version saved at 09:00; another admin saved at 10:05. Compared by time,
    // the copy looked older than the server's save and was removed without asking.
    const copy: LocalDraft = { form: typed, badgeImageKey: null, at: '2026-03-02T10:00:00.000Z', base: v1 };
    expect(decideLocalDraft(copy, { form: loadedForm, badgeImageKey: null, base: v1Later })).toBe('offer-stale');
    expect(decideLocalDraft(copy, { form: loadedForm, badgeImageKey: null, base: { versionId: 'v2', updatedAt: '2026-03-02T10:05:00.000Z' } })).toBe('offer-stale');
  });

  it('is offered plainly when it was typed on the version the page shows (a crash or a closed tab)', () => {
    const copy: LocalDraft = { form: typed, badgeImageKey: null, at: '2026-03-02T08:00:00.000Z', base: v1 };
    expect(decideLocalDraft(copy, { form: loadedForm, badgeImageKey: null, base: { ...v1 } })).toBe('offer');
    // Only the badge image changed: still work to offer.
    expect(decideLocalDraft({ ...copy, form }, { form: loadedForm, badgeImageKey: 'badges/new.png', base: v1 })).toBe('offer');
  });

  it('is offered, and the admin decides, when it does not say what it was typed on (kept before the editor recorded it)', () => {
    const old: LocalDraft = { form: typed, badgeImageKey: null, at: '2026-03-01T10:00:00.000Z' };
    expect(decideLocalDraft(old, { form: loadedForm, badgeImageKey: null, base: v1Later })).toBe('offer-stale');
  });

  it('goes without a word only when the server already has exactly it, whatever version it was typed on', () => {
    expect(decideLocalDraft({ form, badgeImageKey: null, at: '2026-03-02T10:00:00.000Z', base: v1 }, { form: loadedForm, badgeImageKey: null, base: v1 })).toBe('drop');
    // E.g. the save went through but its answer was lost: the server has the admin's own work.
    expect(decideLocalDraft({ form, badgeImageKey: null, at: '2026-03-02T10:00:00.000Z', base: v1 }, { form: loadedForm, badgeImageKey: null, base: v1Later })).toBe('drop');
    expect(decideLocalDraft(null, { form: loadedForm, badgeImageKey: null, base: v1 })).toBe('none');
  });

  it('on a new credential, is offered when anything was typed', () => {
    const blank = emptyForm();
    expect(decideLocalDraft({ form: { ...blank, title: 'Exit' }, badgeImageKey: null, at: '2026-03-02T10:00:00.000Z', base: null }, { form: blank, badgeImageKey: null, base: null })).toBe('offer');
    expect(decideLocalDraft({ form: blank, badgeImageKey: null, at: '2026-03-02T10:00:00.000Z', base: null }, { form: emptyForm(), badgeImageKey: null, base: null })).toBe('drop');
  });

  it('is read back with the version it was typed on; a broken or hand-edited one is ignored', () => {
    const copy: LocalDraft = { form: typed, badgeImageKey: null, at: '2026-03-02T10:00:00.000Z', base: v1 };
    expect(parseLocalDraft(JSON.stringify(copy))).toEqual(copy);
    expect(parseLocalDraft(JSON.stringify({ form: typed, badgeImageKey: null, at: 'x' }))).toEqual({ form: typed, badgeImageKey: null, at: 'x' });
    expect(parseLocalDraft(null)).toBeNull();
    expect(parseLocalDraft('{not json')).toBeNull();
    expect(parseLocalDraft(JSON.stringify({ form: { title: 'x' }, badgeImageKey: null, at: 'x' }))).toBeNull();
    expect(parseLocalDraft(JSON.stringify({ ...copy, base: { versionId: 3 } }))).toBeNull();
    expect(parseLocalDraft(JSON.stringify({ ...copy, at: undefined }))).toBeNull();
  });

  it('says, when it was typed on an older version, that restoring replaces the newer one', () => {
    expect(STALE_COPY).toMatch(/saved again after that, by someone else or in another window/);
    expect(STALE_COPY).toMatch(/in place of that newer version/);
  });
});

describe('the message after an edit conflict', () => {
  // The editor recognises the refusal by its reason, carried from the domain error to the form
  // (lib/authoring/mutations.ts throws it with EDIT_CONFLICT's words).
  const EDIT_CONFLICT = 'Someone else changed or published this credential while you were editing. Reload to see their changes; copy your text first.';
  const refusal = toActionError(conflict(EDIT_CONFLICT, 'EDIT_CONFLICT'));

  it('carries the reason from the server to the form', () => {
    expect(refusal).toEqual({ ok: false, formError: EDIT_CONFLICT, reason: 'EDIT_CONFLICT' });
  });

  it('tells the admin their changes are kept and will be offered back after reloading, instead of “copy your text first”', () => {
    const text = editConflictNotice(refusal as ActionFailure, { action: 'save', unsaved: true });
    expect(text).toBe(
      'Someone else changed or published this credential while you were editing, so nothing was saved. Your changes are kept in this browser: reload the page to see their changes, and the page will offer yours back (choose “Restore my changes”).',
    );
    expect(text).not.toMatch(/copy your text/i);
    expect(editConflictNotice(refusal as ActionFailure, { action: 'publish', unsaved: true })).toMatch(/^Someone else changed or published this credential while you were editing, so nothing was published\. Your changes are kept/);
  });

  it('promises nothing back when there was nothing unsaved', () => {
    expect(editConflictNotice(refusal as ActionFailure, { action: 'publish', unsaved: false })).toBe('Someone else changed or published this credential since you opened it, so nothing was published. Reload the page to see their changes.');
  });

  it('leaves every other refusal in the server’s words, whatever its wording', () => {
    expect(editConflictNotice({}, { action: 'save', unsaved: true })).toBeNull();
    // Another conflict, even one worded like it, is not taken for an edit conflict.
    const lookalike = toActionError(conflict(EDIT_CONFLICT)) as ActionFailure;
    expect(lookalike.reason).toBeUndefined();
    expect(editConflictNotice(lookalike, { action: 'save', unsaved: true })).toBeNull();
    expect(editConflictNotice(toActionError(conflict('This credential was just added to a track. Reload the page and try again.')) as ActionFailure, { action: 'save', unsaved: true })).toBeNull();
  });
});

describe('a save that finishes after more was typed', () => {
  const sent = { form: typed, badgeImageKey: null };

  it('counts as everything saved only when the form still holds what was sent', () => {
    expect(savedAllOf(sent, sent)).toBe(true);
    expect(savedAllOf(sent, { form: JSON.parse(JSON.stringify(typed)) as CredentialForm, badgeImageKey: null })).toBe(true);
    expect(savedAllOf(sent, { form: { ...typed, summary: `${typed.summary} More` }, badgeImageKey: null })).toBe(false);
    expect(savedAllOf(sent, { form: typed, badgeImageKey: 'badges/new.png' })).toBe(false);
  });

  it('says that what was typed meanwhile still needs saving', () => {
    expect(savedNotice({ hasGaps: false, allSaved: true })).toBe('Draft saved.');
    expect(savedNotice({ hasGaps: true, allSaved: true })).toBe('Draft saved. Before you can publish:');
    expect(savedNotice({ hasGaps: false, allSaved: false })).toBe('Draft saved, except the changes you made while it was saving: save again to keep them.');
    expect(savedNotice({ hasGaps: true, allSaved: false })).toMatch(/save again to keep them\. Before you can publish:$/);
  });
});

describe('the level of a credential in a track', () => {
  const track = { trackId: 't1', trackTitle: 'Feedback', level: 2 };

  it('is said in words', () => {
    expect(trackLevelText(track)).toBe('Level 2 of the track “Feedback”.');
    expect(trackLevelText({ ...track, level: null })).toBe('In the track “Feedback”, without a level.');
  });

  it('is sent as the track has it, even from a browser copy that held another', () => {
    expect(formToDefInput(withTrackLevel({ ...form, level: '4' }, track)).level).toBe('2');
    expect(formToDefInput(withTrackLevel({ ...form, level: '4' }, { ...track, level: null })).level).toBeUndefined();
    const same = { ...form, level: '2' };
    expect(withTrackLevel(same, track)).toBe(same);
    expect(withTrackLevel(same, null)).toBe(same);
  });
});
