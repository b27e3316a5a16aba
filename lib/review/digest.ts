import 'server-only';
import { db } from '@/lib/db';
import { formerPlacementOf } from '@/lib/auth/actor';
import { notify } from '@/lib/notifications/notify';
import { countCurrentExemplars } from '@/lib/review/exemplar-standing';
import { conflictOfInterest, qualificationDenial, teacherRef, type AffiliationMembership, type IssuerReviewSettings, type TeacherPlacementRow, type TeacherRef } from '@/lib/review/policy';
import { loadSchoolAndDistrictMemberships, schoolAndDistrictRoles } from '@/lib/review/reviewer-roles';
import { NEAR_DUE_BUSINESS_DAYS, nearDueBefore } from '@/lib/review/sla';
import { plural } from '@/lib/plural';

export const DIGEST_KIND = 'review.digest';
/**
 * A reviewer told within this many hours is not told again. The periodic job runs a day after the
 * last run finished, so this never skips a day; it stops a retried or overlapping run (a worker whose
 * lock ran out while it was still sending) from sending anyone a second digest.
 */
const DIGEST_GAP_HOURS = 20;
/**
 * At most this many waiting submissions (and as many second looks) are read in one run, oldest first. The queue is the work in
 * hand, not history: far below this in practice, and the bound keeps one run's memory fixed.
 */
const MAX_WAITING = 20_000;

/**
 * Where a person is placed and the schools and districts they left (User's former* columns,
 * ADR 019), as the conflict rules read them: a school or district left within FORMER_PLACEMENT_DAYS
 * still counts, for the reviewer and for the teacher, as claiming sees it (loadActor, teacherRef).
 */
type Placement = {
  schoolId: string | null; districtId: string | null; email: string;
  formerSchoolIds: string[] | null; formerDistrictIds: string[] | null; placementChangedAt: Date | null;
};

type WaitingRow = Placement & {
  id: string; mc: string; dueAt: Date | null; teacherId: string;
  /** Who gave the first score, when the attempt waits for its second one. */
  primaryBy: string | null;
};

type SecondLookRow = Placement & {
  id: string; mc: string; dueAt: Date | null; teacherId: string;
  /** Everyone who submitted a review of the attempt: none of them may take its second look. */
  scorers: string[];
  requestedBy: string | null;
};

/** One piece of work someone could claim, with who may not take it whatever else holds. */
type Work = {
  mc: string; dueAt: Date | null; teacher: TeacherRef;
  secondLook: boolean; excluded: string[];
};

type CandidateRow = Placement & { userId: string; mc: string; granted: boolean; earned: boolean; calibratedAt: Date | null };

/**
 * Work a reviewer could claim right now (the queue's rules, lib/review/queries.ts): undecided,
 * submitted attempts not waiting for adjudication nor for a second look (loadSecondLooks) whose first
 * score nobody has given or holds, or, double-scored, whose second score nobody has given or holds. One query, from the attempts' status
 * index; per-reviewer rules (own work, conflicts of interest, not second-scoring one's own first
 * score) are applied in memory below, so the reviewers are not each a query over the submissions.
 */
async function loadWaiting(now: Date): Promise<WaitingRow[]> {
  return db.$queryRaw<WaitingRow[]>`
    SELECT a."id", s."microCredentialId" AS mc, a."dueAt", s."userId" AS "teacherId", u."schoolId", u."districtId", u."email",
           u."formerSchoolIds", u."formerDistrictIds", u."placementChangedAt", p."reviewerId" AS "primaryBy"
    FROM "Attempt" a
    JOIN "Submission" s ON s."id" = a."submissionId"
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN LATERAL (
      SELECT r."reviewerId" FROM "Review" r
      WHERE r."attemptId" = a."id" AND r."kind" = 'PRIMARY'::"ReviewKind" AND r."status" = 'SUBMITTED'::"ReviewStatus"
      LIMIT 1
    ) p ON true
    WHERE a."status" = 'SUBMITTED'::"AttemptStatus" AND a."needsAdjudication" = false AND a."submittedAt" IS NOT NULL
      AND a."secondLookRequestedAt" IS NULL
      AND s."status" IN ('SUBMITTED'::"SubmissionStatus", 'IN_REVIEW'::"SubmissionStatus")
      AND (
        (p."reviewerId" IS NULL AND NOT EXISTS (
          SELECT 1 FROM "Review" r WHERE r."attemptId" = a."id" AND r."kind" = 'PRIMARY'::"ReviewKind"
            AND r."status" = 'CLAIMED'::"ReviewStatus" AND r."claimExpiresAt" > ${now}))
        OR (p."reviewerId" IS NOT NULL AND a."doubleScore" AND NOT EXISTS (
          SELECT 1 FROM "Review" r WHERE r."attemptId" = a."id" AND r."kind" = 'SECOND'::"ReviewKind"
            AND (r."status" = 'SUBMITTED'::"ReviewStatus" OR (r."status" = 'CLAIMED'::"ReviewStatus" AND r."claimExpiresAt" > ${now}))))
      )
    ORDER BY a."submittedAt" ASC, a."id" ASC
    LIMIT ${MAX_WAITING}`;
}

