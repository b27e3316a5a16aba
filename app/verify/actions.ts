'use server';

import { verifyUpload, VerifyInput, type VerifyFieldErrors, type VerifyOutcome } from '@/lib/awards/verify-upload';
import { zodFieldErrors } from '@/lib/action-result';
import { hitRateLimit } from '@/lib/rate-limit';
import { headers } from 'next/headers';
import { clientIp } from '@/lib/http/client-ip';

export async function verifyAction(input: unknown): Promise<VerifyOutcome> {
  const parsed = VerifyInput.safeParse(input);
  if (!parsed.success) {
    // The pasted text and the email address are fields on the form: their messages are said there.
    const errors = zodFieldErrors(parsed.error);
    const fieldErrors: VerifyFieldErrors = {};
    if (errors.text?.[0]) fieldErrors.text = errors.text[0];
    if (errors.email?.[0]) fieldErrors.email = errors.email[0];
    const onFields = Object.keys(fieldErrors).length > 0;
    return { ok: false, message: parsed.error.issues[0]?.message ?? 'Nothing to verify.', ...(onFields ? { fieldErrors } : {}) };
  }
  const ip = clientIp(await headers()) ?? 'local';
  const limit = await hitRateLimit(`verify:${ip}`, 120, 60);
  if (!limit.allowed) return { ok: false, message: 'Too many checks in a minute. Wait a moment and try again.' };
  try {
    return await verifyUpload(parsed.data);
  } catch {
    return { ok: false, message: 'We could not check that credential. It may be damaged.' };
  }
}
