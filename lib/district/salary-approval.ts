// Which badges count toward a district's salary steps (Organization.salaryApprovedIssuersOnly,
// DistrictApprovedIssuer and DistrictApprovedCredential): the issuers and micro-credentials a leader
// picks from, and what a teacher is told on a micro-credential's page. Counting itself is in
// lib/reporting (teacher.ts, district.ts).
import 'server-only';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { APPROVED_ISSUERS_MAX, type CredentialChoice } from '@/lib/district/policy-settings';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';

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
 * Where a micro-credential stands with the teacher's district: approved with its issuer, on its own,
 * or neither; and what that decides (`salary`: its salary steps; `renewal`: its licence-renewal
 * report, ADR 024).
 */
export type SalaryStanding = { districtName: string; salary: boolean; renewal: boolean; issuerApproved: boolean; credentialApproved: boolean };

/**
 * For a teacher placed in a district that counts only approved issuers' (and approved
 * micro-credentials') badges toward its salary steps (when it has steps) or its licence renewal:
 * whether this micro-credential's issuer is approved, and whether the credential itself is. Null
 * otherwise (no district, or neither rule applies), when there is nothing to say. One statement of
 * primary-key and index lookups, as it runs on every signed-in view of a micro-credential.
 */
export async function getIssuerSalaryStanding(actor: Pick<Actor, 'districtId'>, mc: { issuerId: string; microCredentialId: string }): Promise<SalaryStanding | null> {
  if (!actor.districtId) return null;
  const [row] = await db.$queryRaw<SalaryStanding[]>`
    SELECT * FROM (
      SELECT o."name" AS "districtName",
             (o."salaryApprovedIssuersOnly" AND EXISTS (SELECT 1 FROM "SalaryStepRule" r WHERE r."districtId" = o."id")) AS "salary",
             o."renewalApprovedOnly" AS "renewal",
             EXISTS (SELECT 1 FROM "DistrictApprovedIssuer" d WHERE d."districtId" = o."id" AND d."issuerId" = ${mc.issuerId}) AS "issuerApproved",
             EXISTS (SELECT 1 FROM "DistrictApprovedCredential" c WHERE c."districtId" = o."id" AND c."microCredentialId" = ${mc.microCredentialId}) AS "credentialApproved"
        FROM "Organization" o
       WHERE o."id" = ${actor.districtId} AND (o."salaryApprovedIssuersOnly" OR o."renewalApprovedOnly")
    ) s WHERE s."salary" OR s."renewal"`;
  return row ?? null;
}
