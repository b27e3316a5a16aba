'use server';

import { headers } from 'next/headers';
import { ForgotPasswordInput, requestPasswordReset } from '@/lib/auth/password-reset';
import { clientIp } from '@/lib/http/client-ip';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function forgotPasswordAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ForgotPasswordInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    await requestPasswordReset({ email: parsed.data.email, ip: clientIp(await headers()) });
  } catch (e) {
    return toActionError(e);
  }
  // The same answer whether or not the address has an account.
  return { ok: true, message: `If ${parsed.data.email} has a Microcred account, a link to choose a new password is on its way. It works once, for an hour. Check your spam folder if it has not arrived in a few minutes.` };
}
