import 'server-only';
import { db } from '@/lib/db';
import { searchText } from '@/lib/search-text';
import type { Actor } from '@/lib/auth/actor';
import type { SubmissionStatus } from '@/lib/generated/prisma/enums';
import type { Prisma } from '@/lib/generated/prisma/client';
import { decodeCursor, encodeCursor, isCursorId, isCursorTime } from '@/lib/catalog/cursor';

/**
 * True when the teacher's district requires an approved proposal and there is none yet. Only an
 * approval by the teacher's current district counts: a teacher who moved needs their new
 * district's approval, as its PD hours and salary steps follow from it.
 */
export async function needsProposal(actor: Pick<Actor, 'id' | 'districtId'>, microCredentialId: string): Promise<boolean> {
  if (!actor.districtId) return false;
  const district = await db.organization.findUnique({ where: { id: actor.districtId }, select: { requiresProposal: true } });
  if (!district?.requiresProposal) return false;
  const approved = await db.proposal.findFirst({ where: { userId: actor.id, microCredentialId, districtId: actor.districtId, status: 'APPROVED' }, select: { id: true } });
  return !approved;
}

const OWN_PROPOSAL = { id: true, districtId: true, status: true, studentGoals: true, plan: true, decisionComment: true, decidedAt: true, submittedAt: true, version: true } as const;

/**
 * The teacher's proposal for a credential to their current district. Without one, the text of the
 * latest they wrote for a district they have since left comes back as a draft to send (the old
 * district's record and decision stay with that district).
 */
export async function getOwnProposal(actor: Pick<Actor, 'id' | 'districtId'>, microCredentialId: string) {
  if (actor.districtId) {
    const current = await db.proposal.findUnique({
      where: { userId_microCredentialId_districtId: { userId: actor.id, microCredentialId, districtId: actor.districtId } },
      select: OWN_PROPOSAL,
    });
    if (current) return current;
  }
  const earlier = await db.proposal.findFirst({ where: { userId: actor.id, microCredentialId }, orderBy: { updatedAt: 'desc' }, select: OWN_PROPOSAL });
  return earlier && { ...earlier, status: 'DRAFT' as const, decisionComment: null, decidedAt: null, submittedAt: null };
}

/**
 * Who decides a teacher's proposal: their district, and the names of its leaders the teacher can
 * ask about it (a few, not the whole list; never the teacher, who cannot decide their own). No
 * addresses: the teacher's page only needs to say whom to ask. `youLead`: the teacher leads the
 * district too, so with no other leader they are the one to invite another (ProposalWaiting).
 */
export async function getProposalDecider(actor: Pick<Actor, 'id' | 'districtId'>) {
  if (!actor.districtId) return null;
  const shown = 3;
  const where = { organizationId: actor.districtId, role: 'DISTRICT_LEADER' as const, userId: { not: actor.id }, user: { disabledAt: null } };
  const [district, leaders, leaderCount, own] = await Promise.all([
    db.organization.findUnique({ where: { id: actor.districtId }, select: { name: true } }),
    db.membership.findMany({ where, orderBy: [{ user: { name: 'asc' } }, { id: 'asc' }], take: shown, select: { user: { select: { name: true } } } }),
    db.membership.count({ where }),
    db.membership.findFirst({ where: { organizationId: actor.districtId, role: 'DISTRICT_LEADER', userId: actor.id }, select: { id: true } }),
  ]);
  if (!district) return null;
  return { districtName: district.name, leaderNames: leaders.map((l) => l.user.name), otherLeaders: Math.max(0, leaderCount - leaders.length), youLead: Boolean(own) };
}

/**
 * What came of an approved proposal: the teacher's current application for the credential and
 * their badge for it.
 * - 'left': the teacher is no longer in the district, which keeps its decision but no longer sees
 *   their work (as its reports no longer count them);
 * - 'not-started': no application yet; 'working': a draft, or revising after a return;
 *   'in-review': sent and waiting for a decision; 'passed': passed, the badge being issued;
 * - 'earned': they hold a badge for it (suspended while the issuer looks into something);
 *   'revoked': their only badge for it was revoked.
 */
export type ProposalOutcome =
  | { state: 'left' | 'not-started' | 'working' | 'in-review' | 'passed'; award: null }
  | { state: 'earned' | 'revoked'; award: ProposalAward };
export type ProposalAward = { id: string; issuedAt: Date; revokedAt: Date | null; suspendedAt: Date | null };

const APPLICATION_STATE: Record<SubmissionStatus, 'working' | 'in-review' | 'passed'> = {
  DRAFT: 'working', NEEDS_REVISION: 'working', SUBMITTED: 'in-review', IN_REVIEW: 'in-review', EARNED: 'passed',
};

