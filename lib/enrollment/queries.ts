import 'server-only';
import { db } from '@/lib/db';
import { currentSubmission } from '@/lib/submissions/current';
import { workableBy } from '@/lib/enrollment/workable';

export type Standing =
  | { state: 'not-enrolled' }
  | { state: 'enrolled' }
  | { state: 'proposal'; proposalStatus: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED' }
  | {
      state: 'DRAFT' | 'SUBMITTED' | 'IN_REVIEW' | 'NEEDS_REVISION' | 'EARNED'; submissionId: string; awardId?: string | null; renewal?: boolean; renewalStopped?: boolean;
      // The application's badge can be withdrawn after it was earned: the page says so instead of "earned".
      awardRevokedAt?: Date | null; awardSuspendedAt?: Date | null;
      // When it was issued and ends: an ending or ended badge's page offers to renew it (renewability).
      awardIssuedAt?: Date | null; awardValidUntil?: Date | null;
    };

/**
 * The teacher, and the district whose proposals count for them: there is one proposal per teacher,
 * credential and district, and only the current district's decision applies. A teacher without a
 * district has none that count (the sentinel matches no row).
 */
export type Teacher = { id: string; districtId: string | null };
const NO_DISTRICT = '';

/** Where a teacher stands on each of the given micro-credentials, in one round trip per table. */
export async function getStandings(who: Teacher, microCredentialIds: string[]): Promise<Map<string, Standing>> {
  const userId = who.id;
  const [enrollments, submissions, proposals, district] = await Promise.all([
    db.enrollment.findMany({ where: { userId, microCredentialId: { in: microCredentialIds } }, select: { microCredentialId: true, withdrawnAt: true } }),
    // Oldest cycle first, so a renewal (a later cycle) stands for the credential.
    db.submission.findMany({
      where: { userId, microCredentialId: { in: microCredentialIds } },
      orderBy: { cycle: 'asc' },
      select: { id: true, microCredentialId: true, status: true, cycle: true, award: { select: { id: true, revokedAt: true, suspendedAt: true, issuedAt: true, validUntil: true } } },
    }),
    db.proposal.findMany({ where: { userId, districtId: who.districtId ?? NO_DISTRICT, microCredentialId: { in: microCredentialIds } }, select: { microCredentialId: true, status: true } }),
    // Whether the district wants a proposal approved first: a proposal written while it did (or by
    // choice) holds nothing back once it does not.
    who.districtId ? db.organization.findUnique({ where: { id: who.districtId }, select: { requiresProposal: true } }) : null,
  ]);
  const proposalRequired = Boolean(district?.requiresProposal);
  const out = new Map<string, Standing>();
  for (const id of microCredentialIds) out.set(id, { state: 'not-enrolled' });
  const stopped = new Set<string>();
  for (const e of enrollments) {
    if (!e.microCredentialId) continue;
    if (e.withdrawnAt) stopped.add(e.microCredentialId);
    else out.set(e.microCredentialId, { state: 'enrolled' });
  }
  for (const p of proposals) if (out.get(p.microCredentialId)?.state !== 'not-enrolled') out.set(p.microCredentialId, { state: 'proposal', proposalStatus: p.status });
  for (const s of submissions) {
    const approvedOrNone = out.get(s.microCredentialId);
    // A draft waits behind a proposal not yet approved only where the district asks for one.
    if (proposalRequired && s.status === 'DRAFT' && approvedOrNone?.state === 'proposal' && approvedOrNone.proposalStatus !== 'APPROVED') continue;
    // Stopped: unsent work waits, kept, until the teacher enrols again. A stopped renewal leaves the
    // earlier cycle standing, marked, so the page can offer to pick the renewal up again.
    if ((s.status === 'DRAFT' || s.status === 'NEEDS_REVISION') && stopped.has(s.microCredentialId)) {
      const earlier = out.get(s.microCredentialId);
      if (s.cycle > 1 && earlier && 'submissionId' in earlier) out.set(s.microCredentialId, { ...earlier, renewalStopped: true });
      continue;
    }
    out.set(s.microCredentialId, { state: s.status, submissionId: s.id, awardId: s.award?.id ?? null, awardRevokedAt: s.award?.revokedAt ?? null, awardSuspendedAt: s.award?.suspendedAt ?? null, awardIssuedAt: s.award?.issuedAt ?? null, awardValidUntil: s.award?.validUntil ?? null, renewal: s.cycle > 1 });
  }
  return out;
}

/**
 * The version number the teacher's current application follows while it is under way (a draft,
 * with reviewers, or being revised), or null when there is none or it is earned. An application
 * stays on the version it was started on, which may no longer be the current one.
 */
export async function getApplicationVersion(userId: string, microCredentialId: string): Promise<number | null> {
  const s = await db.submission.findFirst({ ...currentSubmission(userId, microCredentialId), select: { status: true, version: { select: { version: true } } } });
  if (!s || s.status === 'EARNED') return null;
  return s.version.version;
}

export async function isEnrolled(userId: string, microCredentialId: string): Promise<boolean> {
  const e = await db.enrollment.findUnique({ where: { userId_microCredentialId: { userId, microCredentialId } }, select: { withdrawnAt: true } });
  return Boolean(e && !e.withdrawnAt);
}

/** Unsent work a teacher kept when they stopped: what enrolling again picks up. */
export type StoppedWork = { submissionId: string; status: 'DRAFT' | 'NEEDS_REVISION'; renewal: boolean };

/**
 * The teacher's kept work on a credential they stopped working on: their current application, if
 * it is a draft or a revision not yet sent. Null when they are enrolled, never enrolled, or have
 * nothing unsent.
 */
export async function getStoppedWork(userId: string, microCredentialId: string): Promise<StoppedWork | null> {
  const [enrollment, submission] = await Promise.all([
    db.enrollment.findUnique({ where: { userId_microCredentialId: { userId, microCredentialId } }, select: { withdrawnAt: true } }),
    db.submission.findFirst({ ...currentSubmission(userId, microCredentialId), select: { id: true, status: true, cycle: true } }),
  ]);
  if (!enrollment?.withdrawnAt || !submission) return null;
  if (submission.status !== 'DRAFT' && submission.status !== 'NEEDS_REVISION') return null;
  return { submissionId: submission.id, status: submission.status, renewal: submission.cycle > 1 };
}

export async function getResourceProgress(userId: string, versionId: string): Promise<Set<string>> {
  const rows = await db.resourceProgress.findMany({ where: { userId, resource: { versionId } }, select: { resourceId: true } });
  return new Set(rows.map((r) => r.resourceId));
}

/** Enrolments the dashboard loads at most; past this the page says it shows the most recent ones. */
export const DASHBOARD_MAX_ENROLLMENTS = 500;

/**
 * The teacher's dashboard: everything they are working on, grouped by where it stands, and the
 * credentials they stopped working on whose unsent work is kept (`stopped`, newest first), so they
 * can pick it up again.
 */
export async function getTeacherDashboard(who: Teacher) {
  const userId = who.id;
  const [enrollments, submissions, credentialsHeld, proposals, progress, district, stoppedEnrollments] = await Promise.all([
    db.enrollment.findMany({
      where: { userId, withdrawnAt: null, microCredentialId: { not: null } },
      orderBy: { createdAt: 'desc' },
      take: DASHBOARD_MAX_ENROLLMENTS + 1,
      select: {
        createdAt: true,
        microCredential: {
          select: {
            id: true, slug: true, level: true,
            track: { select: { title: true, slug: true, status: true } },
            issuer: { select: { name: true } },
            currentVersion: { select: { id: true, title: true, pdHours: true, badgeColor: true, _count: { select: { resources: true } } } },
          },
        },
      },
    }),
    // One per credential and cycle (a renewal adds a cycle), oldest first: mapped by credential,
    // the current cycle wins.
    db.submission.findMany({
      where: { userId },
      orderBy: { cycle: 'asc' },
      select: {
        id: true, status: true, cycle: true, updatedAt: true, lastSubmittedAt: true, microCredentialId: true,
        attempts: { orderBy: { number: 'desc' }, take: 1, select: { number: true, status: true, dueAt: true } },
      },
    }),
    // Totals over every badge held, not over a page of them; a renewed badge and the one it
    // renewed are one credential (one group), and both badges' hours count.
    db.award.groupBy({ by: ['microCredentialId', 'stackId'], where: { userId, revokedAt: null }, _sum: { pdHours: true } }),
    db.proposal.findMany({ where: { userId, districtId: who.districtId ?? NO_DISTRICT }, select: { microCredentialId: true, status: true, decisionComment: true } }),
    db.resourceProgress.findMany({ where: { userId }, select: { resourceId: true } }),
    // Whether the teacher's district wants a proposal approved first (the next step says so).
    who.districtId ? db.organization.findUnique({ where: { id: who.districtId }, select: { requiresProposal: true } }) : null,
    // Stopped, with unsent work, on a credential the teacher may still work on (a retired one
    // included: the work is theirs). Which cycle is current is checked below, against `submissions`.
    db.enrollment.findMany({
      where: {
        userId, withdrawnAt: { not: null },
        microCredential: { ...workableBy(userId), currentVersionId: { not: null }, submissions: { some: { userId, status: { in: ['DRAFT', 'NEEDS_REVISION'] } } } },
      },
      orderBy: { withdrawnAt: 'desc' },
      take: DASHBOARD_MAX_ENROLLMENTS,
      select: {
        withdrawnAt: true,
        microCredential: {
          select: {
            id: true, slug: true, level: true, status: true,
            issuer: { select: { name: true } },
            currentVersion: { select: { title: true, badgeColor: true } },
          },
        },
      },
    }),
  ]);
  const proposalRequired = Boolean(district?.requiresProposal);
  const truncated = enrollments.length > DASHBOARD_MAX_ENROLLMENTS;
  if (truncated) enrollments.length = DASHBOARD_MAX_ENROLLMENTS;
  const awards = { count: credentialsHeld.length, pdHours: Math.round(credentialsHeld.reduce((sum, g) => sum + Number(g._sum.pdHours ?? 0) * 10, 0)) / 10 };
  const doneResourceIds = new Set(progress.map((p) => p.resourceId));
  const versionIds = enrollments.map((e) => e.microCredential?.currentVersion?.id).filter((v): v is string => Boolean(v));
  const resources = await db.resource.findMany({ where: { versionId: { in: versionIds } }, select: { id: true, versionId: true } });
  const resourceStats = new Map<string, { total: number; done: number }>();
  for (const r of resources) {
    const s = resourceStats.get(r.versionId) ?? { total: 0, done: 0 };
    s.total++;
    if (doneResourceIds.has(r.id)) s.done++;
    resourceStats.set(r.versionId, s);
  }
  // The current cycle (the newest) decides: a draft under an earlier cycle is not kept work.
  const currentByMc = new Map(submissions.map((s) => [s.microCredentialId, s]));
  const stopped = stoppedEnrollments.flatMap(({ withdrawnAt, microCredential: mc }) => {
    const sub = mc ? currentByMc.get(mc.id) : undefined;
    if (!mc || !mc.currentVersion || !withdrawnAt || !sub || (sub.status !== 'DRAFT' && sub.status !== 'NEEDS_REVISION')) return [];
    return [{ withdrawnAt, microCredential: { ...mc, currentVersion: mc.currentVersion }, submission: { id: sub.id, status: sub.status, cycle: sub.cycle, updatedAt: sub.updatedAt } }];
  });
  // A track is named only once published: a draft one is an issuer's unannounced plan, a retired one has no page.
  const shown = enrollments.map((e) => (e.microCredential?.track && e.microCredential.track.status !== 'PUBLISHED' ? { ...e, microCredential: { ...e.microCredential, track: null } } : e));
  return { enrollments: shown, truncated, submissions, awards, proposals, resourceStats, proposalRequired, stopped };
}
