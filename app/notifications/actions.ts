'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { markAllNotificationsRead } from '@/lib/notifications/mutations';
import { formDataToObject } from '@/lib/action-result';

// The time the page was shown; anything missing or odd falls back to now.
const MarkAllInput = z.object({ upTo: z.string().max(40).optional().transform((v) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined)).catch(undefined) });

export async function markAllReadAction(formData: FormData) {
  const actor = await requireActor();
  const { upTo } = MarkAllInput.parse(formDataToObject(formData));
  await markAllNotificationsRead(actor.id, upTo);
  revalidatePath('/', 'layout');
}
