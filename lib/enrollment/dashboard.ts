// How the teacher dashboard sorts enrolments into columns and what it offers as the next step.
// Pure: the page gives it what getTeacherDashboard loaded.
import { z } from 'zod';
import type { ProposalStatus, SubmissionStatus } from '@/lib/generated/prisma/enums';

export const DASHBOARD_COLUMNS = ['in-progress', 'needs-revision', 'submitted', 'earned'] as const;
export type DashboardColumn = (typeof DASHBOARD_COLUMNS)[number];

export const COLUMN_LABEL: Record<DashboardColumn, string> = {
  'in-progress': 'In progress',
  'needs-revision': 'Needs revision',
  submitted: 'Submitted',
  earned: 'Earned',
};

/** Cards per column before "Show all": a busy teacher's page stays short and quick to render. */
export const CARDS_PER_COLUMN = 6;

export function columnFor(status: SubmissionStatus | undefined): DashboardColumn {
  if (status === 'EARNED') return 'earned';
  if (status === 'NEEDS_REVISION') return 'needs-revision';
  if (status === 'SUBMITTED' || status === 'IN_REVIEW') return 'submitted';
  return 'in-progress';
}

export function nextStep(input: {
  slug: string;
  column: DashboardColumn;
  hasSubmission: boolean;
  proposalStatus?: ProposalStatus;
  /** The teacher's district wants a proposal approved before the work counts. */
  proposalRequired?: boolean;
  resources: { done: number; total: number };
  /** The badge earned, when known: "View badge" opens it rather than the list of all badges. */
  awardId?: string | null;
  /** Earned: the track's next level, when the teacher has not started it (nextLevelToOffer). */
  nextLevel?: { slug: string; level: number } | null;
}): { label: string; href: string } {
  const { slug, column } = input;
  const proposal = `/micro-credentials/${slug}/proposal`;
  if (column === 'earned' && input.nextLevel) return { label: `Continue to Level ${input.nextLevel.level}`, href: `/micro-credentials/${input.nextLevel.slug}` };
  if (column === 'earned') return { label: 'View badge', href: badgeHref(input.awardId) };
  if (column === 'needs-revision') return { label: 'Read feedback and revise', href: `/apply/${slug}` };
  if (column === 'submitted') return { label: 'View submission', href: `/apply/${slug}` };
  if (input.proposalStatus === 'RETURNED') return { label: 'Update your proposal', href: proposal };
  // Approval can take days: ask for it first, not when the work is ready to send.
  const awaitingApproval = input.proposalRequired && input.proposalStatus !== 'APPROVED';
  if (awaitingApproval && input.proposalStatus !== 'SUBMITTED') return { label: 'Write your proposal for district approval', href: proposal };
  if (input.hasSubmission) return { label: 'Continue application', href: `/apply/${slug}` };
  // Straight to the resources: on a phone they are far down the credential's page otherwise.
  if (input.resources.done < input.resources.total) return { label: 'Study the resources', href: `/micro-credentials/${slug}#resources` };
  if (awaitingApproval) return { label: 'Check on your proposal (waiting for your district)', href: proposal };
  return { label: 'Start application', href: `/apply/${slug}` };
}

/** Where "View badge" goes: the badge itself, or the list of badges when none counts (revoked, say). */
export function badgeHref(awardId: string | null | undefined): string {
  return awardId ? `/credentials/${awardId}` : '/badges';
}

/**
 * The next level of the track to offer once a level is earned: the one just above it, if the
 * teacher has not started it (no current enrolment, no application). Null when they have: it is
 * on the dashboard already, and skipping to the level after it would skip a level.
 */
export function nextLevelToOffer<L extends { id: string }>(next: L | undefined, started: { has(microCredentialId: string): boolean }): L | null {
  return next && !started.has(next.id) ? next : null;
}

export type ColumnView<T> = { key: DashboardColumn; label: string; total: number; rows: T[]; hidden: number };

/**
 * Groups rows into the dashboard's columns, in order, leaving out empty ones. Each column shows its
 * first CARDS_PER_COLUMN rows unless it is the one the teacher expanded (`expanded`).
 */
export function groupIntoColumns<T extends { column: DashboardColumn }>(rows: T[], expanded?: DashboardColumn, perColumn = CARDS_PER_COLUMN): ColumnView<T>[] {
  return DASHBOARD_COLUMNS.map((key) => {
    const all = rows.filter((r) => r.column === key);
    const shown = key === expanded ? all : all.slice(0, perColumn);
    return { key, label: COLUMN_LABEL[key], total: all.length, rows: shown, hidden: all.length - shown.length };
  }).filter((c) => c.total > 0);
}

/** The dashboard's query string: `?show=<column>` expands one column; anything else is ignored. */
export const DashboardSearch = z.object({
  show: z.enum(DASHBOARD_COLUMNS).optional().catch(undefined),
  welcome: z.string().max(10).optional().catch(undefined),
});
