import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';

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
 * addresses: the teacher's page only needs to say whom to ask.
 */
export async function getProposalDecider(actor: Pick<Actor, 'id' | 'districtId'>) {
  if (!actor.districtId) return null;
  const shown = 3;
  const where = { organizationId: actor.districtId, role: 'DISTRICT_LEADER' as const, userId: { not: actor.id }, user: { disabledAt: null } };
  const [district, leaders, leaderCount] = await Promise.all([
    db.organization.findUnique({ where: { id: actor.districtId }, select: { name: true } }),
    db.membership.findMany({ where, orderBy: [{ user: { name: 'asc' } }, { id: 'asc' }], take: shown, select: { user: { select: { name: true } } } }),
    db.membership.count({ where }),
  ]);
  if (!district) return null;
  return { districtName: district.name, leaderNames: leaders.map((l) => l.user.name), otherLeaders: Math.max(0, leaderCount - leaders.length) };
}

export function listDistrictProposals(districtIds: string[], opts: { status?: 'SUBMITTED' | 'APPROVED' | 'RETURNED'; cursor?: string; take?: number } = {}) {
  const take = opts.take ?? 25;
  return db.proposal.findMany({
    where: { districtId: { in: districtIds }, status: opts.status ?? { in: ['SUBMITTED', 'APPROVED', 'RETURNED'] } },
    // Waiting ones oldest first (the longest wait is decided first); decided ones newest decision first.
    orderBy: opts.status === 'APPROVED' || opts.status === 'RETURNED' ? [{ decidedAt: 'desc' }, { id: 'desc' }] : [{ submittedAt: 'asc' }, { id: 'asc' }],
    take: take + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: {
      id: true, status: true, studentGoals: true, plan: true, submittedAt: true, decidedAt: true, decisionComment: true, version: true,
      // Who approved or returned it: any of the district's leaders may decide, not only the reader.
      decidedBy: { select: { id: true, name: true } },
      user: { select: { name: true, email: true, school: { select: { name: true } } } },
      // What the leader weighs: who issues it, its level (salary steps count levels) and its hours.
      microCredential: { select: { slug: true, level: true, issuer: { select: { name: true } }, currentVersion: { select: { title: true, pdHours: true } } } },
    },
  });
}
