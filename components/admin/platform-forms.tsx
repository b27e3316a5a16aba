'use client';

import { useEffect, useRef } from 'react';
import { createOrganizationAction } from '@/app/platform/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { SelectField, TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { InvitationOutcome } from '@/components/admin/invitation-outcome';

/** `peoplePath` is set when the first admin or leader could not be invited here: where to do it. */
type Created = { name: string; link: string | null; peoplePath?: string; invited?: boolean };

/**
 * Said when creating got no answer (offline, a deploy since the page loaded): the form stays, with
 * what was typed and chosen, to send again. Sending again creates no second organisation: the same
 * form gives the same address (typed, or made from the name), which the first one would hold, and
 * that is refused as taken. The list on this page was drawn before, so it only shows the first after
 * a reload.
 */
export const CREATE_ORGANIZATION_UNREACHABLE = couldNotReach(
  'the organisation may not have been created',
  'What you entered is still here, and it cannot be created twice: if pressing again says its address is taken, reload the page and look for it in the list. Check your connection and press Create organisation again.',
);
const unreachable: ActionResult<Created> = { ok: false, formError: CREATE_ORGANIZATION_UNREACHABLE };

/**
 * A new issuer or district. The server checks every field (the form has noValidate): a missing name,
 * a malformed address or email is said in the alert and marked on its field, and what was typed
 * stays. After a success the form is emptied for the next one: reset, not remounted, so focus stays
 * on the button and a later refusal does not wipe what was typed since.
 */
export function NewOrganizationForm() {
  const { state, pending, formProps } = useReachableActionState(createOrganizationAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok && state.data) formRef.current?.reset();
  }, [state]);
  return (
    <>
      <InvitationOutcome
        message={state.ok ? state.message : undefined}
        link={state.ok ? state.data?.link : null}
        followUp={state.ok && state.data?.invited === false && state.data.peoplePath ? { href: state.data.peoplePath, text: `Open ${state.data.name}’s people page` } : undefined}
      />
      <form ref={formRef} {...formProps} noValidate>
        {/* Its success is InvitationOutcome's to tell (with the link); a failure takes focus to the first field to correct. */}
        <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField label="Kind" name="kind" defaultValue="ISSUER" errors={errors?.kind} hint="Issuers author credentials and review; districts place teachers, decide proposals and report.">
            <option value="ISSUER">Issuing organisation</option>
            <option value="DISTRICT">School district</option>
          </SelectField>
          <TextField label="Name" name="name" required maxLength={120} errors={errors?.name} />
          <TextField
            label="Address (optional)"
            name="slug"
            maxLength={60}
            hint="Lowercase letters, digits and hyphens, used in its public address; made from the name if left empty. It cannot change later."
            errors={errors?.slug}
          />
          <TextField label="First admin or leader’s email (optional)" name="firstEmail" type="email" autoComplete="off" hint="They get an invitation and can invite everyone else." errors={errors?.firstEmail} />
        </div>
        <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
          {pending ? 'Creating…' : 'Create organisation'}
        </button>
      </form>
    </>
  );
}
