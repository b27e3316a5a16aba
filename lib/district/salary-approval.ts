// Which badges count toward a district's salary steps (SalaryStepRule levels,
// Organization.salaryApprovedIssuersOnly, DistrictApprovedIssuer and DistrictApprovedCredential):
// the issuers and micro-credentials a leader picks from, and what a teacher is told on a
// micro-credential's page and about their district. Counting itself is in lib/reporting
// (teacher.ts, district.ts); the words in lib/reporting/salary-steps.ts.
import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { APPROVED_ISSUERS_MAX, type CredentialChoice } from '@/lib/district/policy-settings';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import type { DistrictTerms, SalaryStanding } from '@/lib/reporting/salary-steps';

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
 * Published micro-credentials matching `q`, for a leader of this district to approve one on its own:
 * the catalogue's own search (full text on the GIN index, best matches first, one page of them).
 * `more`: there are more matches than shown, so the leader can narrow the search.
 */
export async function searchApprovableCredentials(opts: { actor: Actor; districtId: string; q: string }): Promise<{ items: CredentialChoice[]; more: boolean }> {
  assertLeads(opts.actor, opts.districtId);
  const found = await searchCatalog(CatalogSearchInput.parse({ q: opts.q, kind: 'MICRO_CREDENTIAL' }));
  if (!found.items.length) return { items: [], more: false };
  // The issuer's id, so the form can say when the issuer is approved already (a primary-key lookup per result).
  const issuerOf = new Map((await db.microCredential.findMany({ where: { id: { in: found.items.map((i) => i.refId) } }, select: { id: true, issuerId: true } })).map((m) => [m.id, m.issuerId]));
  return {
    items: found.items.flatMap((i) => {
      const issuerId = issuerOf.get(i.refId);
      return issuerId ? [{ id: i.refId, title: i.title, issuer: i.issuerName, issuerId, level: i.level }] : [];
    }),
    more: Boolean(found.nextCursor),
  };
}

/**
 * Where a micro-credential stands with the teacher's district, for its page: the levels the
 * district's salary steps ask for, whether it counts only approved issuers' and micro-credentials'
 * badges toward them or toward licence renewal (ADR 024), and whether this credential's issuer, or
 * the credential itself, is approved. `level` is the credential's (its badges carry it), so what is
 * said about the steps is about a badge like this one (salaryStandingSentence). Null when there is
 * nothing to say: no district, or a district with no salary steps whose licence renewal counts every
 * credential. One statement of primary-key and index lookups, as it runs on every signed-in view of
 * a micro-credential.
 */
export async function getIssuerSalaryStanding(actor: Pick<Actor, 'districtId'>, mc: { issuerId: string; microCredentialId: string; level: number | null }): Promise<SalaryStanding | null> {
  if (!actor.districtId) return null;
  const [row] = await db.$queryRaw<Omit<SalaryStanding, 'level'>[]>`
    SELECT * FROM (
      SELECT o."name" AS "districtName",
             ARRAY(SELECT DISTINCT r."minLevel" FROM "SalaryStepRule" r WHERE r."districtId" = o."id" ORDER BY 1) AS "stepLevels",
             o."salaryApprovedIssuersOnly" AS "salaryApprovedOnly",
             o."renewalApprovedOnly" AS "renewalApprovedOnly",
             EXISTS (SELECT 1 FROM "DistrictApprovedIssuer" d WHERE d."districtId" = o."id" AND d."issuerId" = ${mc.issuerId}) AS "issuerApproved",
             EXISTS (SELECT 1 FROM "DistrictApprovedCredential" c WHERE c."districtId" = o."id" AND c."microCredentialId" = ${mc.microCredentialId}) AS "credentialApproved"
        FROM "Organization" o
       WHERE o."id" = ${actor.districtId} AND o."kind" = 'DISTRICT'
    ) s WHERE cardinality(s."stepLevels") > 0 OR s."renewalApprovedOnly"`;
  return row ? { ...row, level: mc.level } : null;
}

/**
 * The teacher's own district's policy as they are told it (districtTermsInWords, proposalInWords):
 * its name, whether it asks for proposals, the levels its salary steps ask for, and what its
 * approved lists are used for. Null without a district.
 */
export async function getDistrictTerms(actor: Pick<Actor, 'districtId'>): Promise<DistrictTerms | null> {
  if (!actor.districtId) return null;
  const district = await db.organization.findFirst({
    where: { id: actor.districtId, kind: 'DISTRICT' },
    select: { name: true, requiresProposal: true, salaryApprovedIssuersOnly: true, renewalApprovedOnly: true, salaryStepRules: { select: { minLevel: true } } },
  });
  if (!district) return null;
  return {
    name: district.name,
    requiresProposal: district.requiresProposal,
    stepLevels: [...new Set(district.salaryStepRules.map((r) => r.minLevel))].sort((a, b) => a - b),
    salaryApprovedOnly: district.salaryApprovedIssuersOnly,
    renewalApprovedOnly: district.renewalApprovedOnly,
  };
}
