// A reviewer's action that gets no answer (the connection dropped, the browser went offline, a
// deploy since the page loaded made the server action unknown) used to reject inside a transition,
// and React sent that to the nearest error boundary: the whole page gave way to "Something went
// wrong", the form and what was typed in it with it, and nobody could tell whether the decision was
// recorded. Now each form says so in place, keeps what was chosen and typed, and can be sent again:
// Submit scores, Keep my claim, Check my scores (calibration), and the forms posting with
// useActionState (release, claim, report a concern, assign, grant a qualification).
//
// No DOM library here: React's hooks are stood in for by a small keeper of state (by call order,
// as React keeps it), so a component's body runs as a function, a later render sees what its
// handlers set, effects run when their dependencies change, and a transition or an action state
// whose work rejects hands the error to `boundary`, as React hands it to the error boundary.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement, type ReactElement, type ReactNode } from 'react';
import { redirect } from 'next/navigation';
import type { DraftResult, KeepClaimResult, SubmitReviewResult } from '@/app/review/[reviewId]/actions';
import type { ActionResult } from '@/lib/action-result';
import type { CalibrationOutcome } from '@/lib/review/calibration';
import { textJoined } from '../setup/html';
import { boundary, cleanUpEffects, commit, elements, resetHooks, run, settle } from '../setup/react-stand-in';
import { fakeBrowser, html, OFFLINE, submit, UNKNOWN_ACTION } from '../setup/form-stand-ins';

vi.mock('react', async (original) => (await import('../setup/react-stand-in')).reactStandIn(await original()));

const saveReviewDraftAction = vi.fn<(input: unknown) => Promise<DraftResult>>();
const submitReviewAction = vi.fn<(input: unknown) => Promise<SubmitReviewResult>>();
const keepClaimAction = vi.fn<(input: unknown) => Promise<KeepClaimResult>>();
const releaseReviewAction = vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
const reportConcernAction = vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
const claimReviewAction = vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
const assignReviewAction = vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
const grantQualificationAction = vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
const submitCalibrationAction = vi.fn<(input: unknown) => Promise<ActionResult<CalibrationOutcome>>>();
vi.mock('@/app/review/[reviewId]/actions', () => ({
  saveReviewDraftAction: (input: unknown) => saveReviewDraftAction(input),
  submitReviewAction: (input: unknown) => submitReviewAction(input),
  keepClaimAction: (input: unknown) => keepClaimAction(input),
  releaseReviewAction: (prev: ActionResult, fd: FormData) => releaseReviewAction(prev, fd),
  reportConcernAction: (prev: ActionResult, fd: FormData) => reportConcernAction(prev, fd),
}));
vi.mock('@/app/review/actions', () => ({ claimReviewAction: (prev: ActionResult, fd: FormData) => claimReviewAction(prev, fd) }));
vi.mock('@/app/admin/review-quality/actions', () => ({
  assignReviewAction: (prev: ActionResult, fd: FormData) => assignReviewAction(prev, fd),
  grantQualificationAction: (prev: ActionResult, fd: FormData) => grantQualificationAction(prev, fd),
}));
vi.mock('@/app/review/calibration/[microCredentialId]/actions', () => ({ submitCalibrationAction: (input: unknown) => submitCalibrationAction(input) }));

const { ScoringForm, SUBMIT_UNREACHABLE } = await import('@/components/review/scoring-form');
const { ClaimWorkspace, CLAIM_EVENT, KEEP_UNREACHABLE, keepButtonText } = await import('@/components/review/claim-timer');
const { CalibrationForm, CALIBRATION_UNREACHABLE } = await import('@/components/review/calibration-form');
const { ReleaseClaimForm, RELEASE_UNREACHABLE } = await import('@/components/review/release-claim-form');
const { ClaimButton, CLAIM_UNREACHABLE } = await import('@/components/review/claim-button');
const { AssignForm } = await import('@/components/review/assign-form');
const { GrantQualificationForm } = await import('@/components/review/grant-qualification-form');
const { ReportConcernForm, CONCERN_UNREACHABLE } = await import('@/app/review/[reviewId]/report-concern-form');
const { unlessUnreachable } = await import('@/components/ui/unreachable');

