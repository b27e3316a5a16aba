import 'server-only';
import type { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/auth/actor';
import { isIssuerAdmin } from '@/lib/auth/actor';
import { conflict, forbidden, notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { SETTINGS_FORM_OUT_OF_DATE, type IssuerProfileInput, type IssuerReviewSettingsInput } from '@/lib/organizations/schemas';

// An issuer's own settings, kept by its admins: the public profile badge earners and verifiers see,
// and the checks that keep its scoring fair. Badges already issued keep the profile they were
// signed with; the issuer's page, its Open Badges profile and every badge issued from now on use
// the new one. Review settings apply at once, also to reviews under way (a claim's length from its
// next save, the conflict and calibration rules when it is submitted, blind review on every view).
// The same school is not a setting: colleagues at one school never review each other's work
// (conflictOfInterest, ADR 019); the same district is the issuer's choice.

async function loadIssuer(actor: Actor, organizationId: string) {
  const org = await db.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true, kind: true, slug: true, name: true, description: true, url: true, email: true, linkedinOrganizationId: true, updatedAt: true,
      slaBusinessDays: true, doubleScoreRate: true, claimMinutes: true,
      blockSameDistrict: true, blindReview: true, calibrationRequired: true,
    },
  });
  if (!org || org.kind !== 'ISSUER') throw notFound('That issuing organisation');
  if (!isIssuerAdmin(actor, org.id)) throw forbidden('You do not administer that organisation.');
  return org;
}

export const SETTINGS_CHANGED = 'Someone else saved these settings while you were editing. Reload the page to see theirs, then make your change again.';

/**
 * Every save says when its form was loaded. The type requires it; this refuses a caller that got
 * round the type, since Prisma reads an undefined filter as no filter and would save blind.
 */
function assertSeenAt(seenAt: unknown): asserts seenAt is Date {
  if (!(seenAt instanceof Date) || Number.isNaN(seenAt.getTime())) throw validation(SETTINGS_FORM_OUT_OF_DATE);
}

/** Writes only if nobody saved since the form was loaded (`seenAt`, its updatedAt then). */
async function saveIfUnchanged(tx: Tx, id: string, seenAt: Date, data: Prisma.OrganizationUpdateManyMutationInput) {
  const u = await tx.organization.updateMany({ where: { id, updatedAt: seenAt }, data });
  if (u.count !== 1) throw conflict(SETTINGS_CHANGED);
}

export async function getIssuerSettings(opts: { actor: Actor; organizationId: string }) {
  const org = await loadIssuer(opts.actor, opts.organizationId);
  return { ...org, doubleScorePercent: Math.round(org.doubleScoreRate * 100) };
}

/** Renames or re-describes an issuer; the catalogue's copies of its name follow in the same transaction. */
export async function updateIssuerProfile(opts: { actor: Actor; input: z.infer<typeof IssuerProfileInput> }) {
  const { input } = opts;
  const before = await loadIssuer(opts.actor, input.organizationId);
  assertSeenAt(input.seenAt);
  const data = { name: input.name, description: input.description, url: input.url, email: input.email, linkedinOrganizationId: input.linkedinOrganizationId ?? null };
  const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => (before[k] ?? null) !== (data[k] ?? null));
  if (!changed.length) return { changed };
  await changePublicPages(async (tx) => {
    await saveIfUnchanged(tx, before.id, input.seenAt, data);
    if (before.name !== input.name) await tx.catalogEntry.updateMany({ where: { issuerId: before.id }, data: { issuerName: input.name } });
    // The name, website and contact address go into newly issued badges: what they were and became is kept.
    const traced = { url: 'website', email: 'contact email', linkedinOrganizationId: 'LinkedIn page' } as const;
    const changes = Object.fromEntries((Object.keys(traced) as (keyof typeof traced)[]).filter((k) => changed.includes(k)).map((k) => [k, { from: before[k] ?? null, to: data[k] ?? null }]));
    await recordAudit({ actorId: opts.actor.id, action: 'issuer.profile', entityType: 'Organization', entityId: before.id, organizationId: before.id, data: { changed, ...(before.name !== input.name ? { from: before.name, to: input.name } : {}), ...changes } }, tx);
  });
  return { changed };
}

export async function updateIssuerReviewSettings(opts: { actor: Actor; input: z.infer<typeof IssuerReviewSettingsInput> }) {
  const { input } = opts;
  const before = await loadIssuer(opts.actor, input.organizationId);
  assertSeenAt(input.seenAt);
  const data = {
    slaBusinessDays: input.slaBusinessDays,
    doubleScoreRate: input.doubleScorePercent / 100,
    claimMinutes: input.claimMinutes,
    blockSameDistrict: input.blockSameDistrict,
    blindReview: input.blindReview,
    calibrationRequired: input.calibrationRequired,
  };
  const changes = Object.fromEntries(
    (Object.keys(data) as (keyof typeof data)[]).filter((k) => before[k] !== data[k]).map((k) => [k, { from: before[k], to: data[k] }]),
  );
  if (!Object.keys(changes).length) return { changed: [] as string[] };
  await db.$transaction(async (tx) => {
    await saveIfUnchanged(tx, before.id, input.seenAt, data);
    await recordAudit({ actorId: opts.actor.id, action: 'issuer.review_settings', entityType: 'Organization', entityId: before.id, organizationId: before.id, data: changes }, tx);
  });
  return { changed: Object.keys(changes) };
}
