// Forms that save themselves send what is unsaved when the page is hidden (tab closed, laptop shut)
// and as soon as the browser is back online, not at the next timed retry: saveOnHideAndReconnect
// (components/evidence/autosave.ts), shared by the answer editor, the proposal form and the
// reviewer's scoring form (components/review/scoring-form.tsx). No DOM library here: `window` and
// `document` are plain EventTargets, and the scoring form runs with its React hooks stood in for,
// so its effects (the listeners) run as they would once mounted.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mapStorage, type Effect } from '../setup/browser-stand-ins';

const effects: Effect[] = [];

// Enough of React to run a component's body and its effects outside a renderer.
vi.mock('react', async (original) => (await import('../setup/browser-stand-ins')).hooksOutsideRenderer(await original(), effects));

const saveReviewDraftAction = vi.fn();
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: (...args: unknown[]) => saveReviewDraftAction(...args), submitReviewAction: async () => undefined, keepClaimAction: async () => undefined }));

const { saveOnHideAndReconnect } = await import('@/components/evidence/autosave');
const { ScoringForm } = await import('@/components/review/scoring-form');

/** A browser's `window` and `document`, as far as the listeners go. */
function fakeBrowser() {
  const win = Object.assign(new EventTarget(), { localStorage: mapStorage() });
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
  vi.stubGlobal('window', win);
  vi.stubGlobal('document', doc);
  return {
    goOnline: () => win.dispatchEvent(new Event('online')),
    hide: () => {
      doc.visibilityState = 'hidden';
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    show: () => {
      doc.visibilityState = 'visible';
      doc.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  effects.length = 0;
  saveReviewDraftAction.mockReset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('saveOnHideAndReconnect', () => {
  it('saves when the page is hidden and when the connection comes back, not when it is shown again', () => {
    const browser = fakeBrowser();
    const save = vi.fn(async () => undefined);
    const stop = saveOnHideAndReconnect({ save });
    browser.show();
    expect(save).not.toHaveBeenCalled();
    browser.hide();
    expect(save).toHaveBeenCalledTimes(1);
    browser.goOnline();
    expect(save).toHaveBeenCalledTimes(2);
    // Once the form is gone, neither saves any more.
    stop();
    browser.hide();
    browser.goOnline();
    expect(save).toHaveBeenCalledTimes(2);
  });
});

// ── The reviewer's scoring form ──

type El = { type: unknown; props: Record<string, unknown> & { children?: unknown } };
/** The element with this id in a rendered tree (components inside are not expanded). */
function findById(node: unknown, id: string): El | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = findById(child, id);
      if (hit) return hit;
    }
    return null;
  }
  if (!node || typeof node !== 'object' || !('props' in node)) return null;
  const el = node as El;
  if (el.props.id === id) return el;
  return findById(el.props.children, id);
}

const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
const criteria = [{ id: 'c1', title: 'Plans the cycle', description: '', part: null, descriptors: [] }];
const saved = () => ({ ok: true, version: 2, savedAt: new Date().toISOString(), claimExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });

/** The form, mounted (its effects run), with a level chosen since the last save. */
function scoringFormWithAnUnsavedChoice() {
  const tree = ScoringForm({ reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores: {}, overallComment: '' } });
  const cleanups = effects.map((effect) => effect()).filter((c): c is () => void => typeof c === 'function');
  const radio = findById(tree, 'score-c1-l2');
  expect(radio).not.toBeNull();
  (radio!.props.onChange as () => void)();
  return { unmount: () => cleanups.forEach((c) => c()) };
}

const sentLevel = (call: number) => (saveReviewDraftAction.mock.calls[call]?.[0] as { scores: { criterionId: string; levelId: string | null }[] }).scores;

describe('the scoring form saves a pending choice', () => {
  it('at once when the connection comes back, without waiting for the next try', async () => {
    const browser = fakeBrowser();
    // The connection is down: the save fails and the draft waits in this browser.
    saveReviewDraftAction.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const form = scoringFormWithAnUnsavedChoice();
    browser.hide();
    await vi.advanceTimersByTimeAsync(0);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(1);
    browser.show();

    saveReviewDraftAction.mockResolvedValue(saved());
    browser.goOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(2);
    expect(sentLevel(1)).toEqual([{ criterionId: 'c1', levelId: 'l2', feedback: '' }]);
    // Saved: the timed retry finds nothing left to send.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(2);
    form.unmount();
  });

  it('when the connection comes back before the pause after a choice is over', async () => {
    const browser = fakeBrowser();
    saveReviewDraftAction.mockResolvedValue(saved());
    const form = scoringFormWithAnUnsavedChoice();
    browser.goOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(1);
    expect(sentLevel(0)).toEqual([{ criterionId: 'c1', levelId: 'l2', feedback: '' }]);
    form.unmount();
  });

  it('when the page is hidden; and no longer listens once the form is gone', async () => {
    const browser = fakeBrowser();
    saveReviewDraftAction.mockResolvedValue(saved());
    const form = scoringFormWithAnUnsavedChoice();
    form.unmount();
    browser.hide();
    browser.goOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(saveReviewDraftAction).not.toHaveBeenCalled();

    effects.length = 0;
    const again = scoringFormWithAnUnsavedChoice();
    browser.show();
    browser.hide();
    await vi.advanceTimersByTimeAsync(0);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(1);
    again.unmount();
  });
});
