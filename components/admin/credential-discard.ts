// "Discard them" on the offer to restore unsaved work found in this browser. While the offer shows,
// the admin may already be typing: the editor's copy effect then rewrites the same key with that new
// work, which discarding the offered copy must not remove. As the answer editor's discard does, the
// stored copy goes only if it is still the one that was offered. Pure, so it is tested without a browser.

import { sameBase, sameContent, type LocalDraft } from '@/components/admin/credential-edit-session';

/** Whether the copy stored now (`stored`) is still the one offered: only then does "Discard them" remove it. */
export function shouldDropOnDiscard(stored: LocalDraft | null, offered: LocalDraft): boolean {
  if (!stored) return false;
  return stored.at === offered.at && sameBase(stored.base, offered.base) && sameContent(stored, offered);
}