beforeEach(() => {
  resetHooks();
  for (const f of [saveReviewDraftAction, submitReviewAction, keepClaimAction, releaseReviewAction, reportConcernAction, claimReviewAction, assignReviewAction, grantQualificationAction, submitCalibrationAction]) f.mockReset();
});
afterEach(() => {
  cleanUpEffects();
  vi.unstubAllGlobals();
});

const find = (tree: ReactNode, test: (e: ReactElement<Record<string, unknown>>) => boolean) => [...elements(tree)].find(test);

describe('Submit scores with no answer from the server', () => {
  const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
  const criteria = [{ id: 'c1', title: 'Plans the cycle', description: '', part: null, descriptors: [] }];
  const props = { reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY' as const, version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST' as const, levelRank: 2 }, initial: { scores: {}, overallComment: '' } };
  const saved = (version: number): DraftResult => ({ ok: true, version, savedAt: new Date().toISOString(), claimExpiresAt: new Date(Date.now() + 3_600_000).toISOString() });

  /** The form, mounted, with a level chosen and feedback and a comment typed (and saved as a draft). */
  async function scored() {
    const store = fakeBrowser();
    saveReviewDraftAction.mockResolvedValue(saved(2));
    let tree = run(ScoringForm, props);
    commit();
    (find(tree, (e) => e.props.id === 'score-c1-l2')!.props.onChange as () => void)();
    tree = run(ScoringForm, props);
    (find(tree, (e) => e.props.id === 'feedback-c1')!.props.onChange as (e: unknown) => void)({ target: { value: 'The sequence builds on each lesson.' } });
    tree = run(ScoringForm, props);
    (find(tree, (e) => e.props.id === 'overallComment')!.props.onChange as (e: unknown) => void)({ target: { value: 'A clear, well-paced cycle.' } });
    return store;
  }

  for (const [name, failure] of [['a dropped connection', OFFLINE], ['an action a deploy made unknown', UNKNOWN_ACTION]] as const) {
    it(`after ${name}: the form stays, with what was chosen and typed, says so in its summary (which takes focus), and sends again`, async () => {
      const store = await scored();
      submitReviewAction.mockRejectedValueOnce(failure());
      submit(run(ScoringForm, props));
      await settle();
      expect(boundary).toEqual([]);
      expect(submitReviewAction).toHaveBeenCalledTimes(1);
      const sent = submitReviewAction.mock.calls[0][0];
      expect(sent).toMatchObject({ reviewId: 'r1', attemptVersion: 1, version: 2, overallComment: 'A clear, well-paced cycle.', scores: [{ criterionId: 'c1', levelId: 'l2', feedback: 'The sequence builds on each lesson.' }] });

      const page = html(ScoringForm, props);
      expect(page).toMatch(/<form [^>]*aria-describedby="rubric-help"/);
      expect(page).toMatch(/<div tabindex="-1" role="alert"[^>]*><p class="font-semibold">We could not reach the server, so your scores may not have been submitted\./);
      expect(textJoined(page)).toContain(SUBMIT_UNREACHABLE);
      // What was chosen and typed is still there, and the button works again.
      expect(page).toMatch(/<input type="radio" id="score-c1-l2"[^>]*checked=""/);
      expect(page).toContain('>The sequence builds on each lesson.</textarea>');
      expect(page).toContain('>A clear, well-paced cycle.</textarea>');
      expect(page).toMatch(/<button type="submit" class="[^"]*">Submit: meets the standard<\/button>/);
      // And in this browser, for a reload (after a deploy, only a reload helps).
      expect([...store.values()].some((v) => v.includes('The sequence builds on each lesson.') && v.includes('A clear, well-paced cycle.'))).toBe(true);

      // Focus goes to the summary, as after any refusal: it is on the page once the result is.
      const summary = find(run(ScoringForm, props), (e) => e.type === 'div' && e.props.role === 'alert');
      const focus = vi.fn();
      (summary!.props.ref as { current: unknown }).current = { focus };
      commit();
      expect(focus).toHaveBeenCalled();

      submitReviewAction.mockResolvedValueOnce({ ok: true, outcome: 'PASSED', decision: 'PASS' });
      submit(run(ScoringForm, props));
      await settle();
      expect(boundary).toEqual([]);
      expect(submitReviewAction).toHaveBeenCalledTimes(2);
      expect(submitReviewAction.mock.calls[1][0]).toEqual(sent);
      const done = html(ScoringForm, props);
      expect(done).toContain('Scores submitted: meets the standard');
      expect(done).not.toContain(SUBMIT_UNREACHABLE);
      expect([...store.values()].some((v) => v.includes('The sequence builds on each lesson.'))).toBe(false);
    });
  }

  it('sent again after the first try did get through: the server’s answer is said, and the form stops saving', async () => {
    await scored();
    submitReviewAction.mockRejectedValueOnce(OFFLINE());
    submit(run(ScoringForm, props));
    await settle();
    const already = 'You have already submitted this review (perhaps in another tab). Reload the page to see it.';
    submitReviewAction.mockResolvedValueOnce({ ok: false, formError: already, conflict: true });
    submit(run(ScoringForm, props));
    await settle();
    expect(boundary).toEqual([]);
    const page = html(ScoringForm, props);
    expect(textJoined(page)).toContain(already);
    expect(page).not.toContain('We could not reach the server');
    // Stopped: a later change is not saved over the submitted review.
    saveReviewDraftAction.mockClear();
    (find(run(ScoringForm, props), (e) => e.props.id === 'score-c1-l1')!.props.onChange as () => void)();
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(saveReviewDraftAction).not.toHaveBeenCalled();
  });
});

