// Where keyboard focus goes after an action whose button goes away, and that its outcome is read
// out once (WCAG 2.4.3, 4.1.3): the outcome is a notice that takes focus (tabindex -1, focused from
// script: ArrivalNotice), holding one Alert whose role announces it, inside no other live region.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';
import type { VerifyOutcome } from '@/lib/awards/verify-upload';
import type { VerificationResult } from '@/lib/credentials/verify';

let actionState: unknown = { ok: true };
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  return { ...actual, useActionState: () => [actionState, () => undefined, false] };
});
// Server actions are not called while rendering.
vi.mock('@/app/verify/actions', () => ({ verifyAction: vi.fn() }));
vi.mock('@/app/micro-credentials/[slug]/proposal/actions', () => ({ autosaveProposalAction: vi.fn(), saveProposalAction: vi.fn() }));
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: vi.fn(), submitReviewAction: vi.fn(), keepClaimAction: vi.fn() }));

const { VerifyForm, Verdict } = await import('@/app/verify/verify-form');
const { ProposalForm } = await import('@/components/proposals/proposal-form');
const { ScoringForm, problemFocusId } = await import('@/components/review/scoring-form');
const { SubmittedNotice, submittedNoticeTakesFocus } = await import('@/app/review/[reviewId]/submitted-notice');
const { submittedOutcomeText } = await import('@/app/review/[reviewId]/submitted-outcome');
const { default: ReviewNotFound } = await import('@/app/review/[reviewId]/not-found');

beforeEach(() => {
  actionState = { ok: true };
});

/** The focus target ArrivalNotice renders, opening on an Alert of `role`. */
const focusTarget = (role: 'status' | 'alert') => new RegExp(`<div tabindex="-1" class="[^"]*"><div role="${role}"`);

const checked: VerificationResult = { verified: true, errors: [], checks: { signature: 'ok', expiry: 'ok', revocation: 'ok', schema: 'ok' } } as unknown as VerificationResult;

describe('the check for live regions in live regions', () => {
  it('finds one inside another, and not two side by side', () => {
    expect(nestedLiveRegions('<div aria-live="polite"><div role="status"><div>Saved.</div></div></div>')).toEqual(['<div role="status">']);
    expect(nestedLiveRegions('<div aria-live="polite"></div><div tabindex="-1"><div role="status">Sent.</div></div>')).toEqual([]);
  });
});