/**
 * Attempts waiting for a second look that nobody has taken (no SECOND_LOOK review submitted, none
 * claimed and still running), as the queue's Second look tab finds them (lib/review/queries.ts), from
 * the partial index "Attempt_second_look_idx": second looks are few. Who may take each one
 * (canTakeSecondLook: not a scorer of the attempt, not the admin who asked, no conflict) is decided
 * in memory below, with the other work.
 */
async function loadSecondLooks(now: Date): Promise<SecondLookRow[]> {
  // The teacher and the "taken" check are LATERAL ... LIMIT 1 so that each stays a probe by the
  // attempt's id (primary keys, Review(attemptId, kind, status)) whatever the planner guesses about
  // how many second looks there are: a plain join let it hash all of Submission and User.
  return db.$queryRaw<SecondLookRow[]>`
    SELECT a."id", a."microCredentialId" AS mc, a."dueAt", t."teacherId", t."schoolId", t."districtId", t."email",
           t."formerSchoolIds", t."formerDistrictIds", t."placementChangedAt",
           a."secondLookRequestedById" AS "requestedBy",
           ARRAY(SELECT r."reviewerId" FROM "Review" r WHERE r."attemptId" = a."id" AND r."status" = 'SUBMITTED'::"ReviewStatus") AS "scorers"
    FROM "Attempt" a
    CROSS JOIN LATERAL (
      SELECT s."userId" AS "teacherId", u."schoolId", u."districtId", u."email", u."formerSchoolIds", u."formerDistrictIds", u."placementChangedAt"
      FROM "Submission" s
      JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = a."submissionId"
      LIMIT 1
    ) t
    LEFT JOIN LATERAL (
      SELECT 1 AS "taken" FROM "Review" r
      WHERE r."attemptId" = a."id" AND r."kind" = 'SECOND_LOOK'::"ReviewKind"
        AND (r."status" = 'SUBMITTED'::"ReviewStatus" OR (r."status" = 'CLAIMED'::"ReviewStatus" AND r."claimExpiresAt" > ${now}))
      LIMIT 1
    ) x ON true
    WHERE a."status" = 'SUBMITTED'::"AttemptStatus" AND a."secondLookRequestedAt" IS NOT NULL AND x."taken" IS NULL
    ORDER BY a."secondLookRequestedAt" ASC, a."id" ASC
    LIMIT ${MAX_WAITING}`;
}

/**
 * Everyone qualified for these credentials who may review them (listReviewerCredentials, in bulk):
 * an admin's grant or an earned, valid badge; an enabled account; the reviewer or admin role at the
 * credential's issuer (or platform admin). One row per person and credential.
 */
