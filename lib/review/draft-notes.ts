// Feedback a reviewer writes on a criterion before choosing its level. A CriterionScore needs a
// level, so until one is chosen the text is kept on the review itself (Review.draftNotes, by
// criterion id) and the autosave never drops it. Pure, so the save, the scoring page's loader and
// the unit tests read and write notes the same way.

/** A draft's notes by criterion id: feedback on criteria that have no level yet. */
export type DraftNotes = Record<string, string>;

type SentScore = { criterionId: string; levelId?: string | null; feedback?: string };
type SavedScore = { criterionId: string; levelId: string; feedback: string };

/**
 * The notes stored on a review, as text by criterion id, keeping only text values and, given
 * `criterionIds`, only criteria of this rubric: the column is JSON, so anything else in it is ignored.
 */
export function readDraftNotes(json: unknown, criterionIds?: Iterable<string>): DraftNotes {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
  const out: DraftNotes = {};
  const stored = json as Record<string, unknown>;
  for (const id of criterionIds ?? Object.keys(stored)) {
    const v = Object.hasOwn(stored, id) ? stored[id] : undefined;
    if (typeof v === 'string' && v.trim()) out[id] = v;
  }
  return out;
}

/**
 * The notes after a save of `scores` (already checked against the rubric): a criterion sent with a
 * level loses its note (its CriterionScore holds the feedback from now on); one sent without a
 * level keeps the feedback sent (trimmed, as a score's is), or no note when it is empty. Criteria
 * not sent keep the note they had.
 */
export function nextDraftNotes(current: DraftNotes, scores: SentScore[]): DraftNotes {
  const out: DraftNotes = { ...current };
  for (const s of scores) {
    // Postgres cannot store U+0000 in JSON text; the form's own schema removes it too.
    const text = (s.feedback ?? '').replaceAll('\u0000', '').trim();
    if (s.levelId || !text) delete out[s.criterionId];
    else out[s.criterionId] = text;
  }
  return out;
}

/**
 * The draft as the scoring form starts from it, by criterion id: each criterion's saved score, and
 * for a criterion without a level its note. A note beside a score was saved after it (the
 * criterion was sent without its level since), so the note's text is the feedback shown.
 */
export function draftEntries(scores: SavedScore[], notes: DraftNotes): Record<string, { levelId: string | null; feedback: string }> {
  const out: Record<string, { levelId: string | null; feedback: string }> = {};
  for (const s of scores) out[s.criterionId] = { levelId: s.levelId, feedback: s.feedback };
  for (const [criterionId, feedback] of Object.entries(notes)) out[criterionId] = { levelId: out[criterionId]?.levelId ?? null, feedback };
  return out;
}
