import { z } from 'zod';
import { searchText } from '@/lib/search-text';

// The query string of the /school pages. Anything unusable (a repeated parameter arrives as an
// array, an id longer than any id) is dropped rather than passed on, so it never reaches a query:
// the page then shows the first school led, as without ?school=.

/** An organisation id is a cuid (25 characters); 40 leaves room without letting anything long through. */
const id = z.string().trim().max(40).optional().catch(undefined);

export const SchoolPageQuery = z.object({
  school: id,
  /** A platform admin's search of the school picker by name (lib/school/access.ts). */
  find: z.string().overwrite(searchText).max(100).optional().catch(undefined),
});

export const SchoolTeachersQuery = SchoolPageQuery.extend({
  q: z.string().overwrite(searchText).max(100).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});

/** The reports page: its period is read again by PeriodInput, which turns a bad date into a notice. */
export const SchoolReportsQuery = SchoolPageQuery.extend({
  from: z.string().trim().max(20).optional().catch(undefined),
  to: z.string().trim().max(20).optional().catch(undefined),
});

/**
 * A platform admin's school picker lists this many schools at most, by name; past it the picker
 * says so and offers a search by name (`find`). People who lead schools see all of theirs.
 */
export const ADMIN_PICKER_LIMIT = 200;
