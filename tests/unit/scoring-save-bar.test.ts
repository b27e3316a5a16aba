// Where the reviewer sees that their scores were saved (components/review/scoring-form.tsx): the
// draft saves itself, but "Draft saved at …", "Saving draft…" and a failed save used to be said only
// beside Submit, at the end of a page 3,000 px long (7,700 px on a phone), so a reviewer scoring the
// first criteria never saw them. Submit and the save status now sit in a bar stuck to the bottom of
// the window while the rubric is on screen, above the claim bar when that shows; a failed save
// shows there as plainly as a saved one; the page keeps room for the bar below a focused field
// (WCAG 2.4.11); and screen readers hear no more than before (problems, and "saved" once a minute).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactElement, ReactNode } from 'react';
import { compile } from 'tailwindcss';
import type { DraftResult } from '@/app/review/[reviewId]/actions';
import { textJoined } from '../setup/html';
import { nestedLiveRegions } from '../setup/live-regions';
import { cleanUpEffects, commit, elements, resetHooks, run, settle } from '../setup/react-stand-in';
import { fakeBrowser, html } from '../setup/form-stand-ins';

vi.mock('react', async (original) => (await import('../setup/react-stand-in')).reactStandIn(await original()));

const saveReviewDraftAction = vi.fn<(input: unknown) => Promise<DraftResult>>();
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: (input: unknown) => saveReviewDraftAction(input), submitReviewAction: vi.fn(), keepClaimAction: vi.fn() }));

const { ScoringForm } = await import('@/components/review/scoring-form');

const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
const criteria = [
  { id: 'c1', title: 'Plans the cycle', description: '', part: null, descriptors: [] },
  { id: 'c2', title: 'Adjusts teaching', description: '', part: null, descriptors: [] },
];
const props = { reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY' as const, version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST' as const, levelRank: 2 }, initial: { scores: {}, overallComment: '' }, timeZone: 'UTC' };
const CLAIM_ENDED = 'Your claim on this submission has ended, so this draft was not saved.';

const find = (tree: ReactNode, test: (e: ReactElement<Record<string, unknown>>) => boolean) => [...elements(tree)].find(test);
/** The bar, as rendered: from its opening tag to the end of the form it closes. */
const barOf = (page: string) => /<div data-scoring-bar=""[^>]*>[\s\S]*<\/div><\/form>/.exec(page)?.[0] ?? null;
const classOf = (bar: string) => /^<div data-scoring-bar="" class="([^"]*)"/.exec(bar)![1].split(/\s+/);
const liveTags = (page: string) => page.match(/<[a-z]+[^>]*\s(aria-live="(polite|assertive)"|role="(status|alert|log)")[^>]*>/g) ?? [];

beforeEach(() => {
  resetHooks();
  saveReviewDraftAction.mockReset();
  fakeBrowser();
});
afterEach(() => {
  cleanUpEffects();
  vi.unstubAllGlobals();
});

/** A level chosen on the first criterion and feedback typed, then the box left: the draft is sent at once. */
async function scoreAndLeave(answer: DraftResult) {
  saveReviewDraftAction.mockResolvedValue(answer);
  let tree = run(ScoringForm, props);
  commit();
  (find(tree, (e) => e.props.id === 'score-c1-l1')!.props.onChange as () => void)();
  tree = run(ScoringForm, props);
  (find(tree, (e) => e.props.id === 'feedback-c1')!.props.onChange as (e: unknown) => void)({ target: { value: 'Name the change you made.' } });
  tree = run(ScoringForm, props);
  (find(tree, (e) => e.props.id === 'feedback-c1')!.props.onBlur as () => void)();
  await settle();
  return html(ScoringForm, props);
}

