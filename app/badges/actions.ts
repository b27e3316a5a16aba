'use server';

import { revalidatePath } from 'next/cache';
import { requireActor } from '@/lib/auth/session';
import { formDataToObject, toActionError, type ActionResult } from '@/lib/action-result';
import { BadgeOnPortfolioInput } from '@/lib/awards/schemas';
import { setBadgeOnPortfolio } from '@/lib/awards/portfolio';
import { badgePortfolioOutcome } from '@/components/awards/portfolio-words';

/** My badges: "Hide from my portfolio" / "Show on my portfolio" on one badge. */
export async function setBadgeOnPortfolioAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  // The form's fields are hidden ones the page wrote: a bad value is an edited or stale page.
  const parsed = BadgeOnPortfolioInput.safeParse(formDataToObject(formData));
  if (!parsed.success) return { ok: false, formError: 'That badge could not be found. Reload the page and try again.' };
  let result;
  try {
    result = await setBadgeOnPortfolio({ actor: await requireActor(), ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/badges');
  revalidatePath('/account');
  if (result.handle) revalidatePath(`/u/${result.handle}`);
  return { ok: true, message: badgePortfolioOutcome(result.title, parsed.data.show) };
}
