'use server';

import { revalidatePath } from 'next/cache';
import { env } from '@/lib/env';
import { requireActor } from '@/lib/auth/session';
import { cancelInvitation, changeRole, importBulkEnrol, inviteMember, previewBulkEnrol, resendInvitation, setReviewerQualification } from '@/lib/people/mutations';
import { BulkEnrolTarget, InvitationIdInput, InviteInput, MAX_ENROL_FILE_BYTES, QualificationInput, RoleChangeInput } from '@/lib/people/schemas';
import { csvFromForm } from '@/lib/csv-form';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';
import type { EnrolPreviewRow } from '@/lib/people/mutations';
import { invitationsStopped } from '@/lib/people/invitation-words';

export async function inviteAction(_prev: ActionResult<{ link: string | null; emailed: boolean }>, formData: FormData): Promise<ActionResult<{ link: string | null; emailed: boolean }>> {
  const parsed = parseInput(InviteInput, formDataToObject(formData));
  if (!parsed.ok) return parsed.result;
  let result: { link: string | null; emailed: boolean };
  try {
    const actor = await requireActor();
    result = await inviteMember({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/people');
  revalidatePath('/district/people');
  // Without SMTP (demos) the email waits in the outbox page, which stands in for the inbox.
  const demoNote = result.emailed && env().DEMO_MODE && !env().SMTP_URL ? ' In this demo it is in the email outbox (footer link).' : '';
  return { ok: true, data: { link: result.link, emailed: result.emailed }, message: result.emailed ? `Invitation emailed to ${parsed.data.email}.${demoNote}` : `The invitation was created but the email could not be sent. Share this link with ${parsed.data.email}.` };
}

/** Cancels an open invitation (issuer admins and district leaders); its row leaves the list. */
export async function cancelInvitationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(InvitationIdInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose an invitation.' };
  let email: string;
  try {
    const actor = await requireActor();
    ({ email } = await cancelInvitation({ actor, ...parsed.data }));
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/people');
  revalidatePath('/district/people');
  return { ok: true, message: `The invitation to ${email} was cancelled. Its link no longer works.` };
}

/** Sends an open invitation again with a new link; the row stays, with its new expiry. */
export async function resendInvitationAction(_prev: ActionResult<{ link: string | null }>, formData: FormData): Promise<ActionResult<{ link: string | null }>> {
  const parsed = parseInput(InvitationIdInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose an invitation.' };
  let result: Awaited<ReturnType<typeof resendInvitation>>;
  try {
    const actor = await requireActor();
    result = await resendInvitation({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/people');
  revalidatePath('/district/people');
  const demoNote = result.emailed && env().DEMO_MODE && !env().SMTP_URL ? ' In this demo it is in the email outbox (footer link).' : '';
  return {
    ok: true,
    data: { link: result.link },
    message: result.emailed
      ? `Sent again to ${result.email} with a new link; the earlier link no longer works.${demoNote}`
      : `A new link was made (the earlier one no longer works) but the email could not be sent. Share this link with ${result.email}:`,
  };
}

/**
 * Adds or removes a role. Removing a district leader's or issuer admin's role says how many of the
 * invitations they sent stopped working, and to be what (changeRole withdraws all but teachers').
 */
export async function changeRoleAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(RoleChangeInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a role.' };
  let result: Awaited<ReturnType<typeof changeRole>>;
  try {
    const actor = await requireActor();
    result = await changeRole({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/people');
  revalidatePath('/district/people');
  const { op, role } = parsed.data;
  const stopped = op === 'remove' && (role === 'DISTRICT_LEADER' || role === 'ISSUER_ADMIN')
    ? invitationsStopped(result.withdrawnByRole, role === 'DISTRICT_LEADER' ? 'DISTRICT' : 'ISSUER')
    : null;
  return stopped ? { ok: true, message: stopped } : { ok: true };
}

export async function qualificationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(QualificationInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a micro-credential.' };
  try {
    const actor = await requireActor();
    await setReviewerQualification({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/people');
  return { ok: true };
}

type EnrolState = ActionResult<{ step: 'preview'; title: string; rows: Omit<EnrolPreviewRow, 'school'>[]; errorCount: number; fileError: string | null; csv: string } | { step: 'done'; rows: number; created: number; enrolled: number; requested: number; notAsked: number; title: string }>;

/** Step 1 (intent=preview) shows each row's problems; step 2 (intent=import) imports all or nothing. */
export async function bulkEnrolAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const raw = formDataToObject(formData);
  const parsed = parseInput(BulkEnrolTarget, raw);
  if (!parsed.ok) return parsed.result;
  const read = await csvFromForm(formData, MAX_ENROL_FILE_BYTES);
  if (!read.ok) return read;
  const { csv } = read;
  try {
    const actor = await requireActor();
    if (raw.intent === 'import') {
      const done = await importBulkEnrol({ actor, ...parsed.data, csv });
      revalidatePath('/admin/people');
      return { ok: true, data: { step: 'done', ...done } };
    }
    const preview = await previewBulkEnrol({ actor, ...parsed.data, csv });
    return {
      ok: true,
      data: { step: 'preview', title: preview.target.title, errorCount: preview.errorCount, fileError: preview.fileError, csv, rows: preview.rows.map(({ school, ...r }) => ({ ...r, schoolText: school?.name ?? r.schoolText })) },
    };
  } catch (e) {
    return toActionError(e);
  }
}
