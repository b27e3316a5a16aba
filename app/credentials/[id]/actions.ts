'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { revokeAward, RevokeAwardInput } from '@/lib/awards/revoke';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function revokeAwardAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RevokeAwardInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await revokeAward({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/credentials/${parsed.data.awardId}`);
  return { ok: true, message: 'The credential is revoked. Verifiers will now report it as revoked.' };
}
