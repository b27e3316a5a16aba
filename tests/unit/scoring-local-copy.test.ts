// A reviewer's unsent scores kept in this browser (components/ui/local-draft.ts, used by
// components/review/scoring-form.tsx): a copy from an earlier visit is only put back by itself when
// the saved review has not changed since the scores were chosen; otherwise the reviewer decides, so
// the next autosave cannot silently replace scores saved from another window or computer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mapStorage } from '../setup/browser-stand-ins';
import {
  adoptLegacyLocalDraft,
  decideLocalReviewDraft,
  localDraftKey,
  parseLocalReviewDraft,
  readLocalDraft,
  sameReviewDraft,
  type ReviewDraftCopy,
} from '@/components/ui/local-draft';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** What the server has: review version 5, one criterion scored. */
const saved: ReviewDraftCopy = {
  overallComment: 'Clear planning.',
  scores: { c1: { levelId: 'l2', feedback: 'Well sequenced.' }, c2: { levelId: null, feedback: '' } },
};
const server = { draft: saved, version: 5 };
/** The same review with the second criterion scored in this browser. */
const changed: ReviewDraftCopy = { ...saved, scores: { ...saved.scores, c2: { levelId: 'l1', feedback: 'Say what the students learnt.' } } };

describe('a scoring copy found when the review page loads', () => {
  it('is restored when it was chosen on the review version the server still has', () => {
    expect(decideLocalReviewDraft({ ...changed, baseVersion: 5 }, server)).toBe('restore');
  });

  it('waits for the reviewer when the saved review changed since (another window or computer)', () => {
    expect(decideLocalReviewDraft({ ...changed, baseVersion: 4 }, server)).toBe('ask');
    expect(decideLocalReviewDraft({ ...changed, overallComment: 'Older comment', baseVersion: 0 }, { draft: { scores: {}, overallComment: '' }, version: 1 })).toBe('ask');
  });

  it('waits for the reviewer when what it was chosen on is unknown (a copy from before the change)', () => {
    expect(decideLocalReviewDraft({ ...changed, baseVersion: null }, server)).toBe('ask');
  });

  it('is nothing to restore when it is missing or the server already has those scores, whatever it was based on', () => {
    expect(decideLocalReviewDraft(null, server)).toBe('none');
    expect(decideLocalReviewDraft({ ...saved, baseVersion: 5 }, server)).toBe('none');
    expect(decideLocalReviewDraft({ ...saved, baseVersion: 2 }, server)).toBe('none');
    expect(decideLocalReviewDraft({ ...saved, baseVersion: null }, server)).toBe('none');
  });

  it('counts a criterion with no entry as one with no level and no feedback, and ignores the order of entries', () => {
    // The server lists every criterion; a copy lists the ones the reviewer touched, in that order.
    const sameButSparse = { overallComment: 'Clear planning.', scores: { c1: { levelId: 'l2', feedback: 'Well sequenced.' } } };
    expect(sameReviewDraft(sameButSparse, saved)).toBe(true);
    expect(sameReviewDraft(saved, sameButSparse)).toBe(true);
    const reordered = { scores: { c2: saved.scores.c2, c1: saved.scores.c1 }, overallComment: saved.overallComment };
    expect(sameReviewDraft(reordered, saved)).toBe(true);
    expect(decideLocalReviewDraft({ ...sameButSparse, baseVersion: 1 }, server)).toBe('none');
  });

  it('tells apart a different level, feedback or overall comment', () => {
    expect(sameReviewDraft({ ...saved, scores: { ...saved.scores, c1: { levelId: 'l1', feedback: 'Well sequenced.' } } }, saved)).toBe(false);
    expect(sameReviewDraft({ ...saved, scores: { ...saved.scores, c1: { levelId: 'l2', feedback: 'Well sequenced' } } }, saved)).toBe(false);
    expect(sameReviewDraft({ ...saved, overallComment: '' }, saved)).toBe(false);
    expect(sameReviewDraft({ ...saved, scores: { ...saved.scores, c3: { levelId: null, feedback: 'x' } } }, saved)).toBe(false);
  });
});

describe('reading a stored scoring copy', () => {
  it('keeps the scores, the comment and the version they were chosen on', () => {
    expect(parseLocalReviewDraft({ ...changed, baseVersion: 5 })).toEqual({ ...changed, baseVersion: 5 });
  });

  it('treats a missing or malformed base version as unknown', () => {
    expect(parseLocalReviewDraft(changed)).toEqual({ ...changed, baseVersion: null });
    expect(parseLocalReviewDraft({ ...changed, baseVersion: '5' })?.baseVersion).toBeNull();
    expect(parseLocalReviewDraft({ ...changed, baseVersion: 4.5 })?.baseVersion).toBeNull();
  });

  it('gives nothing for a missing, broken or hand-edited copy, and drops entries that are not a level and feedback', () => {
    expect(parseLocalReviewDraft(null)).toBeNull();
    expect(parseLocalReviewDraft('scores')).toBeNull();
    expect(parseLocalReviewDraft({ scores: {} })).toBeNull();
    expect(parseLocalReviewDraft({ scores: [], overallComment: '' })).toBeNull();
    const parsed = parseLocalReviewDraft({
      overallComment: '',
      scores: { c1: { levelId: 'l1', feedback: '' }, c2: { levelId: 3, feedback: '' }, c3: { levelId: null }, c4: 'l1', c5: { levelId: null, feedback: 'Only feedback' } },
      baseVersion: 2,
    });
    expect(parsed).toEqual({ overallComment: '', scores: { c1: { levelId: 'l1', feedback: '' }, c5: { levelId: null, feedback: 'Only feedback' } }, baseVersion: 2 });
  });

  it('keeps a "__proto__" criterion id a plain key', () => {
    const parsed = parseLocalReviewDraft(JSON.parse('{"overallComment":"","scores":{"__proto__":{"levelId":"l1","feedback":""}}}') as unknown);
    expect(Object.hasOwn(parsed!.scores, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(parsed!.scores)).toBe(Object.prototype);
  });

  it('from before base versions (and before the prefix) is brought over with an unknown base, so it is not saved by itself', () => {
    const items = new Map([['review-draft:r1', JSON.stringify(changed)]]);
    vi.stubGlobal('window', {
      localStorage: mapStorage(items),
    });
    adoptLegacyLocalDraft('review-draft:r1');
    expect([...items.keys()]).toEqual(['microcred:review-draft:r1']);
    const local = parseLocalReviewDraft(readLocalDraft(localDraftKey('review-draft:r1')));
    expect(local).toEqual({ ...changed, baseVersion: null });
    expect(decideLocalReviewDraft(local, server)).toBe('ask');
  });
});
