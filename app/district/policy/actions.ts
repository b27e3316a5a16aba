'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { DistrictPolicyInput, saveDistrictPolicy } from '@/lib/district/policy-settings';
import { parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function saveDistrictPolicyAction(input: unknown): Promise<ActionResult> {
  const parsed = parseInput(DistrictPolicyInput, input);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    await saveDistrictPolicy({ actor, input: parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district/policy');
  revalidatePath('/district/reports');
  return { ok: true, message: 'Saved. Reports now use these steps.' };
}
