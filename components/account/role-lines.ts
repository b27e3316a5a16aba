import type { ActorRole } from '@/lib/auth/actor';
import { ROLE_LABELS } from '@/lib/people/schemas';

/**
 * "Your roles" on the account page, one line per role, in words: "Teacher at Oakridge Elementary
 * (Kettle Moraine School District)". A teacher's role is held on their district; where they have a
 * school in it, the school is where they teach, so it comes first.
 */
export function describeRole(role: Pick<ActorRole, 'role' | 'organizationId' | 'organizationName'>, place: { districtId: string | null; schoolName: string | null }): string {
  const label = ROLE_LABELS[role.role];
  const org = role.organizationName;
  switch (role.role) {
    case 'TEACHER':
      return role.organizationId === place.districtId && place.schoolName ? `${label} at ${place.schoolName} (${org})` : `${label} at ${org}`;
    case 'REVIEWER':
    case 'ISSUER_ADMIN':
      return `${label} for ${org}`;
    case 'DISTRICT_LEADER':
      return `${label} of ${org}`;
    case 'SCHOOL_LEADER':
      return `${label} at ${org}`;
    case 'PLATFORM_ADMIN':
      return `${label} (the whole platform)`;
  }
}
