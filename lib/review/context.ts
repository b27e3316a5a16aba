import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { hasRole, isIssuerAdmin } from '@/lib/auth/actor';
import { forbidden } from '@/lib/errors';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { countCurrentExemplars } from '@/lib/review/exemplar-standing';
import { canAdjudicate, canReview, canTakeSecondLook, conflictOfInterest, denialMessageFor, qualificationDenial, reviewsFor, teacherConflictSelect, teacherRef, type IssuerReviewSettings, type QualificationState, type ReviewDenial, type TeacherRef } from '@/lib/review/policy';

export const issuerSettingsSelect = {
  id: true, name: true, slaBusinessDays: true, blockSameDistrict: true, blindReview: true, calibrationRequired: true, claimMinutes: true,
} as const;

/** How a user stands for one micro-credential: admin grant, earned award, calibration, exemplars. */
export async function loadQualification(userId: string, microCredentialId: string, client: Tx | typeof db = db): Promise<QualificationState> {
  const [row, earned, exemplars] = await Promise.all([
    client.reviewerQualification.findUnique({ where: { userId_microCredentialId: { userId, microCredentialId } }, select: { grantedById: true, calibratedAt: true } }),
    client.award.count({ where: { userId, microCredentialId, revokedAt: null, suspendedAt: null } }),
    // Only samples scored on the current rubric: older ones are never put to reviewers.
    countCurrentExemplars(client, [microCredentialId]).then((counts) => counts.get(microCredentialId) ?? 0),
  ]);
  // A row without a granter is one we created when an earner calibrated: it is not an admin grant.
  return { granted: Boolean(row?.grantedById), earned: earned > 0, calibratedAt: row?.calibratedAt ?? null, hasExemplars: exemplars > 0 };
}

/**
 * loadQualification for several people at once, for one micro-credential: three queries whatever
 * their number (claims being given back in bulk, releaseClaimsIfUnqualified). Everyone asked for is
 * in the map.
 */
export async function loadQualifications(userIds: string[], microCredentialId: string, client: Tx | typeof db = db): Promise<Map<string, QualificationState>> {
  const out = new Map<string, QualificationState>();
  if (!userIds.length) return out;
  // One after another: inside a transaction they share one connection anyway.
  const rows = await client.reviewerQualification.findMany({ where: { microCredentialId, userId: { in: userIds } }, select: { userId: true, grantedById: true, calibratedAt: true } });
  const earned = await client.award.findMany({ where: { microCredentialId, userId: { in: userIds }, revokedAt: null, suspendedAt: null }, distinct: ['userId'], select: { userId: true } });
  const exemplars = (await countCurrentExemplars(client, [microCredentialId])).get(microCredentialId) ?? 0;
  const rowOf = new Map(rows.map((r) => [r.userId, r]));
  const earners = new Set(earned.map((a) => a.userId));
  for (const id of userIds) {
    const row = rowOf.get(id);
    out.set(id, { granted: Boolean(row?.grantedById), earned: earners.has(id), calibratedAt: row?.calibratedAt ?? null, hasExemplars: exemplars > 0 });
  }
  return out;
}

export type ReviewerCredential = {
  microCredentialId: string;
  slug: string;
  title: string;
  issuer: IssuerReviewSettings & { id: string; name: string; blindReview: boolean; claimMinutes: number; slaBusinessDays: number };
  /** READY: may score live work; NEEDS_CALIBRATION: must pass the calibration exercise first. */
  state: 'READY' | 'NEEDS_CALIBRATION';
};

/**
 * Every micro-credential the actor is qualified to review (by grant or by having earned it), of the
 * issuers they review for: a qualification only counts with a reviewer or admin role at its issuer.
 */
export async function listReviewerCredentials(actor: Actor): Promise<ReviewerCredential[]> {
  if (!hasRole(actor, 'REVIEWER') && !isIssuerAdmin(actor)) return [];
  const [rows, awards] = await Promise.all([
    db.reviewerQualification.findMany({ where: { userId: actor.id }, select: { microCredentialId: true, grantedById: true, calibratedAt: true } }),
    db.award.findMany({ where: { userId: actor.id, revokedAt: null, suspendedAt: null, microCredentialId: { not: null } }, select: { microCredentialId: true } }),
  ]);
  const ids = new Set<string>([...rows.filter((r) => r.grantedById).map((r) => r.microCredentialId), ...awards.map((a) => a.microCredentialId!)]);
  if (!ids.size) return [];
  const mcs = await db.microCredential.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, slug: true, currentVersion: { select: { title: true } }, issuer: { select: issuerSettingsSelect } },
    orderBy: { slug: 'asc' },
  });
  const mine = mcs.filter((mc) => reviewsFor(actor, mc.issuer.id));
  const exemplars = await countCurrentExemplars(db, mine.map((mc) => mc.id));
  return mine.map((mc) => {
    const row = rows.find((r) => r.microCredentialId === mc.id);
    const q: QualificationState = { granted: Boolean(row?.grantedById), earned: awards.some((a) => a.microCredentialId === mc.id), calibratedAt: row?.calibratedAt ?? null, hasExemplars: (exemplars.get(mc.id) ?? 0) > 0 };
    const denial = qualificationDenial(mc.issuer, q);
    return { microCredentialId: mc.id, slug: mc.slug, title: mc.currentVersion?.title ?? mc.slug, issuer: mc.issuer, state: denial === 'NOT_CALIBRATED' ? 'NEEDS_CALIBRATION' : 'READY' };
  });
}

