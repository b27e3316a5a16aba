'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { removeTeacherFromDistrict, setTeacherSchool } from '@/lib/district/people';
import { csvFromForm } from '@/lib/csv-form';
import { BulkInviteInput, DistrictRequestDecisionInput, MAX_INVITE_FILE_BYTES, TeacherRemoveInput, TeacherSchoolInput } from '@/lib/people/schemas';
import { describeInviteCheck, describeInviteOutcome, fingerprintInviteCsv, inviteTeachersFromFile, previewBulkInvite, type BulkInviteRow, type InviteCounts, type InviteOutcome } from '@/lib/people/bulk-invite';
import { isDomainError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { decideDistrictRequest, decideDistrictRequests, describeDistrictDecisions, MAX_DECIDED_AT_ONCE, type DistrictDecisions } from '@/lib/district/requests';
import { str } from '@/lib/zod-text';
import { formDataToObject, parseInput, toActionError, type ActionResult } from '@/lib/action-result';

export async function setTeacherSchoolAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(TeacherSchoolInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a school.' };
  try {
    const actor = await requireActor();
    const { changed } = await setTeacherSchool({ actor, ...parsed.data });
    revalidatePath('/district/teachers');
    return { ok: true, message: changed ? 'Saved.' : 'No change.' };
  } catch (e) {
    return toActionError(e);
  }
}

export async function removeTeacherAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(TeacherRemoveInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a teacher.' };
  try {
    const actor = await requireActor();
    const { name } = await removeTeacherFromDistrict({ actor, ...parsed.data });
    revalidatePath('/district/teachers');
    return { ok: true, message: `${name} is no longer linked to the district.` };
  } catch (e) {
    return toActionError(e);
  }
}

export async function decideDistrictRequestAction(_prev: ActionResult, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(DistrictRequestDecisionInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose confirm or decline.' };
  try {
    const actor = await requireActor();
    await decideDistrictRequest({ actor, ...parsed.data });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath('/district/people');
  revalidatePath('/district/teachers');
  // The request leaves the list with its form, so the page itself says what happened.
  redirect(`/district/people?district=${encodeURIComponent(parsed.data.districtId)}&request=${parsed.data.decision === 'confirm' ? 'confirmed' : 'declined'}#requests`);
}

// One ticked box posts a single value, several post a list.
const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const DistrictRequestsDecisionInput = z.object({
  districtId: str().min(1).max(40),
  userIds: z.preprocess(asList, z.array(str().min(1).max(40)).min(1, 'Tick at least one request.').max(MAX_DECIDED_AT_ONCE, `Tick at most ${MAX_DECIDED_AT_ONCE} requests at a time.`)),
  decision: z.enum(['confirm', 'decline'], { error: 'Choose confirm or decline.' }),
  schoolId: str().max(40).optional().transform((v) => v || null),
});

/**
 * "Confirm selected" / "Decline selected" on the requests list: each ticked person is decided on
 * their own (lib/district/requests.ts), and the answer says who was and who was skipped, and why.
 */
export async function decideDistrictRequestsAction(_prev: ActionResult<DistrictDecisions>, formData: FormData): Promise<ActionResult<DistrictDecisions>> {
  const parsed = DistrictRequestsDecisionInput.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.path[0] === 'userIds' || i.path[0] === 'decision');
    return { ok: false, formError: issue?.message ?? 'Reload the page and try again.' };
  }
  try {
    const actor = await requireActor();
    const outcome = await decideDistrictRequests({ actor, ...parsed.data });
    revalidatePath('/district/people');
    if (outcome.decision === 'confirm' && outcome.decided.length) revalidatePath('/district/teachers');
    return { ok: true, message: describeDistrictDecisions(outcome), data: outcome };
  } catch (e) {
    return toActionError(e);
  }
}

type BulkInvitePreview = {
  step: 'preview';
  /** The text checked, shown back in the form; `checked` is its fingerprint, sent back to invite. */
  csv: string;
  checked: string;
  fileError: string | null;
  rows: BulkInviteRow[];
  counts: InviteCounts;
  summary: string;
  /** Why the preview is shown again instead of sending (the list changed, or a row went wrong since). */
  notice: string | null;
};
type BulkInviteState = ActionResult<BulkInvitePreview | { step: 'done'; outcome: InviteOutcome }>;


async function bulkInvitePreview(actor: Actor, districtId: string, csv: string, notice: string | null): Promise<BulkInviteState> {
  const preview = await previewBulkInvite({ actor, districtId, csv });
  return {
    ok: true,
    data: { step: 'preview', csv, checked: fingerprintInviteCsv(csv), fileError: preview.fileError, rows: preview.rows, counts: preview.counts, summary: preview.fileError ? '' : describeInviteCheck(preview.counts), notice },
  };
}

/**
 * Inviting teachers from a file. Step 1 (intent=preview) shows every row and what will happen to it;
 * step 2 (intent=invite) sends, only for the text the preview showed and only if every row is still
 * right (checked again on the server); otherwise the preview comes back saying why.
 */
export async function bulkInviteAction(_prev: BulkInviteState, formData: FormData): Promise<BulkInviteState> {
  const parsed = parseInput(BulkInviteInput, formDataToObject(formData));
  if (!parsed.ok) return { ok: false, formError: 'Choose a district.' };
  const read = await csvFromForm(formData, MAX_INVITE_FILE_BYTES);
  if (!read.ok) return read;
  const { csv } = read;
  const { districtId, intent, checked } = parsed.data;
  try {
    const actor = await requireActor();
    if (intent !== 'invite') return await bulkInvitePreview(actor, districtId, csv, null);
    if (checked !== fingerprintInviteCsv(csv)) {
      return await bulkInvitePreview(actor, districtId, csv, 'The list changed since it was checked, so nobody was invited. Check the rows below, then invite.');
    }
    let outcome: InviteOutcome;
    try {
      outcome = await inviteTeachersFromFile({ actor, districtId, csv });
    } catch (e) {
      // A row that went wrong since the check (a school renamed, say): show the rows again.
      if (isDomainError(e) && e.code === 'VALIDATION') return await bulkInvitePreview(actor, districtId, csv, e.message);
      throw e;
    }
    revalidatePath('/district/people');
    return { ok: true, message: describeInviteOutcome(outcome), data: { step: 'done', outcome } };
  } catch (e) {
    return toActionError(e);
  }
}
