import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg } from '../factories';
import { DistrictPolicyInput, getDistrictPolicy, saveDistrictPolicy } from '@/lib/district/policy-settings';
import { listAuditLog } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';

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

  it('keeps the rules and settings before and after each save in the audit log, and says what changed', async () => {
    const district = await createOrg({ kind: 'DISTRICT' });
    const leader = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    const save = (input: Record<string, unknown>) => saveDistrictPolicy({ actor: leader, input: DistrictPolicyInput.parse({ districtId: district.id, ...input }) });
    const entries = async () => (await db.auditLog.findMany({ where: { action: 'district.policy', entityId: district.id }, orderBy: { id: 'asc' }, select: { data: true } })).map((e) => e.data);

    await save({
      salaryCountsExpired: 'on',
      rules: [
        { label: 'Three credentials', description: 'Three at classroom level.', credentialsRequired: '3', minLevel: '2', amountDollars: '300' },
        { label: 'First credential', credentialsRequired: '1', minLevel: '2', amountDollars: '100' },
      ],
    });
    // Kept as saved: sorted by credentials needed, every field of each step.
    const first = { label: 'First credential', description: '', minLevel: 2, credentialsRequired: 1, amountCents: 10000, sortOrder: 0 };
    const three = { label: 'Three credentials', description: 'Three at classroom level.', minLevel: 2, credentialsRequired: 3, amountCents: 30000, sortOrder: 1 };
    // The second save changes a step, removes one, adds two and turns proposals on and expired badges off.
    await save({
      requiresProposal: 'on',
      rules: [
        { label: 'First credential', credentialsRequired: '1', minLevel: '2', amountDollars: '150' },
        { label: 'Two credentials', credentialsRequired: '2', minLevel: '2', amountDollars: '200' },
        { label: 'Five at level 3', description: 'Advanced.', credentialsRequired: '5', minLevel: '3', amountDollars: '1000.5' },
      ],
    });
    const after = [
      { ...first, amountCents: 15000 },
      { label: 'Two credentials', description: '', minLevel: 2, credentialsRequired: 2, amountCents: 20000, sortOrder: 1 },
      { label: 'Five at level 3', description: 'Advanced.', minLevel: 3, credentialsRequired: 5, amountCents: 100050, sortOrder: 2 },
    ];
    // Every issuer counts throughout, and no issuer or single micro-credential was approved or removed.
    const none = { added: [], removed: [], count: { from: 0, to: 0 } };
    const issuers = { salaryApprovedIssuersOnly: { from: false, to: false }, renewalApprovedOnly: { from: false, to: false }, approvedIssuers: none, approvedCredentials: none };
    expect(await entries()).toEqual([
      { requiresProposal: { from: false, to: false }, salaryCountsExpired: { from: true, to: true }, ...issuers, rules: { from: [], to: [first, three] } },
      { requiresProposal: { from: false, to: true }, salaryCountsExpired: { from: true, to: false }, ...issuers, rules: { from: [first, three], to: after } },
    ]);
    // What the audit entry says the rules became is what was saved.
    const saved = (await getDistrictPolicy({ actor: leader, districtId: district.id })).salaryStepRules;
    expect(saved.map(({ label, description, minLevel, credentialsRequired, amountCents }, sortOrder) => ({ label, description, minLevel, credentialsRequired, amountCents, sortOrder }))).toEqual(after);

    // Saving the same again records that nothing changed.
    await save({ requiresProposal: 'on', rules: after.map((r) => ({ label: r.label, description: r.description, credentialsRequired: String(r.credentialsRequired), minLevel: String(r.minLevel), amountDollars: String(r.amountCents / 100) })) });
    expect((await entries())[2]).toEqual({ requiresProposal: { from: true, to: true }, salaryCountsExpired: { from: false, to: false }, ...issuers, rules: { from: after, to: after } });

    const log = await listAuditLog({ actor: leader, organizationId: district.id, filter: AuditFilterInput.parse({ group: 'settings' }) });
    expect(log.items.map((i) => i.description)).toEqual([
      'Saved the district policy without changes',
      'Changed the district policy. Salary steps: 2 rules → 3 rules (changed “First credential”: $100 → $150; added “Two credentials”: $200 for 2 credentials at level 2 or above; added “Five at level 3”: $1,000.50 for 5 credentials at level 3 or above; removed “Three credentials”). Teachers now need an approved proposal before they submit evidence. Expired badges no longer count toward salary steps',
      'Changed the district policy. Salary steps: 0 rules → 2 rules (added “First credential”: $100 for 1 credential at level 2 or above; added “Three credentials”: $300 for 3 credentials at level 2 or above)',
    ]);
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

  it('reads which issuers count: every issuer unless asked, the approved list deduplicated, never empty when only approved issuers count', () => {
    const base = { districtId: 'd', rules: [] };
    expect(DistrictPolicyInput.parse(base)).toMatchObject({ salaryApprovedIssuersOnly: false, approvedIssuerIds: [] });
    expect(DistrictPolicyInput.parse({ ...base, salaryApprovedIssuersOnly: 'on', approvedIssuerIds: ['a1', 'b2', 'a1'] })).toMatchObject({ salaryApprovedIssuersOnly: true, approvedIssuerIds: ['a1', 'b2'] });
    // The list is kept while every issuer counts.
    expect(DistrictPolicyInput.parse({ ...base, approvedIssuerIds: ['a1'] })).toMatchObject({ salaryApprovedIssuersOnly: false, approvedIssuerIds: ['a1'] });
    const paths = (input: Record<string, unknown>) => {
      const r = DistrictPolicyInput.safeParse({ ...base, ...input });
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ salaryApprovedIssuersOnly: 'on' })).toEqual(['approvedIssuerIds']);
    expect(paths({ salaryApprovedIssuersOnly: 'on', approvedIssuerIds: [] })).toEqual(['approvedIssuerIds']);
    expect(paths({ salaryApprovedIssuersOnly: 'yes', approvedIssuerIds: ['a1'] })).toEqual(['salaryApprovedIssuersOnly']);
    expect(paths({ approvedIssuerIds: 'a1' })).toEqual(['approvedIssuerIds']);
    expect(paths({ approvedIssuerIds: ['a b', ''] })).toEqual(['approvedIssuerIds.0', 'approvedIssuerIds.1']);
    expect(paths({ approvedIssuerIds: Array.from({ length: 501 }, (_, i) => `i${i}`) })).toEqual(['approvedIssuerIds']);
  });
});
