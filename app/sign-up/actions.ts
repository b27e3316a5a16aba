'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth/config';
import { signUp } from '@/lib/auth/accounts';
import { SignUpInput } from '@/lib/auth/schemas';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function signUpAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(SignUpInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const h = await headers();
    const ip = h.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
    await signUp(parsed.data, { ip });
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (e) {
    return toActionError(e);
  }
  redirect('/dashboard?welcome=1');
}
