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

describe('PD hours are stored in tenths, so finer values are refused rather than rounded', () => {
  // MicroCredentialVersion.pdHours is Decimal(5,1): Postgres would store 2.25 as 2.3 and 0.04 as 0 ("carries none").
  const issuesFor = (pdHours: unknown) => MicroCredentialDef.safeParse({ ...sampleDefinition(), pdHours }).error?.issues ?? [];

  it.each([0, 0.1, 0.3, 0.7, 1.1, 7.5, '7.5', '0.3', 10, 499.9, 500, 2.2 + 0.1])('accepts %s', (pdHours) => {
    expect(issuesFor(pdHours)).toEqual([]);
  });

  it.each([2.25, '2.25', 0.04, 0.05, 7.55, '499.99', 1 / 3])('refuses %s with a plain message on the field, in a draft as when publishing', async (pdHours) => {
    const { MicroCredentialDraft } = await import('@/lib/authoring/schemas');
    const full = issuesFor(pdHours);
    expect(full.map((i) => [i.path.join('.'), i.message])).toEqual([['pdHours', 'Use at most one decimal place, e.g. 7.5.']]);
    const draft = MicroCredentialDraft.safeParse({ slug: 'ok-address', title: 'T', pdHours }).error?.issues ?? [];
    expect(draft.map((i) => [i.path.join('.'), i.message])).toEqual([['pdHours', 'Use at most one decimal place, e.g. 7.5.']]);
  });

  it('says only what is wrong with a value out of range', () => {
    expect(issuesFor(-0.25).map((i) => i.message)).toEqual(['PD hours cannot be negative.']);
    expect(issuesFor(1e308).map((i) => i.message)).toEqual(['At most 500 PD hours.']);
  });
});

