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

/**
 * The teacher's proposal for a credential as their current district sees it: one written for a
 * district they have since left comes back as a draft to send again (the text is kept, the old
 * district's decision is not shown).
 */
export async function getOwnProposal(actor: Pick<Actor, 'id' | 'districtId'>, microCredentialId: string) {
  const proposal = await db.proposal.findUnique({
    where: { userId_microCredentialId: { userId: actor.id, microCredentialId } },
    select: { id: true, districtId: true, status: true, studentGoals: true, plan: true, decisionComment: true, decidedAt: true, submittedAt: true, version: true },
  });
  if (!proposal || proposal.districtId === actor.districtId) return proposal;
  return { ...proposal, status: 'DRAFT' as const, decisionComment: null, decidedAt: null, submittedAt: null };
}

export function listDistrictProposals(districtIds: string[], opts: { status?: 'SUBMITTED' | 'APPROVED' | 'RETURNED'; cursor?: string; take?: number } = {}) {
  const take = opts.take ?? 25;
  return db.proposal.findMany({
    where: { districtId: { in: districtIds }, status: opts.status ?? { in: ['SUBMITTED', 'APPROVED', 'RETURNED'] } },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    take: take + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: {
      id: true, status: true, studentGoals: true, plan: true, submittedAt: true, decidedAt: true, decisionComment: true, version: true,
      user: { select: { name: true, email: true, school: { select: { name: true } } } },
      microCredential: { select: { slug: true, currentVersion: { select: { title: true } } } },
    },
  });
}
