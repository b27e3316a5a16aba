// Where the scoring form keeps a reviewer's unsent scores in this browser, and what it does with a
// copy it finds. The copy belongs to the work (reviewer, attempt and kind of review), not to one
// review row: claiming the work again after a claim ended makes a new review, and the scores typed
// in the old one while the connection was down must still be there to offer.

import {
  adoptLegacyLocalDraft,
  clearLocalDraft,
  decideLocalReviewDraft,
  localDraftKey,
  parseLocalReviewDraft,
  readLocalDraft,
  writeLocalDraft,
  type LocalReviewDraft,
  type ReviewDraftCopy,
} from '@/components/ui/local-draft';

/** The work a copy belongs to: the same for every claim of one reviewer on one attempt for one kind of review. */
export type ReviewWork = { reviewerId: string; attemptId: string; kind: string };

/** The form's name for its copy (under the common prefix: localDraftKey). */
export function reviewDraftName(work: ReviewWork) {
  return `review-draft:${work.reviewerId}:${work.attemptId}:${work.kind}`;
}

/** The name a copy had when it was kept per review. */
export function oldReviewDraftName(reviewId: string) {
  return `review-draft:${reviewId}`;
}

/** A stored copy, with the review it was chosen on (null: unknown). */
export type StoredReviewCopy = LocalReviewDraft & { reviewId: string | null };

/** What the form stores: the scores, the review version they were chosen on and that review. */
export function reviewCopyToStore(draft: ReviewDraftCopy, on: { reviewId: string; version: number }) {
  return { scores: draft.scores, overallComment: draft.overallComment, baseVersion: on.version, reviewId: on.reviewId };
}

/** A stored copy, or null when it is missing or not one (see parseLocalReviewDraft). */
export function parseStoredReviewCopy(saved: unknown): StoredReviewCopy | null {
  const copy = parseLocalReviewDraft(saved);
  if (!copy) return null;
  const reviewId = (saved as Record<string, unknown>).reviewId;
  return { ...copy, reviewId: typeof reviewId === 'string' ? reviewId : null };
}

/**
 * As decideLocalReviewDraft, for the review the page shows. A copy chosen on another review (an
 * earlier claim on the same work) or on one unknown is never put back by itself: versions of two
 * reviews cannot be compared (each new claim starts again at 0), and the new claim may already hold
 * other scores. The reviewer chooses, unless the review already has exactly these scores.
 */
export function decideReviewCopy(copy: StoredReviewCopy | null, server: { reviewId: string; draft: ReviewDraftCopy; version: number }): 'none' | 'restore' | 'ask' {
  if (!copy) return decideLocalReviewDraft(null, server);
  return decideLocalReviewDraft(copy.reviewId === server.reviewId ? copy : { ...copy, baseVersion: null }, server);
}

/**
 * Brings a copy kept under this review's old name (with or without the common prefix) to the
 * work's name, marked as chosen on this review, unless the work already has a copy (kept since the
 * change, so newer). Copies kept under an earlier review's old name cannot be told apart from
 * another work's, so only this review's is brought over.
 */
export function adoptOldReviewCopy(reviewId: string, name: string) {
  const old = oldReviewDraftName(reviewId);
  adoptLegacyLocalDraft(old);
  const oldKey = localDraftKey(old);
  const saved = readLocalDraft(oldKey);
  clearLocalDraft(oldKey);
  if (saved === null || typeof saved !== 'object' || Array.isArray(saved)) return;
  if (readLocalDraft(localDraftKey(name)) !== null) return;
  writeLocalDraft(localDraftKey(name), { ...(saved as Record<string, unknown>), reviewId });
}
