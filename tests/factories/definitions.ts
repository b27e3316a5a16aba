import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { MicroCredentialDef } from '@/lib/authoring/schemas';

const uid = () => randomBytes(4).toString('hex');

/** A small but complete definition: two parts (text, files) and a three-criterion rubric. */
export function sampleDefinition(overrides: Partial<z.input<typeof MicroCredentialDef>> = {}): z.input<typeof MicroCredentialDef> & { rubric: z.input<typeof MicroCredentialDef>['rubric'] } {
  const id = uid();
  return {
    slug: `test-credential-${id}`,
    title: `Formative Feedback ${id}`,
    summary: 'Use timely, specific feedback so students can act on it.',
    competency: 'The educator gives students feedback they use to improve their work.',
    keyMethod: 'Plan feedback moments, give actionable comments, and check that students use them.',
    methodComponents: '- Plan feedback\n- Give it\n- Check it is used',
    researchRationale: 'Feedback that students act on is among the strongest influences on learning.',
    topic: 'Assessment',
    subjects: ['All subjects'],
    gradeBands: ['6-8'],
    level: 2,
    pdHours: 10,
    resources: [{ kind: 'READING', title: 'Feedback that moves learning forward', body: 'A short reading.', minutes: 20 }],
    parts: [
      { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT', wordLimit: 200 },
      { title: 'Student work', prompt: 'Upload student work with your feedback.', responseType: 'FILES', allowedTypes: ['pdf', 'image'], maxFileBytes: 10 * 1024 * 1024, maxFiles: 3 },
      { title: 'Reflection', prompt: 'What did students do with the feedback?', responseType: 'TEXT', wordLimit: 300 },
    ],
    rubric: {
      levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
      criteria: [
        { title: 'Context', partIndex: 0, descriptors: ['Missing', 'Vague', 'Clear', 'Rich'] },
        { title: 'Evidence of feedback', partIndex: 1, descriptors: ['None', 'Generic', 'Specific', 'Specific and used'] },
        { title: 'Reflection', partIndex: 2, descriptors: ['None', 'Surface', 'Thoughtful', 'Insightful'] },
      ],
      passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 },
    },
    ...overrides,
  };
}

/** Parts and rubric of a credential answered in writing only (no uploads), for review-flow tests. */
export function textOnlyDefinition(wordLimits: { context?: number; reflection?: number } = {}) {
  return {
    parts: [
      { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT' as const, wordLimit: wordLimits.context ?? 200 },
      { title: 'Reflection', prompt: 'What changed?', responseType: 'TEXT' as const, wordLimit: wordLimits.reflection ?? 300 },
    ],
    rubric: {
      levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
      criteria: [
        { title: 'Context', partIndex: 0, descriptors: ['Missing', 'Vague', 'Clear', 'Rich'] },
        { title: 'Reflection', partIndex: 1, descriptors: ['None', 'Surface', 'Thoughtful', 'Insightful'] },
      ],
      passingRule: { kind: 'ALL_AT_LEAST' as const, levelRank: 2 },
    },
  };
}

/** A track's definition: `levels` are credential addresses, level 1 first. */
export const trackDefinition = (slug: string, title: string, levels: string[]) => ({ slug, title, summary: 'Levels of one skill.', topic: 'Literacy', levels });
