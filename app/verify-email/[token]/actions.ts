'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { signOut } from '@/lib/auth/config';
import { getActor } from '@/lib/auth/session';
import { confirmEmail } from '@/lib/auth/email-verification';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

const ConfirmEmailInput = z.object({ token: str().trim().min(1).max(200) });
// Tokens are URL-safe base64 (lib/security/tokens.ts); anything else never came from an email.
const LinkToken = z.object({ token: str().regex(/^[A-Za-z0-9_-]{1,200}$/) });

/** Where someone signs in to use the confirmation link `token`, and comes back to it. */
function signInForLink(token: string) {
  return `/sign-in?callbackUrl=${encodeURIComponent(`/verify-email/${token}`)}`;
}

export async function confirmEmailAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ConfirmEmailInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'This confirmation link is not valid.' };
  try {
    // The signed-in person: the link confirms only their own account's address.
    await confirmEmail({ token: parsed.data.token, actor: await getActor() });
  } catch (e) {
    return toActionError(e);
  }
  redirect('/verify-email/confirmed');
}

/** "Sign out and use this link": for someone signed in to another account than the link's. */
export async function signOutForLinkAction(formData: FormData): Promise<void> {
  const parsed = LinkToken.safeParse(formDataToObject(formData));
  await signOut({ redirect: false });
  redirect(parsed.success ? signInForLink(parsed.data.token) : '/sign-in');
}
