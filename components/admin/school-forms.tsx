'use client';

import { useActionState } from 'react';
import { addSchoolAction } from '@/app/district/schools/actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

export function AddSchoolForm({ districtId }: { districtId: string }) {
  const [state, action, pending] = useActionState(addSchoolAction, initialActionState);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <>
      {/* Outside the form, which starts empty again after a success: always mounted, so it is announced. */}
      <ActionAlerts state={state.ok ? state : initialActionState} />
    <form {...keepInputForm(action)} key={state.ok && state.message ? state.message : 'form'}>
      <input type="hidden" name="districtId" value={districtId} />
      {!state.ok ? <ActionAlerts state={state} /> : null}
      <div className="grid gap-x-4 sm:grid-cols-[1fr_auto] sm:items-end">
        <TextField label="School name" name="name" id="new-school-name" required maxLength={120} errors={errors?.name} />
        <div className="mb-4">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">{pending ? 'Adding…' : 'Add school'}</button>
        </div>
      </div>
    </form>
    </>
  );
}
