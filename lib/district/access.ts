import 'server-only';
import { db } from '@/lib/db';
import { forbidden } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { isDistrictLeader, isPlatformAdmin, orgIdsWithRole } from '@/lib/auth/actor';

/** The districts this person leads (every district for a platform admin). */
export async function listLedDistricts(actor: Actor) {
  const where = isPlatformAdmin(actor) ? { kind: 'DISTRICT' as const } : { kind: 'DISTRICT' as const, id: { in: orgIdsWithRole(actor, 'DISTRICT_LEADER') } };
  return db.organization.findMany({ where, orderBy: { name: 'asc' }, select: { id: true, name: true, requiresProposal: true } });
}

/** The district a page or export works on; a district the actor does not lead is refused. */
export async function resolveDistrict(actor: Actor, requested?: string | null) {
  const districts = await listLedDistricts(actor);
  if (requested) {
    const found = districts.find((d) => d.id === requested);
    if (!found) throw forbidden('You do not lead that district.');
    return { district: found, districts };
  }
  if (!districts[0]) throw forbidden('You do not lead a district.');
  return { district: districts[0], districts };
}

export function assertLeads(actor: Actor, districtId: string) {
  if (!isDistrictLeader(actor, districtId)) throw forbidden('You do not lead that district.');
}