/** The outcome from the teacher's current application and badge (a valid badge first, as the query picks it). */
export function proposalOutcome(o: { inDistrict: boolean; applicationStatus: SubmissionStatus | null; award: ProposalAward | null }): ProposalOutcome {
  if (!o.inDistrict) return { state: 'left', award: null };
  if (o.award) return { state: o.award.revokedAt ? 'revoked' : 'earned', award: o.award };
  return { state: o.applicationStatus ? APPLICATION_STATE[o.applicationStatus] : 'not-started', award: null };
}

/**
 * Outcomes of the approved ones of `proposalIds` that belong to `districtIds`, in one statement for
 * a page: per proposal, the teacher's newest application (highest cycle) and their badge for the
 * credential (a valid or suspended one before a revoked one, newest first). Nothing is read for a
 * teacher who has left the district.
 */
async function approvedOutcomes(districtIds: string[], proposalIds: string[]): Promise<Map<string, ProposalOutcome>> {
  if (!proposalIds.length) return new Map();
  const rows = await db.$queryRaw<{ proposalId: string; inDistrict: boolean; applicationStatus: SubmissionStatus | null; awardId: string | null; issuedAt: Date | null; revokedAt: Date | null; suspendedAt: Date | null }[]>`
    SELECT p."id" AS "proposalId", COALESCE(u."districtId" = p."districtId", false) AS "inDistrict",
           s."status"::text AS "applicationStatus", a."id"::text AS "awardId", a."issuedAt", a."revokedAt", a."suspendedAt"
      FROM "Proposal" p
      JOIN "User" u ON u."id" = p."userId"
      LEFT JOIN LATERAL (
        SELECT s."status" FROM "Submission" s
         WHERE s."userId" = p."userId" AND s."microCredentialId" = p."microCredentialId" AND u."districtId" = p."districtId"
         ORDER BY s."cycle" DESC LIMIT 1
      ) s ON true
      LEFT JOIN LATERAL (
        SELECT a."id", a."issuedAt", a."revokedAt", a."suspendedAt" FROM "Award" a
         WHERE a."userId" = p."userId" AND a."microCredentialId" = p."microCredentialId" AND u."districtId" = p."districtId"
         ORDER BY (a."revokedAt" IS NULL) DESC, a."issuedAt" DESC, a."id" DESC LIMIT 1
      ) a ON true
     WHERE p."id" = ANY(${proposalIds}::text[]) AND p."districtId" = ANY(${districtIds}::text[]) AND p."status" = 'APPROVED'`;
  return new Map(rows.map((r) => [r.proposalId, proposalOutcome({
    inDistrict: r.inDistrict,
    applicationStatus: r.applicationStatus,
    award: r.awardId ? { id: r.awardId, issuedAt: r.issuedAt!, revokedAt: r.revokedAt, suspendedAt: r.suspendedAt } : null,
  })]));
}

type ProposalListStatus = 'SUBMITTED' | 'APPROVED' | 'RETURNED';
/** Decided ones newest decision first; waiting ones (and the whole list) oldest sent first. */
const byDecision = (status: ProposalListStatus | undefined) => status === 'APPROVED' || status === 'RETURNED';
// The sort key of the last row shown: when it was sent (`s`) or decided (`d`), '' for none, and its id.
type SentCursor = { s: string; id: string };
type DecidedCursor = { d: string; id: string };
const isDate = (v: unknown): v is string => v === '' || isCursorTime(v);
const isSentCursor = (v: Record<string, unknown>): v is SentCursor => isDate(v.s) && isCursorId(v.id);
const isDecidedCursor = (v: Record<string, unknown>): v is DecidedCursor => isDate(v.d) && isCursorId(v.id);

/**
 * The cursor for the page after `last`, for listDistrictProposals with the same `status`. A keyset on
 * the list's sort columns and id, not the row itself: a proposal decided or deleted between two pages
 * neither drops the row after it nor empties the next page.
 */
export function proposalsCursor(last: { id: string; submittedAt: Date | null; decidedAt: Date | null }, status?: ProposalListStatus): string {
  return byDecision(status)
    ? encodeCursor({ d: last.decidedAt?.toISOString() ?? '', id: last.id })
    : encodeCursor({ s: last.submittedAt?.toISOString() ?? '', id: last.id });
}

/**
 * The rows after the cursor in the list's order. Postgres sorts NULLs last in ascending order and
 * first in descending order, as Prisma leaves it.
 */
