import type { VerifyOutcome } from '@/lib/awards/verify-upload';

type Checked = Extract<VerifyOutcome, { ok: true }>;

/**
 * The headline of a verification for someone checking a badge. A credential that verifies but was
 * not issued to the address they asked about is not a pass for them (an employer checking who holds
 * it), so it gets a warning of its own instead of the green "genuine and valid".
 */
export function verifyVerdict(outcome: Checked, email: string): { tone: 'success' | 'warning' | 'danger'; title: string } {
  if (!outcome.result.verified) return { tone: 'danger', title: 'This credential did not pass verification' };
  // A sound signature by a key no issuer here holds: anyone can make such a key and name any issuer.
  // Signed by a key its issuer had already retired when the badge says it was issued.
  if (outcome.summary.keyRetiredBeforeIssue) return { tone: 'danger', title: 'Signed with a key its issuer had already retired' };
  if (!outcome.summary.issuerOnPlatform) return { tone: 'warning', title: 'Signed, but not by an issuer on this platform' };
  if (outcome.summary.recipient === 'no-match') return { tone: 'warning', title: `Genuine, but not issued to ${email}` };
  return { tone: 'success', title: 'This credential is genuine and valid' };
}
