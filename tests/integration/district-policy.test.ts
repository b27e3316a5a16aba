import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg } from '../factories';
import { DistrictPolicyInput, getDistrictPolicy, saveDistrictPolicy } from '@/lib/district/policy-settings';

beforeEach(resetDatabase);

describe('district policy', () => {
  it('lets a district leader replace the salary steps and proposal rule, audit-logged; others are refused', async () => {
    const district = await createOrg({ kind: 'DISTRICT' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const other = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: (await createOrg({ kind: 'DISTRICT' })).id }] });
    const input = DistrictPolicyInput.parse({
      districtId: district.id,
      requiresProposal: 'on',
      rules: [
        { label: 'Three credentials', credentialsRequired: '3', minLevel: '2', amountDollars: '300' },
        { label: 'First credential', credentialsRequired: '1', minLevel: '2', amountDollars: '100.50' },
      ],
    });
    await expect(saveDistrictPolicy({ actor: other, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await saveDistrictPolicy({ actor: leader, input });
    const policy = await getDistrictPolicy({ actor: leader, districtId: district.id });
    expect(policy.requiresProposal).toBe(true);
    expect(policy.salaryStepRules.map((r) => [r.label, r.amountCents])).toEqual([['First credential', 10050], ['Three credentials', 30000]]);
    expect(await db.auditLog.count({ where: { action: 'district.policy', entityId: district.id } })).toBe(1);
    await expect(getDistrictPolicy({ actor: other, districtId: district.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('rejects duplicate steps and negative amounts', () => {
    const r = DistrictPolicyInput.safeParse({
      districtId: 'd',
      rules: [
        { label: 'A', credentialsRequired: 1, minLevel: 2, amountDollars: 100 },
        { label: 'B', credentialsRequired: 1, minLevel: 2, amountDollars: -5 },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['rules.1.amountDollars', 'rules.1.credentialsRequired']);
  });
});
