import type { OrgKind, Role } from '@/lib/generated/prisma/enums';

/** `parentOrganizationId`: a school's district (null for other organisations). */
export type ActorRole = { role: Role; organizationId: string; organizationKind: OrgKind; organizationName: string; parentOrganizationId: string | null };

/**
 * The schools and districts someone left (a placement moved, a school or district role ended) since
 * their last year without a move, and when the newest move was: the conflict rules count them while
 * that is under a year ago (recentFormer, lib/review/policy.ts).
 */
export type FormerPlacement = { schoolIds: readonly string[]; districtIds: readonly string[]; changedAt: Date };

/** The User columns behind FormerPlacement (kept by triggers, ADR 019): spread into a Prisma select. */
export const formerPlacementColumns = { formerSchoolIds: true, formerDistrictIds: true, placementChangedAt: true } as const;

/** A user row's former placements, from the columns above; null when they never moved. */
export function formerPlacementOf(u: { formerSchoolIds?: readonly string[] | null; formerDistrictIds?: readonly string[] | null; placementChangedAt?: Date | null }): FormerPlacement | null {
  return u.placementChangedAt ? { schoolIds: u.formerSchoolIds ?? [], districtIds: u.formerDistrictIds ?? [], changedAt: u.placementChangedAt } : null;
}

/** The signed-in person, as every domain function and policy sees them. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  districtId: string | null;
  schoolId: string | null;
  roles: ActorRole[];
  /** Their placement before the latest change (conflict-of-interest rules); absent or null: none known. */
  former?: FormerPlacement | null;
  /** Their time zone (IANA name), which times of day are shown in (lib/time-format.ts); absent or null: not known, UTC. */
  timeZone?: string | null;
};

export function hasRole(actor: Actor | null | undefined, role: Role, organizationId?: string): boolean {
  if (!actor) return false;
  return actor.roles.some((r) => r.role === role && (organizationId === undefined || r.organizationId === organizationId));
}

export function isPlatformAdmin(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'PLATFORM_ADMIN');
}

export function orgIdsWithRole(actor: Actor, role: Role): string[] {
  return actor.roles.filter((r) => r.role === role).map((r) => r.organizationId);
}

export function isIssuerAdmin(actor: Actor | null | undefined, issuerId?: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, 'ISSUER_ADMIN', issuerId);
}

export function isDistrictLeader(actor: Actor | null | undefined, districtId?: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, 'DISTRICT_LEADER', districtId);
}

/**
 * Leads this school (a principal, ADR 016), or any school for a platform admin, as platform admins
 * lead every district. A district's leaders are not school leaders of its schools: they read the
 * same figures, and more, under /district.
 */
export function isSchoolLeader(actor: Actor | null | undefined, schoolId?: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, 'SCHOOL_LEADER', schoolId);
}

/** The schools this person holds the school-leader role at (a platform admin's are all: see lib/school/access.ts). */
export function ledSchoolIds(actor: Actor): string[] {
  return orgIdsWithRole(actor, 'SCHOOL_LEADER');
}

export function isReviewer(actor: Actor | null | undefined): boolean {
  return hasRole(actor, 'REVIEWER') || isIssuerAdmin(actor);
}

/** Where each person lands after signing in. */
export function homePath(actor: Actor): string {
  // The platform's own pages first: a platform admin may also administer issuers, from there.
  if (isPlatformAdmin(actor)) return '/platform';
  if (hasRole(actor, 'ISSUER_ADMIN')) return '/admin';
  if (hasRole(actor, 'DISTRICT_LEADER')) return '/district';
  if (hasRole(actor, 'SCHOOL_LEADER')) return '/school';
  if (hasRole(actor, 'REVIEWER')) return '/review';
  return '/dashboard';
}
