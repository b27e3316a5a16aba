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
 * The order follows the portfolio's own rules (lib/awards/queries.ts, getPublicPortfolio): a
 * renewed badge gives way to the newest badge of its credential, and stays off the portfolio when
 * that one is hidden (`newestHidden`); its PD hours count in the totals all the same unless it is
 * hidden itself (portfolioTotals, ADR 025). A private portfolio is spoken of as it will be once public.
 */
export function badgePortfolioStatus(
  a: { hiddenFromPortfolio?: boolean; revokedAt?: Date | null; suspendedAt?: Date | null; renewed?: boolean; newestHidden?: boolean },
  portfolio: { isPublic: boolean },
): { text: string; control: boolean } {
  if (a.revokedAt) return { text: 'Not on your portfolio: a revoked badge never is.', control: false };
  if (a.hiddenFromPortfolio) return { text: 'Hidden from your portfolio, and left out of its totals.', control: true };
  if (a.suspendedAt) return { text: 'Not on your portfolio while it is suspended. It comes back if it is reinstated, unless you hide it.', control: true };
  if (a.renewed) {
    const hours = portfolio.isPublic ? 'This one’s PD hours still count in its total unless you hide it.' : 'This one’s PD hours will count in its total unless you hide it.';
    if (a.newestHidden) {
      const where = portfolio.isPublic ? 'Not on your portfolio' : 'Will not be on your portfolio once you make it public';
      return { text: `${where}: you hid your newest badge of this credential, and an older one never takes its place. ${hours}`, control: true };
    }
    const listed = portfolio.isPublic
      ? 'Your newer badge of this credential is listed on your portfolio instead.'
      : 'Once you make your portfolio public, your newer badge of this credential will be listed on it instead.';
    return { text: `${listed} ${hours}`, control: true };
  }
  return { text: portfolio.isPublic ? 'On your portfolio.' : 'Will be on your portfolio once you make it public.', control: true };
}

/** What the show/hide control says once it has worked. */
export function badgePortfolioOutcome(title: string, shown: boolean): string {
  return shown ? `“${title}” is no longer hidden from your portfolio.` : `“${title}” is now hidden from your portfolio. ${STILL_VERIFIABLE}`;
}
