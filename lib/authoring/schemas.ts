import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { FILE_KINDS } from '@/lib/evidence/file-types';


const text = (max: number, msg = 'This field is required.') => str().trim().min(1, msg).max(max, `Use at most ${max} characters.`);
const longText = str().trim().max(20_000, 'Use at most 20,000 characters.');
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MAX = 80;

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters.')
  .max(SLUG_MAX)
  .regex(SLUG_PATTERN, 'Use lowercase letters, numbers and single hyphens, like growth-mindset-1.');

/** Whether a value posted back by a page (a hidden `slug` field) has the shape of an address the schema allows. */
export const isCredentialSlug = (v: unknown): v is string => typeof v === 'string' && v.length <= SLUG_MAX && SLUG_PATTERN.test(v);

export const ResourceDef = z.object({
  kind: z.enum(['READING', 'VIDEO', 'LINK', 'ACTIVITY']),
  title: text(200),
  url: str().trim().url('Enter a full web address starting with https://').max(2000).optional(),
  body: longText.default(''),
  minutes: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const PartDef = z
  .object({
    title: text(200),
    prompt: text(10_000),
    responseType: z.enum(['TEXT', 'FILES', 'TEXT_AND_FILES', 'LINKS']),
    required: z.boolean().default(true),
    wordLimit: z.coerce.number({ error: 'Enter a number of words.' }).int('Use a whole number of words.').min(10, 'At least 10 words.').max(20_000, 'At most 20,000 words.').optional(),
    allowedTypes: z.array(z.enum(FILE_KINDS)).default([]),
    // Bytes. Up to 5 GiB (S3's single-object multipart limit is far higher; this is a product limit).
    maxFileBytes: z.coerce.number({ error: 'Enter the largest file size in MB.' }).int().min(1024, 'Allow at least 1 KB.').max(5 * 1024 ** 3, 'The largest file can be at most 5,120 MB (5 GB).').default(100 * 1024 ** 2),
    maxFiles: z.coerce.number({ error: 'Enter a number of files.' }).int('Use a whole number of files.').min(1, 'Allow at least 1 file.').max(20, 'Allow at most 20 files.').default(5),
  })
  .refine((p) => !(p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES') || p.allowedTypes.length > 0, {
    message: 'Choose at least one allowed file type for a part that takes files.',
    path: ['allowedTypes'],
  });

export const CriterionDef = z.object({
  title: text(200),
  description: longText.default(''),
  // Index into `parts` of the part this criterion judges.
  partIndex: z.coerce.number().int().min(0).optional(),
  // One descriptor per proficiency level, lowest first.
  descriptors: z.array(text(2000)).min(2),
});

export const AlignmentDef = z.object({
  targetName: text(300),
  targetUrl: str().trim().url().max(2000),
  targetDescription: str().trim().max(2000).optional(),
  targetFramework: str().trim().max(300).optional(),
  targetCode: str().trim().max(100).optional(),
});

export const RubricDef = z
  .object({
    // Lowest first, e.g. ["Not yet", "Developing", "Demonstrated", "Exemplary"].
    levels: z.array(text(60)).min(2, 'A rubric needs at least two proficiency levels.').max(6),
    criteria: z.array(CriterionDef).min(1, 'Add at least one criterion.').max(20),
    passingRule: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ALL_AT_LEAST'), levelRank: z.coerce.number().int().min(0) }),
      z.object({ kind: z.literal('TOTAL_AT_LEAST'), levelRank: z.coerce.number().int().min(0), total: z.coerce.number().int().min(1) }),
    ]),
  })
  .superRefine((r, ctx) => {
    r.criteria.forEach((c, i) => {
      if (c.descriptors.length !== r.levels.length) {
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'descriptors'], message: `Describe each of the ${r.levels.length} levels for this criterion.` });
      }
    });
    if (r.passingRule.levelRank >= r.levels.length) {
      ctx.addIssue({ code: 'custom', path: ['passingRule', 'levelRank'], message: 'The passing level must be one of the rubric levels.' });
    }
    if (r.passingRule.kind === 'TOTAL_AT_LEAST' && r.passingRule.total > (r.levels.length - 1) * r.criteria.length) {
      ctx.addIssue({ code: 'custom', path: ['passingRule', 'total'], message: 'The passing total is higher than the best possible score.' });
    }
  });

