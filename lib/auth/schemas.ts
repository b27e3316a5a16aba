import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { BrowserTimeZone, TimeZoneChoice } from '@/lib/time-zone';


/**
 * Text that must stay on one line wherever it goes (a person's name in another person's email, a
 * subject line): every run of whitespace, line breaks included, becomes one space; control
 * characters and the invisible marks that reverse the direction of the text around them are
 * dropped; no space is left at either end. A name with a line break would otherwise start a
 * paragraph of its own, in the name's owner's words, inside an email sent to someone else.
 */
export function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\s\u0085]+/g, ' ')
    .trim();
}

/** A person's name, as they type it (sign-up, the account page, an invitation): kept on one line. */
export const PersonNameInput = str().overwrite(oneLine).min(1, 'Enter your name.').max(120, 'Use at most 120 characters.');

export const EmailInput = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .email('Enter a valid email address, like name@school.org.');

/** The account page's "Email address", while the address is not yet confirmed. */
export const ChangeEmailInput = z.object({ email: EmailInput });

/** Shown where a confirmed address would be changed; also the refusal when one is asked for. */
/** Someone given a role at their address (reviewer, admin, leader) does not move it themselves. */
export const ROLE_EMAIL_FIXED = 'Your address came with a role you were given (reviewer, admin or leader), so it cannot be changed here. Ask the organisation that gave you the role, or a platform administrator.';

export const CONFIRMED_EMAIL_FIXED =
  'Changing a confirmed address is not available yet. If yours needs to change, ask the organisation that issues your badges or a platform administrator.';

export const PasswordInput = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.');

export const SignInInput = z.object({
  email: EmailInput,
  password: str().min(1, 'Enter your password.').max(200),
  callbackUrl: str().optional(),
  /** The browser's zone (a hidden field filled on the client): kept for someone who has none yet (ADR 023). */
  timeZone: BrowserTimeZone,
});

export const SignUpInput = z.object({
  name: PersonNameInput,
  email: EmailInput,
  password: PasswordInput,
  districtId: str().max(40).optional().or(z.literal('').transform(() => undefined)),
  /** Where the person was going (a credential page, say): they land there once the account exists. */
  callbackUrl: str().max(2000).optional(),
  /** The browser's zone, as at sign-in: the new account's times are shown in it (ADR 023). */
  timeZone: BrowserTimeZone,
});

/** The account page's "Time zone": a listed zone, or null for "Not set". */
export const TimeZoneInput = z.object({ timeZone: TimeZoneChoice });

/**
 * Only same-site paths are followed after sign-in, never another host. Browsers and URL parsers drop
 * tabs and newlines and read a backslash as a slash, so `/<tab>/evil.example` or `/\\evil.example`
 * would become `//evil.example`: anything with a control character or a backslash is refused, and
 * what remains must parse to a path on this site.
 */
export function safeCallbackUrl(value: string | null | undefined, fallback = '/dashboard'): string {
  if (!value || value.length > 2000 || !value.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const base = 'http://callback.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  // Dot segments are resolved on the way out ("/.//evil.example" becomes "//evil.example"): the
  // result, not only the input, must be a path on this site.
  const out = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== base || value.startsWith('//') || out.startsWith('//')) return fallback;
  return out;
}

/**
 * Whether a (safe) path is a private file's link, not a page: evidence (`/files/<id>`) or a
 * certificate of other learning (`/other-learning/certificates/<id>`), optionally `?inline=1`.
 */
export function isFileLink(path: string): boolean {
  return /^\/(files|other-learning\/certificates)\/[a-z0-9]{1,40}(\?inline=1)?$/i.test(path);
}
