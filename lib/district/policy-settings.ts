import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { conflict, notFound, validation } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { blankToUndefined, str } from '@/lib/zod-text';
import { approvedCredentialChanges, approvedIssuerChanges, byTitle, credentialInWords, type NamedCredential } from '@/lib/reporting/salary-steps';
import { CATALOG_QUERY_MAX } from '@/lib/catalog/schemas';
import { SeenAt } from '@/lib/organizations/schemas';

export const SalaryRuleInput = z.object({
  label: str().trim().min(1, 'Name the step, e.g. “First classroom credential”.').max(120),
  description: str().trim().max(1000).default(''),
  minLevel: z.coerce.number().int().min(1, 'Use a level from 1 to 5.').max(5, 'Use a level from 1 to 5.'),
  credentialsRequired: z.coerce.number().int().min(1, 'At least one credential.').max(100),
  // An emptied box is asked for, not read as $0 (z.coerce.number makes 0 of ""): a step paying nothing is entered as 0.
  amountDollars: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'Enter an amount in dollars (0 for none).' }).min(0, 'The amount cannot be negative.').max(100_000, 'At most $100,000.'),
  ),
});

/** At most this many issuers on a district's approved list (the platform expects dozens). */
export const APPROVED_ISSUERS_MAX = 500;

/**
 * At most this many single micro-credentials on a district's approved list: exceptions to the
 * issuers it approves, not a second catalogue (an issuer with many accepted credentials is approved
 * as a whole).
 */
export const APPROVED_CREDENTIALS_MAX = 200;

export const NOT_IN_CATALOGUE = 'Only micro-credentials in the catalogue can be added.';
export const NOT_IN_CATALOGUE_FIELD = 'Some of the chosen micro-credentials are not in the catalogue. Search again and choose from the results, or reload the page if one has just been removed.';

/** A save on top of another leader's newer one (the form's seenAt is older than the policy's last save). */
export const POLICY_CHANGED = 'Another leader saved this policy after you opened the page. Reload to see what they changed, then make your change again.';

/** Why "only approved issuers" with nothing chosen is refused: no badge would count. */
export const NO_APPROVED_ISSUERS = 'Choose at least one issuer whose badges count, or add a single micro-credential below. With neither chosen, no badge would count toward a salary step. To count every issuer’s badges, choose “Every issuer on the platform”.';

/** The same refusal when it is licence renewal (or both) that would count nothing. */
export function noApprovedIssuersFor(salary: boolean, renewal: boolean): string {
  if (!renewal) return NO_APPROVED_ISSUERS;
  const toward = salary ? 'a salary step or licence renewal' : 'licence renewal';
  const every = salary ? 'To count everything, choose “Every issuer on the platform” and “Every credential teachers earn”.' : 'To count every credential, choose “Every credential teachers earn” under licence renewal.';
  return `Choose at least one issuer whose badges count, or add a single micro-credential below. With neither chosen, no badge would count toward ${toward}. ${every}`;
}

/** The PD hours a district may ask for each licence renewal, and how many years a renewal cycle may last. */
export const RENEWAL_HOURS_MAX = 1000;
export const RENEWAL_CYCLE_YEARS_MAX = 10;
/** The cycle counted when a district sets the hours but not the cycle's length (many US states renew every five years). */
export const RENEWAL_CYCLE_YEARS_DEFAULT = 5;

export const RENEWAL_HOURS_RULE = `Enter a whole number of PD hours from 1 to ${RENEWAL_HOURS_MAX.toLocaleString('en-GB')}, or leave it empty.`;
export const RENEWAL_CYCLE_RULE = `Enter a whole number of years from 1 to ${RENEWAL_CYCLE_YEARS_MAX}, or leave it empty.`;

/**
 * An optional whole number from the policy form: an emptied box is null (the setting is cleared);
 * a field not sent at all is undefined and leaves the saved value as it is (a caller that does not
 * know the setting does not wipe it). z.coerce.number alone would read "" as 0.
 */
