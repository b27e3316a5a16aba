'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { markAllNotificationsRead, NOTIFICATIONS_PATH, openNotification } from '@/lib/notifications/mutations';
import { formDataToObject } from '@/lib/action-result';
import { isDomainError } from '@/lib/errors';

// The time the page was shown; anything missing or odd falls back to now.
const MarkAllInput = z.object({
  upTo: z.string().max(40).optional().transform((v) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v) : undefined)).catch(undefined),
  // The page of the list it was pressed on (as the page accepts it); anything else: the first page.
  cursor: z.string().regex(/^[a-z0-9]{1,40}$/i).optional().catch(undefined),
});

export async function markAllReadAction(formData: FormData) {
  const actor = await requireActor();
  const { upTo, cursor } = MarkAllInput.parse(formDataToObject(formData));
  await markAllNotificationsRead(actor.id, upTo);
  revalidatePath('/', 'layout');
  // The button goes once nothing is unread: the page says it worked where focus can land (ArrivalNotice).
  redirect(`${NOTIFICATIONS_PATH}?${new URLSearchParams({ ...(cursor ? { cursor } : {}), marked: '1' })}`);
}

// Notification ids are cuids: anything else (a NUL byte Postgres would reject, say) opens the list.
const OpenNotificationInput = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) });

/**
 * Opening an unread notification: marks it read and goes where it points. Only the id comes from the
 * form; where it leads is read from the person's own notification, checked to be a path on this site.
 */
export async function openNotificationAction(formData: FormData) {
  const actor = await requireActor();
  const parsed = OpenNotificationInput.safeParse(formDataToObject(formData));
  let href = NOTIFICATIONS_PATH;
  if (parsed.success) {
    try {
      href = await openNotification({ actor, notificationId: parsed.data.id });
    } catch (e) {
      // Gone or someone else's: back to the list, which shows what is theirs.
      if (!isDomainError(e)) throw e;
    }
  }
  // The unread count in the header changes.
  revalidatePath('/', 'layout');
  redirect(href);
}
