import { z } from 'zod';
import { str } from '@/lib/zod-text';

// District recommendations ("our priorities"): the inputs of the leader's forms. Safe on the client.

/** At most this many recommendations per district: a short list teachers read, not a second catalogue. */
export const RECOMMENDATIONS_PER_DISTRICT = 30;
export const RECOMMENDATION_NOTE_MAX = 500;

export const RECOMMENDATION_KINDS = ['MICRO_CREDENTIAL', 'TRACK', 'STACK'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

// Record ids are cuids: letters, digits, '-' and '_'. Anything else is refused before a query.
const Id = str().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid id.');

/** Plain text: line breaks kept (shown as written), other control characters dropped. */
const Note = str()
  .transform((v) => v.replace(/\r\n?/g, '\n').replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim())
  .pipe(z.string().max(RECOMMENDATION_NOTE_MAX, `Keep the note to ${RECOMMENDATION_NOTE_MAX} characters or fewer.`));

/** The audience select: empty for the whole district, else one of its schools. */
const Audience = z.union([z.literal(''), Id]).optional().transform((v) => v || null);

export const AddRecommendationInput = z.object({
  districtId: Id,
  kind: z.enum(RECOMMENDATION_KINDS, 'Choose a micro-credential, a track or a stack.'),
  targetId: Id,
  schoolId: Audience,
  note: Note.default(''),
});
export type AddRecommendationInput = z.output<typeof AddRecommendationInput>;

export const UpdateRecommendationInput = z.object({
  recommendationId: Id,
  schoolId: Audience,
  note: Note.default(''),
});
export type UpdateRecommendationInput = z.output<typeof UpdateRecommendationInput>;

export const RemoveRecommendationInput = z.object({ recommendationId: Id });
export type RemoveRecommendationInput = z.output<typeof RemoveRecommendationInput>;

/** The leader page's search: the words, the kind, and the district it works on. */
export const RecommendationSearchInput = z.object({
  district: z.string().max(40).optional().catch(undefined),
  q: str().optional().transform((v) => v?.trim().slice(0, 200).trim() || undefined).catch(undefined),
  kind: z.enum(RECOMMENDATION_KINDS).optional().catch(undefined),
});

/** Where a teacher stands with a recommended item. */
export type RecommendationStatus = 'not-started' | 'enrolled' | 'needs-changes' | 'in-review' | 'renew' | 'withdrawn' | 'earned';

export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  'not-started': 'Not started',
  enrolled: 'Enrolled',
  'needs-changes': 'Needs changes',
  'in-review': 'In review',
  renew: 'Renew',
  withdrawn: 'Badge withdrawn',
  earned: 'Earned',
};

export const RECOMMENDATION_KIND_LABELS: Record<RecommendationKind, string> = {
  MICRO_CREDENTIAL: 'Micro-credential',
  TRACK: 'Course / track',
  STACK: 'Stack',
};

const KIND_PATHS: Record<RecommendationKind, string> = { MICRO_CREDENTIAL: '/micro-credentials', TRACK: '/tracks', STACK: '/stacks' };

export function recommendationHref(kind: RecommendationKind, slug: string): string {
  return `${KIND_PATHS[kind]}/${slug}`;
}
