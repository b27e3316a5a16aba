// The words of a public portfolio, in one place: its page states its header with portfolioHeading,
// and the owner's previews (My badges, the account page) state the same, so a teacher reads exactly
// what visitors read.

/** The header of /u/{handle}: its title and the line under it. */
export function portfolioHeading(p: { name: string; school: string | null; credentials: number; pdHours: number }): { title: string; description: string } {
  return {
    title: `${p.name}’s badges`,
    description: `${p.school ? `${p.school} · ` : ''}${p.credentials} credential${p.credentials === 1 ? '' : 's'}, ${p.pdHours} PD hours. Every badge links to its verification page.`,
  };
}

/** Said beside every show/hide control: hiding a badge does not withdraw it. */
export const STILL_VERIFIABLE = 'People with the link can still verify it.';

/**
 * Where a badge of the teacher's stands with their portfolio, as the My badges card says it, and
 * whether it can be shown or hidden at all (a revoked badge never is on it, so it has no control).
 * The order follows the portfolio's own rules (lib/awards/queries.ts, getPublicPortfolio).
 */
export function badgePortfolioStatus(
  a: { hiddenFromPortfolio?: boolean; revokedAt?: Date | null; suspendedAt?: Date | null; renewed?: boolean },
  portfolio: { isPublic: boolean },
): { text: string; control: boolean } {
  if (a.revokedAt) return { text: 'Not on your portfolio: a revoked badge never is.', control: false };
  if (a.hiddenFromPortfolio) return { text: 'Hidden from your portfolio, and left out of its totals.', control: true };
  if (a.suspendedAt) return { text: 'Not on your portfolio while it is suspended. It comes back if it is reinstated, unless you hide it.', control: true };
  if (a.renewed) return { text: 'Your newer badge of this credential is listed on your portfolio instead. This one’s PD hours still count in its total.', control: true };
  return { text: portfolio.isPublic ? 'On your portfolio.' : 'Will be on your portfolio once you make it public.', control: true };
}

/** What the show/hide control says once it has worked. */
export function badgePortfolioOutcome(title: string, shown: boolean): string {
  return shown ? `“${title}” is no longer hidden from your portfolio.` : `“${title}” is now hidden from your portfolio. ${STILL_VERIFIABLE}`;
}
