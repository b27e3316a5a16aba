import type { Actor } from '@/lib/auth/actor';
import { isDistrictLeader, isIssuerAdmin, isPlatformAdmin } from '@/lib/auth/actor';
import type { OrgKind, Role } from '@/lib/generated/prisma/enums';

const ROLES_BY_KIND: Record<OrgKind, Role[]> = {
  ISSUER: ['REVIEWER', 'ISSUER_ADMIN'],
  DISTRICT: ['TEACHER', 'DISTRICT_LEADER'],
  // A school's leader (principal) is appointed by the district's leaders, as its teachers are.
  SCHOOL: ['TEACHER', 'SCHOOL_LEADER'],
  PLATFORM: ['PLATFORM_ADMIN'],
};

export function assignableRoles(kind: OrgKind): Role[] {
  return ROLES_BY_KIND[kind];
}

export function canAssignRole(kind: OrgKind, role: Role): boolean {
  return ROLES_BY_KIND[kind].includes(role) && role !== 'PLATFORM_ADMIN';
}

/** Issuer admins manage their issuer; district leaders their district and its schools. */
export function canManageOrg(actor: Actor, org: { id: string; kind: OrgKind; parentId: string | null }): boolean {
  if (org.kind === 'ISSUER') return isIssuerAdmin(actor, org.id);
  if (org.kind === 'DISTRICT') return isDistrictLeader(actor, org.id);
  if (org.kind === 'SCHOOL') return org.parentId ? isDistrictLeader(actor, org.parentId) : isPlatformAdmin(actor);
  return isPlatformAdmin(actor);
}