describe('Keep my claim with no answer from the server', () => {
  const work = createElement('form', { id: 'work' });
  const props = () => ({ claim: { reviewId: 'r1', expiresAt: new Date(Date.now() - 60_000).toISOString(), claimMinutes: 30, serverLabel: '2 Mar, 14:30 UTC', expiredAtRender: true }, children: work });
  const KEEP = `>${keepButtonText(30)}</button>`;
  const count = (s: string, part: string) => s.split(part).length - 1;

  for (const place of ['bar', 'top'] as const) {
    it(`pressed in the ${place}: the message is said where the claim is, focus goes there, and the button stays for another try`, async () => {
      fakeBrowser();
      const p = props();
      const tree = run(ClaimWorkspace, p);
      commit();
      const bar = find(tree, (e) => typeof e.type === 'function' && e.type.name === 'ClaimBar')!;
      const top = find(tree, (e) => typeof e.type === 'function' && e.type.name === 'ClaimTimerTop')!;
      const target = place === 'bar' ? (bar.props.barRef as { current: unknown }) : (top.props.boxRef as { current: unknown });
      const focus = vi.fn();
      target.current = { focus };

      keepClaimAction.mockRejectedValueOnce(OFFLINE());
      if (place === 'bar') (bar.props.onKeep as () => void)();
      else (top.props.c as { keep: (p: string) => void }).keep('top');
      await settle();
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(boundary).toEqual([]);
      expect(focus).toHaveBeenCalled();

      const page = html(ClaimWorkspace, p);
      expect(page).toContain('id="work"');
      expect(textJoined(page)).toContain(KEEP_UNREACHABLE);
      // The timer's polite region says it once; both places show it, each with its button.
      expect(page).toContain(`aria-live="polite" aria-atomic="true">${KEEP_UNREACHABLE.replace(/,/g, ',')}</p>`);
      expect(count(page, KEEP)).toBe(2);
      expect(page).not.toMatch(/<button[^>]*disabled=""[^>]*>Keep/);

      keepClaimAction.mockResolvedValueOnce({ ok: true, claimExpiresAt: new Date(Date.now() + 30 * 60_000).toISOString() });
      const again = find(run(ClaimWorkspace, p), (e) => typeof e.type === 'function' && e.type.name === 'ClaimBar')!;
      (again.props.onKeep as () => void)();
      await settle();
      expect(boundary).toEqual([]);
      expect(keepClaimAction).toHaveBeenCalledTimes(2);
      const kept = html(ClaimWorkspace, p);
      expect(kept).toContain('Claim kept until');
      expect(kept).not.toContain('We could not reach the server');
    });
  }

  it('goes once an autosave gets through (which keeps the claim too)', async () => {
    fakeBrowser();
    const p = props();
    const tree = run(ClaimWorkspace, p);
    commit();
    keepClaimAction.mockRejectedValueOnce(OFFLINE());
    (find(tree, (e) => typeof e.type === 'function' && e.type.name === 'ClaimBar')!.props.onKeep as () => void)();
    await settle();
    expect(html(ClaimWorkspace, p)).toContain('We could not reach the server');
    window.dispatchEvent(new CustomEvent(CLAIM_EVENT, { detail: new Date(Date.now() + 30 * 60_000).toISOString() }));
    expect(html(ClaimWorkspace, p)).not.toContain('We could not reach the server');
  });

  it('a refusal still takes the button away (pressing again cannot help)', async () => {
    fakeBrowser();
    const p = props();
    const tree = run(ClaimWorkspace, p);
    commit();
    keepClaimAction.mockResolvedValueOnce({ ok: false, formError: 'Someone else has this submission now.' });
    (find(tree, (e) => typeof e.type === 'function' && e.type.name === 'ClaimBar')!.props.onKeep as () => void)();
    await settle();
    const page = html(ClaimWorkspace, p);
    expect(page).toContain('Someone else has this submission now.');
    expect(count(page, KEEP)).toBe(0);
  });
});

