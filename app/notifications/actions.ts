'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { markAllNotificationsRead } from '@/lib/notifications/mutations';

export async function markAllReadAction() {
  const actor = await requireActor();
  await markAllNotificationsRead(actor.id);
  revalidatePath('/', 'layout');
}
