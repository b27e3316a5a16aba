'use server';

import { verifyUpload, VerifyInput, type VerifyOutcome } from '@/lib/awards/verify-upload';
import { hitRateLimit } from '@/lib/rate-limit';
import { headers } from 'next/headers';
import { clientIp } from '@/lib/http/client-ip';

export async function verifyAction(input: unknown): Promise<VerifyOutcome> {
  const parsed = VerifyInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Nothing to verify.' };
  const ip = clientIp(await headers()) ?? 'local';
  const limit = await hitRateLimit(`verify:${ip}`, 120, 60);
  if (!limit.allowed) return { ok: false, message: 'Too many checks in a minute. Wait a moment and try again.' };
  try {
    return await verifyUpload(parsed.data);
  } catch {
    return { ok: false, message: 'We could not check that credential. It may be damaged.' };
  }
}
