// A reviewer's unsent scores kept in this browser belong to the work (reviewer, attempt, kind of
// review), not to one review row. Claiming the work again after the claim ended makes a new review:
// keyed by the review, the new claim's form looked under another key and what the reviewer had been
// told was "kept in this browser" was never offered again. A copy chosen in the earlier claim is
// offered (never put back by itself: the two reviews' versions cannot be compared), and a copy kept
// under the old per-review key is brought over.
//
// No DOM library here: React's hooks are stood in for by a small keeper of state (by call order),
// so the form's body runs as a function, a later render sees what its effects set.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isValidElement, type ReactNode } from 'react';
import type { DraftResult } from '@/app/review/[reviewId]/actions';
import { mapStorage } from '../setup/browser-stand-ins';
import { decideReviewCopy, parseStoredReviewCopy, reviewDraftName } from '@/components/review/review-draft-copy';
import { decideLocalReviewDraft, localDraftKey, type ReviewDraftCopy } from '@/components/ui/local-draft';
import { cleanUpEffects, commit, remount, resetHooks, run } from '../setup/react-stand-in';

vi.mock('react', async (original) => (await import('../setup/react-stand-in')).reactStandIn(await original()));

const saveReviewDraftAction = vi.fn<(input: unknown) => Promise<DraftResult>>();
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: (input: unknown) => saveReviewDraftAction(input), submitReviewAction: async () => undefined, keepClaimAction: async () => undefined }));

const { ScoringForm } = await import('@/components/review/scoring-form');

