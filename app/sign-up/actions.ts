'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { signUp } from '@/lib/auth/accounts';
import { SignUpInput } from '@/lib/auth/schemas';
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
  redirect('/dashboard?welcome=1');
}
