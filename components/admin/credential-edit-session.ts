// What the credential editor keeps beside the form itself: the version the form was loaded or last
// saved on (a save or publish expects to replace exactly that), the copy of unsaved work kept in this
// browser, and what a save sent. Pure, so the decisions can be tested without a browser.

import type { ActionFailure } from '@/lib/action-result';
import { ensureItemIds, formToDefInput, type CredentialForm } from '@/components/admin/credential-form-state';

/** The server's newest version as this form last knew it: what a save or publish expects to replace. */
export type EditBase = { versionId: string; updatedAt: string };

/** What the admin is editing: the form and the badge image. */
export type EditorContent = { form: CredentialForm; badgeImageKey: string | null };

/**
 * Unsaved work kept in this browser. `base`: the version it was typed on (null for a credential not
 * saved yet); missing in a copy kept before the editor recorded it.
 */
export type LocalDraft = EditorContent & { at: string; base?: EditBase | null };

function isBase(v: unknown): v is EditBase {
  return typeof v === 'object' && v !== null && typeof (v as EditBase).versionId === 'string' && typeof (v as EditBase).updatedAt === 'string';
}

/** A copy read back from storage, or null when there is none or it is not one this editor can use (hand-edited, corrupt). */
export function parseLocalDraft(raw: string | null): LocalDraft | null {
  if (!raw) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const { form, badgeImageKey, at, base } = v as Record<string, unknown>;
  if (typeof at !== 'string' || (badgeImageKey !== null && typeof badgeImageKey !== 'string')) return null;
  if (base !== undefined && base !== null && !isBase(base)) return null;
  const f = form as Partial<CredentialForm> | null;
  if (typeof f !== 'object' || f === null || typeof f.rubric !== 'object' || f.rubric === null) return null;
  if (![f.parts, f.resources, f.alignments, f.rubric.criteria, f.rubric.levels].every(Array.isArray)) return null;
  return { form: form as CredentialForm, badgeImageKey: badgeImageKey as string | null, at, ...(base === undefined ? {} : { base: base as EditBase | null }) };
}

export function sameBase(a: EditBase | null | undefined, b: EditBase | null | undefined): boolean {
  if (!a || !b) return a === b;
  return a.versionId === b.versionId && new Date(a.updatedAt).getTime() === new Date(b.updatedAt).getTime();
}

/** Whether the two would save the same credential (list item ids aside, which are the editor's own). */
export function sameContent(a: EditorContent, b: EditorContent): boolean {
  if (a.badgeImageKey !== b.badgeImageKey) return false;
  try {
    return JSON.stringify(formToDefInput(ensureItemIds(a.form))) === JSON.stringify(formToDefInput(ensureItemIds(b.form)));
  } catch {
    // A copy the form code cannot read is not the same as anything: it is offered, not dropped.
    return false;
  }
}

/**
 * What to do with a copy found when the editor opens, given what the server sent (`loaded`):
 * - `none`: there is no copy;
 * - `drop`: the server already has exactly this, so nothing would be lost;
 * - `offer`: it differs, and was typed on the version loaded (say, after a crash or a closed tab);
 * - `offer-stale`: it differs, and the credential was saved or published since it was typed on (a
 *   conflict, another window), or it is from before the editor recorded that. Never dropped without
 *   asking, whatever the clocks say: the admin decides.
 */
export function decideLocalDraft(copy: LocalDraft | null, loaded: EditorContent & { base: EditBase | null }): 'none' | 'drop' | 'offer' | 'offer-stale' {
  if (!copy) return 'none';
  if (sameContent(copy, loaded)) return 'drop';
  return copy.base !== undefined && sameBase(copy.base, loaded.base) ? 'offer' : 'offer-stale';
}

/** The offer's second sentence, for a copy typed on an older version than the form shows. */
export const STALE_COPY =
  'This credential was saved again after that, by someone else or in another window. Restoring puts your changes in the form in place of that newer version, and saving the draft then replaces it.';

/**
 * After a save succeeded: whether the form still holds exactly what was sent. Only then is nothing
 * unsaved (the browser copy can go); what was typed while the save was on its way is kept.
 */
export function savedAllOf(sent: EditorContent, now: EditorContent): boolean {
  if (sent.badgeImageKey !== now.badgeImageKey) return false;
  return sent.form === now.form || JSON.stringify(sent.form) === JSON.stringify(now.form);
}

const SAVED = 'Draft saved.';
const SAVED_EXCEPT_LATER = 'Draft saved, except the changes you made while it was saving: save again to keep them.';
const BEFORE_PUBLISH = ' Before you can publish:';

/** The notice after a save: `hasGaps`, it lists what publishing still needs; `allSaved`, nothing typed meanwhile is left unsaved. */
export function savedNotice(opts: { hasGaps: boolean; allSaved: boolean }): string {
  return `${opts.allSaved ? SAVED : SAVED_EXCEPT_LATER}${opts.hasGaps ? BEFORE_PUBLISH : ''}`;
}

/**
 * The editor's own words for a save or publish refused because the credential changed since this
 * form loaded it (the refusal's reason is EDIT_CONFLICT, lib/authoring/mutations.ts), or null for
 * any other refusal. `unsaved`: the form holds changes, kept in this browser and offered back after
 * a reload (so the admin need not copy their text out first).
 */
export function editConflictNotice(refusal: Pick<ActionFailure, 'reason'>, opts: { action: 'save' | 'publish'; unsaved: boolean }): string | null {
  if (refusal.reason !== 'EDIT_CONFLICT') return null;
  const nothing = opts.action === 'save' ? 'nothing was saved' : 'nothing was published';
  return opts.unsaved
    ? `Someone else changed or published this credential while you were editing, so ${nothing}. Your changes are kept in this browser: reload the page to see their changes, and the page will offer yours back (choose “Restore my changes”).`
    : `Someone else changed or published this credential since you opened it, so ${nothing}. Reload the page to see their changes.`;
}

/** A credential in a track has the level the track page gives it: the editor shows it and sends it unchanged. */
export type TrackLevel = { trackId: string; trackTitle: string; level: number | null };

/** The sentence shown instead of the level field. */
export function trackLevelText(t: TrackLevel): string {
  return t.level !== null ? `Level ${t.level} of the track “${t.trackTitle}”.` : `In the track “${t.trackTitle}”, without a level.`;
}

/** The form as sent: a credential in a track keeps the track's level, whatever an older browser copy held. */
export function withTrackLevel(form: CredentialForm, t: TrackLevel | null | undefined): CredentialForm {
  if (!t) return form;
  const level = t.level === null ? '' : String(t.level);
  return form.level === level ? form : { ...form, level };
}
