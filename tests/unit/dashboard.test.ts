// The teacher dashboard's columns and next steps (lib/enrollment/dashboard.ts).
import { describe, expect, it } from 'vitest';
import { CARDS_PER_COLUMN, columnFor, DashboardSearch, groupIntoColumns, nextLevelToOffer, nextStep, type DashboardColumn } from '@/lib/enrollment/dashboard';

describe('dashboard columns', () => {
  it('puts each submission status in the column a teacher would look for it', () => {
    expect(columnFor(undefined)).toBe('in-progress');
    expect(columnFor('DRAFT')).toBe('in-progress');
    expect(columnFor('SUBMITTED')).toBe('submitted');
    expect(columnFor('IN_REVIEW')).toBe('submitted');
    expect(columnFor('NEEDS_REVISION')).toBe('needs-revision');
    expect(columnFor('EARNED')).toBe('earned');
  });

  it('offers the next thing to do', () => {
    const base = { slug: 'x', hasSubmission: false, resources: { done: 0, total: 3 } };
    expect(nextStep({ ...base, column: 'earned', awardId: '0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d' })).toEqual({ label: 'View badge', href: '/credentials/0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d' });
    // Without a badge that counts (revoked, say), the list of badges says what happened.
    expect(nextStep({ ...base, column: 'earned' })).toEqual({ label: 'View badge', href: '/badges' });
    expect(nextStep({ ...base, column: 'earned', awardId: null })).toEqual({ label: 'View badge', href: '/badges' });
    expect(nextStep({ ...base, column: 'needs-revision' }).label).toBe('Read feedback and revise');
    expect(nextStep({ ...base, column: 'submitted' }).label).toBe('View submission');
    expect(nextStep({ ...base, column: 'in-progress', proposalStatus: 'RETURNED' })).toEqual({ label: 'Update your proposal', href: '/micro-credentials/x/proposal' });
    expect(nextStep({ ...base, column: 'in-progress', hasSubmission: true }).label).toBe('Continue application');
    expect(nextStep({ ...base, column: 'in-progress' })).toEqual({ label: 'Study the resources', href: '/micro-credentials/x#resources' });
    expect(nextStep({ ...base, column: 'in-progress', resources: { done: 3, total: 3 } })).toEqual({ label: 'Start application', href: '/apply/x' });
  });

  it('once a level is earned, offers the track’s next level when the teacher has not started it', () => {
    const base = { slug: 'level-1', hasSubmission: true, resources: { done: 3, total: 3 }, awardId: '0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d' };
    expect(nextStep({ ...base, column: 'earned', nextLevel: { slug: 'level-2', level: 2 } })).toEqual({ label: 'Continue to Level 2', href: '/micro-credentials/level-2' });
    expect(nextStep({ ...base, column: 'earned', nextLevel: null })).toEqual({ label: 'View badge', href: '/credentials/0b6f3c1e-8f7a-4a57-9a0c-2f1d5e6b7c8d' });
    // Only an earned card offers it.
    expect(nextStep({ ...base, column: 'submitted', nextLevel: { slug: 'level-2', level: 2 } }).label).toBe('View submission');

    const level2 = { id: 'mc-2', slug: 'level-2', level: 2 };
    expect(nextLevelToOffer(level2, new Set())).toBe(level2);
    expect(nextLevelToOffer(level2, new Set(['mc-2']))).toBeNull();
    expect(nextLevelToOffer(undefined, new Set())).toBeNull();
  });

  it('asks for the district proposal first when the district wants one approved', () => {
    const base = { slug: 'x', column: 'in-progress' as const, hasSubmission: false, resources: { done: 0, total: 3 }, proposalRequired: true };
    const write = { label: 'Write your proposal for district approval', href: '/micro-credentials/x/proposal' };
    expect(nextStep(base)).toEqual(write);
    expect(nextStep({ ...base, proposalStatus: 'DRAFT' })).toEqual(write);
    expect(nextStep({ ...base, hasSubmission: true })).toEqual(write);
    expect(nextStep({ ...base, proposalStatus: 'RETURNED' }).label).toBe('Update your proposal');
    // Sent: study meanwhile, then see where it stands.
    expect(nextStep({ ...base, proposalStatus: 'SUBMITTED' }).label).toBe('Study the resources');
    expect(nextStep({ ...base, proposalStatus: 'SUBMITTED', resources: { done: 3, total: 3 } })).toEqual({ label: 'Check on your proposal (waiting for your district)', href: '/micro-credentials/x/proposal' });
    expect(nextStep({ ...base, proposalStatus: 'APPROVED', resources: { done: 3, total: 3 } }).label).toBe('Start application');
    expect(nextStep({ ...base, proposalRequired: false, resources: { done: 3, total: 3 } }).label).toBe('Start application');
  });

  it('shows a few cards per column, all of the one the teacher expands, and no empty columns', () => {
    const rows = [
      ...Array.from({ length: 9 }, (_, i) => ({ column: 'in-progress' as DashboardColumn, i })),
      ...Array.from({ length: 2 }, (_, i) => ({ column: 'earned' as DashboardColumn, i: 100 + i })),
    ];
    const columns = groupIntoColumns(rows);
    expect(columns.map((c) => [c.key, c.total, c.rows.length, c.hidden])).toEqual([
      ['in-progress', 9, CARDS_PER_COLUMN, 9 - CARDS_PER_COLUMN],
      ['earned', 2, 2, 0],
    ]);
    // Most recent first, as given.
    expect(columns[0].rows.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5]);
    const expanded = groupIntoColumns(rows, 'in-progress');
    expect(expanded[0].rows).toHaveLength(9);
    expect(expanded[0].hidden).toBe(0);
  });

  it('ignores a query string it does not understand', () => {
    expect(DashboardSearch.parse({ show: 'earned' }).show).toBe('earned');
    expect(DashboardSearch.parse({ show: 'everything' }).show).toBeUndefined();
    expect(DashboardSearch.parse({ show: ['earned', 'submitted'] }).show).toBeUndefined();
    expect(DashboardSearch.parse({ welcome: '1', other: 'x' })).toEqual({ show: undefined, welcome: '1' });
  });
});
