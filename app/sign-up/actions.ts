'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { signUp } from '@/lib/auth/accounts';
import { SignUpInput, safeCallbackUrl } from '@/lib/auth/schemas';
import { clientIp } from '@/lib/http/client-ip';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function signUpAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(SignUpInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    await signUp(parsed.data, { ip: clientIp(await headers()) });
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (e) {
    return toActionError(e);
  }
  // Back to what they chose before signing up (a credential page, say), else the welcome dashboard.
  redirect(safeCallbackUrl(parsed.data.callbackUrl, '/dashboard?welcome=1'));
}