describe('verifying a credential', () => {
  it('shows the verdict as a notice that takes focus, not inside a live region', () => {
    const ok: VerifyOutcome = { ok: true, result: checked, summary: { name: 'Team agendas', issuer: 'Teaching Matters', issuerOnPlatform: true, recipient: 'match' } };
    const html = renderToStaticMarkup(createElement(Verdict, { outcome: ok, checkedEmail: 'ana@school.org' }));
    expect(html).toMatch(focusTarget('status'));
    expect(html).toContain('This credential is genuine and valid');
    expect(html).toContain('It was issued to ana@school.org.');
    // The checks are inside the notice, so focus lands on the whole verdict.
    expect(html).toMatch(/<ul class="mt-3 space-y-2" aria-label="Verification checks">.*<\/ul><\/div>$/);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('shows a refusal the same way, as an alert', () => {
    const html = renderToStaticMarkup(createElement(Verdict, { outcome: { ok: false, message: 'That file is too large to be a badge (1 MB at most).' }, checkedEmail: '' }));
    expect(html).toMatch(focusTarget('alert'));
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('keeps its one live region for the wait alone', () => {
    const html = renderToStaticMarkup(createElement(VerifyForm));
    expect(html.match(/aria-live=/g)).toHaveLength(1);
    expect(html).toContain('<div aria-live="polite"></div>');
  });
});

describe('sending a proposal to the district', () => {
  const props = { microCredentialId: 'mc1', ownerKey: 'u1:d1', studentGoals: 'My grade 6 students.', plan: '', version: 2, locked: true };

  it('says it was sent in a notice that takes focus (the buttons are gone), read out once', () => {
    actionState = { ok: true, message: 'Sent to your district.', data: { version: 3, savedAt: '2026-01-01T00:00:00.000Z', sent: true } };
    const html = renderToStaticMarkup(createElement(ProposalForm, props));
    expect(html).toMatch(/<div tabindex="-1" class="mb-4 [^"]*"><div role="status"[^>]*><div>Sent to your district\.<\/div><\/div><\/div>/);
    expect(html.match(/Sent to your district\./g)).toHaveLength(1);
    expect(html).not.toContain('Send to my district');
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('still says a saved draft and a problem where it did, without taking focus, each read out once', () => {
    actionState = { ok: true, message: 'Draft saved.', data: { version: 3, savedAt: '2026-01-01T00:00:00.000Z', sent: false } };
    const saved = renderToStaticMarkup(createElement(ProposalForm, { ...props, locked: false }));
    expect(saved).toMatch(/<div class="mb-4"><div tabindex="-1" role="status" aria-live="polite"><div class="rounded-md[^"]*"><div>Draft saved\.<\/div>/);
    expect(liveRegionsAround(saved, 'Draft saved.')).toHaveLength(1);
    expect(saved).not.toMatch(focusTarget('status'));
    actionState = { ok: false, formError: 'Your district has changed this proposal since you opened it.' };
    const refused = renderToStaticMarkup(createElement(ProposalForm, { ...props, locked: false }));
    expect(liveRegionsAround(refused, 'Your district has changed this proposal')).toEqual(['<div tabindex="-1" role="alert">']);
    expect(nestedLiveRegions(refused)).toEqual([]);
  });
});

describe('the scoring form’s error summary', () => {
  const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
  const criteria = [{ id: 'c1', title: 'Plans the cycle', description: '', part: null, descriptors: [] }];

  it('takes focus to a control of the criterion, not to its fieldset (which cannot take focus)', () => {
    expect(problemFocusId('level.c1', {}, levels)).toBe('score-c1-l1');
    // The group's chosen level, where Tab enters the group.
    expect(problemFocusId('level.c1', { c1: { levelId: 'l2' } }, levels)).toBe('score-c1-l2');
    expect(problemFocusId('feedback.c1', { c1: { levelId: 'l1' } }, levels)).toBe('feedback-c1');
    expect(problemFocusId('overallComment', {}, levels)).toBe('overallComment');
    expect(problemFocusId('scores.0.levelId', {}, levels)).toBeNull();
  });

  it('names controls that are on the page', () => {
    const html = renderToStaticMarkup(
      createElement(ScoringForm, { reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores: {}, overallComment: '' } }),
    );
    for (const key of ['level.c1', 'feedback.c1', 'overallComment']) {
      const id = problemFocusId(key, {}, levels);
      expect(html).toMatch(new RegExp(`<(input|textarea)[^>]* id="${id}"|<(input|textarea) id="${id}"`));
    }
  });
});

describe('the notice of a submitted review', () => {
  it('takes focus only when the review was submitted while the page was open', () => {
    expect(submittedNoticeTakesFocus(false, true)).toBe(true);
    // Opened on a review submitted earlier: focus stays where the browser puts it.
    expect(submittedNoticeTakesFocus(true, true)).toBe(false);
    expect(submittedNoticeTakesFocus(false, false)).toBe(false);
  });

  it('shows nothing while the review is scored, and the notice without taking focus on a page opened on a submitted review', () => {
    expect(renderToStaticMarkup(createElement(SubmittedNotice, { submitted: false }))).toBe('');
    const html = renderToStaticMarkup(createElement(SubmittedNotice, { submitted: true, className: 'mt-4' }, createElement('p', null, 'Submitted')));
    expect(html).toBe('<div class="mt-4"><p>Submitted</p></div>');
  });

  it('says what became of the attempt, in words that stay true while it waits', () => {
    expect(submittedOutcomeText({ kind: 'PRIMARY', attemptStatus: 'PASSED', setAside: false })).toMatch(/credential was awarded/);
    expect(submittedOutcomeText({ kind: 'SECOND_LOOK', attemptStatus: 'RETURNED', setAside: false })).toMatch(/returned to the teacher for revision/);
    expect(submittedOutcomeText({ kind: 'PRIMARY', attemptStatus: 'SUBMITTED', setAside: false })).toMatch(/scored twice/);
    expect(submittedOutcomeText({ kind: 'SECOND', attemptStatus: 'SUBMITTED', setAside: false })).toMatch(/issuer admin will adjudicate/);
    // The set-aside notice says it instead.
    expect(submittedOutcomeText({ kind: 'PRIMARY', attemptStatus: 'SUBMITTED', setAside: true })).toBeNull();
  });
});

describe('a review the reviewer cannot open', () => {
  it('says why in general terms and leads back to the review queue', () => {
    const html = renderToStaticMarkup(createElement(ReviewNotFound));
    expect(html).toMatch(/<h1[^>]*>This review is not one you can open<\/h1>/);
    expect(html).toContain('href="/review"');
    expect(html).toContain('Go to the review queue');
  });
});
