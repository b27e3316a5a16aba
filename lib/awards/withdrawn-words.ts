// What a teacher is told about their own badge once the issuer has withdrawn it, on the pages that
// would otherwise say "You earned this". The reason is the one the issuer gave, which the teacher was
// already sent word for word (lib/awards/revoke.ts: the notification's body is the reason), and which
// the badge's public page shows too.

/**
 * The closing sentence of a stack badge revoked because one of its parts was (lib/awards/stack-holds.ts
 * revokedWithPartReason): the marker the stack rules match on (docs/decisions/012).
 */
export const EARN_AGAIN = 'It can be earned again once every badge it is built from is held.';

/** Whether a revoked stack badge was revoked because a part was, not by an administrator. */
export const isRevokedWithPart = (reason: string | null | undefined) => Boolean(reason?.endsWith(EARN_AGAIN));

/**
 * A badge's reason as people are shown it. EARN_AGAIN stays in the stored reason, as the marker the
 * stack rules match on, but is not shown: it reads as a promise, and no path lets a holder earn a
 * revoked part again (renewing refuses a revoked badge, and the application stays earned), so the
 * stack cannot be completed again either. Any other reason is shown as stored.
 */
export function reasonAsShown<T extends string | null | undefined>(reason: T): T {
  if (!reason || !isRevokedWithPart(reason)) return reason;
  return reason.slice(0, -EARN_AGAIN.length).trimEnd() as T;
}

export type WithdrawnBadge = { revokedAt: Date | null; revocationReason?: string | null; suspendedAt: Date | null; suspensionReason?: string | null };

export type WithdrawnBadgeWords = { state: 'revoked' | 'suspended'; title: string; text: string };

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The reason as the end of a sentence: trimmed, with a full stop unless it already ends one. */
function closing(reason: string | null | undefined): string | null {
  const r = reason?.trim();
  if (!r) return null;
  return /[.!?…]["'”’)]?$/.test(r) ? r : `${r}.`;
}

/**
 * Null while the badge stands. Revocation wins over a suspension (revoking clears the suspension,
 * but an old row may carry both). The contact sentence is left to the caller, which links it.
 */
export function withdrawnBadgeWords(award: WithdrawnBadge, issuerName: string): WithdrawnBadgeWords | null {
  if (award.revokedAt) {
    const reason = closing(reasonAsShown(award.revocationReason));
    return {
      state: 'revoked',
      title: 'Your badge was revoked',
      text: `The issuer revoked this badge on ${dateFmt.format(award.revokedAt)}${reason ? `: ${reason}` : '.'}`,
    };
  }
  if (award.suspendedAt) {
    const reason = closing(award.suspensionReason);
    return {
      state: 'suspended',
      title: 'Your badge is on hold',
      text: `This badge is on hold while ${issuerName} looks into something${reason ? `: ${reason}` : '.'} Until it is settled, anyone who checks it is told it is suspended, and you will be told the outcome.`,
    };
  }
  return null;
}
