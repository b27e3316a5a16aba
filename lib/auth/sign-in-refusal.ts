/**
 * What a refused password sign-in says, from the code the sign-in callback gave it. Limits of 15
 * minutes (one address from one network, one network overall) and of an hour (one address from
 * everywhere, against guessing spread over many networks) wait differently; a password reset clears
 * the address's limits either way.
 */
export const SIGN_IN_SHORT_WAIT_SECONDS = 15 * 60;

export type SignInRefusalCode = 'rate_limited' | 'rate_limited_long';

/** The code for a refusal that lifts in `retryAfterSeconds`. */
export function rateLimitCode(retryAfterSeconds: number | undefined): SignInRefusalCode {
  return (retryAfterSeconds ?? 0) > SIGN_IN_SHORT_WAIT_SECONDS ? 'rate_limited_long' : 'rate_limited';
}

/** The form's message for a sign-in refusal code, or for a wrong email or password (anything else). */
export function signInRefusalMessage(code: string | undefined): string {
  if (code === 'rate_limited') return 'Too many sign-in attempts. Wait 15 minutes and try again, or reset your password.';
  if (code === 'rate_limited_long') return 'Too many sign-in attempts to this account from different places. Wait an hour and try again, or reset your password.';
  return 'That email and password do not match an account.';
}
