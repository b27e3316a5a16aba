'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { unsubscribeWithLink } from '@/lib/email/unsubscribe';
import { UnsubscribeTokenShape } from '@/lib/email/unsubscribe-token';
import { formDataToObject, toActionError, type ActionResult } from '@/lib/action-result';

const StopWorkEmailsInput = z.object({ token: str().pipe(UnsubscribeTokenShape) });

const UNSUBSCRIBE_LINK_NOT_VALID = 'This link is not valid. Check that you opened the whole link from the email, or sign in and untick “Email me about my work” on your account page.';

/**
 * "Stop emails about my work", pressed on the page an email's unsubscribe link opens: no sign-in,
 * the link's token says whose. The page then shows that they are off (read from the account).
 */
export async function stopWorkEmailsAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = StopWorkEmailsInput.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, formError: UNSUBSCRIBE_LINK_NOT_VALID };
  let outcome;
  try {
    outcome = await unsubscribeWithLink({ token: parsed.data.token, via: 'page' });
  } catch (e) {
    return toActionError(e);
  }
  if (outcome === 'invalid') return { ok: false, formError: UNSUBSCRIBE_LINK_NOT_VALID };
  redirect(`/unsubscribe/${parsed.data.token}/confirm`);
}
