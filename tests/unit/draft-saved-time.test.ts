// "Draft saved at 18:43" in the reviewer's scoring form and the teacher's proposal form is in the
// person's own time zone, the one every other time on their pages is in (ADR 023), not the
// browser's: a reviewer whose account says Kathmandu sees Kathmandu time wherever the laptop is set,
// and someone with no zone sees UTC, marked "UTC", as on the rest of the page. The forms are rendered
// as the server would, with the save status standing where a finished autosave leaves it.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

// 25 Nov 2026, 12:58 UTC: 18:43 in Kathmandu (UTC+05:45, no summer time), which no test runner's
// own zone is likely to share.
const SAVED_AT = new Date('2026-11-25T12:58:00Z');

// A finished autosave: the forms' status ({ kind: 'idle' } until then) is "saved", at SAVED_AT.
vi.mock('react', async (original) => {
  const actual = await original<typeof import('react')>();
  return {
    ...actual,
    useState: <T,>(init: T | (() => T)) => {
      const value = typeof init === 'function' ? (init as () => T)() : init;
      const idle = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'idle';
      return [idle ? { kind: 'saved', at: SAVED_AT } : value, () => undefined];
    },
  };
});
// Server actions are not called while rendering.
vi.mock('@/app/review/[reviewId]/actions', () => ({ saveReviewDraftAction: vi.fn(), submitReviewAction: vi.fn(), keepClaimAction: vi.fn() }));
vi.mock('@/app/micro-credentials/[slug]/proposal/actions', () => ({ autosaveProposalAction: vi.fn(), saveProposalAction: vi.fn() }));
vi.mock('@/app/apply/[slug]/actions', () => ({ saveResponseAction: vi.fn() }));

const { ScoringForm } = await import('@/components/review/scoring-form');
const { ProposalForm } = await import('@/components/proposals/proposal-form');
const { AnswerEditor } = await import('@/components/evidence/answer-editor');

const levels = [{ id: 'l1', rank: 1, label: 'Developing' }, { id: 'l2', rank: 2, label: 'Demonstrated' }];
const criteria = [{ id: 'c1', title: 'Plans the cycle', description: '', part: null, descriptors: [] }];
const scoring = (timeZone: string | null) =>
  renderToStaticMarkup(createElement(ScoringForm, { reviewId: 'r1', reviewerId: 'u1', attemptId: 'a1', kind: 'PRIMARY', version: 1, attemptVersion: 1, criteria, levels, rule: { kind: 'ALL_AT_LEAST', levelRank: 2 }, initial: { scores: {}, overallComment: '' }, timeZone }));
const proposal = (timeZone: string | null) =>
  renderToStaticMarkup(createElement(ProposalForm, { microCredentialId: 'mc1', ownerKey: 'u1:d1', studentGoals: 'My grade 6 students.', plan: '', version: 2, locked: false, timeZone }));

describe('“Draft saved at” in the person’s own zone', () => {
  it('in the scoring form: the reviewer’s zone, and UTC marked as such for a reviewer without one', () => {
    expect(scoring('Asia/Kathmandu')).toContain('Draft saved at 18:43<');
    expect(scoring('America/Chicago')).toContain('Draft saved at 06:58<');
    expect(scoring(null)).toContain('Draft saved at 12:58 UTC<');
    // "Not set", chosen on the account page, is stored as '': the same as none.
    expect(scoring('')).toContain('Draft saved at 12:58 UTC<');
  });

  it('in the proposal form: the teacher’s zone, and UTC marked as such for a teacher without one', () => {
    expect(proposal('Asia/Kathmandu')).toContain('Draft saved at 18:43<');
    expect(proposal(null)).toContain('Draft saved at 12:58 UTC<');
  });

  it('in a teacher’s evidence answer (“Saved at”): the teacher’s zone, and UTC marked as such without one', () => {
    const answer = (timeZone: string | null) =>
      renderToStaticMarkup(createElement(AnswerEditor, { attemptId: 'a1', partId: 'p1', label: 'Answer for Part 1', initialText: 'My plan.', initialRevision: 1, wordLimit: null, timeZone }));
    expect(answer('Asia/Kathmandu')).toContain('Saved at 18:43<');
    expect(answer(null)).toContain('Saved at 12:58 UTC<');
  });
});