let store: Map<string, string>;
beforeEach(() => {
  vi.useFakeTimers();
  store = new Map();
  vi.stubGlobal('window', Object.assign(new EventTarget(), { localStorage: mapStorage(store), setTimeout, clearTimeout }));
  vi.stubGlobal('document', Object.assign(new EventTarget(), { visibilityState: 'visible' }));
  // The connection is down: nothing reaches the server, everything stays in this browser.
  saveReviewDraftAction.mockReset().mockRejectedValue(new TypeError('Failed to fetch'));
});
afterEach(() => {
  cleanUpEffects();
  resetHooks();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
const criteria = [{ id: 'c1', title: 'Plans the cycle', description: '', part: null, descriptors: [] }];
type FormProps = Parameters<typeof ScoringForm>[0];
/** A claim of reviewer u1 on attempt a1's first review; each claim is its own review, starting at version 0. */
const claim = (reviewId: string, more: Partial<FormProps> = {}): FormProps => ({
  reviewId,
  reviewerId: 'u1',
  attemptId: 'a1',
  kind: 'PRIMARY',
  version: 0,
  attemptVersion: 1,
  criteria,
  levels,
  rule: { kind: 'ALL_AT_LEAST', levelRank: 2 },
  initial: { scores: {}, overallComment: '' },
  ...more,
});

/** Opens the form on a fresh page (new state), runs its mount effects, and renders it again. */
function open(props: FormProps): () => ReactNode {
  remount();
  const render = () => run(ScoringForm, props);
  render();
  commit();
  return render;
}

type El = { type: unknown; props: Record<string, unknown> & { children?: unknown } };
/** The first element in `node` (function components not run) that `test` accepts. */
function find(node: unknown, test: (e: El) => boolean): El | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = find(child, test);
      if (hit) return hit;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  const el = node as unknown as El;
  if (test(el)) return el;
  return find(el.props.children, test);
}
const choose = (tree: ReactNode, levelId: string) => (find(tree, (e) => e.props.id === `score-c1-${levelId}`)!.props.onChange as () => void)();
const noticeTitle = (tree: ReactNode) => find(tree, (e) => typeof e.props.title === 'string' && typeof e.props.onUse === 'function')?.props.title ?? null;

const WORK_KEY = localDraftKey('review-draft:u1:a1:PRIMARY');

describe('the key of a reviewer’s unsent scores', () => {
  it('is the same for two reviews of the same attempt, kind and reviewer', () => {
    const first = open(claim('rA'))();
    choose(first, 'l2');
    expect([...store.keys()]).toEqual([WORK_KEY]);
    const second = open(claim('rB'))();
    choose(second, 'l1');
    expect([...store.keys()]).toEqual([WORK_KEY]);
    expect(parseStoredReviewCopy(JSON.parse(store.get(WORK_KEY)!))).toMatchObject({ reviewId: 'rB', scores: { c1: { levelId: 'l1' } } });
  });

  it('differs for another attempt, kind or reviewer', () => {
    const base = { reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY' };
    const names = [base, { ...base, reviewerId: 'u2' }, { ...base, attemptId: 'a2' }, { ...base, kind: 'SECOND' }].map(reviewDraftName);
    expect(new Set(names).size).toBe(4);
  });
});

describe('claiming the work again after the claim ended', () => {
  it('offers the scores typed in the earlier claim, for the reviewer to choose, even at the same version number', () => {
    // Typed in the first claim while the connection was down; the claim then ran out.
    choose(open(claim('rA'))(), 'l2');
    // "Claim it again and keep my draft": a new review, at version 0 like the first one was.
    const tree = open(claim('rB'))();
    expect(noticeTitle(tree)).toBe('You have unsaved scores from your earlier claim on this submission.');
    // Not put back by itself (nor saved over the new claim), and still kept.
    expect(find(tree, (e) => e.props.id === 'score-c1-l2')!.props.checked).toBe(false);
    expect(saveReviewDraftAction).not.toHaveBeenCalled();
    expect(store.has(WORK_KEY)).toBe(true);
  });

  it('says nothing when the new claim already starts with those scores (carried over from the saved draft)', () => {
    choose(open(claim('rA'))(), 'l2');
    const tree = open(claim('rB', { initial: { scores: { c1: { levelId: 'l2', feedback: '' } }, overallComment: '' } }))();
    expect(noticeTitle(tree)).toBeNull();
    expect(store.has(WORK_KEY)).toBe(false);
  });
});

describe('a copy kept under the old per-review key', () => {
  const copy = { scores: { c1: { levelId: 'l2', feedback: 'Well sequenced.' } }, overallComment: 'Clear.' };

  it('is moved to the work’s key and, chosen on this review as it stands, put back', () => {
    store.set(localDraftKey('review-draft:rB'), JSON.stringify({ ...copy, baseVersion: 0 }));
    const tree = open(claim('rB'))();
    expect([...store.keys()]).toEqual([WORK_KEY]);
    expect(JSON.parse(store.get(WORK_KEY)!)).toEqual({ ...copy, baseVersion: 0, reviewId: 'rB' });
    expect(noticeTitle(tree)).toBeNull();
    expect(find(tree, (e) => e.props.id === 'score-c1-l2')!.props.checked).toBe(true);
  });

  it('from before the prefix is moved too, and waits for the reviewer (what it was chosen on is unknown)', () => {
    store.set('review-draft:rB', JSON.stringify(copy));
    const tree = open(claim('rB'))();
    expect([...store.keys()]).toEqual([WORK_KEY]);
    expect(noticeTitle(tree)).toBe('You have unsaved scores from an earlier visit on this computer.');
  });

  it('does not replace a copy the work already has', () => {
    store.set(WORK_KEY, JSON.stringify({ ...copy, overallComment: 'Newer.', baseVersion: 0, reviewId: 'rB' }));
    store.set(localDraftKey('review-draft:rB'), JSON.stringify({ ...copy, baseVersion: 0 }));
    open(claim('rB'));
    expect([...store.keys()]).toEqual([WORK_KEY]);
    expect(JSON.parse(store.get(WORK_KEY)!)).toMatchObject({ overallComment: 'Newer.' });
  });
});

describe('deciding on a copy from an earlier review of the same work', () => {
  const saved: ReviewDraftCopy = { scores: { c1: { levelId: 'l1', feedback: '' } }, overallComment: '' };
  const typed: ReviewDraftCopy = { scores: { c1: { levelId: 'l2', feedback: 'Builds well.' } }, overallComment: 'Clear.' };

  it('asks, whatever the version numbers say', () => {
    // What decideLocalReviewDraft alone would do: the same version number looks like the same review.
    expect(decideLocalReviewDraft({ ...typed, baseVersion: 3 }, { draft: saved, version: 3 })).toBe('restore');
    expect(decideReviewCopy({ ...typed, baseVersion: 3, reviewId: 'rA' }, { reviewId: 'rB', draft: saved, version: 3 })).toBe('ask');
    expect(decideReviewCopy({ ...typed, baseVersion: 5, reviewId: 'rA' }, { reviewId: 'rB', draft: saved, version: 0 })).toBe('ask');
    expect(decideReviewCopy({ ...typed, baseVersion: 3, reviewId: null }, { reviewId: 'rB', draft: saved, version: 3 })).toBe('ask');
  });

  it('keeps the rest as it was: this review’s own copy, no copy, or one the review already has', () => {
    expect(decideReviewCopy({ ...typed, baseVersion: 3, reviewId: 'rB' }, { reviewId: 'rB', draft: saved, version: 3 })).toBe('restore');
    expect(decideReviewCopy({ ...typed, baseVersion: 2, reviewId: 'rB' }, { reviewId: 'rB', draft: saved, version: 3 })).toBe('ask');
    expect(decideReviewCopy(null, { reviewId: 'rB', draft: saved, version: 3 })).toBe('none');
    expect(decideReviewCopy({ ...saved, baseVersion: 1, reviewId: 'rA' }, { reviewId: 'rB', draft: saved, version: 3 })).toBe('none');
  });
});
