// Who reviews for an issuer is said twice: reviewsFor reads one signed-in person's roles, and
// reviewsForWhere is the same rule as a condition on many people at once (the notices that link to
// review pages only for those who can open them). They must agree for every role a person can hold.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg } from '../factories';
import { loadActor } from '@/lib/auth/load-actor';
import { reviewsFor, reviewsForWhere } from '@/lib/review/policy';
import { stillReviewingFor } from '@/lib/notifications/notify';

beforeEach(resetDatabase);

describe('reviewsFor and reviewsForWhere', () => {
  it('agree for every role, at this issuer and elsewhere, and together', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const other = await createOrg({ kind: 'ISSUER' });
    const district = await createOrg({ kind: 'DISTRICT' });
    const school = await createOrg({ kind: 'SCHOOL', parentId: district.id });
    const platform = await createOrg({ kind: 'PLATFORM' });
    const at = (role: Role, organizationId: string) => ({ role, organizationId });
    const cases: { name: string; roles: { role: Role; organizationId: string }[]; expected: boolean }[] = [
      { name: 'no role', roles: [], expected: false },
      { name: 'reviewer here', roles: [at('REVIEWER', issuer.id)], expected: true },
      { name: 'admin here', roles: [at('ISSUER_ADMIN', issuer.id)], expected: true },
      { name: 'platform admin', roles: [at('PLATFORM_ADMIN', platform.id)], expected: true },
      { name: 'reviewer elsewhere', roles: [at('REVIEWER', other.id)], expected: false },
      { name: 'admin elsewhere', roles: [at('ISSUER_ADMIN', other.id)], expected: false },
      { name: 'teacher at a school', roles: [at('TEACHER', school.id)], expected: false },
      { name: 'school leader', roles: [at('SCHOOL_LEADER', school.id)], expected: false },
      { name: 'district leader', roles: [at('DISTRICT_LEADER', district.id)], expected: false },
      { name: 'reviewer elsewhere and teacher', roles: [at('REVIEWER', other.id), at('TEACHER', school.id)], expected: false },
      { name: 'reviewer here and district leader', roles: [at('REVIEWER', issuer.id), at('DISTRICT_LEADER', district.id)], expected: true },
    ];
    const made = [];
    for (const c of cases) made.push({ ...c, user: await createActor({ name: c.name, roles: c.roles }) });
    const still = await stillReviewingFor(made.map((m) => m.user.id), issuer.id);
    for (const m of made) {
      const actor = (await loadActor(m.user.id))!;
      const inWhere = (await db.user.count({ where: { id: m.user.id, ...reviewsForWhere(issuer.id) } })) === 1;
      expect({ name: m.name, reviewsFor: reviewsFor(actor, issuer.id), reviewsForWhere: inWhere, stillReviewingFor: still.has(m.user.id) })
        .toEqual({ name: m.name, reviewsFor: m.expected, reviewsForWhere: m.expected, stillReviewingFor: m.expected });
    }
  });
});