describe('the save status, where the reviewer is working', () => {
  it('sits with Submit in a bar stuck to the bottom of the window, above the claim bar', async () => {
    const page = await scoreAndLeave({ ok: true, version: 2, savedAt: '2026-03-02T14:05:00.000Z', claimExpiresAt: '2026-03-02T15:05:00.000Z' });
    const bar = barOf(page);
    expect(bar).not.toBeNull();
    expect(textJoined(bar!)).toContain('Draft saved at 14:05 UTC');
    expect(bar).toMatch(/<button type="submit"[^>]*>Submit scores<\/button>/);
    // Once on the page, not also at its end.
    expect(page.split('Draft saved at').length - 1).toBe(1);

    const css = (await compile('@tailwind utilities;', {})).build(classOf(bar!));
    expect(css).toMatch(/\{\s*position: sticky;\s*\}/);
    // Its bottom edge is the claim bar's top edge while that shows (it measures itself into --claim-bar-height).
    expect(css).toMatch(/\{\s*bottom: var\(--claim-bar-height,0px\);\s*\}/);
    // Room kept below a focused field, on the page itself (the root scrolls), for both bars.
    expect(css).toMatch(/\nhtml:has\(.*\) \{\s*scroll-padding-bottom: calc\(var\(--claim-bar-height,0px\) \+ var\(--scoring-bar-height,5rem\) \+ 0\.75rem\);\s*\}/);
  });

  it('shows a failed save there too, as plainly as a saved one', async () => {
    const ok = barOf(await scoreAndLeave({ ok: true, version: 2, savedAt: '2026-03-02T14:05:00.000Z', claimExpiresAt: '2026-03-02T15:05:00.000Z' }))!;
    cleanUpEffects();
    resetHooks();
    fakeBrowser();
    const failed = barOf(await scoreAndLeave({ ok: false, formError: CLAIM_ENDED, conflict: true }))!;
    expect(textJoined(failed)).toContain(CLAIM_ENDED);
    expect(failed).toMatch(/<span class="[^"]*text-red-800[^"]*">Your claim on this submission has ended/);
    // The bar itself turns red: the failure is not only a line of small text.
    expect(classOf(failed)).toEqual(expect.arrayContaining(['border-red-400', 'bg-red-50']));
    expect(classOf(ok)).toEqual(expect.arrayContaining(['border-slate-300', 'bg-white']));
    expect(classOf(ok)).not.toContain('bg-red-50');
  });

  it('adds nothing for screen readers: the one polite region beside it, not the changing status', async () => {
    const page = await scoreAndLeave({ ok: false, formError: CLAIM_ENDED, conflict: true });
    expect(liveTags(page)).toEqual(['<div aria-live="polite">', '<div class="rounded-lg border border-slate-300 bg-slate-50 p-4" aria-live="polite">', '<span role="status" aria-live="polite" class="sr-only">']);
    expect(nestedLiveRegions(page)).toEqual([]);
    // The problem is said in that region, once.
    expect(page).toMatch(/<span role="status" aria-live="polite" class="sr-only">[^<]*Your claim on this submission has ended/);
  });
});

describe('the room kept for the bar', () => {
  it('follows the bar’s height as its status wraps, and goes with the bar', async () => {
    const root = new Map<string, string>();
    Object.assign(document, { documentElement: { style: { setProperty: (k: string, v: string) => root.set(k, v), removeProperty: (k: string) => root.delete(k) } } });
    let resized = () => undefined as void;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          resized = callback;
        }
        observe() {}
        disconnect() {}
      },
    );
    let height = 61.2;
    const tree = run(ScoringForm, props);
    const bar = find(tree, (e) => e.props['data-scoring-bar'] === '')!;
    (bar.props.ref as { current: unknown }).current = { getBoundingClientRect: () => ({ height }) };
    commit();
    expect(root.get('--scoring-bar-height')).toBe('62px');
    height = 118;
    resized();
    expect(root.get('--scoring-bar-height')).toBe('118px');
    cleanUpEffects();
    expect(root.has('--scoring-bar-height')).toBe(false);
  });

  it('brings a feedback box reached partly under the bar fully into view (Chromium leaves one partly in view where it is), and leaves radios be', () => {
    class TextArea {
      scrollIntoView = vi.fn();
    }
    class Input {
      scrollIntoView = vi.fn();
    }
    vi.stubGlobal('HTMLTextAreaElement', TextArea);
    const form = find(run(ScoringForm, props), (e) => e.type === 'form')!;
    const box = new TextArea();
    (form.props.onFocus as (e: unknown) => void)({ target: box });
    // "nearest": no scroll for a box already clear of the bars (the page's scroll padding counts them).
    expect(box.scrollIntoView).toHaveBeenCalledWith({ block: 'nearest' });
    // A radio moved from under the pointer between press and release would lose the click.
    const radio = new Input();
    (form.props.onFocus as (e: unknown) => void)({ target: radio });
    expect(radio.scrollIntoView).not.toHaveBeenCalled();
  });
});
