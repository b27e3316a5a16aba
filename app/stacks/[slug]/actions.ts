'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { enrollInStack } from '@/lib/enrollment/mutations';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

const EnrollStackInput = z.object({ stackId: str().min(1).max(40) });

/** Names the parts added while the list stays short enough to read out; a count beyond that. */
const NAMED_AT_MOST = 3;
const listFmt = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

function enrolledMessage(r: Awaited<ReturnType<typeof enrollInStack>>): string {
  if (r.added.length === 0) {
    return r.alreadyEnrolled ? 'You were already enrolled in every part you have not earned.' : 'There is no part of this stack left for you to enrol in.';
  }
  const what = r.added.length <= NAMED_AT_MOST ? listFmt.format(r.added.map((p) => `“${p.title}”`)) : `${r.added.length} parts of this stack`;
  return `Added ${what} to your dashboard.`;
}

export async function enrollStackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(EnrollStackInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result: Awaited<ReturnType<typeof enrollInStack>>;
  try {
    const actor = await requireActor();
    result = await enrollInStack({ actor, stackId: parsed.data.stackId });
  } catch (e) {
    return toActionError(e);
  }
  // The stack's own address, as stored: not one posted with the form.
  revalidatePath(`/stacks/${result.slug}`);
  return { ok: true, message: enrolledMessage(result) };
}
