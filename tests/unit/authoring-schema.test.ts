import { describe, expect, it } from 'vitest';
import { MicroCredentialDef } from '@/lib/authoring/schemas';
import { sampleDefinition } from '../factories/definitions';

describe('credential definitions', () => {
  it('accepts a complete definition', () => {
    expect(MicroCredentialDef.safeParse(sampleDefinition()).success).toBe(true);
  });
  it('needs a descriptor for every level, a passing level that exists, and parts that exist', () => {
    const def = sampleDefinition();
    def.rubric.criteria[0].descriptors = ['only', 'three', 'levels'];
    def.rubric.passingRule = { kind: 'ALL_AT_LEAST', levelRank: 9 };
    def.rubric.criteria[1].partIndex = 7;
    const r = MicroCredentialDef.safeParse(def);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['rubric.criteria.0.descriptors', 'rubric.passingRule.levelRank', 'rubric.criteria.1.partIndex']));
  });
  it('requires allowed file types for a part that takes files, and a valid slug', () => {
    const def = sampleDefinition({ slug: 'Bad Slug!' });
    def.parts[1].allowedTypes = [];
    const paths = MicroCredentialDef.safeParse(def).error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['slug', 'parts.1.allowedTypes']));
  });
  it('rejects a passing total that cannot be reached', () => {
    const def = sampleDefinition();
    def.rubric.passingRule = { kind: 'TOTAL_AT_LEAST', levelRank: 1, total: 99 };
    expect(MicroCredentialDef.safeParse(def).error!.issues[0].message).toMatch(/higher than the best possible score/);
  });
});

describe('number fields explain themselves in the units the form uses', () => {
  it('says what is allowed instead of zod’s default text', async () => {
    const { MicroCredentialDef } = await import('@/lib/authoring/schemas');
    const { sampleDefinition } = await import('@/tests/factories/definitions');
    const base = sampleDefinition();
    const bad = MicroCredentialDef.safeParse({ ...base, pdHours: 'lots', expiryMonths: 500, parts: base.parts.map((p, i) => (i === 0 ? { ...p, maxFileBytes: 6 * 1024 ** 3, maxFiles: 0 } : p)) });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toContain('Enter the PD hours');
    expect(messages).toContain('At most 240 months');
    expect(messages).toContain('5,120 MB');
    expect(messages).toContain('Allow at least 1 file.');
    expect(messages).not.toMatch(/expected number|<=|received NaN/i);
  });
});
