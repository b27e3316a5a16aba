import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';

/** True when the teacher's district requires an approved proposal and there is none yet. */
export async function needsProposal(actor: Pick<Actor, 'id' | 'districtId'>, microCredentialId: string): Promise<boolean> {
  if (!actor.districtId) return false;
  const district = await db.organization.findUnique({ where: { id: actor.districtId }, select: { requiresProposal: true } });
  if (!district?.requiresProposal) return false;
  const approved = await db.proposal.findFirst({ where: { userId: actor.id, microCredentialId, status: 'APPROVED' }, select: { id: true } });
  return !approved;
}

export function getOwnProposal(userId: string, microCredentialId: string) {
  return db.proposal.findUnique({
    where: { userId_microCredentialId: { userId, microCredentialId } },
    select: { id: true, status: true, studentGoals: true, plan: true, decisionComment: true, decidedAt: true, submittedAt: true, version: true },
  });
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
