'use client';

import { useEffect, useRef } from 'react';
import { addSchoolAction } from '@/app/district/schools/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

/**
 * Said when adding got no answer (offline, a deploy since the page loaded). Adding again is safe: a
 * school added already is refused as a name the district has.
 */
export const ADD_SCHOOL_UNREACHABLE = couldNotReach('the school may not have been added', 'The name is still here: check your connection and press Add school again.');
const unreachable: ActionResult = { ok: false, formError: ADD_SCHOOL_UNREACHABLE };

/**
 * "Add a school". The server checks the name (the form has noValidate): a missing or too long one is
 * said in the alert and marked on the field, and what was typed stays. After a success the form is
 * emptied for the next school: reset, not remounted, so focus stays on the button and a later refusal
 * does not wipe what was typed since.
 */
export function AddSchoolForm({ districtId }: { districtId: string }) {
  const { state, pending, formProps } = useReachableActionState(addSchoolAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && state.message) formRef.current?.reset();
  }, [state]);
  return (
    <form ref={formRef} {...formProps} noValidate>
      <input type="hidden" name="districtId" value={districtId} />
      {/* Always mounted, so the outcome is announced when it appears. */}
      <ActionAlerts state={state} />
      <div className="grid gap-x-4 sm:grid-cols-[1fr_auto] sm:items-end">
        <TextField label="School name" name="name" id="new-school-name" required maxLength={120} errors={errors?.name} />
        <div className="mb-4">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">{pending ? 'Adding…' : 'Add school'}</button>
        </div>
      </div>
    </form>
  );
}