describe('a draft is saved unfinished; publishing needs the whole definition', () => {
  // What an admin has after a first sitting: a title, its address and hours, and half a rubric.
  const unfinished = () => ({
    slug: 'exit-tickets',
    title: 'Exit tickets',
    pdHours: '10',
    summary: '',
    parts: [{ title: 'Plan', prompt: '', responseType: 'TEXT', required: true }],
    rubric: {
      levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
      criteria: [{ title: 'Uses the tickets', description: '', partIndex: 0, descriptors: ['No tickets', 'Some', '', ''] }],
      passingRule: { kind: 'TOTAL_AT_LEAST', levelRank: '2', total: '' },
    },
    alignments: [{ targetName: 'ISTE 2.5', targetUrl: '' }],
  });

  it('accepts the unfinished draft, keeping exactly what was given and inventing nothing', async () => {
    const { MicroCredentialDraft } = await import('@/lib/authoring/schemas');
    const r = MicroCredentialDraft.safeParse(unfinished());
    expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
    expect(r.data).toMatchObject({ title: 'Exit tickets', summary: '', competency: '', keyMethod: '', topic: '', pdHours: 10, resources: [] });
    expect(r.data!.parts).toEqual([{ title: 'Plan', prompt: '', responseType: 'TEXT', required: true, allowedTypes: [], maxFileBytes: 100 * 1024 ** 2, maxFiles: 5 }]);
    expect(r.data!.rubric.criteria[0].descriptors).toEqual(['No tickets', 'Some', '', '']);
    // No total chosen yet: it stays missing (not 1, not 0).
    expect(r.data!.rubric.passingRule).toEqual({ kind: 'TOTAL_AT_LEAST', levelRank: 2 });
    expect(r.data!.alignments).toEqual([{ targetName: 'ISTE 2.5', targetUrl: '' }]);
    // A title and an address alone make a draft too: no parts, no rubric.
    expect(MicroCredentialDraft.safeParse({ slug: 'just-a-title', title: 'Just a title', pdHours: 0 }).success).toBe(true);
  });

  it('refuses the same draft for publishing, and lists everything it lacks at its field', async () => {
    const { MicroCredentialDef, MicroCredentialDraft, publishGaps } = await import('@/lib/authoring/schemas');
    expect(MicroCredentialDef.safeParse(unfinished()).success).toBe(false);
    const gaps = publishGaps(MicroCredentialDraft.parse(unfinished()));
    expect(Object.keys(gaps)).toEqual(expect.arrayContaining([
      'summary', 'competency', 'keyMethod', 'topic', 'parts.0.prompt', 'rubric.criteria.0.descriptors.2', 'rubric.criteria.0.descriptors.3', 'rubric.passingRule.total', 'alignments.0.targetUrl',
    ]));
    expect(gaps.summary).toEqual(['This field is required.']);
    expect(gaps['rubric.passingRule.total']).toEqual(['Enter the total score needed to pass.']);
    // Said in words the admin can act on, not the validator's own.
    expect(Object.values(gaps).flat().join(' ')).not.toMatch(/expected|>=|NaN|Invalid input/);
    expect(publishGaps(MicroCredentialDraft.parse({ slug: 'just-a-title', title: 'Just a title', pdHours: 0 }))).toMatchObject({
      parts: ['Add at least one submission part.'],
      'rubric.levels': ['A rubric needs at least two proficiency levels.'],
      'rubric.criteria': ['Add at least one criterion.'],
    });
    expect(publishGaps(sampleDefinition())).toEqual({});
  });

  it('still needs a title, a valid address and the PD hours to save a draft at all', async () => {
    const { MicroCredentialDraft } = await import('@/lib/authoring/schemas');
    const paths = (v: unknown) => MicroCredentialDraft.safeParse(v).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ slug: 'ok-address', pdHours: 1 })).toEqual(['title']);
    expect(paths({ slug: 'ok-address', title: '   ', pdHours: 1 })).toEqual(['title']);
    expect(paths({ title: 'T', pdHours: 1 })).toEqual(['slug']);
    expect(paths({ slug: 'Not An Address!', title: 'T', pdHours: 1 })).toEqual(['slug']);
    // Blank hours are not 0: the column cannot say "not given yet".
    expect(paths({ slug: 'ok-address', title: 'T', pdHours: '' })).toEqual(['pdHours']);
    expect(MicroCredentialDraft.safeParse({ slug: 'ok-address', title: 'T', pdHours: '' }).error!.issues[0].message).toContain('Enter the PD hours');
  });

  it('checks every value that is given exactly as publishing does: a complete definition parses the same', async () => {
    const { MicroCredentialDef, MicroCredentialDraft } = await import('@/lib/authoring/schemas');
    const def = sampleDefinition();
    expect(MicroCredentialDraft.parse(def)).toEqual(MicroCredentialDef.parse(def));
  });

  describe('hostile or oversized values are refused with a field error, in a draft as when publishing', () => {
    const cases: [string, (d: Record<string, unknown>) => unknown, string][] = [
      ['an oversized title', (d) => ({ ...d, title: 'a'.repeat(300_000) }), 'title'],
      ['an oversized summary', (d) => ({ ...d, summary: 'a'.repeat(601) }), 'summary'],
      ['an oversized prompt', (d) => ({ ...d, parts: [{ title: 'P', prompt: 'a'.repeat(10_001), responseType: 'TEXT' }] }), 'parts.0.prompt'],
      ['an oversized level description', (d) => ({ ...d, rubric: { levels: ['a', 'b'], criteria: [{ title: 'C', descriptors: ['x'.repeat(2001), 'y'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 1 } } }), 'rubric.criteria.0.descriptors.0'],
      ['a javascript: resource link', (d) => ({ ...d, resources: [{ kind: 'LINK', title: 'R', url: 'javascript:alert(1)' }] }), 'resources.0.url'],
      ['a data: standard address', (d) => ({ ...d, alignments: [{ targetName: 'S', targetUrl: 'data:text/html,<script>alert(1)</script>' }] }), 'alignments.0.targetUrl'],
      ['21 parts', (d) => ({ ...d, parts: Array.from({ length: 21 }, () => ({ title: 'P', prompt: 'Q', responseType: 'TEXT' })) }), 'parts'],
      ['7 levels', (d) => ({ ...d, rubric: { levels: ['1', '2', '3', '4', '5', '6', '7'], criteria: [{ title: 'C', descriptors: ['1', '2', '3', '4', '5', '6', '7'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 1 } } }), 'rubric.levels'],
      ['a response type that does not exist', (d) => ({ ...d, parts: [{ title: 'P', prompt: 'Q', responseType: 'SHELL' }] }), 'parts.0.responseType'],
      ['a title that is not text', (d) => ({ ...d, title: { $ne: null } }), 'title'],
      ['parts that are not a list', (d) => ({ ...d, parts: 'DROP TABLE' }), 'parts'],
      ['a colour that is markup', (d) => ({ ...d, badgeColor: '"><script>' }), 'badgeColor'],
      ['absurd PD hours', (d) => ({ ...d, pdHours: 1e308 }), 'pdHours'],
    ];
    it.each(cases)('%s', async (_name, make, path) => {
      const { MicroCredentialDef, MicroCredentialDraft } = await import('@/lib/authoring/schemas');
      const draft = MicroCredentialDraft.safeParse(make({ slug: 'ok-address', title: 'T', pdHours: 1 }));
      expect(draft.success).toBe(false);
      expect(draft.error!.issues.map((i) => i.path.join('.'))).toContain(path);
      expect(draft.error!.issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
      const full = MicroCredentialDef.safeParse(make(sampleDefinition() as unknown as Record<string, unknown>));
      expect(full.success).toBe(false);
      expect(full.error!.issues.map((i) => i.path.join('.'))).toContain(path);
    });

    it('a criterion that points at a missing part, or describes more levels than there are, cannot be stored', async () => {
      const { MicroCredentialDraft } = await import('@/lib/authoring/schemas');
      const r = MicroCredentialDraft.safeParse({
        slug: 'ok-address', title: 'T', pdHours: 1,
        rubric: { levels: ['a', 'b'], criteria: [{ title: 'C', partIndex: 3, descriptors: ['1', '2', '3'] }] },
      });
      expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['rubric.criteria.0.descriptors', 'rubric.criteria.0.partIndex']);
    });

    it('drops NUL characters and ignores prototype keys', async () => {
      const { MicroCredentialDraft } = await import('@/lib/authoring/schemas');
      const input = Object.assign(JSON.parse('{"__proto__": {"polluted": "yes"}}'), { slug: 'ok-address', title: 'Ex\u0000it', summary: '\u0000', pdHours: 1 });
      const r = MicroCredentialDraft.parse(input);
      expect(r.title).toBe('Exit');
      expect(r.summary).toBe('');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});

describe('length limits say the number as people write it', () => {
  it('uses a thousands separator, as the rest of the app does', async () => {
    const { MicroCredentialDraft } = await import('@/lib/authoring/schemas');
    const r = MicroCredentialDraft.safeParse({ slug: 'ok-address', title: 'T', pdHours: 1, methodComponents: 'a'.repeat(20_001), competency: 'a'.repeat(2001) });
    expect(r.error!.issues.map((i) => i.message).sort()).toEqual(['Use at most 2,000 characters.', 'Use at most 20,000 characters.']);
  });
});

describe('publishing needs parts a teacher must answer, each of them assessed', () => {
  const gapsOf = async (def: unknown) => (await import('@/lib/authoring/schemas')).publishGaps(def);

  it('refuses a credential whose parts are all optional: the application could be sent empty', async () => {
    const def = sampleDefinition();
    def.parts = def.parts.map((p) => ({ ...p, required: false }));
    // Criteria on the whole application, so only this rule is broken.
    def.rubric.criteria = def.rubric.criteria.map((c) => ({ ...c, partIndex: undefined }));
    expect(await gapsOf(def)).toEqual({ parts: ['Make at least one part required: with every part optional, a teacher could send an empty application.'] });
    def.parts[1].required = true;
    expect(await gapsOf(def)).toEqual({});
  });

  it('refuses a criterion that judges an optional part, at that criterion’s part choice', async () => {
    const def = sampleDefinition();
    def.parts[2].required = false;
    expect(await gapsOf(def)).toEqual({
      'rubric.criteria.2.partIndex': ['Part 3 is optional: a teacher who skips it would fail this criterion. Choose a required part or the whole application, or make Part 3 required.'],
    });
    // On the whole application instead, it judges whatever the teacher chose to send.
    def.rubric.criteria[2] = { ...def.rubric.criteria[2], partIndex: undefined };
    expect(await gapsOf(def)).toEqual({});
  });

  it('allows a part no criterion judges (context a reviewer reads, such as an overview of the class)', async () => {
    const def = sampleDefinition();
    def.rubric.criteria = [def.rubric.criteria[0], def.rubric.criteria[2]];
    expect(await gapsOf(def)).toEqual({});
  });

  it('lists each of these among everything else a draft lacks, and sends the reader to a Required box', async () => {
    const { errorSummary } = await import('@/components/admin/credential-form-state');
    const def = sampleDefinition({ summary: '' });
    def.parts = def.parts.map((p) => ({ ...p, required: false }));
    const gaps = await gapsOf(def);
    expect(Object.keys(gaps).sort()).toEqual(['parts', 'rubric.criteria.0.partIndex', 'rubric.criteria.1.partIndex', 'rubric.criteria.2.partIndex', 'summary']);
    expect(errorSummary(gaps).find((i) => i.key === 'parts')).toMatchObject({ label: 'Submission parts', targetIds: ['parts.0.required', 'add-part'] });
  });
});

describe('a passing rule every application meets', () => {
  it('refuses the lowest level as the passing level when every criterion must reach it', async () => {
    const { publishGaps } = await import('@/lib/authoring/schemas');
    const def = sampleDefinition();
    def.rubric.passingRule = { kind: 'ALL_AT_LEAST', levelRank: 0 };
    expect(publishGaps(def)).toEqual({ 'rubric.passingRule.levelRank': ['With “Not yet”, the lowest level, as the passing level every application would pass. Choose a higher level.'] });
    def.rubric.passingRule = { kind: 'ALL_AT_LEAST', levelRank: 1 };
    expect(publishGaps(def)).toEqual({});
    // With a total to reach, the lowest level is a floor of none: the total still decides.
    def.rubric.passingRule = { kind: 'TOTAL_AT_LEAST', levelRank: 0, total: 6 };
    expect(publishGaps(def)).toEqual({});
  });

  it('asks for a passing level left blank instead of reading it as the lowest', async () => {
    const { MicroCredentialDraft, publishGaps } = await import('@/lib/authoring/schemas');
    const def = sampleDefinition();
    for (const kind of ['ALL_AT_LEAST', 'TOTAL_AT_LEAST'] as const) {
      const blank = { ...def, rubric: { ...def.rubric, passingRule: { kind, levelRank: '', total: 6 } } };
      expect(publishGaps(blank)).toEqual({ 'rubric.passingRule.levelRank': ['Choose the passing level.'] });
      // A draft may be saved without one.
      expect(MicroCredentialDraft.parse(blank).rubric.passingRule.levelRank).toBeUndefined();
    }
  });
});