export const attemptForReviewSelect = {
  id: true, number: true, status: true, version: true, doubleScore: true, needsAdjudication: true, submittedAt: true, dueAt: true,
  secondLookRequestedAt: true, secondLookRequestedById: true,
  submission: {
    select: {
      id: true, status: true, userId: true, versionId: true, microCredentialId: true,
      // Placement, the one left within the year, and the schools and districts they hold a role at (policy.ts).
      user: { select: teacherConflictSelect },
      microCredential: { select: { slug: true, issuerId: true, issuer: { select: issuerSettingsSelect } } },
    },
  },
  reviews: { select: { id: true, kind: true, status: true, reviewerId: true, claimExpiresAt: true, decision: true } },
} as const;

export async function loadAttemptForReview(attemptId: string) {
  return db.attempt.findUnique({ where: { id: attemptId }, select: attemptForReviewSelect });
}

export type AttemptForReview = NonNullable<Awaited<ReturnType<typeof loadAttemptForReview>>>;

/** loadAttemptForReview for several attempts in one query, by id; a missing attempt is not in the map. */
export async function loadAttemptsForReview(attemptIds: string[]): Promise<Map<string, AttemptForReview>> {
  if (!attemptIds.length) return new Map();
  const rows = await db.attempt.findMany({ where: { id: { in: [...new Set(attemptIds)] } }, select: attemptForReviewSelect });
  return new Map(rows.map((a) => [a.id, a]));
}

export function teacherOf(a: AttemptForReview): TeacherRef {
  return teacherRef(a.submission.user);
}

/**
 * The denial, if any, for `who` scoring `kind` on this attempt. Pure apart from loading the
 * qualification; `q`: how `who` stands for the attempt's credential, when already loaded (a sweep
 * reading many reviewers' standing at once with loadQualifications).
 */
export async function reviewDenial(who: Actor, a: AttemptForReview, kind: ReviewKind, q?: QualificationState): Promise<ReviewDenial | null> {
  const issuer = a.submission.microCredential.issuer;
  if (kind === 'ADJUDICATION') {
    const scorers = a.reviews.filter((r) => r.status === 'SUBMITTED' && r.kind !== 'ADJUDICATION').map((r) => r.reviewerId);
    const p = canAdjudicate(who, a.submission.microCredential.issuerId, teacherOf(a), issuer, scorers);
    return p.ok ? null : p.reason;
  }
  if (kind === 'SECOND_LOOK') {
    // Everyone whose submitted review made (or was part of) the decision being set aside.
    const scorers = a.reviews.filter((r) => r.status === 'SUBMITTED' && r.kind !== 'SECOND_LOOK').map((r) => r.reviewerId);
    const p = canTakeSecondLook(who, a.submission.microCredential.issuerId, teacherOf(a), issuer, q ?? (await loadQualification(who.id, a.submission.microCredentialId)), { scorerIds: scorers, requestedById: a.secondLookRequestedById });
    return p.ok ? null : p.reason;
  }
  const conflict = conflictOfInterest(who, teacherOf(a), issuer);
  if (conflict) return conflict;
  const p = canReview(who, a.submission.microCredential.issuerId, teacherOf(a), issuer, q ?? (await loadQualification(who.id, a.submission.microCredentialId)));
  if (!p.ok) return p.reason;
  // Double scoring is only meaningful when the two scores are independent.
  const other: ReviewKind = kind === 'SECOND' ? 'PRIMARY' : 'SECOND';
  if (a.reviews.some((r) => r.kind === other && r.reviewerId === who.id && (r.status === 'SUBMITTED' || r.status === 'CLAIMED'))) return 'ALREADY_SCORED';
  return null;
}

/**
 * People who might review work on this credential, before the policy has its say: a granted or
 * earned qualification for it, or an issuer admin of its issuer (adjudication). `exclude`: people
 * known not to count (whoever asked, who scored, the teacher). Bounded: callers check each with
 * reviewDenial, which is a few queries apiece.
 */
export async function listReviewerCandidateIds(opts: { microCredentialId: string; issuerId: string; exclude?: string[]; take?: number }): Promise<string[]> {
  const rows = await db.user.findMany({
    where: {
      disabledAt: null,
      ...(opts.exclude?.length ? { id: { notIn: opts.exclude } } : {}),
      OR: [
        { qualifications: { some: { microCredentialId: opts.microCredentialId } } },
        { awards: { some: { microCredentialId: opts.microCredentialId, revokedAt: null, suspendedAt: null } } },
        { memberships: { some: { organizationId: opts.issuerId, role: 'ISSUER_ADMIN' } } },
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: opts.take ?? 200,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function assertMayScore(who: Actor, a: AttemptForReview, kind: ReviewKind): Promise<void> {
  const denial = await reviewDenial(who, a, kind);
  if (denial) throw forbidden(denialMessageFor(denial, a.submission.microCredential.issuer));
}