describe('Check my scores (calibration) with no answer from the server', () => {
  const levels = [{ id: 'l1', rank: 1, label: 'Beginning' }, { id: 'l2', rank: 2, label: 'Developing' }];
  const props = {
    reviewerId: 'u1',
    microCredentialId: 'mc1',
    versionId: 'v1',
    criteria: [{ index: 0, id: 'c1', title: 'Clear goal', descriptors: [] }],
    levels,
    exemplars: [{ id: 'ex1', title: 'Sample A', responses: [{ partTitle: 'Context', text: 'Grade 7.' }] }],
  };
  const ARRIVAL = '<div tabindex="-1" class="mb-6 focus:outline-2 focus:outline-offset-2 focus:outline-green-700">';

  it('says so where the outcome goes (which takes focus), keeps the ratings chosen and on this device, and checks again', async () => {
    const store = fakeBrowser();
    let tree = run(CalibrationForm, props);
    commit();
    (find(tree, (e) => e.props.id === 'ranks-ex1-0-2')!.props.onChange as () => void)();
    tree = run(CalibrationForm, props);
    submitCalibrationAction.mockRejectedValueOnce(OFFLINE());
    submit(tree);
    await settle();
    expect(boundary).toEqual([]);

    const page = html(CalibrationForm, props);
    expect(page).toContain(`${ARRIVAL}<div class="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-950"><p class="font-semibold">We could not reach the server, so your ratings may not have been checked.`);
    expect(textJoined(page)).toContain(CALIBRATION_UNREACHABLE);
    expect(page).toMatch(/<input type="radio" id="ranks-ex1-0-2"[^>]*checked=""/);
    expect(page).toMatch(/<button type="submit" class="[^"]*">Check my scores<\/button>/);
    expect([...store.values()].some((v) => v.includes('"ex1"'))).toBe(true);

    submitCalibrationAction.mockResolvedValueOnce({ ok: true, data: { passed: false, agreement: 0, matches: 0, total: 1, exemplars: [] } });
    submit(run(CalibrationForm, props));
    await settle();
    expect(boundary).toEqual([]);
    expect(submitCalibrationAction.mock.calls[1][0]).toEqual(submitCalibrationAction.mock.calls[0][0]);
    const checked = html(CalibrationForm, props);
    expect(checked).toContain('Not calibrated yet');
    expect(checked).not.toContain('We could not reach the server');
  });
});

