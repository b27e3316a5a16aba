import { z } from 'zod';
import { blankToUndefined, str } from '@/lib/zod-text';
import { FILE_KINDS } from '@/lib/evidence/file-types';
import { zodFieldErrors } from '@/lib/action-result';


// One rule per kind of value, shared by the publishable definition and the draft below: a value that
// is given is held to the same type, length and safety checks in both. Only completeness differs.
const limited = (max: number) => str().trim().max(max, `Use at most ${max.toLocaleString('en-US')} characters.`);
const text = (max: number, msg = 'This field is required.') => limited(max).min(1, msg);
/** Text a draft may leave blank or out (stored as "", which the columns allow); publishing needs it. */
const draftText = (max: number) => limited(max).default('');
const longText = limited(20_000).default('');
// Only web addresses: a javascript: or data: "link" would run or show script where teachers click it.
const webUrl = str().trim().url({ protocol: /^https?$/, error: 'Enter a full web address starting with https://' }).max(2000, 'Use at most 2,000 characters.');
// JSON imports may send null for a value left out: blank too.
const blankOrNull = (v: unknown) => (v === null ? undefined : blankToUndefined(v));
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MAX = 80;

const slug = z
  .string()
  .trim()
  .toLowerCase()
  // Said once for an empty box, instead of every rule it breaks.
  .min(1, { error: 'Enter the web address, like growth-mindset-1.', abort: true })
  .min(3, 'Use at least 3 characters.')
  .max(SLUG_MAX)
  .regex(SLUG_PATTERN, 'Use lowercase letters, numbers and single hyphens, like growth-mindset-1.');

/** Whether a value posted back by a page (a hidden `slug` field) has the shape of an address the schema allows. */
export const isCredentialSlug = (v: unknown): v is string => typeof v === 'string' && v.length <= SLUG_MAX && SLUG_PATTERN.test(v);

const resourceKind = z.enum(['READING', 'VIDEO', 'LINK', 'ACTIVITY']);
const resourceMinutes = z.coerce.number().int().min(1).max(10_000).optional();
const responseType = z.enum(['TEXT', 'FILES', 'TEXT_AND_FILES', 'LINKS']);
const wordLimit = z.coerce.number({ error: 'Enter a number of words.' }).int('Use a whole number of words.').min(10, 'At least 10 words.').max(20_000, 'At most 20,000 words.').optional();
const allowedTypes = z.array(z.enum(FILE_KINDS)).default([]);
// Bytes. Up to 5 GiB (S3's single-object multipart limit is far higher; this is a product limit).
const maxFileBytes = z.coerce.number({ error: 'Enter the largest file size in MB.' }).int().min(1024, 'Allow at least 1 KB.').max(5 * 1024 ** 3, 'The largest file can be at most 5,120 MB (5 GB).').default(100 * 1024 ** 2);
const maxFiles = z.coerce.number({ error: 'Enter a number of files.' }).int('Use a whole number of files.').min(1, 'Allow at least 1 file.').max(20, 'Allow at most 20 files.').default(5);
// Index into `parts` of the part a criterion judges.
const partIndex = z.coerce.number().int().min(0).optional();
const MAX_LEVELS = 6;
// A box left on no level posts "": asked for, never read as the lowest level (z.coerce.number makes 0 of it).
const passingLevelNumber = z.coerce.number({ error: 'Choose the passing level.' }).int('Choose the passing level.').min(0, 'Choose the passing level.');
const passingLevel = z.preprocess(blankOrNull, passingLevelNumber);
const passingTotal = z.coerce.number({ error: 'Enter the total score needed to pass.' }).int('Use a whole number.').min(1, 'Enter a total of at least 1.');
const subjects = z.array(text(60)).max(20).default([]);
const gradeBands = z.array(text(40)).max(10).default([]);
const level = z.coerce.number({ error: 'Choose a level from 1 to 5.' }).int('Choose a level from 1 to 5.').min(1, 'Choose a level from 1 to 5.').max(5, 'Choose a level from 1 to 5.').optional();
// Blank is not 0 (coercion would make it 0): every credential states its hours, whichever way it
// is saved (editor, JSON import), because they are summed into district PD-hour reports. A draft
// needs them too: the column has no "not given yet", and a stored 0 would read as "carries none".
// Stored in tenths (Decimal(5,1)): Postgres would round anything finer without a word (2.25 to 2.3,
// 0.04 to 0, "carries none"), so it is refused. Checked in tenths with a tolerance, so values whose
// binary form is not exact (0.3, or 2.2 + 0.1 from a script) pass; out-of-range values only get the range message.
const inTenths = (x: number) => x < 0 || x > 500 || Math.abs(Math.round(x * 10) - x * 10) < 1e-6;
const pdHours = z.preprocess(
  blankOrNull,
  z.coerce
    .number({ error: 'Enter the PD hours teachers earn with this credential, e.g. 10 or 7.5 (0 if it carries none).' })
    .min(0, 'PD hours cannot be negative.')
    .max(500, 'At most 500 PD hours.')
    .refine(inTenths, 'Use at most one decimal place, e.g. 7.5.'),
);
const expiryMonths = z.coerce.number({ error: 'Enter a number of months.' }).int('Use a whole number of months.').min(1, 'At least 1 month.').max(240, 'At most 240 months (20 years).').optional();
const badgeColor = str().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d4ed8.').default('#1d4ed8');

