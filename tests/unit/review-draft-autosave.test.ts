// The reviewer's scoring form saves its draft with the teacher's save loop (createAutosaver in
// components/evidence/autosave.ts): a draft the server refused is not sent again, unchanged, every
// second and a bit for as long as the page is open; it is sent again once the reviewer changes
// something. A claim that ended (a conflict) stops saving for good. No DOM library here: `window`
// is a plain EventTarget, and the form runs with its React hooks stood in for.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftResult } from '@/app/review/[reviewId]/actions';
import { mapStorage } from '../setup/browser-stand-ins';

// The form's effects (restoring a local copy, saving on hide) are not what is tested here.
vi.mock('react', async (original) => (await import('../setup/browser-stand-ins')).hooksOutsideRenderer(await original()));

const saveReviewDraftAction = vi.fn<(input: unknown) => Promise<DraftResult>>();
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: (input: unknown) => saveReviewDraftAction(input), submitReviewAction: async () => undefined, keepClaimAction: async () => undefined }));

const { createAutosaver } = await import('@/components/evidence/autosave');
const { ScoringForm, draftSaveOutcome } = await import('@/components/review/scoring-form');

beforeEach(() => {
  vi.useFakeTimers();
  saveReviewDraftAction.mockReset();
  vi.stubGlobal('window', Object.assign(new EventTarget(), { localStorage: mapStorage() }));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const NOT_QUALIFIED = 'You are not qualified to review this micro-credential.';
const ENDED = 'Your claim on this submission has ended: it was returned to the queue (you are no longer qualified to review this micro-credential), so it can no longer be scored here. Your scores and feedback are still on this page.';
const saved = (version: number): DraftResult => ({ ok: true, version, savedAt: new Date().toISOString(), claimExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });

describe('what a draft save’s answer means to the save loop', () => {
  it('takes the new version when saved, stops on a conflict, and waits for an edit on any other refusal', () => {
    expect(draftSaveOutcome({ ok: true, version: 3, savedAt: '2026-03-05T10:00:00.000Z', claimExpiresAt: '2026-03-05T11:00:00.000Z' })).toEqual({ ok: true, revision: 3, savedAt: '2026-03-05T10:00:00.000Z' });
    expect(draftSaveOutcome({ ok: false, formError: ENDED, conflict: true })).toMatchObject({ ok: false, formError: ENDED, conflict: true, waitForEdit: false });
    for (const formError of [NOT_QUALIFIED, 'That review could not be found.', 'Feedback on a criterion is at most 5,000 characters.']) {
      expect(draftSaveOutcome({ ok: false, formError, conflict: false })).toMatchObject({ ok: false, formError, waitForEdit: true });
    }
  });

  it('stops for good on a final refusal, waits for a change on scores refused as they stand, and tries a server error again', () => {
    expect(draftSaveOutcome({ ok: false, formError: 'That review could not be found.', conflict: false, stop: true, invalid: false })).toMatchObject({ conflict: true, waitForEdit: false });
    expect(draftSaveOutcome({ ok: false, formError: 'Feedback on a criterion is at most 5,000 characters.', conflict: false, stop: false, invalid: true })).toMatchObject({ conflict: false, waitForEdit: true });
    expect(draftSaveOutcome({ ok: false, formError: 'Something went wrong on our side. Your input is kept; please try again.', conflict: false, stop: false, invalid: false })).toMatchObject({ conflict: false, waitForEdit: false });
  });

  it('does not send a refused review draft again until it is edited', async () => {
    const text = { current: JSON.stringify({ scores: { c1: { levelId: 'l2', feedback: '' } }, overallComment: '' }) };
    const refs = { revision: { current: 4 }, lastSaved: { current: '' }, stopped: { current: false } };
    const send = vi.fn(async (t: string, rev: number) => draftSaveOutcome(t.includes('Edited') ? saved(rev + 1) : { ok: false, formError: NOT_QUALIFIED, conflict: false }));
    const statuses: string[] = [];
    const saver = createAutosaver({ send, text: () => text.current, ...refs, onStatus: (s) => statuses.push(s.kind), delayMs: 1200 });
    expect(await saver.save()).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    // Leaving a box or hiding the page asks again: nothing is sent.
    expect(await saver.save()).toBe(false);
    expect(send).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual(['saving', 'error']);
    text.current = JSON.stringify({ scores: { c1: { levelId: 'l2', feedback: '' } }, overallComment: 'Edited.' });
    expect(await saver.save()).toBe(true);
    expect(send).toHaveBeenCalledTimes(2);
    expect(refs.revision.current).toBe(5);
  });
});

type El = { type: unknown; props: Record<string, unknown> & { children?: unknown } };
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

/** The scoring form, and a way to choose a level or type feedback as the reviewer does. */
function scoringForm() {
  const tree = ScoringForm({ reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores: {}, overallComment: '' } });
  return {
    choose: (levelId: string) => (findById(tree, `score-c1-${levelId}`)!.props.onChange as () => void)(),
    type: (value: string) => (findById(tree, 'feedback-c1')!.props.onChange as (e: { target: { value: string } }) => void)({ target: { value } }),
  };
}

describe('the scoring form after its draft is refused', () => {
  it('does not send the same draft again every second and a bit; the next change is sent', async () => {
    saveReviewDraftAction.mockResolvedValue({ ok: false, formError: NOT_QUALIFIED, conflict: false });
    const form = scoringForm();
    form.choose('l2');
    await vi.advanceTimersByTimeAsync(1200);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(1);

    saveReviewDraftAction.mockResolvedValue(saved(2));
    form.type('Say more about the students.');
    await vi.advanceTimersByTimeAsync(1200);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(2);
    expect(saveReviewDraftAction.mock.calls[1]?.[0]).toMatchObject({ reviewId: 'r1', version: 1, scores: [{ criterionId: 'c1', levelId: 'l2', feedback: 'Say more about the students.' }] });
  });

  it('stops for good once the claim has ended: later changes are not sent', async () => {
    saveReviewDraftAction.mockResolvedValue({ ok: false, formError: ENDED, conflict: true });
    const form = scoringForm();
    form.choose('l2');
    await vi.advanceTimersByTimeAsync(1200);
    form.type('More typing.');
    form.choose('l1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(1);
  });

  it('sends with the version the last save gave, and keeps retrying quietly while the connection is down', async () => {
    saveReviewDraftAction.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValue(saved(2));
    const form = scoringForm();
    form.choose('l2');
    await vi.advanceTimersByTimeAsync(1200);
    await vi.advanceTimersByTimeAsync(1200);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(2);
    form.type('Next.');
    await vi.advanceTimersByTimeAsync(1200);
    expect(saveReviewDraftAction.mock.calls[2]?.[0]).toMatchObject({ version: 2 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saveReviewDraftAction).toHaveBeenCalledTimes(3);
  });
});
