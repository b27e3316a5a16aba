'use client';

import { useActionState, useEffect, useRef } from 'react';
import { inviteAction } from '@/app/admin/people/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { SelectField, TextField } from '@/components/ui/field';
import { InvitationOutcome } from '@/components/admin/invitation-outcome';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { keepInputForm } from '@/components/ui/keep-input';

/**
 * A district leader invites a school's leader (principal): the invitation is to the school, with the
 * school-leader role, through the same invitations as teachers and district leaders.
 */
export function InviteSchoolLeaderForm({ schools }: { schools: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(inviteAction, { ok: true } as ActionResult<{ link: string | null; emailed: boolean }>);
  const errors = state.ok ? undefined : state.fieldErrors;
  // Sent: the address is cleared, so a second press cannot send the same invitation again.
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.ok && state.message && emailRef.current) emailRef.current.value = '';
  }, [state]);
  return (
    <form {...keepInputForm(action)} noValidate aria-label="Invite a school leader">
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