async function loadCandidates(mcIds: string[]): Promise<CandidateRow[]> {
  // Starts from the few people with a reviewing role (the index on Membership(organizationId, role),
  // through the issuers of these credentials and the platform organisations), then reads only
  // their qualifications and badges: never every badge ever earned.
  return db.$queryRaw<CandidateRow[]>`
    WITH m AS (SELECT "id", "issuerId" FROM "MicroCredential" WHERE "id" = ANY(${mcIds}::text[])),
    staff AS (
      SELECT mb."userId", mb."organizationId", mb."role" FROM "Membership" mb
      WHERE (mb."organizationId" IN (SELECT DISTINCT "issuerId" FROM m) AND mb."role" IN ('REVIEWER'::"Role", 'ISSUER_ADMIN'::"Role"))
         OR (mb."organizationId" IN (SELECT "id" FROM "Organization" WHERE "kind" = 'PLATFORM'::"OrgKind") AND mb."role" = 'PLATFORM_ADMIN'::"Role")
    ),
    people AS (SELECT DISTINCT "userId" FROM staff)
    SELECT qs."userId", qs."microCredentialId" AS mc, bool_or(qs."granted") AS "granted", bool_or(NOT qs."granted") AS "earned",
           rq."calibratedAt", u."schoolId", u."districtId", u."email", u."formerSchoolIds", u."formerDistrictIds", u."placementChangedAt"
    FROM (
      SELECT q."userId", q."microCredentialId", true AS "granted" FROM "ReviewerQualification" q
      WHERE q."userId" IN (SELECT "userId" FROM people) AND q."microCredentialId" = ANY(${mcIds}::text[]) AND q."grantedById" IS NOT NULL
      UNION ALL
      SELECT w."userId", w."microCredentialId", false FROM "Award" w
      WHERE w."userId" IN (SELECT "userId" FROM people) AND w."microCredentialId" = ANY(${mcIds}::text[]) AND w."revokedAt" IS NULL AND w."suspendedAt" IS NULL
    ) qs
    JOIN m ON m."id" = qs."microCredentialId"
    JOIN "User" u ON u."id" = qs."userId" AND u."disabledAt" IS NULL
    LEFT JOIN "ReviewerQualification" rq ON rq."userId" = qs."userId" AND rq."microCredentialId" = qs."microCredentialId"
    WHERE EXISTS (
      SELECT 1 FROM staff st WHERE st."userId" = qs."userId" AND (st."organizationId" = m."issuerId" OR st."role" = 'PLATFORM_ADMIN'::"Role"))
    GROUP BY qs."userId", qs."microCredentialId", rq."calibratedAt", u."schoolId", u."districtId", u."email",
             u."formerSchoolIds", u."formerDistrictIds", u."placementChangedAt"`;
}

/**
 * The teachers' roles at schools and districts (a principal is not placed at the school they lead),
 * shaped as the rows loadAttemptForReview selects (affiliationMemberships: any role at a SCHOOL or
 * DISTRICT): one query for all the work (loadSchoolAndDistrictMemberships, which the reviewers' side
 * reads too).
 */
async function loadTeacherMemberships(teacherIds: string[]): Promise<Map<string, AffiliationMembership[]>> {
  const rows = await loadSchoolAndDistrictMemberships(teacherIds);
  return new Map([...rows].map(([id, list]) => [id, list.map((m): AffiliationMembership => ({ organizationId: m.organizationId, organization: { kind: m.kind, parentId: m.parentId } }))]));
}

export type ReviewerDigest = {
  userId: string;
  /** Everything they could claim, second looks included. */
  waiting: number;
  nearDue: number;
  /** Of `waiting`, second looks (ADR 015): rare, and the decision is final, so the digest names them. */
  secondLooks: number;
};

/**
 * For each active reviewer, how many waiting submissions they could claim (second looks among them)
 * and how many of those are near their decision date (NEAR_DUE_BUSINESS_DAYS or fewer business days
 * left, or past it). Reviewers with nothing to claim are left out. The conflict rules are claiming's
 * (conflictOfInterest, as of `now`), former placements and school and district roles of reviewer
 * and teacher included: the placement columns come with the rows above, the roles in one query per side.
 */