/** A whole micro-credential definition: the seed, the authoring forms and JSON import/export all use it. */
export const MicroCredentialDef = z
  .object({
    slug,
    title: text(200),
    summary: text(600),
    competency: text(2000),
    keyMethod: text(5000),
    methodComponents: longText.default(''),
    researchRationale: longText.default(''),
    topic: text(80),
    subjects: z.array(text(60)).max(20).default([]),
    gradeBands: z.array(text(40)).max(10).default([]),
    level: z.coerce.number({ error: 'Choose a level from 1 to 5.' }).int('Choose a level from 1 to 5.').min(1, 'Choose a level from 1 to 5.').max(5, 'Choose a level from 1 to 5.').optional(),
    // Blank is not 0 (coercion would make it 0): every credential states its hours, whichever way it
    // is saved (editor, JSON import), because they are summed into district PD-hour reports.
    pdHours: z.preprocess(
      (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
      z.coerce.number({ error: 'Enter the PD hours teachers earn with this credential, e.g. 10 or 7.5 (0 if it carries none).' }).min(0, 'PD hours cannot be negative.').max(500, 'At most 500 PD hours.'),
    ),
    expiryMonths: z.coerce.number({ error: 'Enter a number of months.' }).int('Use a whole number of months.').min(1, 'At least 1 month.').max(240, 'At most 240 months (20 years).').optional(),
    badgeColor: str().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d4ed8.').default('#1d4ed8'),
    resources: z.array(ResourceDef).max(50).default([]),
    parts: z.array(PartDef).min(1, 'Add at least one submission part.').max(20),
    rubric: RubricDef,
    alignments: z.array(AlignmentDef).max(20).default([]),
  })
  .superRefine((d, ctx) => {
    d.rubric.criteria.forEach((c, i) => {
      if (c.partIndex !== undefined && c.partIndex >= d.parts.length) {
        ctx.addIssue({ code: 'custom', path: ['rubric', 'criteria', i, 'partIndex'], message: 'This criterion points at a part that does not exist.' });
      }
    });
  });
export type MicroCredentialDef = z.infer<typeof MicroCredentialDef>;

export const TrackDef = z.object({
  slug,
  kind: z.enum(['COURSE', 'TRACK']).default('TRACK'),
  title: text(200),
  summary: text(600),
  description: longText.default(''),
  topic: text(80),
  subjects: z.array(text(60)).max(20).default([]),
  gradeBands: z.array(text(40)).max(10).default([]),
  // Micro-credential slugs in level order (level 1 first).
  levels: z.array(slug).max(5).default([]),
});
export type TrackDef = z.infer<typeof TrackDef>;

export const StackDef = z.object({
  slug,
  title: text(200),
  summary: text(600),
  description: longText.default(''),
  badgeColor: str().regex(/^#[0-9a-fA-F]{6}$/).default('#7c3aed'),
  microCredentials: z.array(slug).min(2, 'A stack combines at least two micro-credentials.').max(20),
});
export type StackDef = z.infer<typeof StackDef>;

// NUL (U+0000) cannot reach Postgres: it is dropped before the id is used.
const recordId = str().min(1).max(40);

/**
 * "Publish again" on a retired credential, from the editor. `expected` is the newest version as the
 * editor loaded it: a form that is out of date (someone saved since) is refused, not acted on.
 */
export const RepublishCredentialInput = z.object({
  microCredentialId: recordId,
  expected: z.object({ versionId: recordId, updatedAt: z.coerce.date() }),
});
export type RepublishCredentialInput = z.infer<typeof RepublishCredentialInput>;
