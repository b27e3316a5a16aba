import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin, isPlatformAdmin, orgIdsWithRole } from '@/lib/auth/actor';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { institutionDomain } from '@/lib/review/email-domain';
import { decodeCursor, encodeCursor, isCursorId, isCursorTime } from '@/lib/catalog/cursor';
import { businessDaysBetween } from '@/lib/review/sla';
import { listReviewerCandidateIds, listReviewerCredentials, issuerSettingsSelect, loadAttemptForReview, reviewDenial, teacherOf, type ReviewerCredential } from '@/lib/review/context';
import { loadActor } from '@/lib/auth/load-actor';
import { decidingReviews } from '@/lib/submissions/deciding-reviews';
import { affiliations, conflictOfInterest, formerPlacementCutoff, reviewsFor, showsTeacherIdentity, teacherConflictSelect, teacherRef } from '@/lib/review/policy';
import { draftEntries, readDraftNotes } from '@/lib/review/draft-notes';
import { assignerParty, workWaitingFor, withdrawnReason } from '@/lib/review/claims';
import { EVIDENCE_FILE_ORDER, PART_ORDER, showsOriginalFileNames, withViewerFileNames } from '@/lib/evidence/neutral-names';

export type QueueKind = 'PRIMARY' | 'SECOND' | 'SECOND_LOOK';

export type SlaClock = { dueAt: Date | null; businessDaysLeft: number | null; overdue: boolean };

export function slaClock(dueAt: Date | null, now: Date): SlaClock {
  if (!dueAt) return { dueAt, businessDaysLeft: null, overdue: false };
  return { dueAt, businessDaysLeft: businessDaysBetween(now, dueAt), overdue: dueAt < now };
}

type Cursor = { t: string; id: string };
const isCursor = (v: Record<string, unknown>): v is Cursor => isCursorTime(v.t) && isCursorId(v.id);

/**
 * Undecided submitted attempts (alias `a`) of these credentials; for SECOND, only those chosen for
 * double scoring. Exactly the predicate of "Attempt_queue_idx", so it is read from the index alone.
 */
function waitingAttempts(mcIds: string[], kind: 'PRIMARY' | 'SECOND'): Prisma.Sql[] {
  const where = [
    Prisma.sql`a."status" = 'SUBMITTED'::"AttemptStatus"`,
    Prisma.sql`a."needsAdjudication" = false`,
    Prisma.sql`a."submittedAt" IS NOT NULL`,
    Prisma.sql`a."microCredentialId" = ANY(${mcIds}::text[])`,
  ];
  if (kind === 'SECOND') where.push(Prisma.sql`a."doubleScore" = true`);
  return where;
}

/** Batches of candidates read before the queue falls back to one query for the rest. */
const MAX_QUEUE_BATCHES = 4;

/**
 * The queue's ids, oldest first, keyset-paginated. Written in SQL because the conflict rules
 * differ per issuer (as Prisma filters they became one join per issuer), and so that the ordering
 * and the page limit apply before the joins.
 */
/**
 * Who the reviewer may score, as SQL over the submission `s` and its teacher `u`: work still open,
 * not their own, not a colleague's at their school (every issuer), and none of the conflicts of
 * interest their issuers block (policy.ts).
 */
