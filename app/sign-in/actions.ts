'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { SignInInput, isFileLink, safeCallbackUrl } from '@/lib/auth/schemas';
import { formDataToObject, parseInput, type ActionResult } from '@/lib/action-result';
import { homePathForEmail } from '@/lib/auth/accounts';
import { signInRefusalMessage } from '@/lib/auth/sign-in-refusal';

export async function signInAction(_prev: ActionResult<SignedIn>, formData: FormData): Promise<ActionResult<SignedIn>> {
  const parsed = parseInput(SignInInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  const { email, password, callbackUrl, timeZone } = parsed.data;
  try {
    await signIn('credentials', { email, password, ...(timeZone ? { timeZone } : {}), redirect: false });
  } catch (e) {
    if (e instanceof AuthError) {
      return { ok: false, formError: signInRefusalMessage((e as AuthError & { code?: string }).code) };
    }
    throw e;
  }
  let destination = safeCallbackUrl(callbackUrl, '');
  if (!destination) destination = await homePathForEmail(email);
  // A file (an evidence link followed while signed out) is not a page the app's router can show:
  // the form loads it itself. Without scripts the form was a plain post, and the redirect does it.
  if (isFileLink(destination) && (await headers()).has('next-action')) {
    return { ok: true, data: { openFile: destination, home: await homePathForEmail(email) }, message: 'Signed in. Opening the file: your browser may download it instead of showing it.' };
  }
  redirect(destination);
}

/** `openFile`: the signed-in person came for a file, which the browser must load itself; `home`: where to go on from here. */
export type SignedIn = { openFile: string; home: string };

export async function oidcSignInAction(formData: FormData) {
  const provider = String(formData.get('provider') ?? '');
  if (!['google', 'microsoft-entra-id'].includes(provider)) return;
  await signIn(provider, { redirectTo: safeCallbackUrl(String(formData.get('callbackUrl') ?? '')) });
}