export const ResourceDef = z.object({
  kind: resourceKind,
  title: text(200),
  url: webUrl.optional(),
  body: longText,
  minutes: resourceMinutes,
});

export const PartDef = z
  .object({
    title: text(200),
    prompt: text(10_000),
    responseType,
    required: z.boolean().default(true),
    wordLimit,
    allowedTypes,
    maxFileBytes,
    maxFiles,
  })
  .refine((p) => !(p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES') || p.allowedTypes.length > 0, {
    message: 'Choose at least one allowed file type for a part that takes files.',
    path: ['allowedTypes'],
  });

export const CriterionDef = z.object({
  title: text(200),
  description: longText,
  partIndex,
  // One descriptor per proficiency level, lowest first.
  descriptors: z.array(text(2000)).min(2, 'Describe at least two levels.'),
});

export const AlignmentDef = z.object({
  targetName: text(300),
  targetUrl: webUrl,
  targetDescription: limited(2000).optional(),
  targetFramework: limited(300).optional(),
  targetCode: limited(100).optional(),
});

export const RubricDef = z
  .object({
    // Lowest first, e.g. ["Not yet", "Developing", "Demonstrated", "Exemplary"].
    levels: z.array(text(60)).min(2, 'A rubric needs at least two proficiency levels.').max(MAX_LEVELS),
    criteria: z.array(CriterionDef).min(1, 'Add at least one criterion.').max(20),
    passingRule: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ALL_AT_LEAST'), levelRank: passingLevel }),
      z.object({ kind: z.literal('TOTAL_AT_LEAST'), levelRank: passingLevel, total: passingTotal }),
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
    } else if (r.passingRule.kind === 'ALL_AT_LEAST' && r.passingRule.levelRank === 0) {
      // Every score is at or above the lowest level: such a rule passes every application sent.
      ctx.addIssue({ code: 'custom', path: ['passingRule', 'levelRank'], message: `With “${r.levels[0]}”, the lowest level, as the passing level every application would pass. Choose a higher level.` });
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
    methodComponents: longText,
    researchRationale: longText,
    topic: text(80),
    subjects,
    gradeBands,
    level,
    pdHours,
    expiryMonths,
    badgeColor,
    resources: z.array(ResourceDef).max(50).default([]),
    parts: z.array(PartDef).min(1, 'Add at least one submission part.').max(20),
    rubric: RubricDef,
    alignments: z.array(AlignmentDef).max(20).default([]),
  })
  .superRefine((d, ctx) => {
    d.rubric.criteria.forEach((c, i) => {
      if (c.partIndex !== undefined && c.partIndex >= d.parts.length) {
        ctx.addIssue({ code: 'custom', path: ['rubric', 'criteria', i, 'partIndex'], message: 'This criterion points at a part that does not exist.' });
      } else if (c.partIndex !== undefined && !d.parts[c.partIndex].required) {
        // A teacher may leave an optional part out, and would then fail this criterion for doing so.
        const n = c.partIndex + 1;
        ctx.addIssue({ code: 'custom', path: ['rubric', 'criteria', i, 'partIndex'], message: `Part ${n} is optional: a teacher who skips it would fail this criterion. Choose a required part or the whole application, or make Part ${n} required.` });
      }
    });
    for (const issue of partsCoverage(d.parts)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type MicroCredentialDef = z.infer<typeof MicroCredentialDef>;

/**
 * What publishing needs of the parts as a whole (lib/submissions/completeness.ts only asks for
 * required parts, and reviewers score criteria): at least one required part, so an application
 * cannot be sent empty.
 */
function partsCoverage(parts: { title: string; required: boolean }[]): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  // With no parts (or no criteria) at all, the list's own "add at least one" says what is needed.
  if (parts.length && !parts.some((p) => p.required)) {
    out.push({ path: ['parts'], message: 'Make at least one part required: with every part optional, a teacher could send an empty application.' });
  }
  // A part no criterion judges is allowed: context a reviewer reads to judge the others (an
  // overview of the class, supporting documents) need not be scored itself.
  return out;
}

/**
 * A draft, as "Save draft" stores it: work in progress. Only what the database cannot store a
 * credential without is needed: a title (to find it again), its web address (the record's unique
 * key) and its PD hours (see `pdHours`). Everything else may be blank, missing or unfinished: no
 * parts, half a rubric, an alignment without its address. What IS given is checked exactly as for
 * publishing (same type, length and web-address rules), and the shape must still be storable: a
 * criterion cannot point at a part that does not exist, or describe more levels than the rubric has.
 * Publishing checks the stored draft against MicroCredentialDef (see `publishGaps`).
 */
export const MicroCredentialDraft = z
  .object({
    slug,
    title: text(200, 'Give the draft a title, so you can find it again.'),
    summary: draftText(600),
    competency: draftText(2000),
    keyMethod: draftText(5000),
    methodComponents: longText,
    researchRationale: longText,
    topic: draftText(80),
    subjects,
    gradeBands,
    level,
    pdHours,
    expiryMonths,
    badgeColor,
    resources: z
      .array(z.object({ kind: resourceKind, title: draftText(200), url: webUrl.optional(), body: longText, minutes: resourceMinutes }))
      .max(50)
      .default([]),
    parts: z
      .array(z.object({ title: draftText(200), prompt: draftText(10_000), responseType, required: z.boolean().default(true), wordLimit, allowedTypes, maxFileBytes, maxFiles }))
      .max(20)
      .default([]),
    rubric: z
      .object({
        levels: z.array(draftText(60)).max(MAX_LEVELS).default([]),
        criteria: z.array(z.object({ title: draftText(200), description: longText, partIndex, descriptors: z.array(draftText(2000)).max(MAX_LEVELS).default([]) })).max(20).default([]),
        passingRule: z
          .object({
            // The columns have a default rule but no "not chosen": the editor always sends both. A
            // passing level left blank (its level was removed) is stored as the lowest level.
            kind: z.enum(['ALL_AT_LEAST', 'TOTAL_AT_LEAST']).default('ALL_AT_LEAST'),
            levelRank: z.preprocess(blankOrNull, passingLevelNumber.max(MAX_LEVELS - 1, 'The passing level must be one of the rubric levels.').optional()),
            // At most 5 points for each of 20 criteria.
            total: z.preprocess(blankOrNull, passingTotal.max(100, 'The passing total is higher than the best possible score.').optional()),
          })
          .default({ kind: 'ALL_AT_LEAST' }),
      })
      .default({ levels: [], criteria: [], passingRule: { kind: 'ALL_AT_LEAST' } }),
    alignments: z
      .array(
        z.object({
          targetName: draftText(300),
          targetUrl: z.preprocess(blankOrNull, webUrl.optional()).transform((v) => v ?? ''),
          targetDescription: limited(2000).optional(),
          targetFramework: limited(300).optional(),
          targetCode: limited(100).optional(),
        }),
      )
      .max(20)
      .default([]),
  })
  .superRefine((d, ctx) => {
    // What the rows need to be written at all: each descriptor belongs to a level, each link to a part.
    d.rubric.criteria.forEach((c, i) => {
      if (c.partIndex !== undefined && c.partIndex >= d.parts.length) {
        ctx.addIssue({ code: 'custom', path: ['rubric', 'criteria', i, 'partIndex'], message: 'This criterion points at a part that does not exist.' });
      }
      if (c.descriptors.length > d.rubric.levels.length) {
        ctx.addIssue({ code: 'custom', path: ['rubric', 'criteria', i, 'descriptors'], message: `Describe at most the ${d.rubric.levels.length} levels the rubric has.` });
      }
    });
  });
export type MicroCredentialDraft = z.infer<typeof MicroCredentialDraft>;

/**
 * What stops a definition (usually a saved draft) from being published: the publishing schema's
 * messages keyed by field path, as the editor's error summary lists them. Empty when it can be
 * published.
 */
export function publishGaps(def: unknown): Record<string, string[]> {
  const parsed = MicroCredentialDef.safeParse(def);
  if (parsed.success) return {};
  // Each message once per field: the list is shown to the admin as it is.
  return Object.fromEntries(Object.entries(zodFieldErrors(parsed.error)).map(([field, messages]) => [field, [...new Set(messages)]]));
}

export const MAX_TRACK_LEVELS = 5;

/**
 * A track's levels: micro-credential addresses in level order (level 1 first), one per box of the
 * form, which sends a box left empty as "". Empty boxes after the last chosen level are dropped. An
 * empty one before it is refused on that level rather than closed up, which would silently move
 * every later credential down a level. So is a credential chosen twice (it can hold one level).
 *
 * The form has a fixed row of boxes and no way to remove one, and a published credential keeps its
 * level, so the messages say what can be done there: fill a gap, or close it up when the later levels
 * may move; leave a repeat empty only when no later level is chosen (else it would be a gap).
 */
const trackLevels = z
  .array(z.string({ error: 'Choose each level from the list.' }), { error: 'Choose the levels from the list.' })
  .default([])
  .transform((boxes, ctx) => {
    const chosen = boxes.slice(0, boxes.findLastIndex((b) => b.trim() !== '') + 1);
    if (chosen.length > MAX_TRACK_LEVELS) {
      ctx.issues.push({ code: 'custom', input: boxes, message: `A track has at most ${MAX_TRACK_LEVELS} levels.` });
      return z.NEVER;
    }
    const firstLevel = new Map<string, number>();
    const levels: string[] = [];
    chosen.forEach((box, i) => {
      const level = i + 1;
      const last = i === chosen.length - 1;
      if (box.trim() === '') {
        // Never the last box: `chosen` ends at a chosen level.
        const later = chosen.findIndex((b, j) => j > i && b.trim() !== '') + 1;
        ctx.issues.push({ code: 'custom', input: box, path: [i], message: `Level ${level} is empty, but level ${later} has a credential: a track cannot skip a level. Choose a credential for level ${level}, or move the later levels up if they were never published.` });
        return;
      }
      const parsed = slug.safeParse(box);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.issues.push({ code: 'custom', input: box, path: [i], message: issue.message });
        return;
      }
      const earlier = firstLevel.get(parsed.data);
      if (earlier !== undefined) {
        ctx.issues.push({ code: 'custom', input: box, path: [i], message: `Level ${level} repeats level ${earlier}: a credential can be one level only. ${last ? `Choose another credential, or leave level ${level} empty.` : `Choose another credential for level ${level}.`}` });
        return;
      }
      firstLevel.set(parsed.data, level);
      levels.push(parsed.data);
    });
    return levels;
  });

export const TrackDef = z.object({
  slug,
  kind: z.enum(['COURSE', 'TRACK']).default('TRACK'),
  title: text(200),
  summary: text(600),
  description: longText.default(''),
  topic: text(80),
  subjects: z.array(text(60)).max(20).default([]),
  gradeBands: z.array(text(40)).max(10).default([]),
  levels: trackLevels,
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
