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
import { fingerprintInviteCsv } from '@/lib/people/bulk-invite';
import type { Actor } from '@/lib/auth/actor';

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

/**
 * Grants a reviewer one of the issuer's credentials, or removes the grant. Removing a grant that is
 * no longer there (another admin removed it, or they qualify only by holding the badge) says so.
 */
export async function qualificationAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(QualificationInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a micro-credential.' };
  let result: Awaited<ReturnType<typeof setReviewerQualification>>;
  try {
    const actor = await requireActor();
    result = await setReviewerQualification({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/admin/people');
  if (!result.changed) {
    return { ok: false, formError: result.keptByBadge ? 'There is no grant to remove: they are qualified by holding the badge.' : 'There is no grant to remove: they are not qualified for this credential.' };
  }
  return { ok: true };
}

type EnrolPreview = {
  step: 'preview';
  title: string;
  rows: Omit<EnrolPreviewRow, 'school'>[];
  errorCount: number;
  fileError: string | null;
  /** The list checked, shown back in the form; `checked` fingerprints it with what to enrol them in, sent back to import. */
  csv: string;
  checked: string;
  /** Why the preview is shown again instead of importing (the list or the micro-credential changed since). */
  notice: string | null;
};
type EnrolState = ActionResult<EnrolPreview | { step: 'done'; rows: number; created: number; enrolled: number; requested: number; notAsked: number; title: string }>;

/** The import goes ahead only for what the preview showed: the same issuer, target and list. */
const enrolFingerprint = (d: { issuerId: string; target: string }, csv: string) => fingerprintInviteCsv(`${d.issuerId}\n${d.target}\n${csv}`);

const ENROL_CHANGED_NOTICE = 'The list or what to enrol them in changed since the preview, so nothing was imported: check the new preview, then import.';

async function enrolPreview(actor: Actor, d: { issuerId: string; target: string }, csv: string, notice: string | null): Promise<EnrolState> {
  const preview = await previewBulkEnrol({ actor, ...d, csv });
  return {
    ok: true,
    data: {
      step: 'preview', title: preview.target.title, errorCount: preview.errorCount, fileError: preview.fileError, csv, checked: enrolFingerprint(d, csv), notice,
      rows: preview.rows.map(({ school, ...r }) => ({ ...r, schoolText: school?.name ?? r.schoolText })),
    },
  };
}

/**
 * Step 1 (intent=preview) shows each row's problems; step 2 (intent=import) imports all or nothing,
 * and only what the preview showed: if the list or what to enrol them in changed since (`checked`
 * differs), the new preview comes back instead, saying so.
 */
export async function bulkEnrolAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const raw = formDataToObject(formData);
  const parsed = parseInput(BulkEnrolTarget, raw);
  if (!parsed.ok) return parsed.result;
  const read = await csvFromForm(formData, MAX_ENROL_FILE_BYTES);
  if (!read.ok) return read;
  const { csv } = read;
  try {
    const actor = await requireActor();
    if (raw.intent !== 'import') return await enrolPreview(actor, parsed.data, csv, null);
    if (raw.checked !== enrolFingerprint(parsed.data, csv)) return await enrolPreview(actor, parsed.data, csv, ENROL_CHANGED_NOTICE);
    const done = await importBulkEnrol({ actor, ...parsed.data, csv });
    revalidatePath('/admin/people');
    return { ok: true, data: { step: 'done', ...done } };
  } catch (e) {
    return toActionError(e);
  }
}
