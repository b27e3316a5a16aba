'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/lib/auth/config';
import { getActor } from '@/lib/auth/session';
import { acceptInvitation } from '@/lib/people/mutations';
import { AcceptNewAccountInput } from '@/lib/people/schemas';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import { homePathForEmail } from '@/lib/auth/accounts';
import { BrowserTimeZone } from '@/lib/time-zone';

export async function acceptSignedInAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const token = z.string().min(10).max(200).safeParse(formData.get('token'));
  if (!token.success) return { ok: false, formError: 'This invitation link is not valid.' };
  let email: string;
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, formError: 'Your session has ended. Sign in again.' };
    email = (await acceptInvitation({ token: token.data, actor })).email;
  } catch (e) {
    return toActionError(e);
  }
  redirect(await homePathForEmail(email));
}

export async function acceptNewAccountAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(AcceptNewAccountInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let email: string;
  try {
    email = (await acceptInvitation({ token: parsed.data.token, actor: null, newAccount: { name: parsed.data.name, password: parsed.data.password } })).email;
    // The browser's zone goes with the first sign-in, which keeps it on the new account (ADR 023).
    const timeZone = BrowserTimeZone.parse(formData.get('timeZone') ?? undefined);
    await signIn('credentials', { email, password: parsed.data.password, ...(timeZone ? { timeZone } : {}), redirect: false });
  } catch (e) {
    return toActionError(e);
  }
  redirect(await homePathForEmail(email));
}
