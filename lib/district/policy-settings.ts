import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { assertLeads } from '@/lib/district/access';
import { notFound } from '@/lib/errors';
import { recordAudit } from '@/lib/audit/log';
import { str } from '@/lib/zod-text';

export const SalaryRuleInput = z.object({
  label: str().trim().min(1, 'Name the step, e.g. “First classroom credential”.').max(120),
  description: str().trim().max(1000).default(''),
  minLevel: z.coerce.number().int().min(1, 'Use a level from 1 to 5.').max(5, 'Use a level from 1 to 5.'),
  credentialsRequired: z.coerce.number().int().min(1, 'At least one credential.').max(100),
  amountDollars: z.coerce.number().min(0, 'The amount cannot be negative.').max(100_000),
});

export const DistrictPolicyInput = z
  .object({
    districtId: str().min(1).max(40),
    requiresProposal: z.enum(['on']).optional().transform((v) => v === 'on'),
    salaryCountsExpired: z.enum(['on']).optional().transform((v) => v === 'on'),
    rules: z.array(SalaryRuleInput).max(20, 'At most 20 steps.'),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.rules.forEach((r, i) => {
      const key = `${r.minLevel}:${r.credentialsRequired}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'credentialsRequired'], message: 'Another step already needs this many credentials at this level.' });
      seen.add(key);
    });
  });

export async function getDistrictPolicy(opts: { actor: Actor; districtId: string }) {
  assertLeads(opts.actor, opts.districtId);
  return db.organization.findUniqueOrThrow({
    where: { id: opts.districtId },
    select: {
      id: true, name: true, requiresProposal: true, salaryCountsExpired: true,
      salaryStepRules: { orderBy: [{ sortOrder: 'asc' }, { credentialsRequired: 'asc' }], select: { id: true, label: true, description: true, minLevel: true, credentialsRequired: true, amountCents: true } },
    },
  });
}

/** A salary step as saved, and as the audit log keeps it before and after each save. */
const SALARY_STEP_FIELDS = { label: true, description: true, minLevel: true, credentialsRequired: true, amountCents: true, sortOrder: true } as const;

/**
 * Replaces the district's salary-step rules, proposal and expiry settings in one transaction. The
 * audit entry keeps every setting before and after (`{ from, to }`), the rules in full: a save
 * replaces them, so the entry is the only record of the steps a report used before it.
 */
export async function saveDistrictPolicy(opts: { actor: Actor; input: z.infer<typeof DistrictPolicyInput> }) {
  const { input } = opts;
  assertLeads(opts.actor, input.districtId);
  const rules = [...input.rules]
    .sort((a, b) => a.credentialsRequired - b.credentialsRequired || a.minLevel - b.minLevel)
    .map((r, i) => ({ label: r.label, description: r.description, minLevel: r.minLevel, credentialsRequired: r.credentialsRequired, amountCents: Math.round(r.amountDollars * 100), sortOrder: i }));
  await db.$transaction(async (tx) => {
    // Row lock first: of two leaders saving at once, the second reads what the first saved, so each
    // entry's "before" is the previous entry's "after".
    const [before] = await tx.$queryRaw<{ requiresProposal: boolean; salaryCountsExpired: boolean }[]>`
      SELECT "requiresProposal", "salaryCountsExpired" FROM "Organization" WHERE "id" = ${input.districtId} FOR UPDATE`;
    if (!before) throw notFound('That district');
    const beforeRules = await tx.salaryStepRule.findMany({
      where: { districtId: input.districtId },
      orderBy: [{ sortOrder: 'asc' }, { credentialsRequired: 'asc' }, { minLevel: 'asc' }],
      select: SALARY_STEP_FIELDS,
    });
    await tx.organization.update({ where: { id: input.districtId }, data: { requiresProposal: input.requiresProposal, salaryCountsExpired: input.salaryCountsExpired } });
    await tx.salaryStepRule.deleteMany({ where: { districtId: input.districtId } });
    await tx.salaryStepRule.createMany({ data: rules.map((r) => ({ districtId: input.districtId, ...r })) });
    await recordAudit({
      actorId: opts.actor.id, action: 'district.policy', entityType: 'Organization', entityId: input.districtId, organizationId: input.districtId,
      data: {
        requiresProposal: { from: before.requiresProposal, to: input.requiresProposal },
        salaryCountsExpired: { from: before.salaryCountsExpired, to: input.salaryCountsExpired },
        rules: { from: beforeRules, to: rules },
      },
    }, tx);
  });
}
