import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { searchText } from '@/lib/search-text';
import type { SubmissionStatus } from '@/lib/generated/prisma/enums';

// The query string of /admin/submissions (the issuer's applications). Anything unusable (a repeated
// parameter arrives as an array, an id longer than any id, a status that is not one) is dropped
// rather than passed on, so it never reaches a query: the page then shows the list without it.

/**
 * Where a sent application can stand, by the key the page's status filter uses. `undecided` is the
 * admin home's "Waiting for review" figure: sent and not decided yet, whether or not a reviewer
 * holds it now. `revising` is a returned application whose teacher has started the next attempt
 * and not sent it yet (the application is a draft again; one never sent is not listed at all).
 */
export const APPLICATION_STATUS_FILTERS = {
  undecided: ['SUBMITTED', 'IN_REVIEW'],
  waiting: ['SUBMITTED'],
  'in-review': ['IN_REVIEW'],
  returned: ['NEEDS_REVISION'],
  revising: ['DRAFT'],
  earned: ['EARNED'],
} as const satisfies Record<string, readonly SubmissionStatus[]>;
export type ApplicationStatusFilter = keyof typeof APPLICATION_STATUS_FILTERS;

const STATUS_KEYS = Object.keys(APPLICATION_STATUS_FILTERS) as [ApplicationStatusFilter, ...ApplicationStatusFilter[]];

/** An id is a cuid (25 characters); 40 leaves room without letting anything long through. */
const id = str().trim().max(40).optional().catch(undefined).transform((v) => v || undefined);

export const ApplicationsQuery = z.object({
  issuer: id,
  /** Part of the teacher's name or email address. */
  q: str().overwrite(searchText).max(100).optional().catch(undefined).transform((v) => v || undefined),
  status: z.enum(STATUS_KEYS).optional().catch(undefined),
  credential: id,
  cursor: str().max(300).optional().catch(undefined).transform((v) => v || undefined),
});
export type ApplicationsQuery = z.infer<typeof ApplicationsQuery>;
