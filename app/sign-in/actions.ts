'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { SignInInput, safeCallbackUrl } from '@/lib/auth/schemas';
import { formDataToObject, parseInput, type ActionResult } from '@/lib/action-result';
import { homePathForEmail } from '@/lib/auth/accounts';

export async function signInAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(SignInInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      const code = (e as AuthError & { code?: string }).code;
      if (code === 'rate_limited') {
        return { ok: false, formError: 'Too many sign-in attempts. Wait 15 minutes and try again, or reset your password.' };
      }
      return { ok: false, formError: 'That email and password do not match an account.' };
    }
    throw e;
  }
  let destination = safeCallbackUrl(callbackUrl, '');
  if (!destination) destination = await homePathForEmail(email);
  redirect(destination);
}

export async function oidcSignInAction(formData: FormData) {
  const provider = String(formData.get('provider') ?? '');
  if (!['google', 'microsoft-entra-id'].includes(provider)) return;
  await signIn(provider, { redirectTo: safeCallbackUrl(String(formData.get('callbackUrl') ?? '')) });
}