const optionalWhole = (max: number, rule: string) =>
  z.preprocess(
    (v) => (v === null || (typeof v === 'string' && !v.trim()) ? null : v),
    z.coerce.number({ error: rule }).int(rule).min(1, rule).max(max, rule).nullable().optional(),
  );

// Organisation and micro-credential ids are cuids: letters, digits, '-' and '_'. Anything else is
// refused before a query.
const IssuerId = str().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid issuer.');
const CredentialId = str().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid micro-credential.');

export const DistrictPolicyInput = z
  .object({
    districtId: str().min(1).max(40),
    requiresProposal: z.enum(['on']).optional().transform((v) => v === 'on'),
    salaryCountsExpired: z.enum(['on']).optional().transform((v) => v === 'on'),
    /** On: only badges from the issuers in `approvedIssuerIds` count toward salary steps. */
    salaryApprovedIssuersOnly: z.enum(['on']).optional().transform((v) => v === 'on'),
    /**
     * On: the licence-renewal report counts only credentials from the same approved lists (ADR 024)
     * and marks the others "Not approved"; teachers are told on a credential's page.
     */
    renewalApprovedOnly: z.enum(['on']).optional().transform((v) => v === 'on'),
    /**
     * The PD hours a teacher needs for each licence renewal; null: the licensing office does not
     * count hours, and teachers are shown no progress. Teachers count toward it on My badges from
     * the renewal date on their account page.
     */
    renewalHoursRequired: optionalWhole(RENEWAL_HOURS_MAX, RENEWAL_HOURS_RULE),
    /** The years a renewal cycle lasts; null: RENEWAL_CYCLE_YEARS_DEFAULT. */
    renewalCycleYears: optionalWhole(RENEWAL_CYCLE_YEARS_MAX, RENEWAL_CYCLE_RULE),
    // Kept while every issuer counts too, so switching back to "only approved" finds the list as it was.
    approvedIssuerIds: z
      .array(IssuerId)
      .max(APPROVED_ISSUERS_MAX, `At most ${APPROVED_ISSUERS_MAX} issuers.`)
      .default([])
      .transform((ids) => [...new Set(ids)]),
    /**
     * Single micro-credentials whose badges count too while only approved issuers' do, whoever
     * issues them ("we accept this one course from X"). Kept while every issuer counts, as the issuers are.
     */
    approvedCredentialIds: z
      .array(CredentialId)
      .max(APPROVED_CREDENTIALS_MAX, `At most ${APPROVED_CREDENTIALS_MAX} single micro-credentials. Approve their issuer instead if you accept most of what it offers.`)
      .default([])
      .transform((ids) => [...new Set(ids)]),
    rules: z.array(SalaryRuleInput).max(20, 'At most 20 steps.'),
    /**
     * The policy as the form showed it (its last save, `policyUpdatedAt`, then): a save on top of
     * another leader's newer one is refused rather than silently putting back what the form still
     * shows. Other writes to the district's row (a rename) do not count. The form always sends it.
     */
    seenAt: SeenAt.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.salaryApprovedIssuersOnly || v.renewalApprovedOnly) && v.approvedIssuerIds.length === 0 && v.approvedCredentialIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['approvedIssuerIds'], message: noApprovedIssuersFor(v.salaryApprovedIssuersOnly, v.renewalApprovedOnly) });
    }
    const seen = new Set<string>();
    v.rules.forEach((r, i) => {
      const key = `${r.minLevel}:${r.credentialsRequired}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'credentialsRequired'], message: 'Another step already needs this many credentials at this level.' });
      seen.add(key);
    });
  });

/**
 * A micro-credential as the approved list shows it (and the audit log names it): its current
 * title, or a draft's newest one. `wasPublished`: it has been in the catalogue, so its title has
 * been public (a refusal names only such ones).
 */
const APPROVED_CREDENTIAL_FIELDS = {
  id: true, slug: true, level: true, status: true, issuerId: true, publishedAt: true,
  currentVersion: { select: { title: true } }, versions: { orderBy: { version: 'desc' }, take: 1, select: { title: true } }, issuer: { select: { name: true } },
} as const;

type CredentialRow = { id: string; slug: string; level: number | null; status: string; issuerId: string; publishedAt: Date | null; currentVersion: { title: string } | null; versions: { title: string }[]; issuer: { name: string } };

/** A micro-credential on (or offered for) a district's approved list: what the leader sees of it. */
export type ApprovedCredential = NamedCredential & { issuerId: string; level: number | null; published: boolean; wasPublished: boolean };

const approvedCredentialOf = (m: CredentialRow): ApprovedCredential => ({
  id: m.id, title: m.currentVersion?.title ?? m.versions[0]?.title ?? m.slug, issuer: m.issuer.name, issuerId: m.issuerId, level: m.level, published: m.status === 'PUBLISHED', wasPublished: m.publishedAt !== null,
});

export async function getDistrictPolicy(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  const { approvedCredentials, policyUpdatedAt, ...policy } = await db.organization.findUniqueOrThrow({
    where: { id: opts.districtId },
    select: {
      id: true, name: true, requiresProposal: true, salaryCountsExpired: true, salaryApprovedIssuersOnly: true, renewalApprovedOnly: true, policyUpdatedAt: true,
      renewalHoursRequired: true, renewalCycleYears: true,
      approvedIssuers: { select: { issuerId: true } },
      approvedCredentials: { select: { microCredential: { select: APPROVED_CREDENTIAL_FIELDS } } },
      salaryStepRules: { orderBy: [{ sortOrder: 'asc' }, { credentialsRequired: 'asc' }], select: { id: true, label: true, description: true, minLevel: true, credentialsRequired: true, amountCents: true } },
    },
  });
  // `seenAt`: what the form sends back, so a save on top of a newer one is refused.
  return { ...policy, seenAt: policyUpdatedAt, approvedCredentials: approvedCredentials.map((a) => approvedCredentialOf(a.microCredential)).sort(byTitle) };
}

/** A salary step as saved, and as the audit log keeps it before and after each save. */
const SALARY_STEP_FIELDS = { label: true, description: true, minLevel: true, credentialsRequired: true, amountCents: true, sortOrder: true } as const;

/**
 * Replaces the district's salary-step rules, proposal, expiry, issuer and licence-renewal settings (which credentials
 * count, and the PD hours and cycle a renewal asks for), and its lists of
 * approved issuers and single approved micro-credentials, in one transaction. The audit entry keeps
 * every setting before and after (`{ from, to }`), the rules in full: a save replaces them, so the
 * entry is the only record of the steps a report used before it. Of the approved issuers it keeps
 * those added and removed, by name (`approvedIssuers: { added, removed, count: { from, to } }`); of
 * the approved micro-credentials the same, each by title and issuer (`approvedCredentials`).
 *
 * A micro-credential added to the list must be published (in the catalogue now); one already on it
 * stays when its issuer retires it, since the badges teachers earned with it still count.
 */
export async function saveDistrictPolicy(opts: { actor: Actor; input: z.infer<typeof DistrictPolicyInput> }) {
  const { input } = opts;
  assertLeads(opts.actor, input.districtId);
  const rules = [...input.rules]
    .sort((a, b) => a.credentialsRequired - b.credentialsRequired || a.minLevel - b.minLevel)
    .map((r, i) => ({ label: r.label, description: r.description, minLevel: r.minLevel, credentialsRequired: r.credentialsRequired, amountCents: Math.round(r.amountDollars * 100), sortOrder: i }));
  return db.$transaction(async (tx) => {
    // Row lock first: of two leaders saving at once, the second reads what the first saved, so each
    // entry's "before" is the previous entry's "after".
    const [before] = await tx.$queryRaw<{
      requiresProposal: boolean; salaryCountsExpired: boolean; salaryApprovedIssuersOnly: boolean; renewalApprovedOnly: boolean;
      renewalHoursRequired: number | null; renewalCycleYears: number | null; policyUpdatedAt: Date;
    }[]>`
      SELECT "requiresProposal", "salaryCountsExpired", "salaryApprovedIssuersOnly", "renewalApprovedOnly", "renewalHoursRequired", "renewalCycleYears", "policyUpdatedAt"
        FROM "Organization" WHERE "id" = ${input.districtId} AND "kind" = 'DISTRICT' FOR UPDATE`;
    if (!before) throw notFound('That district');
    // Not sent: kept as saved (optionalWhole); sent empty: cleared.
    const renewalHoursRequired = input.renewalHoursRequired === undefined ? before.renewalHoursRequired : input.renewalHoursRequired;
    const renewalCycleYears = input.renewalCycleYears === undefined ? before.renewalCycleYears : input.renewalCycleYears;
    if (input.seenAt && before.policyUpdatedAt.getTime() !== input.seenAt.getTime()) throw conflict(POLICY_CHANGED);
    // Only issuing organisations can be approved: a district, a school or an unknown id is refused.
    const chosen = input.approvedIssuerIds.length
      ? await tx.organization.findMany({ where: { id: { in: input.approvedIssuerIds }, kind: 'ISSUER' }, select: { id: true, name: true } })
      : [];
    if (chosen.length !== input.approvedIssuerIds.length) {
      throw validation('Some of the chosen issuers are not issuing organisations on the platform.', { approvedIssuerIds: ['Choose issuers from the list. Reload the page if an issuer has just left the platform.'] });
    }
    const beforeIssuers = (await tx.districtApprovedIssuer.findMany({ where: { districtId: input.districtId }, select: { issuer: { select: { id: true, name: true } } } })).map((r) => r.issuer);
    const issuerChanges = approvedIssuerChanges(beforeIssuers, chosen);
    const beforeCredentials = (await tx.districtApprovedCredential.findMany({ where: { districtId: input.districtId }, select: { microCredential: { select: APPROVED_CREDENTIAL_FIELDS } } }))
      .map((r) => approvedCredentialOf(r.microCredential));
    const chosenCredentials = input.approvedCredentialIds.length
      ? (await tx.microCredential.findMany({ where: { id: { in: input.approvedCredentialIds } }, select: APPROVED_CREDENTIAL_FIELDS })).map(approvedCredentialOf)
      : [];
    // Only what is (or, for one already on the list, was) in the catalogue can be on the list. An id
    // that names nothing and an issuer's never-published draft get the same answer, naming neither:
    // a leader who came by a draft's id learns nothing about it. A once-published credential since
    // retired is named, as its title was public.
    const kept = new Set(beforeCredentials.map((c) => c.id));
    const unpublished = chosenCredentials.filter((c) => !c.published && !kept.has(c.id)).sort(byTitle);
    const hidden = input.approvedCredentialIds.length - chosenCredentials.length + unpublished.filter((c) => !c.wasPublished).length;
    if (hidden) throw validation(NOT_IN_CATALOGUE, { approvedCredentialIds: [NOT_IN_CATALOGUE_FIELD] });
    if (unpublished.length) {
      const one = unpublished.length === 1;
      throw validation(NOT_IN_CATALOGUE, {
        approvedCredentialIds: [`${unpublished.map(credentialInWords).join(', ')} ${one ? 'is' : 'are'} no longer in the catalogue, so ${one ? 'it' : 'they'} cannot be added. Remove ${one ? 'it' : 'them'} from the list.`],
      });
    }
    const credentialChanges = approvedCredentialChanges(beforeCredentials, chosenCredentials);
    const beforeRules = await tx.salaryStepRule.findMany({
      where: { districtId: input.districtId },
      orderBy: [{ sortOrder: 'asc' }, { credentialsRequired: 'asc' }, { minLevel: 'asc' }],
      select: SALARY_STEP_FIELDS,
    });
    const saved = await tx.organization.update({
      where: { id: input.districtId },
      data: {
        requiresProposal: input.requiresProposal, salaryCountsExpired: input.salaryCountsExpired, salaryApprovedIssuersOnly: input.salaryApprovedIssuersOnly,
        renewalApprovedOnly: input.renewalApprovedOnly,
        renewalHoursRequired, renewalCycleYears,
        // Later than the one read, even should two saves fall in one millisecond.
        policyUpdatedAt: new Date(Math.max(Date.now(), before.policyUpdatedAt.getTime() + 1)),
      },
      select: { policyUpdatedAt: true },
    });
    await tx.salaryStepRule.deleteMany({ where: { districtId: input.districtId } });
    await tx.salaryStepRule.createMany({ data: rules.map((r) => ({ districtId: input.districtId, ...r })) });
    // Issuers kept on the list keep who approved them and when; only the difference is written.
    if (issuerChanges.removed.length) await tx.districtApprovedIssuer.deleteMany({ where: { districtId: input.districtId, issuerId: { in: issuerChanges.removed.map((i) => i.id) } } });
    if (issuerChanges.added.length) {
      await tx.districtApprovedIssuer.createMany({ data: issuerChanges.added.map((i) => ({ districtId: input.districtId, issuerId: i.id, approvedById: opts.actor.id })) });
    }
    if (credentialChanges.removed.length) {
      await tx.districtApprovedCredential.deleteMany({ where: { districtId: input.districtId, microCredentialId: { in: credentialChanges.removed.map((c) => c.id) } } });
    }
    if (credentialChanges.added.length) {
      await tx.districtApprovedCredential.createMany({ data: credentialChanges.added.map((c) => ({ districtId: input.districtId, microCredentialId: c.id, approvedById: opts.actor.id })) });
    }
    await recordAudit({
      actorId: opts.actor.id, action: 'district.policy', entityType: 'Organization', entityId: input.districtId, organizationId: input.districtId,
      data: {
        requiresProposal: { from: before.requiresProposal, to: input.requiresProposal },
        salaryCountsExpired: { from: before.salaryCountsExpired, to: input.salaryCountsExpired },
        salaryApprovedIssuersOnly: { from: before.salaryApprovedIssuersOnly, to: input.salaryApprovedIssuersOnly },
        renewalApprovedOnly: { from: before.renewalApprovedOnly, to: input.renewalApprovedOnly },
        // Each kept while it is set before or after: entries of a district that counts no renewal hours read as they did.
        ...(before.renewalHoursRequired !== null || renewalHoursRequired !== null ? { renewalHoursRequired: { from: before.renewalHoursRequired, to: renewalHoursRequired } } : {}),
        ...(before.renewalCycleYears !== null || renewalCycleYears !== null ? { renewalCycleYears: { from: before.renewalCycleYears, to: renewalCycleYears } } : {}),
        approvedIssuers: { ...issuerChanges, count: { from: beforeIssuers.length, to: chosen.length } },
        approvedCredentials: { ...credentialChanges, count: { from: beforeCredentials.length, to: chosenCredentials.length } },
        rules: { from: beforeRules, to: rules },
      },
    }, tx);
    // What the form now shows: its next save is checked against this.
    return { seenAt: saved.policyUpdatedAt };
  });
}

/** A micro-credential a leader can add to the approved list: a catalogue search result. */
export type CredentialChoice = { id: string; title: string; issuer: string; issuerId: string; level: number | null };

export const ApprovableCredentialSearchInput = z.object({
  districtId: str().min(1).max(40),
  q: str().trim().min(1, 'Type a word or two from the micro-credential’s title.').max(CATALOG_QUERY_MAX, `At most ${CATALOG_QUERY_MAX} characters.`),
});