function eligibilityChecks(actor: Actor, ready: ReviewerCredential[], now: Date): Prisma.Sql[] {
  // Conflict-of-interest rules: teachers from the reviewer's own school (always), or district (per issuer).
  // Where the reviewer belongs: their placement, the schools and districts they lead, and the ones
  // they left within FORMER_PLACEMENT_DAYS (policy.ts).
  const mine = affiliations(actor, now);
  // The teacher's side likewise (teacherAffiliations): where they are now, or were until a move
  // within that time, and every school or district they hold a role at (affiliationMemberships), a
  // school's district with it: a principal sending their own work is not placed at their school.
  // The EXISTS probes "Membership_userId_organizationId_role_key" by the teacher's id, then
  // Organization by its primary key.
  const movedSince = formerPlacementCutoff(now);
  const teacherIn = (level: 'school' | 'district', ids: string[]) => {
    const [column, former] = level === 'school' ? ['"schoolId"', '"formerSchoolIds"'] : ['"districtId"', '"formerDistrictIds"'];
    const role = level === 'school'
      ? Prisma.sql`m."organizationId" = ANY(${ids}::text[]) AND o."kind" = 'SCHOOL'::"OrgKind"`
      : Prisma.sql`((o."kind" = 'DISTRICT'::"OrgKind" AND o."id" = ANY(${ids}::text[])) OR (o."kind" = 'SCHOOL'::"OrgKind" AND o."parentId" = ANY(${ids}::text[])))`;
    return Prisma.sql`(COALESCE(u.${Prisma.raw(column)} = ANY(${ids}::text[]), false)
      OR COALESCE(u."placementChangedAt" > ${movedSince} AND u.${Prisma.raw(former)} && ${ids}::text[], false)
      OR EXISTS (SELECT 1 FROM "Membership" m JOIN "Organization" o ON o."id" = m."organizationId" WHERE m."userId" = u."id" AND ${role}))`;
  };
  const blockDistrict = mine.districts.length ? ready.filter((c) => c.issuer.blockSameDistrict).map((c) => c.microCredentialId) : [];
  const checks: Prisma.Sql[] = [
    Prisma.sql`s."status" IN ('SUBMITTED'::"SubmissionStatus", 'IN_REVIEW'::"SubmissionStatus")`,
    Prisma.sql`s."userId" <> ${actor.id}`,
  ];
  // COALESCE: a teacher with no school (or district) is in no conflict; a bare comparison with
  // NULL would make the whole check NULL and hide their work from every reviewer with a school.
  // The same school is refused whatever the issuer: colleagues never review each other's work.
  if (mine.schools.length) checks.push(Prisma.sql`NOT ${teacherIn('school', mine.schools)}`);
  if (blockDistrict.length) checks.push(Prisma.sql`NOT (s."microCredentialId" = ANY(${blockDistrict}::text[]) AND ${teacherIn('district', mine.districts)})`);
  // The same district by institutional email domain, wherever district blocking is on (policy.ts).
  const myDomain = institutionDomain(actor.email);
  const blockDomain = myDomain ? ready.filter((c) => c.issuer.blockSameDistrict).map((c) => c.microCredentialId) : [];
  if (blockDomain.length) checks.push(Prisma.sql`NOT (s."microCredentialId" = ANY(${blockDomain}::text[]) AND lower(split_part(u."email", '@', 2)) = ${myDomain})`);
  return checks;
}

async function queueAttemptIds(opts: {
  actor: Actor; creds: ReviewerCredential[]; kind: 'PRIMARY' | 'SECOND'; microCredentialId?: string; olderThanDays?: number;
  cursor: { t: string; id: string } | null; limit: number; now: Date;
}): Promise<string[]> {
  const { actor, now } = opts;
  const ready = opts.creds.filter((c) => c.state === 'READY' && (!opts.microCredentialId || c.microCredentialId === opts.microCredentialId));
  if (!ready.length) return [];
  const mcIds = ready.map((c) => c.microCredentialId);
  // The database never joins every waiting attempt before sorting (docs/benchmarks.md): the next
  // few candidates in queue order come from "Attempt_queue_idx" alone (index-only), and only they are
  // joined and checked (submission state, conflicts, reviews). Repeated after the last candidate
  // until the page is full or the queue is exhausted; usually once.
  const candidates = waitingAttempts(mcIds, opts.kind);
  if (opts.olderThanDays) candidates.push(Prisma.sql`a."submittedAt" <= ${new Date(now.getTime() - opts.olderThanDays * 86_400_000)}`);
  // An attempt waiting for a second look is in "Attempt_queue_idx" too, but never here: its first
  // review is submitted (so not PRIMARY work), and a double-scored one had its second score too.
  const checks = eligibilityChecks(actor, ready, now);
  const live = (kind: 'PRIMARY' | 'SECOND') => Prisma.sql`EXISTS (SELECT 1 FROM "Review" r WHERE r."attemptId" = a."id" AND r."kind" = ${kind}::"ReviewKind"
    AND (r."status" = 'SUBMITTED'::"ReviewStatus" OR (r."status" = 'CLAIMED'::"ReviewStatus" AND r."claimExpiresAt" > ${now})))`;
  if (opts.kind === 'PRIMARY') {
    checks.push(Prisma.sql`NOT ${live('PRIMARY')}`);
  } else {
    checks.push(Prisma.sql`EXISTS (SELECT 1 FROM "Review" r WHERE r."attemptId" = a."id" AND r."kind" = 'PRIMARY'::"ReviewKind" AND r."status" = 'SUBMITTED'::"ReviewStatus" AND r."reviewerId" <> ${actor.id})`);
    checks.push(Prisma.sql`NOT ${live('SECOND')}`);
  }

  const batch = Math.max(opts.limit * 3, 30);
  const ids: string[] = [];
  let after = opts.cursor ? { t: new Date(opts.cursor.t), id: opts.cursor.id } : null;
  const from = () => (after ? [...candidates, Prisma.sql`(a."submittedAt", a."id") > (${after.t}, ${after.id})`] : candidates);
  for (let round = 0; ; round++) {
    if (round === MAX_QUEUE_BATCHES) {
      // Mostly blocked or claimed work ahead (a reviewer in a district with many conflicts): one
      // query for the rest instead of batch after batch.
      const rest = await db.$queryRaw<{ id: string }[]>`
        SELECT a."id" FROM "Attempt" a
        JOIN "Submission" s ON s."id" = a."submissionId"
        JOIN "User" u ON u."id" = s."userId"
        WHERE ${Prisma.join([...from(), ...checks], ' AND ')}
        ORDER BY a."submittedAt" ASC, a."id" ASC
        LIMIT ${opts.limit - ids.length}`;
      return [...ids, ...rest.map((r) => r.id)];
    }
    const page = await db.$queryRaw<{ id: string; submittedAt: Date; ok: boolean }[]>`
      SELECT a."id", a."submittedAt", (${Prisma.join(checks, ' AND ')}) AS ok
      FROM (
        SELECT a."id", a."submittedAt", a."submissionId" FROM "Attempt" a
        WHERE ${Prisma.join(from(), ' AND ')}
        ORDER BY a."submittedAt" ASC, a."id" ASC
        LIMIT ${batch}
      ) a
      JOIN "Submission" s ON s."id" = a."submissionId"
      JOIN "User" u ON u."id" = s."userId"
      ORDER BY a."submittedAt" ASC, a."id" ASC`;
    for (const c of page) {
      if (c.ok) ids.push(c.id);
      if (ids.length === opts.limit) return ids;
    }
    if (page.length < batch) break;
    const last = page[page.length - 1];
    after = { t: last.submittedAt, id: last.id };
  }
  return ids;
}

