'use client';

import { useEffect, useRef } from 'react';
import { inviteAction } from '@/app/admin/people/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { SelectField, TextField } from '@/components/ui/field';
import { InvitationOutcome } from '@/components/admin/invitation-outcome';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when inviting got no answer (offline, a deploy since the page loaded): the form stays, with
 * the school and address as they were, to send again. Sending again is safe: an address with an open
 * invitation to be that school's leader is refused as such, so a press that did get through is told,
 * not sent twice.
 */
export const INVITE_SCHOOL_LEADER_UNREACHABLE = couldNotReach('the invitation may not have been sent', 'What you chose and typed is still here, and nobody is invited twice: check your connection and press Invite school leader again.');
const unreachable: ActionResult<{ link: string | null; emailed: boolean }> = { ok: false, formError: INVITE_SCHOOL_LEADER_UNREACHABLE };

/**
 * A district leader invites a school's leader (principal): the invitation is to the school, with the
 * school-leader role, through the same invitations as teachers and district leaders.
 */
export function InviteSchoolLeaderForm({ schools }: { schools: { id: string; name: string }[] }) {
  const { state, pending, formProps } = useReachableActionState(inviteAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  // Sent: the address is cleared, so a second press cannot send the same invitation again.
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.ok && state.message && emailRef.current) emailRef.current.value = '';
  }, [state]);
  return (
    <form {...formProps} noValidate aria-label="Invite a school leader">
      <input type="hidden" name="role" value="SCHOOL_LEADER" />
      <InvitationOutcome message={state.ok ? state.message : undefined} link={state.ok ? state.data?.link : null} />
      <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
      <div className="grid gap-x-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        {/* No school chosen in advance: a principal invited to the wrong school would read its teachers. */}
        <SelectField label="School" name="organizationId" id="school-leader-school" errors={errors?.organizationId} defaultValue="" required>
          <option value="">Choose a school</option>
          {schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </SelectField>
        <TextField ref={emailRef} label="Email" name="email" id="school-leader-email" type="email" autoComplete="off" errors={errors?.email} required />
        <div className="mb-4">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">{pending ? 'Sending…' : 'Invite school leader'}</button>
        </div>
      </div>
    </form>
  );
}
