'use server';

import { redirect } from 'next/navigation';
import { ResetPasswordInput, resetPassword } from '@/lib/auth/password-reset';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function resetPasswordAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ResetPasswordInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    await resetPassword({ token: parsed.data.token, password: parsed.data.password });
  } catch (e) {
    return toActionError(e);
  }
  redirect('/sign-in?password=reset');
}