describe('forms posting to an action state, with no answer from the server', () => {
  const cases = [
    { name: 'Release and discard my draft', component: ReleaseClaimForm as (p: never) => ReactNode, props: { reviewId: 'r1' }, action: releaseReviewAction, text: RELEASE_UNREACHABLE, button: 'Release and discard my draft' },
    { name: 'a claim from the queue', component: ClaimButton as (p: never) => ReactNode, props: { attemptId: 'a1', kind: 'PRIMARY', label: 'Claim' }, action: claimReviewAction, text: CLAIM_UNREACHABLE, button: 'Claim' },
    { name: 'Report the concern', component: ReportConcernForm as (p: never) => ReactNode, props: { reviewId: 'r1', files: [] }, action: reportConcernAction, text: CONCERN_UNREACHABLE, button: 'Report the concern' },
    { name: 'Assign', component: AssignForm as (p: never) => ReactNode, props: { attemptId: 'a1', kinds: ['PRIMARY'], reviewers: [{ id: 'u2', name: 'Ana', email: 'ana@example.org', kinds: ['PRIMARY'] }] }, action: assignReviewAction, text: 'We could not reach the server, so the work may not have been assigned.', button: 'Assign' },
    { name: 'Grant qualification', component: GrantQualificationForm as (p: never) => ReactNode, props: { credentials: [{ id: 'mc1', title: 'Checks for understanding' }] }, action: grantQualificationAction, text: 'We could not reach the server, so the qualification may not have been granted.', button: 'Grant qualification' },
  ];

  for (const c of cases) {
    it(`${c.name}: the form stays, says so, and sends again`, async () => {
      fakeBrowser();
      const props = c.props as never;
      run(c.component, props);
      commit();
      c.action.mockRejectedValueOnce(OFFLINE());
      submit(run(c.component, props), { reviewId: 'r1', note: 'Blurred names.' });
      await settle();
      expect(boundary).toEqual([]);
      const page = html(c.component, props);
      expect(page).toContain('<form');
      expect(textJoined(page)).toContain(c.text);
      expect(page).toMatch(new RegExp(`<button type="submit"(?![^>]*disabled="")[^>]*>${c.button}</button>`));

      c.action.mockResolvedValueOnce({ ok: true, message: 'Done.' });
      submit(run(c.component, props), { reviewId: 'r1', note: 'Blurred names.' });
      await settle();
      expect(boundary).toEqual([]);
      expect(c.action).toHaveBeenCalledTimes(2);
      expect(Object.fromEntries(c.action.mock.calls[1][1].entries())).toEqual({ reviewId: 'r1', note: 'Blurred names.' });
      expect(textJoined(html(c.component, props))).not.toContain('We could not reach the server');
    });
  }

  it('lets a redirect (released: back to the queue) through to the router', async () => {
    fakeBrowser();
    const props = { reviewId: 'r1' };
    run(ReleaseClaimForm, props);
    releaseReviewAction.mockImplementationOnce(async () => redirect('/review?released=1'));
    submit(run(ReleaseClaimForm, props), { reviewId: 'r1' });
    await settle();
    expect(boundary).toHaveLength(1);
    expect((boundary[0] as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;/);
    expect(html(ReleaseClaimForm, props)).not.toContain('We could not reach the server');
  });
});

describe('unlessUnreachable', () => {
  it('answers for a request that got no answer, and passes on what the action answered or Next’s own signals', async () => {
    await expect(unlessUnreachable(async () => 'answered', () => 'none')).resolves.toBe('answered');
    await expect(unlessUnreachable(() => Promise.reject(OFFLINE()), () => 'none')).resolves.toBe('none');
    await expect(unlessUnreachable(() => Promise.reject(UNKNOWN_ACTION()), () => 'none')).resolves.toBe('none');
    await expect(unlessUnreachable(async () => redirect('/review'), () => 'none')).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
  });
});
