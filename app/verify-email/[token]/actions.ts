'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { confirmEmail } from '@/lib/auth/email-verification';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

const ConfirmEmailInput = z.object({ token: str().trim().min(1).max(200) });

export async function confirmEmailAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(ConfirmEmailInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'This confirmation link is not valid.' };
  try {
    await confirmEmail({ token: parsed.data.token });
  } catch (e) {
    return toActionError(e);
  }
  redirect('/verify-email/confirmed');
}
