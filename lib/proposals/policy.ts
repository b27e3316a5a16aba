import type { Actor } from '@/lib/auth/actor';
import { isDistrictLeader } from '@/lib/auth/actor';

export function canDecideProposal(actor: Actor, proposal: { districtId: string; userId: string }): boolean {
  return proposal.userId !== actor.id && isDistrictLeader(actor, proposal.districtId);
}