function afterCursor(cursor: string | undefined, status: ProposalListStatus | undefined): Prisma.ProposalWhereInput {
  if (byDecision(status)) {
    const c = decodeCursor(cursor, isDecidedCursor);
    if (!c) return {};
    if (!c.d) return { OR: [{ decidedAt: null, id: { lt: c.id } }, { decidedAt: { not: null } }] };
    const at = new Date(c.d);
    return { OR: [{ decidedAt: { lt: at } }, { decidedAt: at, id: { lt: c.id } }] };
  }
  const c = decodeCursor(cursor, isSentCursor);
  if (!c) return {};
  if (!c.s) return { submittedAt: null, id: { gt: c.id } };
  const at = new Date(c.s);
  return { OR: [{ submittedAt: { gt: at } }, { submittedAt: at, id: { gt: c.id } }, { submittedAt: null }] };
}

/**
 * A page of the districts' proposals (the caller has checked the reader leads them). Each approved
 * one carries its `outcome` (null for the others): a district that approved study learns whether
 * it was done and can open the badge's public page, with the evidence summary the teacher chose
 * to show. `q` keeps those whose teacher's name or email, or whose micro-credential's title, holds
 * it; `schoolId` those of teachers placed at that school (the caller has checked it is the
 * district's). Up to `take` + 1 rows (one more says there is a next page: proposalsCursor of the
 * last one shown opens it); a cursor that is not one of the list's (an old link's) gives the first.
 * `viewerId` is the reader: a proposal they sent themselves is marked `own`, as they cannot decide it
 * (canDecideProposal) and another leader does. `user.inDistrict` says whether the teacher is still
 * the proposal's district's (one who moved away keeps their decided proposals there, not a record
 * or a school the district may see); `user.school` is their school only then.
 */
export async function listDistrictProposals(districtIds: string[], opts: { status?: ProposalListStatus; cursor?: string; take?: number; q?: string; schoolId?: string; viewerId?: string } = {}) {
  const take = opts.take ?? 25;
  const q = searchText(opts.q);
  const contains = q ? { contains: q, mode: 'insensitive' as const } : null;
  const rows = await db.proposal.findMany({
    where: {
      districtId: { in: districtIds },
      status: opts.status ?? { in: ['SUBMITTED', 'APPROVED', 'RETURNED'] },
      ...(opts.schoolId ? { user: { schoolId: opts.schoolId } } : {}),
      AND: [
        contains ? { OR: [{ user: { name: contains } }, { user: { email: contains } }, { microCredential: { currentVersion: { title: contains } } }] } : {},
        afterCursor(opts.cursor, opts.status),
      ],
    },
    // Waiting ones oldest first (the longest wait is decided first); decided ones newest decision first.
    orderBy: byDecision(opts.status) ? [{ decidedAt: 'desc' }, { id: 'desc' }] : [{ submittedAt: 'asc' }, { id: 'asc' }],
    take: take + 1,
    select: {
      id: true, userId: true, status: true, studentGoals: true, plan: true, returnedStudentGoals: true, returnedPlan: true, submittedAt: true, decidedAt: true, decisionComment: true, version: true,
      // Who approved or returned it: any of the district's leaders may decide, not only the reader.
      decidedBy: { select: { id: true, name: true } },
      // Where the teacher is now: their school only while they are still this district's (one who
      // moved away may be placed at another district's school, which is not this district's to see).
      districtId: true,
      user: { select: { name: true, email: true, districtId: true, schoolId: true, school: { select: { name: true, parentId: true } } } },
      // What the leader weighs: who issues it, its level (salary steps count levels) and its hours.
      microCredential: { select: { slug: true, level: true, issuer: { select: { name: true } }, currentVersion: { select: { title: true, pdHours: true } } } },
    },
  });
  const outcomes = await approvedOutcomes(districtIds, rows.filter((r) => r.status === 'APPROVED').map((r) => r.id));
  return rows.map(({ returnedStudentGoals, returnedPlan, userId, user: { districtId: userDistrictId, schoolId, school, ...who }, ...rest }) => {
    // Still the district's teacher: their record opens, and their school is one of its schools.
    const inDistrict = userDistrictId === rest.districtId;
    const user = { ...who, inDistrict, school: inDistrict && schoolId && school?.parentId === rest.districtId ? { name: school.name } : null };
    const r = { ...rest, user, own: opts.viewerId !== undefined && userId === opts.viewerId };
    if (r.status !== 'RETURNED') return { ...r, outcome: outcomes.get(r.id) ?? null, textAsReturned: true };
    // A returned proposal's own text is the teacher's revision in progress, theirs until they send
    // it: the leader sees the text they returned, kept with the decision.
    const kept = returnedStudentGoals !== null;
    return { ...r, outcome: null, studentGoals: returnedStudentGoals ?? r.studentGoals, plan: kept ? (returnedPlan ?? '') : r.plan, textAsReturned: kept };
  });
}

