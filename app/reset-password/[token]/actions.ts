'use server';

import { redirect } from 'next/navigation';
import { ResetPasswordInput, resetPassword } from '@/lib/auth/password-reset';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function resetPasswordAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ResetPasswordInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result;
  try {
    result = await resetPassword({ token: parsed.data.token, password: parsed.data.password });
  } catch (e) {
    return toActionError(e);
  }
  // On an account that was not confirmed, settings were reset: the sign-in page says so (the notice says which).
  redirect(result.settingsReset ? '/sign-in?password=reset-settings' : '/sign-in?password=reset');
}
