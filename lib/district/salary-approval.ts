// Which issuers' badges count toward a district's salary steps (Organization.salaryApprovedIssuersOnly
// and DistrictApprovedIssuer): the issuers a leader picks from, and what a teacher is told on a
// micro-credential's page. Counting itself is in lib/reporting (teacher.ts, district.ts).
import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { APPROVED_ISSUERS_MAX } from '@/lib/district/policy-settings';

export type IssuerChoice = { id: string; name: string; published: number };

/**
 * Every issuing organisation on the platform, by name, with how many micro-credentials it offers
 * (published), for a leader of this district to choose the ones whose badges count.
 */
export async function listSalaryIssuerChoices(opts: { actor: Actor; districtId: string }): Promise<IssuerChoice[]> {
  assertLeads(opts.actor, opts.districtId);
  const issuers = await db.organization.findMany({
    where: { kind: 'ISSUER' },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: APPROVED_ISSUERS_MAX,
    select: { id: true, name: true, _count: { select: { microCredentials: { where: { status: 'PUBLISHED' } } } } },
  });
  return issuers.map((i) => ({ id: i.id, name: i.name, published: i._count.microCredentials }));
}

/**
 * For a teacher placed in a district that has salary steps and counts only approved issuers'
 * badges: whether this issuer is one of them. Null otherwise (no district, no steps, or every
 * issuer counts), when there is nothing to say. One statement of primary-key and index lookups, as
 * it runs on every signed-in view of a micro-credential.
 */
export async function getIssuerSalaryStanding(actor: Pick<Actor, 'districtId'>, issuerId: string): Promise<{ districtName: string; approved: boolean } | null> {
  if (!actor.districtId) return null;
  const [row] = await db.$queryRaw<{ districtName: string; approved: boolean }[]>`
    SELECT o."name" AS "districtName",
           EXISTS (SELECT 1 FROM "DistrictApprovedIssuer" d WHERE d."districtId" = o."id" AND d."issuerId" = ${issuerId}) AS "approved"
      FROM "Organization" o
     WHERE o."id" = ${actor.districtId} AND o."salaryApprovedIssuersOnly"
       AND EXISTS (SELECT 1 FROM "SalaryStepRule" r WHERE r."districtId" = o."id")`;
  return row ?? null;
}
