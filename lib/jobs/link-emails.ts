// Emails that carry a one-time link someone is waiting for: a password reset and an address
// confirmation (docs/decisions/004, addendum of 26 Nov 2026). Pure rules, unit-tested alone; the
// jobs read the facts (lib/jobs/link-email-requests.ts).
//
// The link is made when the job sends the email, and making one retires the link sent before. So a
// request's email that goes out late, after the person asked again and got the newer email, would
// retire the link they are looking at; and one that goes out after they used a link would ask them
// to reset a password they have just set. Such a job sends nothing.

/** "Forgot your password?" (lib/auth/password-reset.ts), and an account re-enabled whose password was cleared. */
export const PASSWORD_RESET_JOB = 'auth.password-reset';
/** "Confirm your email address" (lib/auth/email-verification.ts). */
export const VERIFY_EMAIL_JOB = 'auth.verify-email';

/** The job types whose email carries a link someone is waiting for. */
export const LINK_EMAIL_JOB_TYPES: ReadonlySet<string> = new Set([PASSWORD_RESET_JOB, VERIFY_EMAIL_JOB]);

/** Three tries (at once, 30 s later, 2 min after that): all within about three minutes of asking. */
export const LINK_EMAIL_MAX_ATTEMPTS = 3;

/** A request to email a link: its queued job. */
export type LinkEmailRequest = { id: string; createdAt: Date };

/** Another request of the same kind for the same person, and whether the queue gave up on it. */
export type OtherLinkRequest = LinkEmailRequest & { givenUp: boolean };

/** A link of the same purpose for the same account, as stored. */
export type IssuedLink = { createdAt: Date; usedAt: Date | null };

export type LinkEmailVerdict = 'send' | 'superseded' | 'used';

/** Whether `b` was asked for after `a` (the job id breaks a tie of the same millisecond). */
function askedAfter(b: LinkEmailRequest, a: LinkEmailRequest): boolean {
  return b.createdAt.getTime() > a.createdAt.getTime() || (b.createdAt.getTime() === a.createdAt.getTime() && b.id > a.id);
}

/**
 * Whether the job of `request` should send its email now:
 * - 'superseded': the person asked again since, and that request has been sent or is still to be
 *   tried (not given up). Only the newest request sends: its link is the one that works.
 * - 'used': the newest link made since this request was asked for has been used (a reset with the
 *   link an earlier try of this job did deliver, though the send reported an error). Making a link
 *   retires the one before it, so only the newest can have been used rather than retired.
 * - 'send' otherwise, including a retry after this job's own earlier try failed to send its link.
 */
export function linkEmailVerdict(request: LinkEmailRequest, others: OtherLinkRequest[], links: IssuedLink[]): LinkEmailVerdict {
  if (others.some((o) => o.id !== request.id && !o.givenUp && askedAfter(o, request))) return 'superseded';
  const since = links.filter((l) => l.createdAt.getTime() >= request.createdAt.getTime());
  const newest = since.reduce<IssuedLink | null>((n, l) => (!n || l.createdAt.getTime() > n.createdAt.getTime() ? l : n), null);
  if (newest?.usedAt) return 'used';
  return 'send';
}
