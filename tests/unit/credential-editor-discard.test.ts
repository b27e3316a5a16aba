// "Discard them" on the credential editor's offer to restore unsaved work from this browser used to
// remove the stored copy whatever it held. Typing while the offer showed makes the editor rewrite
// that copy (400 ms after the last change) with the new work, which the discard then removed, while
// the toolbar still said "unsaved changes (kept in this browser)". As the answer editor's discard
// does, the copy goes only if it is still the one offered (components/admin/credential-discard.ts).
import { describe, expect, it } from 'vitest';
import { shouldDropOnDiscard } from '@/components/admin/credential-discard';
import { parseLocalDraft, type LocalDraft } from '@/components/admin/credential-edit-session';
import { emptyForm, type CredentialForm } from '@/components/admin/credential-form-state';

const form: CredentialForm = { ...emptyForm(), title: 'Exit tickets', slug: 'exit-tickets', pdHours: '5', summary: 'Check understanding at the end of a lesson.' };
const base = { versionId: 'v1', updatedAt: '2026-03-02T09:00:00.000Z' };
/** The copy found when the page opened, and offered. */
const offered: LocalDraft = { form, badgeImageKey: null, at: '2026-03-02T10:00:00.000Z', base };
/** The same copy as read back from storage (a new object, as the discard reads it). */
const stored = (copy: LocalDraft) => parseLocalDraft(JSON.stringify(copy));

describe('"Discard them" on the offer of unsaved work', () => {
  it('removes the stored copy when it is still the one offered', () => {
    expect(shouldDropOnDiscard(stored(offered), offered)).toBe(true);
  });

  it('keeps the copy the editor rewrote with what the admin typed while the offer showed', () => {
    const typed: LocalDraft = { form: { ...form, summary: 'Check understanding at the end of every lesson, in two minutes.' }, badgeImageKey: null, at: '2026-03-02T10:07:00.000Z', base };
    expect(shouldDropOnDiscard(stored(typed), offered)).toBe(false);
    // Only a badge image chosen meanwhile.
    expect(shouldDropOnDiscard(stored({ ...offered, badgeImageKey: 'badges/new.png', at: '2026-03-02T10:07:00.000Z' }), offered)).toBe(false);
    // Rewritten later with the same text (typed and undone): a newer copy, not the one offered.
    expect(shouldDropOnDiscard(stored({ ...offered, at: '2026-03-02T10:07:00.000Z' }), offered)).toBe(false);
    // Written by another window on another version since.
    expect(shouldDropOnDiscard(stored({ ...offered, base: { versionId: 'v2', updatedAt: '2026-03-02T10:05:00.000Z' } }), offered)).toBe(false);
  });

  it('has nothing to remove when no copy is stored any more', () => {
    expect(shouldDropOnDiscard(null, offered)).toBe(false);
  });
});
