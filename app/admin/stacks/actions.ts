'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { requireActor } from '@/lib/auth/session';
import { createIssuerStack, publishStack, retireStack, updateStack } from '@/lib/authoring/stacks';
import { formDataToObject, toActionError, type ActionResult } from '@/lib/action-result';

const asArray = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String).filter(Boolean);

const Input = z.object({
  // NUL (U+0000) cannot reach Postgres: it is dropped before the ids are used.
  stackId: str().max(40).optional(),
  issuerId: str().max(40).optional(),
  intent: z.enum(['save', 'publish', 'retire']).default('save'),
});

export async function saveStackAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const raw = formDataToObject(formData);
  const meta = Input.safeParse(raw);
  if (!meta.success) return { ok: false, formError: 'The form could not be read.' };
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
      if (id) await updateStack({ actor, stackId: id, def });
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
  return { ok: true, message: meta.data.intent === 'publish' ? 'Saved and published.' : meta.data.intent === 'retire' ? 'Retired: it is no longer in the catalogue.' : 'Saved.' };
}
