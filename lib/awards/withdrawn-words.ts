// What a teacher is told about their own badge once the issuer has withdrawn it, on the pages that
// would otherwise say "You earned this". The reason is the one the issuer gave, which the teacher was
// already sent word for word (lib/awards/revoke.ts: the notification's body is the reason), and which
// the badge's public page shows too.

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
    const reason = closing(award.revocationReason);
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