export async function computeReviewerDigests(now: Date = new Date()): Promise<ReviewerDigest[]> {
  const [waiting, secondLooks] = await Promise.all([loadWaiting(now), loadSecondLooks(now)]);
  const memberships = await loadTeacherMemberships([...new Set([...waiting, ...secondLooks].map((w) => w.teacherId))]);
  // The teacher as claiming reads them (teacherRef): a school or district they left within the year
  // still counts, and so do the ones they lead.
  const teacherOf = (w: WaitingRow | SecondLookRow): TeacherRef => teacherRef({ ...w, id: w.teacherId, memberships: memberships.get(w.teacherId) ?? [] } satisfies TeacherPlacementRow);
  const work: Work[] = [
    ...waiting.map((w) => ({ mc: w.mc, dueAt: w.dueAt, teacher: teacherOf(w), secondLook: false, excluded: w.primaryBy ? [w.primaryBy] : [] })),
    ...secondLooks.map((w) => ({ mc: w.mc, dueAt: w.dueAt, teacher: teacherOf(w), secondLook: true, excluded: w.requestedBy ? [...w.scorers, w.requestedBy] : w.scorers })),
  ];
  if (!work.length) return [];
  const byMc = new Map<string, Work[]>();
  for (const w of work) {
    const list = byMc.get(w.mc);
    if (list) list.push(w);
    else byMc.set(w.mc, [w]);
  }
  const mcIds = [...byMc.keys()];
  const [candidates, settings, exemplars] = await Promise.all([
    loadCandidates(mcIds),
    db.$queryRaw<(IssuerReviewSettings & { id: string })[]>`
      SELECT m."id", o."blockSameDistrict", o."calibrationRequired"
      FROM "MicroCredential" m JOIN "Organization" o ON o."id" = m."issuerId"
      WHERE m."id" = ANY(${mcIds}::text[])`,
    countCurrentExemplars(db, mcIds),
  ]);
  const settingsOf = new Map<string, IssuerReviewSettings>(settings.map(({ id, ...issuer }) => [id, issuer]));
  const rolesOf = await schoolAndDistrictRoles([...new Set(candidates.map((c) => c.userId))]);
  const near = nearDueBefore(now);
  const out = new Map<string, ReviewerDigest>();
  for (const c of candidates) {
    const issuer = settingsOf.get(c.mc);
    if (!issuer) continue;
    // Not yet calibrated where calibration is asked for: the queue shows nothing to claim either.
    if (qualificationDenial(issuer, { granted: c.granted, earned: c.earned, calibratedAt: c.calibratedAt, hasExemplars: (exemplars.get(c.mc) ?? 0) > 0 })) continue;
    // As claiming sees the reviewer (loadActor): a school or district they left within the year is still theirs.
    const me = { id: c.userId, schoolId: c.schoolId, districtId: c.districtId, email: c.email, roles: rolesOf.get(c.userId), former: formerPlacementOf(c) };
    const d = out.get(c.userId) ?? { userId: c.userId, waiting: 0, nearDue: 0, secondLooks: 0 };
    for (const w of byMc.get(c.mc) ?? []) {
      // Not second-scoring one's own first score; not a second look at a decision one took part in or asked for.
      if (w.excluded.includes(c.userId)) continue;
      if (conflictOfInterest(me, w.teacher, issuer, now)) continue;
      d.waiting += 1;
      if (w.secondLook) d.secondLooks += 1;
      if (w.dueAt && w.dueAt < near) d.nearDue += 1;
    }
    out.set(c.userId, d);
  }
  return [...out.values()].filter((d) => d.waiting > 0);
}

/**
 * "3 submissions are waiting for credentials you review, including 1 second look; 1 is near its
 * decision date", or "1 second look is waiting for credentials you review" when that is all.
 */
export function digestTitle(d: Pick<ReviewerDigest, 'waiting' | 'nearDue' | 'secondLooks'>): string {
  const head = d.secondLooks === d.waiting
    ? `${plural(d.waiting, 'second look is', 'second looks are')} waiting for credentials you review`
    : `${plural(d.waiting, 'submission is', 'submissions are')} waiting for credentials you review${d.secondLooks ? `, including ${plural(d.secondLooks, 'second look')}` : ''}`;
  if (!d.nearDue) return head;
  return `${head}; ${plural(d.nearDue, 'is near its', 'are near their')} decision date`;
}

/**
 * The daily 'review.digest' job: one notification (and, through notify, an email unless the
 * reviewer turned work emails off) to each active reviewer with submissions they could claim, none
 * to anyone else. Each reviewer is told under an advisory lock on their id, after checking they
 * have not been told within DIGEST_GAP_HOURS, so a retried run or two servers at once send nobody
 * a second digest. Returns how many were sent.
 */
export async function sendReviewerDigests(opts: { now?: Date } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - DIGEST_GAP_HOURS * 3_600_000);
  let sent = 0;
  for (const d of await computeReviewerDigests(now)) {
    const told = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${DIGEST_KIND}:${d.userId}`}))`;
      const recent = await tx.notification.findFirst({ where: { userId: d.userId, kind: DIGEST_KIND, createdAt: { gt: since } }, select: { id: true } });
      if (recent) return false;
      await notify(
        {
          userId: d.userId,
          kind: DIGEST_KIND,
          title: digestTitle(d),
          body: `${d.nearDue ? `Near means ${NEAR_DUE_BUSINESS_DAYS} business days or fewer before the date the teacher was given, or past it. ` : ''}Claim one from the review queue${d.secondLooks ? ' (second looks are on its “Second look” tab)' : ''}. This summary comes at most once a day, and only when there is work you could claim.`,
          // Only second looks: straight to their tab, which the queue does not open on.
          href: d.secondLooks === d.waiting ? '/review?kind=SECOND_LOOK' : '/review',
        },
        tx,
      );
      return true;
    });
    if (told) sent += 1;
  }
  return sent;
}
