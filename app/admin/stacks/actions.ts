'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { createIssuerStack, publishStack, retireStack, STACK_FORM_OUT_OF_DATE, updateStack } from '@/lib/authoring/stacks';
import { seenAtInput } from '@/lib/seen-at';
import { formDataToObject, toActionError, type ActionResult } from '@/lib/action-result';

const asArray = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String).filter(Boolean);

const Input = z.object({
  // NUL (U+0000) cannot reach Postgres: it is dropped before the ids are used.
  stackId: str().max(40).optional(),
  issuerId: str().max(40).optional(),
  intent: z.enum(['save', 'publish', 'retire']).default('save'),
  // When the page was opened (the stack's updatedAt then), from a hidden field: a save on top of
  // someone else's newer save is refused instead of putting back what they changed.
  seenUpdatedAt: seenAtInput(STACK_FORM_OUT_OF_DATE).optional(),
}).superRefine((v, ctx) => {
  // Retiring saves nothing from the form, so it needs no load time; every other save of a stack does.
  if (v.stackId && v.intent !== 'retire' && !v.seenUpdatedAt) ctx.addIssue({ code: 'custom', path: ['seenUpdatedAt'], message: STACK_FORM_OUT_OF_DATE });
});

/** Retiring changes only the status: what was changed in the form is not saved, and the admin is told so. */
const RETIRED = 'Retired: it is no longer in the catalogue. Retiring does not save changes made in the form: any you made were not saved.';

export async function saveStackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const meta = Input.safeParse(raw);
  if (!meta.success) {
    // A page without a usable load time is told to reload, not to fix fields.
    const stale = meta.error.issues.some((i) => i.path[0] === 'seenUpdatedAt');
    return { ok: false, formError: stale ? STACK_FORM_OUT_OF_DATE : 'The form could not be read.' };
  }
  const def = {
    slug: String(raw.slug ?? ''), title: String(raw.title ?? ''), summary: String(raw.summary ?? ''), description: String(raw.description ?? ''),
    badgeColor: String(raw.badgeColor ?? '#7c3aed'), microCredentials: asArray(raw.microCredentials),
  };
  let id = meta.data.stackId;
  try {
    const actor = await requireActor();
    if (meta.data.intent === 'retire' && id) {
      await retireStack({ actor, stackId: id });
    } else {
      if (id) await updateStack({ actor, stackId: id, seenUpdatedAt: meta.data.seenUpdatedAt!, def });
      else id = (await createIssuerStack({ actor, issuerId: meta.data.issuerId ?? '', def })).id;
      if (meta.data.intent === 'publish') await publishStack({ actor, stackId: id });
    }
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/stacks');
  revalidatePath('/catalog');
  if (!meta.data.stackId) redirect(`/admin/stacks/${id}?saved=1`);
  revalidatePath(`/admin/stacks/${id}`);
  return { ok: true, message: meta.data.intent === 'publish' ? 'Saved and published.' : meta.data.intent === 'retire' ? RETIRED : 'Saved.' };
}