/**
 * Attempts waiting for a second look that this reviewer may take (canTakeSecondLook, as SQL): of a
 * credential they are ready to review, no conflict of interest, not scored by them before, not
 * asked for by them, and nobody holds or has given the second look. In the order the second looks
 * were asked for, keyset-paginated on (secondLookRequestedAt, id), from "Attempt_second_look_idx".
 * Second looks are few, so one query does.
 */
async function secondLookAttemptIds(opts: {
  actor: Actor; creds: ReviewerCredential[]; microCredentialId?: string; olderThanDays?: number;
  cursor: { t: string; id: string } | null; limit: number; now: Date;
}): Promise<{ id: string; t: Date }[]> {
  const { actor, now } = opts;
  const ready = opts.creds.filter((c) => c.state === 'READY' && (!opts.microCredentialId || c.microCredentialId === opts.microCredentialId));
  if (!ready.length) return [];
  const where = [
    Prisma.sql`a."status" = 'SUBMITTED'::"AttemptStatus"`,
    Prisma.sql`a."secondLookRequestedAt" IS NOT NULL`,
    Prisma.sql`a."microCredentialId" = ANY(${ready.map((c) => c.microCredentialId)}::text[])`,
    Prisma.sql`a."secondLookRequestedById" IS DISTINCT FROM ${actor.id}`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Review" r WHERE r."attemptId" = a."id" AND r."reviewerId" = ${actor.id} AND r."status" = 'SUBMITTED'::"ReviewStatus")`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Review" r WHERE r."attemptId" = a."id" AND r."kind" = 'SECOND_LOOK'::"ReviewKind"
      AND (r."status" = 'SUBMITTED'::"ReviewStatus" OR (r."status" = 'CLAIMED'::"ReviewStatus" AND r."claimExpiresAt" > ${now})))`,
    ...eligibilityChecks(actor, ready, now),
  ];
  if (opts.olderThanDays) where.push(Prisma.sql`a."submittedAt" <= ${new Date(now.getTime() - opts.olderThanDays * 86_400_000)}`);
  if (opts.cursor) where.push(Prisma.sql`(a."secondLookRequestedAt", a."id") > (${new Date(opts.cursor.t)}, ${opts.cursor.id})`);
  return db.$queryRaw<{ id: string; t: Date }[]>`
    SELECT a."id", a."secondLookRequestedAt" AS "t" FROM "Attempt" a
    JOIN "Submission" s ON s."id" = a."submissionId"
    JOIN "User" u ON u."id" = s."userId"
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY a."secondLookRequestedAt" ASC, a."id" ASC
    LIMIT ${opts.limit}`;
}

const queueSelect = {
  id: true, number: true, submittedAt: true, dueAt: true,
  submission: {
    select: {
      microCredentialId: true, cycle: true,
      version: { select: { title: true } },
      user: { select: { name: true, school: { select: { name: true } } } },
      microCredential: { select: { issuer: { select: { blindReview: true, name: true } } } },
    },
  },
} as const;

/** A queue row's submission with who the teacher is and the issuer's rules, as conflictOfInterest reads them. */
const queueSubmissionWithConflictSelect = {
  select: {
    ...queueSelect.submission.select,
    user: { select: { ...queueSelect.submission.select.user.select, ...teacherConflictSelect } },
    microCredential: { select: { issuer: { select: { ...queueSelect.submission.select.microCredential.select.issuer.select, blockSameDistrict: true } } } },
  },
} as const;

export type QueueItem = {
  attemptId: string;
  attemptNumber: number;
  /** The teacher held this badge and is renewing it. */
  renewal: boolean;
  kind: QueueKind;
  submittedAt: Date;
  clock: SlaClock;
  credentialTitle: string;
  microCredentialId: string;
  issuerName: string;
  /** Null under blind review. */
  teacher: { name: string; schoolName: string | null } | null;
};

/**
 * Work the reviewer can claim: oldest first, keyset-paginated. PRIMARY: submitted attempts with no
 * decision and no live claim by anyone; SECOND: double-scored attempts whose first score is in
 * (by someone else) and that still need an independent second one; SECOND_LOOK: returned attempts
 * an issuer admin sent back for one independent review (secondLookAttemptIds).
 */
export async function listReviewQueue(opts: { actor: Actor; kind?: QueueKind; microCredentialId?: string; olderThanDays?: number; cursor?: string; limit?: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const kind = opts.kind ?? 'PRIMARY';
  const limit = Math.min(opts.limit ?? 20, 100);
  const creds = await listReviewerCredentials(opts.actor);
  const readyIds = creds.filter((c) => c.state === 'READY').map((c) => c.microCredentialId);
  if (!readyIds.length || (opts.microCredentialId && !readyIds.includes(opts.microCredentialId))) {
    return { items: [] as QueueItem[], nextCursor: null as string | null, credentials: creds, submitted: new Map<string, number>(), secondLookWaiting: false };
  }
  const cursor = decodeCursor(opts.cursor, isCursor);
  const query = { actor: opts.actor, creds, microCredentialId: opts.microCredentialId, olderThanDays: opts.olderThanDays, cursor, limit: limit + 1, now };
  const [keyed, submitted, secondLooks] = await Promise.all([
    kind === 'SECOND_LOOK'
      ? secondLookAttemptIds(query)
      : queueAttemptIds({ ...query, kind }).then((ids) => ids.map((id) => ({ id, t: null as Date | null }))),
    kind === 'SECOND_LOOK' ? countSecondLooks(readyIds) : countSubmitted(readyIds, kind),
    // The other tabs say when there is second-look work for this reviewer: it is rare and urgent.
    kind === 'SECOND_LOOK' ? Promise.resolve(0) : secondLookAttemptIds({ ...query, microCredentialId: undefined, olderThanDays: undefined, cursor: null, limit: 1 }).then((r) => r.length),
  ]);
  const ids = keyed.map((k) => k.id);
  const found = ids.length ? await db.attempt.findMany({ where: { id: { in: ids } }, select: queueSelect }) : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => Boolean(r));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  // The second-look tab pages on when each was asked for, the others on when it was submitted.
  const lastKey = last ? (kind === 'SECOND_LOOK' ? keyed.find((k) => k.id === last.id)?.t : last.submittedAt) : null;
  return {
    items: page.map((r): QueueItem => toQueueItem(r, kind, now)),
    nextCursor: rows.length > limit && last && lastKey ? encodeCursor({ t: lastKey.toISOString(), id: last.id }) : null,
    credentials: creds,
    submitted,
    /** Whether a second look waits for this reviewer (on the other tabs; 0 on the second-look tab itself). */
    secondLookWaiting: secondLooks > 0,
  };
}

/** Attempts waiting for a second look per credential, from "Attempt_second_look_idx" (some may be taken or not for this reviewer). */
async function countSecondLooks(mcIds: string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; n: number }[]>`
    SELECT a."microCredentialId" AS id, count(*)::int AS n FROM "Attempt" a
    WHERE a."status" = 'SUBMITTED'::"AttemptStatus" AND a."secondLookRequestedAt" IS NOT NULL AND a."microCredentialId" = ANY(${mcIds}::text[])
    GROUP BY a."microCredentialId"`;
  return new Map(rows.map((r) => [r.id, r.n]));
}

/**
 * Undecided submitted attempts per credential (waitingAttempts), from the queue's covering index.
 * For the credential filter: it names where there is work. Some of it may be claimed by others or
 * conflicted for this reviewer, so the page says "submitted", not "for you".
 */
async function countSubmitted(mcIds: string[], kind: 'PRIMARY' | 'SECOND'): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ id: string; n: number }[]>`
    SELECT a."microCredentialId" AS id, count(*)::int AS n FROM "Attempt" a
    WHERE ${Prisma.join(waitingAttempts(mcIds, kind), ' AND ')}
    GROUP BY a."microCredentialId"`;
  return new Map(rows.map((r) => [r.id, r.n]));
}

function toQueueItem(r: Prisma.AttemptGetPayload<{ select: typeof queueSelect }>, kind: QueueKind, now: Date): QueueItem {
  const issuer = r.submission.microCredential.issuer;
  return {
    attemptId: r.id,
    attemptNumber: r.number,
    renewal: r.submission.cycle > 1,
    kind,
    submittedAt: r.submittedAt!,
    clock: slaClock(r.dueAt, now),
    credentialTitle: r.submission.version.title,
    microCredentialId: r.submission.microCredentialId,
    issuerName: issuer.name,
    teacher: showsTeacherIdentity(issuer) ? { name: r.submission.user.name, schoolName: r.submission.user.school?.name ?? null } : null,
  };
}

/** The reviewer's own open claims (including ones past their expiry that nobody has taken yet). */
export async function listMyClaims(opts: { actor: Actor; now?: Date }) {
  const now = opts.now ?? new Date();
  const rows = await db.review.findMany({
    where: { reviewerId: opts.actor.id, status: 'CLAIMED' },
    orderBy: { claimedAt: 'asc' },
    take: 50,
    select: { id: true, kind: true, claimExpiresAt: true, assignedById: true, attempt: { select: queueSelect } },
  });
  return rows.map((r) => ({
    ...toQueueItem(r.attempt, r.kind === 'SECOND' || r.kind === 'SECOND_LOOK' ? r.kind : 'PRIMARY', now),
    reviewId: r.id,
    reviewKind: r.kind,
    claimExpiresAt: r.claimExpiresAt,
    expired: r.claimExpiresAt <= now,
    assigned: Boolean(r.assignedById),
  }));
}

function adminIssuerFilter(actor: Actor): Prisma.MicroCredentialWhereInput | null {
  if (isPlatformAdmin(actor)) return {};
  const ids = orgIdsWithRole(actor, 'ISSUER_ADMIN');
  return ids.length ? { issuerId: { in: ids } } : null;
}

/** Keyset condition for attempts listed oldest first: everything after the cursor's (submittedAt, id). */
function afterCursor(cursor: { t: string; id: string } | null): Prisma.AttemptWhereInput {
  if (!cursor) return {};
  const t = new Date(cursor.t);
  return { OR: [{ submittedAt: { gt: t } }, { submittedAt: t, id: { gt: cursor.id } }] };
}

/**
 * Double-scored attempts whose two reviewers disagreed on the outcome, for issuer admins. Each says
 * whether this admin may settle it (canAdjudicate refuses a conflict of interest with the teacher,
 * their own application included, and either of the two reviewers), so the page offers the claim
 * only where it would be taken. On their own application an admin is a teacher like any other: who
 * scored it, or is settling it, is not theirs to see.
 */
export async function listAdjudicationQueue(opts: { actor: Actor; cursor?: string; limit?: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const limit = Math.min(opts.limit ?? 20, 100);
  const mcFilter = adminIssuerFilter(opts.actor);
  if (!mcFilter) return { items: [], nextCursor: null as string | null };
  const cursor = decodeCursor(opts.cursor, isCursor);
  const rows = await db.attempt.findMany({
    where: {
      status: 'SUBMITTED',
      needsAdjudication: true,
      submission: { microCredential: mcFilter },
      ...afterCursor(cursor),
    },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
    select: {
      ...queueSelect,
      reviews: {
        where: { OR: [{ status: 'SUBMITTED' }, { status: 'CLAIMED', kind: 'ADJUDICATION' }] },
        // The first score before the second, as the page lists them.
        orderBy: [{ kind: 'asc' }, { id: 'asc' }],
        select: { id: true, kind: true, status: true, decision: true, reviewerId: true, claimExpiresAt: true, reviewer: { select: { name: true } } },
      },
      // Who the teacher is, as the conflict rules read it.
      submission: queueSubmissionWithConflictSelect,
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const claim = r.reviews.find((x) => x.kind === 'ADJUDICATION' && x.status === 'CLAIMED' && x.claimExpiresAt > now);
      const conflict = conflictOfInterest(opts.actor, teacherRef(r.submission.user), r.submission.microCredential.issuer, now);
      const own = conflict === 'OWN_WORK';
      return {
        ...toQueueItem(r, 'PRIMARY', now),
        /** The admin's conflict of interest with this teacher (null when none): another admin adjudicates it. */
        conflict,
        /** The admin is one of the two reviewers who disagreed: another admin adjudicates it. */
        scoredByYou: r.reviews.some((x) => x.status === 'SUBMITTED' && x.kind !== 'ADJUDICATION' && x.reviewerId === opts.actor.id),
        decisions: r.reviews.filter((x) => x.status === 'SUBMITTED').map((x) => ({ kind: x.kind, decision: x.decision, reviewerName: own ? null : x.reviewer.name })),
        claimedBy: claim ? { reviewId: claim.id, reviewerId: claim.reviewerId, name: own ? null : claim.reviewer.name } : null,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.submittedAt!.toISOString(), id: last.id }) : null,
  };
}

/**
 * Open (undecided) attempts of the admin's issuers with who holds each claim, for assigning and
 * reassigning work. Oldest first.
 */
export async function listOpenAttemptsForAssignment(opts: { actor: Actor; microCredentialId?: string; cursor?: string; limit?: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const limit = Math.min(opts.limit ?? 20, 100);
  const mcFilter = adminIssuerFilter(opts.actor);
  if (!mcFilter) return { items: [], nextCursor: null as string | null };
  const cursor = decodeCursor(opts.cursor, isCursor);
  const rows = await db.attempt.findMany({
    where: {
      status: 'SUBMITTED',
      submission: { microCredential: mcFilter, ...(opts.microCredentialId ? { microCredentialId: opts.microCredentialId } : {}) },
      ...afterCursor(cursor),
    },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
    select: {
      ...queueSelect,
      doubleScore: true,
      needsAdjudication: true,
      secondLookRequestedAt: true,
      secondLookRequestedById: true,
      reviews: { where: { status: { in: ['CLAIMED', 'SUBMITTED'] } }, select: { kind: true, status: true, claimExpiresAt: true, reviewerId: true, reviewer: { select: { name: true } } } },
      // Who the teacher is, as the conflict rules read it: an admin does not assign their own or a
      // conflicted colleague's work (assignReview refuses), so the list does not offer it.
      submission: queueSubmissionWithConflictSelect,
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => {
      const conflict = conflictOfInterest(opts.actor, teacherRef(r.submission.user), r.submission.microCredential.issuer, now);
      const waitingFor = workWaitingFor(r);
      return {
        ...toQueueItem(r, 'PRIMARY', now),
        doubleScore: r.doubleScore,
        needsAdjudication: r.needsAdjudication,
        /** Waiting for a second look: its submitted reviews are the decision set aside. */
        secondLook: Boolean(r.secondLookRequestedAt),
        /** The admin's conflict of interest with this teacher (null when none): another admin assigns it. */
        conflict,
        /** The work it waits for now (null: none), and whether the admin is a party to it (scored what it settles, asked for the second look): another admin assigns it (assignReview refuses). */
        waitingFor,
        party: waitingFor ? assignerParty(opts.actor.id, r, waitingFor) : null,
        // On their own application an admin is a teacher like any other: reviewers' names are not theirs to see.
        reviews: r.reviews.map((x) => ({ kind: x.kind, status: x.status, expired: x.status === 'CLAIMED' && x.claimExpiresAt <= now, reviewerName: conflict === 'OWN_WORK' ? null : x.reviewer.name })),
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.submittedAt!.toISOString(), id: last.id }) : null,
  };
}

/**
 * Everything the scoring screen needs for one of the actor's reviews: the frozen evidence, the
 * rubric of the version the teacher answered, the draft scores; under blind review, nothing that
 * identifies the teacher. Adjudicators also see the two reviews they are settling.
 */
export async function getReviewWorkspace(opts: { actor: Actor; reviewId: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const review = await db.review.findUnique({
    where: { id: opts.reviewId },
    select: {
      id: true, kind: true, status: true, version: true, reviewerId: true, claimExpiresAt: true, decision: true, overallComment: true, submittedAt: true, draftNotes: true,
      scores: { select: { criterionId: true, levelId: true, feedback: true } },
      attempt: {
        select: {
          id: true, number: true, status: true, version: true, submittedAt: true, dueAt: true, needsAdjudication: true, attestedAt: true, secondLookRequestedAt: true,
          responses: { select: { partId: true, text: true, links: true, wordCount: true, carriedOver: true } },
          files: { where: { status: 'UPLOADED' }, orderBy: EVIDENCE_FILE_ORDER, select: { id: true, partId: true, fileName: true, sizeBytes: true, detectedType: true, declaredType: true, carriedOver: true } },
          reviews: {
            where: { status: 'SUBMITTED', id: { not: opts.reviewId } },
            select: { id: true, kind: true, decision: true, overallComment: true, reviewer: { select: { name: true } }, scores: { select: { criterionId: true, levelId: true, feedback: true } } },
          },
          submission: {
            select: {
              id: true, status: true, cycle: true, userId: true,
              user: { select: { name: true, email: true, school: { select: { name: true } } } },
              microCredential: { select: { id: true, slug: true, issuerId: true, issuer: { select: issuerSettingsSelect } } },
              version: {
                select: {
                  id: true, title: true, version: true, passingRuleKind: true, passingLevelRank: true, passingTotal: true,
                  parts: { orderBy: PART_ORDER, select: { id: true, title: true, prompt: true, responseType: true } },
                  criteria: { orderBy: { sortOrder: 'asc' }, select: { id: true, title: true, description: true, partId: true, descriptors: { select: { levelId: true, text: true } } } },
                  levels: { orderBy: { rank: 'asc' }, select: { id: true, rank: true, label: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  // Someone else's review looks exactly like a missing one; so does one whose reviewer has lost
  // their rights at the issuer since.
  if (!review || review.reviewerId !== opts.actor.id || !reviewsFor(opts.actor, review.attempt.submission.microCredential.issuerId)) return null;
  const { attempt } = review;
  const { submission } = attempt;
  const issuer = submission.microCredential.issuer;
  const { status } = review;
  // A claim is only as good as the right to score behind it: one whose reviewer has lost that right
  // since (their qualifying badge revoked, a conflict of interest that appeared) is shown as no longer
  // theirs, with why, and not the teacher's work. Showing it changes nothing (a page view, a
  // prefetch or a second render must not write): the claim ends when the reviewer gives it back,
  // when any save, keep or submit of theirs finds it so (assertStillMayScore), or at the next sweep
  // (releaseClaimsNoLongerAllowed).
  let cannotScoreBecause: string | null = null;
  if (status === 'CLAIMED') {
    const a = await loadAttemptForReview(attempt.id);
    const denial = a ? await reviewDenial(opts.actor, a, review.kind) : null;
    if (denial && a) cannotScoreBecause = withdrawnReason(denial, a.submission.microCredential.issuer);
  }
  // A claim that ended (released, expired, reassigned) keeps the reviewer's own draft, not the
  // teacher's work: answers, files and who the teacher is are shown while the claim is held and its
  // reviewer may score, or once the review is submitted, as the files themselves are (canViewAttemptEvidence).
  const evidenceShown = (status === 'CLAIMED' && !cannotScoreBecause) || status === 'SUBMITTED';
  // Under blind review the teacher's own file names (often their name and school) never leave the
  // server: each file is named from its place ("Part 2 – file 1.mp4"), as the file route names it too.
  const files = withViewerFileNames(attempt.files, { partIds: submission.version.parts.map((p) => p.id), original: showsOriginalFileNames(issuer, opts.actor.id, submission.userId) });
  const others = review.kind === 'ADJUDICATION' || (review.status === 'SUBMITTED' && isIssuerAdmin(opts.actor, submission.microCredential.issuerId)) ? attempt.reviews : [];
  // A revision is judged against what was asked for: every reviewer of this attempt (second scorers
  // too, equally) sees the reviews that decided the earlier ones, as the teacher was shown them,
  // without reviewers' names. Not a decision a second look set aside, nor the scores an
  // adjudication overruled: the teacher was never asked to act on those (decidingReviews).
  const earlier = attempt.number > 1
    ? await db.attempt.findMany({
        where: { submissionId: submission.id, number: { lt: attempt.number } },
        orderBy: { number: 'desc' },
        select: {
          number: true, submittedAt: true, decidedAt: true,
          reviews: { where: { status: 'SUBMITTED' }, orderBy: { submittedAt: 'asc' }, select: { id: true, kind: true, decision: true, overallComment: true, submittedAt: true, scores: { select: { criterionId: true, levelId: true, feedback: true } } } },
        },
      })
    : [];
  const awardPending = attempt.status === 'PASSED' && !(await db.award.findUnique({ where: { submissionId: submission.id }, select: { id: true } }));
  return {
    review: { id: review.id, kind: review.kind, status, version: review.version, claimExpiresAt: review.claimExpiresAt, claimExpired: review.claimExpiresAt <= now, decision: review.decision, overallComment: review.overallComment, submittedAt: review.submittedAt, scores: review.scores },
    // Still recorded as the reviewer's claim, but they may no longer score it: why, as words that
    // follow "because" ("you are no longer qualified to review this micro-credential"). Null otherwise.
    cannotScoreBecause,
    // What the scoring form starts from (and an ended claim shows): the saved scores, with the
    // feedback written on criteria not given a level yet (the draft's notes) by their criterion.
    draft: {
      overallComment: review.overallComment,
      scores: draftEntries(review.scores, readDraftNotes(review.draftNotes, submission.version.criteria.map((c) => c.id))),
    },
    // attestedAt: when the teacher confirmed the evidence is their own (null before that was asked); says nothing of who they are.
    attempt: { id: attempt.id, number: attempt.number, status: attempt.status, version: attempt.version, submittedAt: attempt.submittedAt, attestedAt: attempt.attestedAt, clock: slaClock(attempt.dueAt, now), responses: evidenceShown ? attempt.responses : [], files: evidenceShown ? files : [] },
    evidenceWithheld: !evidenceShown,
    // A renewal: the teacher held this badge and shows the skill again (judged like any application).
    // awardPending: passed, but its badge is not issued yet (issuing failed and was left to the job queue).
    submission: { id: submission.id, status: submission.status, microCredentialId: submission.microCredential.id, slug: submission.microCredential.slug, renewal: submission.cycle > 1, awardPending },
    issuer: { name: issuer.name, blindReview: issuer.blindReview, claimMinutes: issuer.claimMinutes },
    teacher: evidenceShown && showsTeacherIdentity(issuer) ? { name: submission.user.name, email: submission.user.email, schoolName: submission.user.school?.name ?? null } : null,
    version: submission.version,
    otherReviews: others.map((r) => ({ id: r.id, kind: r.kind, decision: r.decision, overallComment: r.overallComment, reviewerName: r.reviewer.name, scores: r.scores })),
    // The reviewer's own decision was set aside for a second look: when it was asked for and, once
    // given, its decision (their history says as much). The attempt's decision date is the second
    // look's, not theirs to meet.
    setAside: review.status === 'SUBMITTED' && review.kind !== 'SECOND_LOOK' && attempt.secondLookRequestedAt
      ? { requestedAt: attempt.secondLookRequestedAt, decision: attempt.reviews.find((r) => r.kind === 'SECOND_LOOK')?.decision ?? null }
      : null,
    earlierAttempts: earlier.map((a) => ({ ...a, reviews: decidingReviews(a.reviews) })).filter((a) => a.reviews.length > 0),
  };
}

/**
 * Reviewers an admin could assign to this attempt (qualified, calibrated, not conflicted). An admin
 * with a conflict of interest with the teacher may not assign it (assignReview): `assignerConflict`
 * says which, and nobody is listed, nor the attempt's reviews. Nor may an admin who is a party to
 * the work it waits for (`waitingFor`): `assignerParty` says how (they scored what it settles, or
 * asked for the second look), and nobody is listed.
 */
export async function listAssignableReviewers(opts: { actor: Actor; attemptId: string }) {
  const a = await loadAttemptForReview(opts.attemptId);
  if (!a || !isIssuerAdmin(opts.actor, a.submission.microCredential.issuerId)) return null;
  const assignerConflict = conflictOfInterest(opts.actor, teacherOf(a), a.submission.microCredential.issuer);
  const waitingFor = workWaitingFor(a);
  const party = waitingFor ? assignerParty(opts.actor.id, a, waitingFor) : null;
  const mcId = a.submission.microCredentialId;
  const issuerId = a.submission.microCredential.issuerId;
  const out: { id: string; name: string; email: string; kinds: ReviewKind[] }[] = [];
  const candidates = assignerConflict || party ? [] : await listReviewerCandidateIds({ microCredentialId: mcId, issuerId });
  for (const id of candidates) {
    const who = await loadActor(id);
    if (!who) continue;
    const kinds: ReviewKind[] = [];
    for (const k of ['PRIMARY', 'SECOND', 'ADJUDICATION', 'SECOND_LOOK'] as const) if (!(await reviewDenial(who, a, k))) kinds.push(k);
    if (kinds.length) out.push({ id: who.id, name: who.name, email: who.email, kinds });
  }
  return {
    // secondLook: waiting for a second look, the only work it can be given out for (assertClaimable).
    attempt: { id: a.id, number: a.number, doubleScore: a.doubleScore, needsAdjudication: a.needsAdjudication, status: a.status, secondLook: Boolean(a.secondLookRequestedAt) },
    assignerConflict,
    // The one kind of work it can be given out for now (null: none), and the admin's part in it.
    waitingFor,
    assignerParty: party,
    reviewers: out,
    reviews: assignerConflict ? [] : a.reviews.filter((r) => r.status === 'CLAIMED' || r.status === 'SUBMITTED'),
  };
}
