'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { ApprovableCredentialSearchInput, DistrictPolicyInput, saveDistrictPolicy, type CredentialChoice } from '@/lib/district/policy-settings';
import { searchApprovableCredentials } from '@/lib/district/salary-approval';
import { parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function saveDistrictPolicyAction(input: unknown): Promise<ActionResult<{ seenAt: string }>> {
  const parsed = parseInput(DistrictPolicyInput, input);
  if (!parsed.ok) return parsed.result;
  let seenAt: Date;
  try {
    const actor = await requireActor();
    ({ seenAt } = await saveDistrictPolicy({ actor, input: parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district/policy');
  revalidatePath('/district/reports');
  return { ok: true, message: 'Saved. Reports now use these steps.', data: { seenAt: seenAt.toISOString() } };
}

/**
 * The policy form's search for a micro-credential to approve on its own: published ones whose
 * words match, for a leader of the district. Writes nothing; the choice is saved with the policy.
 */
export async function searchApprovableCredentialsAction(input: unknown): Promise<ActionResult<{ items: CredentialChoice[]; more: boolean }>> {
  const parsed = parseInput(ApprovableCredentialSearchInput, input);
  if (!parsed.ok) return parsed.result;
  try {
    const actor = await requireActor();
    return { ok: true, data: await searchApprovableCredentials({ actor, districtId: parsed.data.districtId, q: parsed.data.q }) };
  } catch (e) {
    return toActionError(e);
  }
}
