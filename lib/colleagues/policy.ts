// Who sees whom among colleagues, and how much of each is listed (docs/decisions/028). Pure, safe on
// the client. The queries (lib/colleagues/queries.ts) state the same rule in their SQL, where the
// rows are chosen, and the list checks every colleague it returns against it here once more.

/** A person as the rule reads them: their current school (User.schoolId), whether they share, whether their account is disabled. */
export type SharingPerson = { id: string; schoolId: string | null; sharesWithColleagues: boolean; disabledAt?: Date | null };

/**
 * Where the viewer stands: no school on this site (colleagues are teachers at one's school, so
 * there is no one to see); a school but not sharing (they see no one until they share: seeing is
 * both ways); or sharing.
 */
export type SharingState = 'no-school' | 'not-sharing' | 'sharing';

export function sharingState(viewer: Pick<SharingPerson, 'schoolId' | 'sharesWithColleagues'>): SharingState {
  if (!viewer.schoolId) return 'no-school';
  return viewer.sharesWithColleagues ? 'sharing' : 'not-sharing';
}

/**
 * Whether `viewer` may see `colleague`: both share, both are at the same school now (read afresh
 * on every request: a move changes who is seen at once), the colleague's account is not disabled,
 * and the colleague is someone else. Reciprocal: whoever is seen sees the viewer back, unless the
 * viewer's own account is disabled (and then they cannot sign in).
 */
export function canSeeColleague(viewer: SharingPerson, colleague: SharingPerson): boolean {
  return (
    viewer.id !== colleague.id
    && sharingState(viewer) === 'sharing'
    && colleague.sharesWithColleagues
    && colleague.schoolId === viewer.schoolId
    && !colleague.disabledAt
  );
}

/** Colleagues per page of /colleagues. */
export const COLLEAGUES_PAGE_SIZE = 20;

/**
 * Badges, and micro-credentials being worked on, listed on one colleague's card; the rest are
 * counted ("and 4 more"), so one busy colleague cannot make the page heavy. Those the viewer is
 * working on too come first, so a match is never among the ones left out.
 */
export const ITEMS_PER_COLLEAGUE = 6;

/** How many of `total` are not listed when `listed` are. */
export const notListed = (total: number, listed: number) => Math.max(0, total - listed);
